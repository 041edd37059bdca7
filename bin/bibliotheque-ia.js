#!/usr/bin/env node
// The `bibliotheque-ia` command. It runs the precompiled server (build/server/cli.js, made by
// scripts/build-server.mjs during `npm ci` and before `npm start`) when that build matches the sources: plain Node,
// ~130 MB less memory than compiling TypeScript at run time. When there is no build, or a source changed since
// (development, tests, a `git pull` without `npm start`), it runs the TypeScript sources through tsx (a runtime
// dependency), exactly as before. BIBLIOTHEQUE_IA_SOURCES=1 forces the sources.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serverBuildState } from '../scripts/server-build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = process.env.BIBLIOTHEQUE_IA_SOURCES === '1' ? { fresh: false } : serverBuildState(root);
let entry;
if (build.fresh) {
  // Stack traces name the TypeScript files and lines (build/server/cli.js.map).
  process.setSourceMapsEnabled(true);
  entry = build.entry;
} else {
  if (build.reason && process.env.NODE_ENV === 'production' && process.argv[2] === 'serve') {
    console.error(
      `Sources TypeScript exécutées par tsx (${build.reason}) : \`npm run build\` ou \`npm start\` les précompile.`,
    );
  }
  const { register } = await import('tsx/esm/api');
  register();
  entry = join(root, 'src', 'cli.ts');
}
process.chdir(process.env.BIBLIOTHEQUE_IA_CWD || process.cwd());
const { main } = await import(pathToFileURL(entry).href);
// `serve` resolves only if it failed to start; every other command resolves with its exit code.
const code = await main(process.argv.slice(2));
process.exit(code ?? 0);
