// Shared tools for the benchmarks in bench/: figures and tables, real `serve` processes, empty databases,
// HTTP throughput with autocannon. Benchmarks measure and report; nothing here asserts a timing.
//
// A benchmark file looks like this (and is registered with one line in bench/run.ts):
//
//   import { benchmark } from './lib.ts';
//   export default benchmark(import.meta.url, 'Recherche dans la bibliothèque', async ({ dialects, quick }) => {
//     const figures = [];
//     for (const dialect of dialects) figures.push({ measure: 'recherche p50', database: dialect, value: 3.2, unit: 'ms', max: 10 });
//     return figures;
//   });
//
// Run one file alone with `node --import tsx bench/<file>.ts`, all of them with `npm run bench`.
import { type ChildProcess, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
// @ts-expect-error: a plain ES module of the build tools, without types.
import { serverBuildState } from '../scripts/server-build-state.mjs';
import { spawnServe } from '../test/helpers/process.ts';

export type BenchDialect = 'sqlite' | 'postgres';

/** One measured figure. `min`/`max` are the targets of the issues, shown beside the value (never asserted). */
export interface Figure {
  measure: string;
  database?: BenchDialect | '-';
  value: number;
  unit: string;
  min?: number;
  max?: number;
  note?: string;
}

export interface BenchContext {
  /** Databases to measure: SQLite always, PostgreSQL when reachable (BENCH_POSTGRES_URL). */
  dialects: BenchDialect[];
  /** BENCH_QUICK=1: shorter runs and smaller data, for a smoke run. */
  quick: boolean;
  /** Progress lines (stderr, not part of the table). */
  log(line: string): void;
}

export interface Benchmark {
  title: string;
  run(context: BenchContext): Promise<Figure[]>;
}

/** Repository root (bench/..). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Server used to create throw-away PostgreSQL databases for benchmarks. */
export const BENCH_POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: BENCH_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function benchContext(): Promise<BenchContext> {
  const dialects: BenchDialect[] = [];
  // BENCH_POSTGRES_ONLY=1: PostgreSQL only (it must be reachable); BENCH_SQLITE_ONLY=1: SQLite only.
  if (process.env.BENCH_POSTGRES_ONLY !== '1') dialects.push('sqlite');
  if (process.env.BENCH_SQLITE_ONLY !== '1') {
    if (await postgresReachable()) dialects.push('postgres');
    else if (!dialects.length) throw new Error(`PostgreSQL injoignable (${BENCH_POSTGRES_URL})`);
    else process.stderr.write(`# PostgreSQL injoignable (${BENCH_POSTGRES_URL}) : mesures SQLite seulement\n`);
  }
  return {
    dialects,
    quick: process.env.BENCH_QUICK === '1',
    log: (line) => process.stderr.write(`  ${line}\n`),
  };
}

/**
 * Declares a benchmark. When the file is run directly, it runs and prints its table; when bench/run.ts runs it
 * (BENCH_OUT set), its figures are written there as JSON.
 */
export function benchmark(moduleUrl: string, title: string, run: Benchmark['run']): Benchmark {
  const bench: Benchmark = { title, run };
  const entry = process.argv[1] ? pathToFileURL(process.argv[1]).href : '';
  if (entry === moduleUrl) {
    void (async () => {
      const context = await benchContext();
      freshServerBuild();
      process.stderr.write(`▶ ${title}\n`);
      const figures = await run(context);
      // A source edited meanwhile: the processes started since ran the TypeScript sources, not the precompiled server.
      const after = serverBuildState(ROOT);
      if (!after.fresh)
        throw new Error(`serveur précompilé périmé pendant le banc (${after.reason}) : chiffres écartés`);
      if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify({ title, figures }));
      else console.log(formatTable([{ title, figures }]));
      process.exit(0);
    })().catch((e) => {
      console.error(e);
      process.exit(1);
    });
  }
  return bench;
}

/**
 * The bench's `serve` and `import` processes run bin/bibliotheque-ia.js, which takes the precompiled server only while
 * it matches the sources, and otherwise runs them through tsx, silently: about 60 MB more for an import of 100,000
 * rows, a figure that then measured tsx. The server is built first when stale, however the bench is started.
 */
function freshServerBuild(): void {
  if (serverBuildState(ROOT).fresh) return;
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs', '--if-stale'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const state = serverBuildState(ROOT);
  if (built.status !== 0 || !state.fresh) throw new Error(`serveur précompilé introuvable ou périmé : ${state.reason}`);
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatTarget(f: Figure): string {
  const parts: string[] = [];
  if (f.min !== undefined) parts.push(`≥ ${formatValue(f.min)} ${f.unit}`);
  if (f.max !== undefined) parts.push(`≤ ${formatValue(f.max)} ${f.unit}`);
  if (!parts.length) return '';
  const ok = (f.min === undefined || f.value >= f.min) && (f.max === undefined || f.value <= f.max);
  return `${parts.join(', ')} ${ok ? '✓' : '✗'}`;
}

/** A plain-text table: benchmark, measure, database, value, unit, target (✓ met / ✗ missed), note. */
export function formatTable(results: { title: string; figures: Figure[] }[]): string {
  const rows: string[][] = [['banc', 'mesure', 'base', 'valeur', 'unité', 'objectif', 'note']];
  for (const r of results) {
    for (const f of r.figures) {
      rows.push([r.title, f.measure, f.database ?? '-', formatValue(f.value), f.unit, formatTarget(f), f.note ?? '']);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => [...row[i]!].length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join(' │ ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.slice(1).map(line)].join('\n');
}

/** p-th percentile (0–100) of a list of numbers (nearest rank). */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface EmptyDatabase {
  url: string;
  /** Folder for the SQLite file, the outbox and uploads. */
  dir: string;
  dispose(): Promise<void>;
}

/** A brand-new, empty database (no tables): what `npm start` finds on a fresh machine. */
export async function emptyDatabase(dialect: BenchDialect): Promise<EmptyDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'bia-bench-'));
  if (dialect === 'sqlite') {
    return {
      url: `sqlite:${join(dir, 'data', 'bibliotheque.db')}`,
      dir,
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `bia_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(BENCH_POSTGRES_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    dir,
    async dispose() {
      const c = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resident memory (MB) of a process, from /proc (Linux): now (VmRSS) or its peak so far (VmHWM, kept by the kernel). */
export function processRssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** CPU time (user + system, seconds) a process has used so far, from /proc (Linux). */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After the command name (which may hold spaces and parentheses): utime and stime, fields 14 and 15 of stat.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface RunningServe {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Milliseconds from spawn to the first 200 on /healthz. */
  readyMs: number;
  /** What the server printed on stdout/stderr so far. */
  output(): string;
  /** Resident memory of the server process (MB), from /proc. */
  rssMb(): number;
  stop(): Promise<void>;
}

/**
 * Spawns `node bin/bibliotheque-ia.js serve` (the real command) on a free port and waits until /healthz answers.
 * `env` adds to the environment (DATABASE_URL…); NODE_ENV=production and LOG_LEVEL=warn unless given.
 */
export async function startServe(options: {
  databaseUrl: string;
  dataDir: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<RunningServe> {
  const serve = await spawnServe({
    env: {
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: options.dataDir,
      SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
      CI: '',
      // The benchmarks drive pages from one address far above what a person reads: no page rate limit.
      PAGES_RATE_LIMIT: '0',
      ...options.env,
    },
    timeoutMs: options.timeoutMs ?? 120_000,
  });
  const { child } = serve;
  return {
    url: serve.url,
    pid: child.pid!,
    child,
    readyMs: serve.readyMs,
    output: serve.output,
    rssMb: () => processRssMb(child.pid!),
    stop: serve.stop,
  };
}

export interface Throughput {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/** Drives `url` with autocannon for `seconds` with `connections` concurrent connections. */
export async function throughput(
  url: string,
  options: { seconds?: number; connections?: number; headers?: Record<string, string> } = {},
): Promise<Throughput> {
  const result = await autocannon({
    url,
    duration: options.seconds ?? 5,
    connections: options.connections ?? 20,
    headers: options.headers,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * Throughput of a page against a reference route of the same server, measured one after the other in the same run
 * (warm-up first), so that the ratio does not depend on the machine. Returns the figures for the table.
 */
export async function compareThroughput(options: {
  baseUrl: string;
  page: string;
  /** Default: the static stylesheet, served by @fastify/static. */
  reference?: string;
  database: BenchDialect;
  label: string;
  seconds?: number;
  connections?: number;
  headers?: Record<string, string>;
  /** Target ratio in % (e.g. 40 for "at least 40% of the static route"). */
  minRatio?: number;
}): Promise<Figure[]> {
  const reference = options.reference ?? '/assets/site.css';
  const run = { seconds: options.seconds, connections: options.connections, headers: options.headers };
  await throughput(options.baseUrl + options.page, { ...run, seconds: 1 });
  await throughput(options.baseUrl + reference, { ...run, seconds: 1 });
  const page = await throughput(options.baseUrl + options.page, run);
  const ref = await throughput(options.baseUrl + reference, run);
  const problems = (t: Throughput) =>
    t.errors || t.non2xx ? `${t.errors} erreurs, ${t.non2xx} réponses non 2xx` : undefined;
  return [
    {
      measure: `${options.label} ${options.page}`,
      database: options.database,
      value: page.requestsPerSecond,
      unit: 'req/s',
      note: problems(page) ?? `p50 ${page.p50Ms} ms, p99 ${page.p99Ms} ms`,
    },
    {
      measure: `route de référence ${reference}`,
      database: options.database,
      value: ref.requestsPerSecond,
      unit: 'req/s',
      note: problems(ref) ?? `p50 ${ref.p50Ms} ms, p99 ${ref.p99Ms} ms`,
    },
    {
      measure: `ratio ${options.page} / ${reference}`,
      database: options.database,
      value: (100 * page.requestsPerSecond) / ref.requestsPerSecond,
      unit: '%',
      min: options.minRatio,
    },
  ];
}

/** A database a benchmark measures: its URL, a data folder for the server, its dialect, and the run's settings. */
export interface MeasureTarget {
  databaseUrl: string;
  dataDir: string;
  dialect: BenchDialect;
  quick: boolean;
  log(line: string): void;
}

/**
 * Runs `measure` on each database named in the environment variable `envVar` (comma-separated URLs, measured as they
 * are, each with a temporary data folder), or else on a fresh empty database per dialect once `prepare` filled it
 * (its figures come first).
 */
export async function overDatabases(options: {
  envVar: string;
  context: Pick<BenchContext, 'dialects' | 'quick' | 'log'>;
  prepare(database: EmptyDatabase, dialect: BenchDialect): Promise<Figure[]>;
  measure(target: MeasureTarget): Promise<Figure[]>;
}): Promise<Figure[]> {
  const { quick, log, dialects } = options.context;
  const figures: Figure[] = [];
  const given = process.env[options.envVar]?.split(',').filter(Boolean);
  if (given?.length) {
    for (const url of given) {
      const dialect: BenchDialect = url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
      const dir = mkdtempSync(join(tmpdir(), 'bia-bench-'));
      try {
        figures.push(...(await options.measure({ databaseUrl: url, dataDir: dir, dialect, quick, log })));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return figures;
  }
  for (const dialect of dialects) {
    const database = await emptyDatabase(dialect);
    try {
      figures.push(...(await options.prepare(database, dialect)));
      figures.push(
        ...(await options.measure({ databaseUrl: database.url, dataDir: database.dir, dialect, quick, log })),
      );
    } finally {
      await database.dispose();
    }
  }
  return figures;
}

/** `serve` on a library database as the benchmarks measure it: no demo content, no job worker. */
export function startLibraryServe(target: Pick<MeasureTarget, 'databaseUrl' | 'dataDir'>): Promise<RunningServe> {
  return startServe({
    databaseUrl: target.databaseUrl,
    dataDir: target.dataDir,
    env: { SEED_DEMO: 'false', RUN_JOBS: 'false' },
  });
}

/** How many published sheets a running server has (the first request also waits for its facet index). */
export async function sheetsServed(url: string): Promise<number> {
  return Number(((await (await fetch(`${url}/api/v1/use-cases?per_page=1`)).json()) as { total: number }).total);
}
