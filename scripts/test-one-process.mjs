// Runs test files in this one process (the unit tier: `node --import tsx --import ./scripts/test-tier-guard.mjs
// scripts/test-one-process.mjs <file…>`). Pure tests share nothing but loaded modules, so one process instead of one
// per file saves the start-up and TypeScript loading of every file: the whole unit tier in seconds.
// A file that fails to load becomes a failing test named after it; the others still run.
// TEST_TIMEOUT_MS (default 60 s) bounds each test; the whole run stops after 10 minutes.
import { resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const watchdog = setTimeout(() => {
  console.error('Tests unitaires : plus de 10 minutes, arrêt (un test ne se termine pas ?)');
  process.exit(1);
}, 10 * 60_000);
watchdog.unref();

for (const file of process.argv.slice(2)) {
  try {
    await import(pathToFileURL(resolve(file)).href);
  } catch (error) {
    test(`${file} : chargement du fichier`, () => {
      throw error;
    });
  }
}
