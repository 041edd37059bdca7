// Transitional: `organisations:load` is declared by the module definition (index.ts `commands`). This empty file
// stays until src/commands.ts drops its import line.
export {};
