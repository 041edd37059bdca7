#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx (a runtime dependency), so the command works right after `npm ci`.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(process.env.BIBLIOTHEQUE_IA_CWD || process.cwd());
const { main } = await import(pathToFileURL(join(root, 'src', 'cli.ts')).href);
// `serve` resolves only if it failed to start; every other command resolves with its exit code.
const code = await main(process.argv.slice(2));
process.exit(code ?? 0);
