// Test tiers, named by the test file's suffix (docs/CONVENTIONS.md, « Tests »):
//   x.test.ts          unit    pure: no database, no server, no browser, no ../shared/data (fast: npm run test:unit)
//   x.db.test.ts       db      stores and services against SQLite and PostgreSQL (describeEachDatabase)
//   x.http.test.ts     http    through HTTP (describeEachApp, or real `serve` processes)
//   x.shared.test.ts   shared  reads the real public files of ../shared/data (test/helpers/shared-data.ts)
//   test/e2e/**        e2e     real browser (Chromium) and accessibility checks
// Shared by scripts/test.mjs (the runner) and scripts/list-test-tiers.mjs (the report of misnamed files).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { importsOf } from './check-boundaries.mjs';

/** In the order `npm test` runs them: the fast tiers first, so a broken rule fails early. */
export const TIERS = ['unit', 'db', 'http', 'shared', 'e2e'];

const TEST_FILE = /\.test\.tsx?$/;

/** Every test file under the given folders (relative paths, sorted). */
export function listTestFiles(roots = ['src', 'test', 'client']) {
  const out = [];
  const walk = (dir) => {
    let names;
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (TEST_FILE.test(name)) out.push(path);
    }
  };
  for (const root of roots) walk(root);
  return out.sort();
}

/** The tier of a test file, from its path. */
export function tierOf(file) {
  const path = file.split(sep).join('/');
  if (path.startsWith('test/e2e/') || path.includes('/test/e2e/')) return 'e2e';
  if (/\.shared\.test\.tsx?$/.test(path)) return 'shared';
  if (/\.db\.test\.tsx?$/.test(path)) return 'db';
  if (/\.http\.test\.tsx?$/.test(path)) return 'http';
  return 'unit';
}

/**
 * What a test file's source shows it needs, beyond its tier: each entry is a reason it belongs to another tier.
 * Read from the imports and a few tell-tale calls (the runner's guard catches the rest at run time).
 */
const SIGNS = [
  // Imports (read with the boundary check's tokenizer: a path quoted in a string or a comment does not count).
  { tier: 'http', imports: /\/helpers\/app\.ts$/, what: 'importe test/helpers/app.ts' },
  { tier: 'http', imports: /\/helpers\/process\.ts$/, what: 'lance des processus serve (test/helpers/process.ts)' },
  { tier: 'db', imports: /\/helpers\/databases\.ts$/, what: 'importe test/helpers/databases.ts' },
  {
    tier: 'db',
    imports: /^(\.\.\/)+cli\.ts$|\/src\/cli\.ts$/,
    what: 'lance la commande bibliotheque-ia (src/cli.ts), qui ouvre une base',
  },
  { tier: 'shared', imports: /\/helpers\/shared-data\.ts$/, what: 'lit ../shared/data (test/helpers/shared-data.ts)' },
  { tier: 'e2e', imports: /e2e\/harness\.ts$|^playwright-core$/, what: 'pilote un navigateur' },
  // Calls and paths in the code.
  { tier: 'http', pattern: /\bbuildServer\s*\(/, what: 'appelle buildServer()' },
  { tier: 'db', pattern: /\bopenDatabase\s*\(/, what: 'appelle openDatabase()' },
  { tier: 'db', pattern: /process\.env\.DATABASE_URL\s*=/, what: 'règle DATABASE_URL' },
  { tier: 'shared', pattern: /shared\/data\//, what: 'lit ../shared/data' },
];

/** Tiers a file may need without being misnamed: a db test may use the shared-data helper's path, etc. */
const ALLOWED = {
  unit: [],
  db: ['db'],
  http: ['http', 'db'],
  shared: ['shared', 'db', 'http'],
  e2e: ['e2e', 'http', 'db'],
};

/** Files whose name puts them in a lighter tier than what they do: [{ file, tier, needs, reasons[] }]. */
export function misnamedTests(files = listTestFiles()) {
  const out = [];
  for (const file of files) {
    const tier = tierOf(file);
    const source = readFileSync(file, 'utf8');
    const specifiers = importsOf(source).map((i) => i.specifier);
    const shows = (s) => (s.imports ? specifiers.some((x) => s.imports.test(x)) : s.pattern.test(source));
    const reasons = SIGNS.filter((s) => !ALLOWED[tier].includes(s.tier) && shows(s));
    if (!reasons.length) continue;
    // The heaviest need decides the suggested name (shared beats http beats db).
    const order = ['shared', 'e2e', 'http', 'db'];
    const needs = order.find((t) => reasons.some((r) => r.tier === t));
    out.push({ file, tier, needs, reasons: reasons.map((r) => r.what) });
  }
  return out;
}

/** The name a misnamed file should have. */
export function suggestedName(file, needs) {
  if (needs === 'e2e') return `test/e2e/${file.split(sep).pop()}`;
  return file.replace(/(\.(db|http|shared))?\.test\.(tsx?)$/, `.${needs}.test.$3`);
}
