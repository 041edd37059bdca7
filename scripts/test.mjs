#!/usr/bin/env node
// Runs every *.test.ts / *.test.tsx under src/ and test/ with node:test through tsx.
// Node 20's --test does not expand globs, so the files are listed here.
// Usage: node scripts/test.mjs [path-filter ...]   (e2e tests run unless SKIP_E2E=1; TEST_TIMEOUT_MS per test)
// The client islands are built first when public/assets/ lacks them or is older than client/ (browser tests load them).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

function clientAssetsStale() {
  if (!existsSync('client')) return false;
  for (const name of readdirSync('client')) {
    const match = /^(.*)\.tsx?$/.exec(name);
    if (!match || /\.test\.tsx?$/.test(name)) continue;
    const out = join('public', 'assets', `${match[1]}.js`);
    if (!existsSync(out) || statSync(out).mtimeMs < statSync(join('client', name)).mtimeMs) return true;
  }
  return false;
}

if (clientAssetsStale()) {
  const build = spawnSync(process.execPath, ['scripts/build-client.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const filters = process.argv.slice(2);
let files = [...walk('src', []), ...walk('test', [])].sort();
if (process.env.SKIP_E2E === '1') files = files.filter((f) => !f.startsWith(join('test', 'e2e')));
if (filters.length) files = files.filter((f) => filters.some((flt) => f.includes(flt)));
if (!files.length) {
  console.error('Aucun fichier de test ne correspond.');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    // Test files run in parallel processes (each suite has its own databases); TEST_CONCURRENCY=1 to serialise.
    `--test-concurrency=${Number(process.env.TEST_CONCURRENCY) || 3}`,
    // A test that hangs fails after this long instead of blocking the run (CI included).
    `--test-timeout=${Number(process.env.TEST_TIMEOUT_MS) || 300_000}`,
    '--test-reporter=spec',
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
