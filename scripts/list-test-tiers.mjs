#!/usr/bin/env node
// Lists the test files by tier (scripts/test-tiers.mjs) and the files whose name puts them in a lighter tier than
// what they do (a `x.test.ts` that opens a database, a `x.db.test.ts` that reads ../shared/data…).
// Usage: node scripts/list-test-tiers.mjs [--all] [--strict]
//   --all     also lists every file with its tier
//   --strict  exits 1 when a file is misnamed (for CI once every module follows the rule)
import { listTestFiles, misnamedTests, suggestedName, TIERS, tierOf } from './test-tiers.mjs';

const args = new Set(process.argv.slice(2));
const files = listTestFiles();
const counts = Object.fromEntries(TIERS.map((t) => [t, 0]));
for (const f of files) counts[tierOf(f)]++;
if (args.has('--all')) for (const f of files) console.log(`${tierOf(f).padEnd(7)} ${f}`);
console.log(`${files.length} fichiers de test : ${TIERS.map((t) => `${t} ${counts[t]}`).join(', ')}`);

const misnamed = misnamedTests(files);
if (!misnamed.length) {
  console.log('Chaque fichier est nommé selon ce qu’il fait.');
  process.exit(0);
}
console.log(`\n${misnamed.length} fichier(s) mal nommé(s) :`);
for (const m of misnamed) {
  console.log(`  ${m.file} (${m.tier}) : ${m.reasons.join(', ')}\n    → ${suggestedName(m.file, m.needs)}`);
}
process.exit(args.has('--strict') ? 1 : 0);
