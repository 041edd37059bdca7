#!/usr/bin/env node
// Runs the *.test.ts / *.test.tsx files under src/, test/ and client/ with node:test through tsx, tier by tier
// (scripts/test-tiers.mjs: unit, db, http, shared, e2e — named by the file's suffix).
// Node 20's --test does not expand globs, so the files are listed here.
//
// Usage: node scripts/test.mjs [--tier=unit[,db…]] [path-filter …]
//   npm test                 every tier, the fast ones first (a failing tier does not stop the next ones)
//   npm run test:unit        pure tests only, in one process (TEST_TIER=unit: a database, a port or a process fails
//                            the test; TEST_ISOLATION=process runs each file in its own process)
//   npm run test:db | test:http | test:shared | test:e2e
// Environment: SKIP_E2E=1 leaves the browser tests out; TEST_TIMEOUT_MS per test; TEST_CONCURRENCY files at once.
// Each tier runs with TEST_TIER=<tier>; test/helpers/databases.ts and app.ts refuse to load under TEST_TIER=unit.
// The client islands are built first when browser tests run and public/assets/ lacks them or is older than client/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listTestFiles, misnamedTests, suggestedName, TIERS, tierOf } from './test-tiers.mjs';

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

const args = process.argv.slice(2);
let tiers = [...TIERS];
const filters = [];
for (const arg of args) {
  const m = /^--tiers?=(.+)$/.exec(arg);
  if (m) {
    tiers = m[1].split(',').map((t) => t.trim());
    const unknown = tiers.filter((t) => !TIERS.includes(t));
    if (unknown.length) {
      console.error(`Niveau de test inconnu : ${unknown.join(', ')} (niveaux : ${TIERS.join(', ')})`);
      process.exit(2);
    }
  } else filters.push(arg);
}
if (process.env.SKIP_E2E === '1') tiers = tiers.filter((t) => t !== 'e2e');

let files = listTestFiles();
if (filters.length) files = files.filter((f) => filters.some((flt) => f.includes(flt)));
const byTier = new Map(tiers.map((t) => [t, files.filter((f) => tierOf(f) === t)]));
if (![...byTier.values()].some((list) => list.length)) {
  console.error('Aucun fichier de test ne correspond.');
  process.exit(1);
}

// Files named as pure tests that import the database or server helpers: they fail under the unit guard anyway;
// say why up front (scripts/list-test-tiers.mjs prints the whole list).
const unitFiles = byTier.get('unit') ?? [];
if (unitFiles.length) {
  for (const m of misnamedTests(unitFiles)) {
    console.warn(`# ${m.file} : nommé test unitaire mais ${m.reasons.join(', ')} → ${suggestedName(m.file, m.needs)}`);
  }
}

if (byTier.get('e2e')?.length && clientAssetsStale()) {
  const build = spawnSync(process.execPath, ['scripts/build-client.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** Default per-test time limit (the unit tier, in one process, is bounded as a whole by test-one-process.mjs). */
const TIMEOUTS = { unit: 60_000, db: 300_000, http: 300_000, shared: 300_000, e2e: 480_000 };

/** The node arguments that run `list` for `tier`. */
function nodeArgs(tier, list) {
  const loaders = ['--import', 'tsx', '--import', './scripts/test-tier-guard.mjs'];
  const reporter = '--test-reporter=spec';
  // Pure tests run in one process (start-up and TypeScript loading paid once: seconds instead of minutes);
  // TEST_ISOLATION=process gives each file its own process, as the other tiers do.
  if (tier === 'unit' && process.env.TEST_ISOLATION !== 'process') {
    return [...loaders, reporter, 'scripts/test-one-process.mjs', ...list];
  }
  return [
    ...loaders,
    '--test',
    // Test files run in parallel processes (each suite has its own databases); TEST_CONCURRENCY=1 to serialise.
    `--test-concurrency=${Number(process.env.TEST_CONCURRENCY) || 3}`,
    // A test that hangs fails after this long instead of blocking the run (CI included).
    `--test-timeout=${Number(process.env.TEST_TIMEOUT_MS) || TIMEOUTS[tier]}`,
    reporter,
    ...list,
  ];
}

const results = [];
for (const [tier, list] of byTier) {
  if (!list.length) continue;
  console.log(`\n━━ Tests ${tier} : ${list.length} fichier(s)`);
  const start = Date.now();
  const result = spawnSync(process.execPath, nodeArgs(tier, list), {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test', TEST_TIER: tier },
  });
  results.push({ tier, files: list.length, status: result.status ?? 1, seconds: (Date.now() - start) / 1000 });
}

if (results.length > 1 || process.env.CI === 'true') {
  console.log('\n━━ Niveaux de test');
  for (const r of results) {
    console.log(
      `${r.tier.padEnd(8)} ${String(r.files).padStart(4)} fichier(s) ${r.seconds.toFixed(1).padStart(8)} s  ${r.status === 0 ? 'ok' : 'ÉCHEC'}`,
    );
  }
}
process.exit(results.every((r) => r.status === 0) ? 0 : 1);
