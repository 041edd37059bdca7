// Library imports at scale (issue 8, « Imports »): an Interconnectés file of 100,000 and 200,000 rows of realistic
// length (descriptions of about 1 KB, sentences of our own), streamed from disk
// into a fresh database by the library's import service, while the same process serves web requests (the library
// page with a search, as a visitor would) through the HTTP pipeline. Prints rows/s, the peak resident memory of the
// process during the import, and the p99 of the web requests made meanwhile, with the targets.
//
//   node --import tsx bench/library-import.ts          SQLite and PostgreSQL (when reachable)
//   BENCH_QUICK=1 …                                      20,000 rows only
//   BENCH_IMPORT_ROWS=50000,100000 …                     other sizes
//   BENCH_IMPORT_CACHE=/tmp/x …                          keeps the generated files there for the next runs
//   BENCH_IMPORT_TRACE=1 …                               the import's memory every 2 s
// The import's process runs this file precompiled (build/bench), as `npm start` runs build/server: see childEntry.
import { spawnSync } from 'node:child_process';
import { appendFileSync, createReadStream, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { INTERCONNECTES_PUBLIC_COLUMNS } from '../src/modules/library/fields.ts';
import { toCsv } from '../src/modules/library/formats/csv.ts';
import { audiences, INTERCONNECTES_VALUES, subThemes, themes } from '../src/modules/library/reference.ts';
import { libraryServicesOf } from '../src/modules/library/services/index.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { buildServer } from '../src/server.ts';
import { startNodeFlags } from '../test/helpers/process.ts';
import { seededRandom } from '../test/helpers/random.ts';
import { type BenchDialect, type Benchmark, benchmark, emptyDatabase, type Figure, percentile } from './lib.ts';

export interface Authority {
  name: string;
  siren: string;
}

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const SEARCHES = ['énergie', 'cantine', 'déchets', 'éclairage public', 'chaleur', 'stationnement', 'archives', 'eau'];

// Sentences of our own, combined at random into descriptions of about 1 KB (the length of real registers).
const SENTENCES = [
  'Le service a d’abord été testé pendant six mois dans deux quartiers avant d’être étendu à tout le territoire.',
  'Les agents vérifient chaque proposition de l’outil avant toute décision, et peuvent la corriger en un clic.',
  'Les données viennent des capteurs installés sur le réseau et des signalements faits par les habitants.',
  'Un comité réunissant élus, agents et habitants suit les résultats chaque trimestre et décide des évolutions.',
  'Le modèle est réentraîné chaque année avec les données de la saison précédente, anonymisées au préalable.',
  'Les premiers résultats montrent une baisse nette des interventions inutiles et des délais de réponse.',
  'La collectivité publie la documentation du projet et le code source sous licence libre pour d’autres territoires.',
  'Une analyse d’impact a été menée avec le délégué à la protection des données avant la mise en service.',
  'Les tournées sont désormais planifiées la veille, en tenant compte de la météo et des événements prévus.',
  'Le prestataire héberge les traitements en France, sur une infrastructure qualifiée pour les données publiques.',
  'Les habitants peuvent consulter en ligne la carte mise à jour chaque nuit et signaler une erreur.',
  'Le projet a été financé en partie par un appel à projets régional consacré à la transition numérique.',
];
const ACTIONS = ['Prévision', 'Détection', 'Optimisation', 'Analyse', 'Classement', 'Suivi', 'Repérage', 'Estimation'];
const OBJECTS = [
  'des fuites d’eau',
  'des repas servis',
  'de l’éclairage public',
  'des tournées de collecte',
  'des dépôts sauvages',
  'du stationnement',
  'des îlots de chaleur',
  'des courriers reçus',
  'des risques de crue',
];

/** An Interconnectés public file of `n` sheets over `authorities` (titles unique per authority from `start`). */
export function generateCsv(n: number, start: number, authorities: Authority[], rnd: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const rows: string[][] = [[...INTERCONNECTES_PUBLIC_COLUMNS]];
  for (let i = 0; i < n; i++) {
    const a = pick(authorities);
    const title = `${pick(ACTIONS)} ${pick(OBJECTS)} n° ${start + i + 1}`;
    const parts: string[] = [`${title} : ${a.name} a mis en place ce service en ${2016 + Math.floor(rnd() * 10)}.`];
    while (parts.join(' ').length < 950) parts.push(pick(SENTENCES));
    const theme = pick(themes.codes);
    rows.push([
      a.name,
      title,
      a.siren,
      (42 + rnd() * 8.5).toFixed(5),
      (-4 + rnd() * 11.5).toFixed(5),
      'Commune',
      `${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}/${2016 + Math.floor(rnd() * 10)}`,
      INTERCONNECTES_VALUES.projectStatuses[pick(['experimentation', 'deployment', 'finished'] as const)],
      rnd() < 0.4 ? 'Université partenaire, prestataire numérique' : '',
      parts.join(' '),
      INTERCONNECTES_VALUES.themes[theme],
      subThemes.labelOf(pick(subThemes.codes)),
      pick(audiences.codes.map((c) => INTERCONNECTES_VALUES.audiences[c])),
      'https://www.exemple.fr/projet',
      'https://www.exemple.fr/logo.png',
      '15/06/2025',
    ]);
  }
  return toCsv(rows);
}

/**
 * Writes a file of `rows` generated sheets, 2,000 at a time (the generator never holds the whole file); each part
 * names its own authorities.
 */
export function writeFile(path: string, rows: number, authorities: Authority[]): number {
  const rnd = seededRandom(7);
  writeFileSync(path, '');
  for (let start = 0; start < rows; start += 2000) {
    const csv = generateCsv(Math.min(2000, rows - start), start, authorities, rnd);
    appendFileSync(path, start === 0 ? csv : csv.slice(csv.indexOf('\n') + 1));
  }
  return statSync(path).size;
}

interface ChildResult {
  rows: number;
  created: number;
  ms: number;
  cpuMs: number;
  baselineMb: number;
  peakMb: number;
  /** Peak of the JavaScript heap in use (the rest of the RSS: code, native buffers, garbage not yet collected). */
  peakHeapMb: number;
  latencies: number[];
  failures: number;
  error?: string;
}

/** In a fresh process (memory measured from a served app, not from the preparation): the import under web load. */
async function child(input: { url: string; dir: string; file: string }): Promise<ChildResult> {
  const handle = openDatabase(input.url, { poolSize: 4 });
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: input.url,
    DATA_DIR: input.dir,
    SESSION_SECRET: SECRET,
    BASE_URL: 'http://127.0.0.1',
    SEED_DEMO: 'false',
    RUN_JOBS: 'false',
    LOG_LEVEL: 'silent',
    PAGES_RATE_LIMIT: '0',
  });
  const server = await buildServer(config, { handle, worker: false, seed: false });
  await server.app.ready();
  await server.app.inject({ method: 'GET', url: '/bibliotheque' });
  const imports = libraryServicesOf(server.platform).imports;
  let running = true;
  const latencies: number[] = [];
  let failures = 0;
  const web = (async () => {
    let i = 0;
    // BENCH_IMPORT_NO_WEB=1: the import alone (its own CPU time and memory, without the web requests' share).
    while (running && !process.env.BENCH_IMPORT_NO_WEB) {
      const url = `/bibliotheque?q=${encodeURIComponent(SEARCHES[i % SEARCHES.length]!)}&page=${1 + (i % 3)}`;
      const t = performance.now();
      const res = await server.app.inject({ method: 'GET', url });
      latencies.push(performance.now() - t);
      if (res.statusCode !== 200) failures++;
      i++;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const baselineUsage = process.memoryUsage();
  const baseline = baselineUsage.rss;
  let peak = baseline;
  let peakHeap = process.memoryUsage().heapUsed;
  let samples = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
    // The heap in use every 10th sample (memoryUsage() walks the heap spaces: dearer than the RSS alone).
    if (++samples % 10 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 25);
  const cpu = process.cpuUsage();
  const started = performance.now();
  // BENCH_IMPORT_TRACE=1: process.memoryUsage() every 2 s on stderr (where the memory goes while the import runs).
  const trace = process.env.BENCH_IMPORT_TRACE
    ? setInterval(() => {
        const m = process.memoryUsage();
        const mb = (n: number) => Math.round(n / 1e6);
        console.error(
          `trace ${Math.round(performance.now() - started)} ms rss ${mb(m.rss)} tas ${mb(m.heapUsed)}/${mb(m.heapTotal)} ` +
            `externe ${mb(m.external)} buffers ${mb(m.arrayBuffers)}`,
        );
      }, 2000)
    : null;
  const report = await imports.importFile(
    null,
    { format: 'interconnectes', open: () => createReadStream(input.file, { highWaterMark: 1 << 20 }) },
    { system: true },
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  // BENCH_IMPORT_MEMORY=1: process.memoryUsage() before and after the import (heap, external), printed by the parent.
  if (process.env.BENCH_IMPORT_MEMORY)
    console.error('mémoire', JSON.stringify({ before: baselineUsage, after: process.memoryUsage() }));
  clearInterval(sampler);
  if (trace) clearInterval(trace);
  peak = Math.max(peak, process.memoryUsage.rss());
  running = false;
  await web;
  await server.close();
  await handle.close();
  return {
    rows: report.rows,
    created: report.created,
    ms,
    cpuMs: (used.user + used.system) / 1000,
    baselineMb: baseline / 1e6,
    peakMb: peak / 1e6,
    peakHeapMb: peakHeap / 1e6,
    latencies,
    failures,
    error: report.errorCount ? `${report.errors[0]!.message} (ligne ${report.errors[0]!.line})` : undefined,
  };
}

/**
 * How the import's process runs this file: precompiled by esbuild with the options of scripts/build-server.mjs
 * into build/bench (packages left outside, as `npm start` runs build/server/cli.js), so that its memory is a shipped server's and not
 * tsx's (~130 MB of loader and compiled modules). BENCH_IMPORT_TSX=1: through tsx, as before.
 */
async function childEntry(): Promise<string[]> {
  if (process.env.BENCH_IMPORT_TSX) return ['--import', 'tsx', fileURLToPath(import.meta.url)];
  const { build } = await import('esbuild');
  // Beside build/server (same depth: paths the server resolves from its own file lead to the same places).
  const outfile = join(fileURLToPath(new URL('../build/bench/', import.meta.url)), 'library-import-child.mjs');
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    sourcesContent: false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'error',
  });
  return ['--enable-source-maps', outfile];
}

/** A fresh database with the geographic code and a generated file of `rows` sheets; then the import in a child. */
async function measureOne(dialect: BenchDialect, rows: number, log: (line: string) => void): Promise<Figure[]> {
  const database = await emptyDatabase(dialect);
  try {
    const handle = openDatabase(database.url, { poolSize: 4 });
    const config = loadConfig({
      DATABASE_URL: database.url,
      DATA_DIR: database.dir,
      SESSION_SECRET: SECRET,
      BASE_URL: 'http://127.0.0.1',
      SEED_DEMO: 'false',
      RUN_JOBS: 'false',
      LOG_LEVEL: 'silent',
    });
    const server = await buildServer(config, { handle, worker: false, seed: false });
    const organisations = server.modules.api('organisations') as {
      ensureGeography(): Promise<boolean>;
      list(
        f: { type: string },
        p: { limit: number; offset: number },
      ): Promise<{ rows: { name: string; siren: string | null }[] }>;
    };
    await organisations.ensureGeography();
    const communes = await organisations.list({ type: 'commune' }, { limit: 40_000, offset: 0 });
    const authorities: Authority[] = communes.rows
      .filter((o) => o.siren)
      .map((o) => ({ name: o.name, siren: o.siren! }));
    await server.close();
    await handle.close();
    // BENCH_IMPORT_CACHE=<dir>: the generated file is kept there and read again by the next runs (it is the same
    // file every time: same communes, same seed), which spares minutes of generation when measuring repeatedly.
    const cache = process.env.BENCH_IMPORT_CACHE;
    const file = join(cache ?? database.dir, `import-${rows}.csv`);
    let bytes: number;
    if (cache && existsSync(file)) {
      bytes = statSync(file).size;
      log(`${dialect} : fichier de ${rows} lignes (${Math.round(bytes / 1e6)} Mo) repris de ${cache}`);
    } else {
      if (cache) mkdirSync(cache, { recursive: true });
      bytes = writeFile(`${file}.part`, rows, authorities);
      renameSync(`${file}.part`, file);
      log(`${dialect} : fichier de ${rows} lignes (${Math.round(bytes / 1e6)} Mo) écrit`);
    }
    // The Node flags of `npm start` (its heap limit included): the memory a real server would use.
    // BENCH_CPU_PROF=<dir>: the import's process writes a CPU profile there (node --cpu-prof).
    const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    // BENCH_NODE_FLAGS: more Node flags for the import's process (e.g. --heapsnapshot-near-heap-limit=1).
    const extra = process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : [];
    const flags = [...startNodeFlags(), ...prof, ...extra, ...(await childEntry())];
    const loadBefore = loadavg()[0]!;
    const run = spawnSync(process.execPath, flags, {
      env: { ...process.env, BENCH_IMPORT_CHILD: JSON.stringify({ url: database.url, dir: database.dir, file }) },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    if (process.env.BENCH_IMPORT_MEMORY || process.env.BENCH_IMPORT_TRACE) log(run.stderr.trim());
    if (run.status !== 0 || !line.startsWith('{')) throw new Error(`import : ${run.stderr.slice(-2000)}`);
    const r = JSON.parse(line) as ChildResult;
    const load = `${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`;
    if (r.error) throw new Error(`import : ${r.error}`);
    const rate = (r.rows / r.ms) * 1000;
    const p99 = percentile(r.latencies, 99);
    log(
      `${dialect} : ${r.created} fiches créées en ${Math.round(r.ms)} ms (${Math.round(rate)} lignes/s, ` +
        `${Math.round((r.rows / r.cpuMs) * 1000)} lignes par seconde de processeur), mémoire max ${Math.round(r.peakMb)} Mo ` +
        `(tas JS max ${Math.round(r.peakHeapMb)} Mo) ` +
        `(avant : ${Math.round(r.baselineMb)} Mo), ${r.latencies.length} requêtes web, p99 ${p99.toFixed(0)} ms, ${r.failures} erreurs`,
    );
    const size = rows.toLocaleString('fr-FR');
    return [
      {
        measure: `import en flux, ${size} lignes (~1 Ko de description)`,
        database: dialect,
        value: rate,
        unit: 'lignes/s',
        min: 5000,
        note: `${Math.round(bytes / 1e6)} Mo lus deux fois, lots d’environ 50 ms ; charge moyenne ${load} (machine partagée : voir la ligne suivante)`,
      },
      {
        measure: `import en flux, ${size} lignes : lignes par seconde de processeur`,
        database: dialect,
        value: (r.rows / r.cpuMs) * 1000,
        unit: 'lignes/s CPU',
        note: `temps processeur du processus (import et requêtes web) : ${Math.round(r.cpuMs / 1000)} s ; la vitesse sur un cœur libre, requêtes web comprises (BENCH_IMPORT_NO_WEB=1 : l’import seul)`,
      },
      {
        measure: `import en flux, ${size} lignes : mémoire max du processus`,
        database: dialect,
        value: r.peakMb,
        unit: 'Mo',
        max: 300,
        note: `application web comprise (${Math.round(r.baselineMb)} Mo avant l’import ; tas JavaScript max ${Math.round(r.peakHeapMb)} Mo)`,
      },
      {
        measure: `requêtes web pendant l’import de ${size} lignes : p99`,
        database: dialect,
        value: p99,
        unit: 'ms',
        max: 200,
        note: `${r.latencies.length} requêtes /bibliotheque?q=… (p50 ${percentile(r.latencies, 50).toFixed(0)} ms, max ${Math.max(...r.latencies).toFixed(0)} ms, ${r.failures} erreurs)`,
      },
    ];
  } finally {
    await database.dispose();
  }
}

if (process.env.BENCH_IMPORT_CHILD) {
  child(JSON.parse(process.env.BENCH_IMPORT_CHILD))
    .then((r) => {
      process.stdout.write(`${JSON.stringify(r)}\n`);
      process.exit(0);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}

// The child process (BENCH_IMPORT_CHILD) only runs `child`, not the benchmark again.
const run: Benchmark['run'] = async ({ dialects, quick, log }) => {
  const sizes = process.env.BENCH_IMPORT_ROWS
    ? process.env.BENCH_IMPORT_ROWS.split(',').map(Number)
    : quick
      ? [20_000]
      : [100_000, 200_000];
  const figures: Figure[] = [];
  for (const dialect of dialects) for (const rows of sizes) figures.push(...(await measureOne(dialect, rows, log)));
  return figures;
};

export default process.env.BENCH_IMPORT_CHILD
  ? { title: 'Imports de la bibliothèque', run }
  : benchmark(import.meta.url, 'Imports de la bibliothèque', run);
