#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx (a runtime dependency), so the command works right after `npm ci`.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(process.env.BIBLIOTHEQUE_IA_CWD || process.cwd());
const { main } = await import(pathToFileURL(join(root, 'src', 'cli.ts')).href);
const code = await main(process.argv.slice(2));
if (code !== undefined && process.argv[2] !== 'serve') process.exit(code);
