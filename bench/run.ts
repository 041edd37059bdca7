// `npm run bench`: runs every registered benchmark, each in its own process (so that one's memory and JIT state do
// not colour the next), then prints one table with the figures, the ratios and the targets of the issues.
//
//   npm run bench                      all benchmarks, SQLite and PostgreSQL (when reachable)
//   npm run bench -- startup http      only the files whose name contains one of these words
//   BENCH_QUICK=1 npm run bench        shorter runs, smaller data (smoke run)
//   BENCH_SQLITE_ONLY=1 npm run bench  skip PostgreSQL
//
// To add a benchmark: write bench/<name>.ts with `export default benchmark(import.meta.url, 'Titre', async (ctx) => …)`
// (see bench/lib.ts) and add ONE line to the list below.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Figure, formatTable, ROOT } from './lib.ts';

const benchmarks: string[] = [
  'startup.ts', // cold start and idle memory, `serve` on SQLite and PostgreSQL
  'http.ts', // home page vs static route throughput (autocannon)
  'questionnaires.ts', // autosave throughput, results of 10,000 responses, streamed exports
  'results-networks.ts', // results by network (protection of networks) and two campaigns compared, 10,000 responses
  'campaigns.ts', // a campaign to every commune (35,000, one contact each): preview, queuing, dashboard, memory
  'questionnaire-import.ts', // a 1 MB and a 4 MB (120,000 choices) questionnaire import: time, longest event-loop stall
  'contacts-import.ts', // one contact per commune (35,000 rows) imported over HTTP: dry run and import, time, memory
  'library-import.ts', // streamed imports of 100,000 and 200,000 rows: rows/s, peak memory, web p99 meanwhile
  'library.ts', // imports, search with facets at 100,000 sheets, library page vs static route, start and memory
  'search.ts', // first searches at 100,000 sheets of ~1 KB: server p50/p99 against the raw FTS5 / tsvector query
  'pooling.ts', // pooling suggestions: purity on the PSTW dataset, 100,000 sheets computed by the job, page time
  'voice.ts', // citizens' voice: first page of a 2,000-message thread, sheet page, posting by 400 people
  'deadline.ts', // deadline day: 500 respondents autosaving every 2 s, one instance (SQLite), two (PostgreSQL)
  'soak.ts', // 10 minutes of mixed traffic: errors, memory growth, RSS and p99 over time (bench/out/)
  'account-existence.ts', // forgotten password and sign-in link: known vs unknown address, medians and ratio
];

const filters = process.argv.slice(2);
const selected = benchmarks.filter((file) => !filters.length || filters.some((f) => file.includes(f)));
if (!selected.length) {
  console.error(`Aucun banc ne correspond à « ${filters.join(' ')} ». Bancs : ${benchmarks.join(', ')}`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'bia-bench-run-'));
const results: { title: string; figures: Figure[] }[] = [];
const failures: string[] = [];
const started = performance.now();
for (const file of selected) {
  const out = join(dir, `${file}.json`);
  const t = performance.now();
  process.stderr.write(`▶ ${file}\n`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', file)], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, BENCH_OUT: out },
  });
  const seconds = ((performance.now() - t) / 1000).toFixed(1);
  if (child.status !== 0 || !existsSync(out)) {
    failures.push(`${file} (code ${child.status})`);
    process.stderr.write(`✗ ${file} a échoué après ${seconds} s\n`);
    continue;
  }
  results.push(JSON.parse(readFileSync(out, 'utf8')));
  process.stderr.write(`✓ ${file} (${seconds} s)\n`);
}
rmSync(dir, { recursive: true, force: true });

console.log(
  `\nBancs d'essai — Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
);
console.log(formatTable(results));
console.log(
  `\nDurée totale : ${((performance.now() - started) / 1000).toFixed(1)} s. ✓/✗ : objectif des tickets atteint ou non (informatif, jamais vérifié par les tests).`,
);
if (failures.length) {
  console.error(`Bancs en échec : ${failures.join(', ')}`);
  process.exit(1);
}
