// The library's commands are now its module definition's `commands` (commands.ts), with no import side effect.
// This empty file remains only until src/commands.ts stops importing it.
export {};
