// Library imports at scale (issue 8, « Imports »): an Interconnectés file of 100,000 and 200,000 rows of realistic
// length (descriptions of about 1 KB, sentences of our own), imported into a fresh database by the real `import`
// command in its own process (files over the site's upload limit, 20 MB by default, are imported that way), while
// visitors search the library on the real `serve` command beside it. Prints rows/s, the import process's peak
// resident memory and processor time, and the p99 of the visitors' requests meanwhile, with the issue's targets.
//
//   node --import tsx bench/library-import.ts          SQLite and PostgreSQL (when reachable)
//   BENCH_QUICK=1 …                                      20,000 rows only
//   BENCH_IMPORT_ROWS=50000,100000 …                     other sizes
//   BENCH_IMPORT_CACHE=/tmp/x …                          keeps the generated files there for the next runs
//   BENCH_CPU_PROF=/tmp/x …                              the import's process writes a CPU profile there
// Both processes run the precompiled server (build/server, as `npm start`): `npm run bench` builds it when stale.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { INTERCONNECTES_PUBLIC_COLUMNS } from '../src/modules/library/fields.ts';
import { toCsv } from '../src/modules/library/formats/csv.ts';
import { audiences, INTERCONNECTES_VALUES, subThemes, themes } from '../src/modules/library/reference.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { buildServer } from '../src/server.ts';
import { startNodeFlags } from '../test/helpers/process.ts';
import { seededRandom } from '../test/helpers/random.ts';
import {
  type BenchDialect,
  type Benchmark,
  benchmark,
  type EmptyDatabase,
  emptyDatabase,
  type Figure,
  percentile,
  processCpuSeconds,
  processRssMb,
  ROOT,
  type RunningServe,
  startLibraryServe,
} from './lib.ts';

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
    // The server, as `npm start` runs it, while the import runs in its own process as the `import` command does.
    const serve = await startLibraryServe({ databaseUrl: database.url, dataDir: database.dir });
    try {
      return await importBeside(serve, { dialect, database, file, rows, bytes, log });
    } finally {
      await serve.stop();
    }
  } finally {
    await database.dispose();
  }
}

/**
 * The `import` command on `file` (the way files larger than the site's upload limit are imported), in its own
 * process with the Node flags of `npm start`, while visitors search the library on `serve`: rows per second, the
 * import process's peak memory and processor time, the p99 of the visitors' requests meanwhile.
 */
async function importBeside(
  serve: RunningServe,
  input: {
    dialect: BenchDialect;
    database: EmptyDatabase;
    file: string;
    rows: number;
    bytes: number;
    log: (line: string) => void;
  },
): Promise<Figure[]> {
  const { dialect, database, file, rows, bytes, log } = input;
  await fetch(`${serve.url}/bibliotheque`);
  const serverBefore = serve.rssMb();
  let running = true;
  const latencies: number[] = [];
  let failures = 0;
  const web = (async () => {
    for (let i = 0; running; i++) {
      const url = `${serve.url}/bibliotheque?q=${encodeURIComponent(SEARCHES[i % SEARCHES.length]!)}&page=${1 + (i % 3)}`;
      const t = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      if (res.status !== 200) failures++;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  // BENCH_CPU_PROF=<dir>: the import's process writes a CPU profile there (node --cpu-prof).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const loadBefore = loadavg()[0]!;
  // The server's processor time during the import: its visitors and its loads of the sheets the import shows share
  // the machine's cores with the import.
  const serverCpuBefore = processCpuSeconds(serve.pid);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...startNodeFlags(),
      ...prof,
      join(ROOT, 'bin', 'bibliotheque-ia.js'),
      'import',
      '--format',
      'interconnectes',
      file,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: database.url,
        DATA_DIR: database.dir,
        SESSION_SECRET: SECRET,
        BASE_URL: 'http://127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  let peakMb = 0;
  let cpuMs = 0;
  const sampler = setInterval(() => {
    try {
      // The kernel's own peak (VmHWM), so that a peak between two samples is not missed. An ended process not yet
      // reaped has none (NaN): its last samples stand.
      const rss = processRssMb(child.pid!, 'VmHWM');
      if (Number.isFinite(rss)) peakMb = Math.max(peakMb, rss);
      cpuMs = processCpuSeconds(child.pid!) * 1000;
    } catch {
      // The process is gone: its last samples stand.
    }
  }, 25);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const ms = performance.now() - started;
  const serverCpu = processCpuSeconds(serve.pid) - serverCpuBefore;
  clearInterval(sampler);
  running = false;
  await web;
  if (code !== 0) throw new Error(`import (code ${code}) : ${output.slice(-2000)}`);
  const created = Number(/fiches : ([\d\s]+) créées?/.exec(output)?.[1]?.replace(/\D/g, '') ?? Number.NaN);
  if (created !== rows) throw new Error(`import : ${created} fiches créées sur ${rows} :\n${output.slice(-2000)}`);
  const load = `${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`;
  const rate = (rows / ms) * 1000;
  const p99 = percentile(latencies, 99);
  const serverAfter = serve.rssMb();
  log(
    `${dialect} : ${created} fiches créées en ${Math.round(ms)} ms (${Math.round(rate)} lignes/s, ` +
      `${Math.round((rows / cpuMs) * 1000)} lignes par seconde de processeur), mémoire max de l’import ${Math.round(peakMb)} Mo, ` +
      `serveur ${Math.round(serverBefore)} → ${Math.round(serverAfter)} Mo et ${serverCpu.toFixed(1)} s de processeur, ${latencies.length} requêtes web, p99 ${p99.toFixed(0)} ms, ${failures} erreurs, charge ${load}`,
  );
  const size = rows.toLocaleString('fr-FR');
  return [
    {
      measure: `import en flux, ${size} lignes (~1 Ko de description)`,
      database: dialect,
      value: rate,
      unit: 'lignes/s',
      min: 5000,
      note: `commande import ; ${Math.round(bytes / 1e6)} Mo lus deux fois ; charge moyenne ${load} (2 cœurs partagés avec le serveur et ses visiteurs : ${serverCpu.toFixed(1)} s de processeur du serveur pendant l’import)`,
    },
    {
      measure: `import en flux, ${size} lignes : lignes par seconde de processeur`,
      database: dialect,
      value: (rows / cpuMs) * 1000,
      unit: 'lignes/s CPU',
      note: `temps processeur du processus de l’import : ${Math.round(cpuMs / 1000)} s (démarrage compris)`,
    },
    {
      measure: `import en flux, ${size} lignes : mémoire max du processus de l’import`,
      database: dialect,
      value: peakMb,
      unit: 'Mo',
      max: 300,
      note: `le serveur à côté : ${Math.round(serverBefore)} Mo avant, ${Math.round(serverAfter)} Mo après (il sert alors les ${size} fiches)`,
    },
    {
      measure: `requêtes web pendant l’import de ${size} lignes : p99`,
      database: dialect,
      value: p99,
      unit: 'ms',
      max: 200,
      note: `${latencies.length} requêtes /bibliotheque?q=… au serveur (p50 ${percentile(latencies, 50).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms, ${failures} erreurs)`,
    },
  ];
}

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

export default benchmark(import.meta.url, 'Imports de la bibliothèque', run);
