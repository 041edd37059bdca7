// Pooling suggestions (issue 12, point 3):
//  1. Quality: the EU public-sector dataset (../shared/data/pstw) imported as sheets through the library's PSTW
//     import, suggestions computed by the pooling service as the job does; purity of the groups (the share of a
//     group's sheets that have its most common value, weighted by group size) with respect to the dataset's own
//     « Application type » and « Technology » fields, beside the purity the same group sizes would get with the
//     labels shuffled (what chance gives: Technology is 80 % « Artificial Intelligence »); the top 10 groups printed.
//  2. Scale: 100,000 sheets of ~1 KB French descriptions (10,000 with BENCH_QUICK=1), imported as bench/library.ts
//     does; the real `serve` (job worker on) computes them at start: duration and longest event-loop stall (stored
//     by the run), peak RSS of the server meanwhile, the slowest /healthz answer while it computed.
//  3. The suggestions page (/mutualisation/suggestions) once computed: p50 / p99 over 200 requests.
//
//  Every wall-clock figure comes with the CPU seconds spent (the server process's, from /proc, for the scale part)
//  and the load average: the machine is shared.
//
//   npm run bench -- pooling             BENCH_QUICK=1 for 10,000 sheets, BENCH_SQLITE_ONLY=1 to skip PostgreSQL,
//                                        BENCH_POOLING_PART=quality (or scale) for one part,
//                                        BENCH_POOLING_DB=<database URL> to time the scale part on a database already
//                                        imported (its stored suggestions are deleted first; one dialect)
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createModules } from '../src/modules/index.ts';
import { libraryServicesOf } from '../src/modules/library/services/index.ts';
import { poolingPortsOf } from '../src/modules/pooling/index.ts';
import { COMPUTE_JOB } from '../src/modules/pooling/services/compute.ts';
import { createPoolingServices } from '../src/modules/pooling/services/index.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { createJobQueue } from '../src/platform/jobs/queue.ts';
import { createPlatform } from '../src/platform/platform.ts';
import { seededRandom } from '../test/helpers/random.ts';
import {
  type BenchDialect,
  benchmark,
  emptyDatabase,
  type Figure,
  percentile,
  processCpuSeconds,
  ROOT,
  startServe,
} from './lib.ts';
import { importSheets } from './library.ts';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const PSTW_FILE = join(ROOT, '..', 'shared', 'data', 'pstw', 'landscape-2024.csv');
const load = () => loadavg()[0]!.toFixed(1);
const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

/** Minimal CSV reader for the dataset's labels (quoted fields, commas, new lines in quotes). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Weighted purity of groups for a labelling: Σ (size of the majority label in the group) / Σ sizes. */
function purity(groups: string[][]): number {
  let majority = 0;
  let total = 0;
  for (const labels of groups) {
    const counts = new Map<string, number>();
    for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    majority += Math.max(...counts.values());
    total += labels.length;
  }
  return total ? majority / total : 0;
}

/** The same group sizes with the labels of the grouped sheets shuffled (seeded): what chance gives. */
function shuffledPurity(groups: string[][]): number {
  const rnd = seededRandom(7);
  const all = groups.flat();
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  let k = 0;
  return purity(groups.map((g) => g.map(() => all[k++]!)));
}

async function quality(dialect: BenchDialect, log: (line: string) => void): Promise<Figure[]> {
  if (!existsSync(PSTW_FILE)) {
    log(`fichier PSTW absent (${PSTW_FILE}) : qualité non mesurée`);
    return [];
  }
  const bytes = readFileSync(PSTW_FILE);
  const rows = csvRows(new TextDecoder('windows-1252').decode(bytes));
  const header = rows[0]!.map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const labels = new Map<string, { app: string; tech: string; name: string }>();
  for (const r of rows.slice(1)) {
    if (r.length !== header.length) continue;
    labels.set(r[col('PSTW ID')]!.trim(), {
      app: r[col('Application type')]!.trim() || '(vide)',
      tech: r[col('Technology')]!.trim() || '(vide)',
      name: r[col('Name')]!.trim(),
    });
  }
  const database = await emptyDatabase(dialect);
  const handle = openDatabase(database.url, { poolSize: 4 });
  try {
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: database.url,
      DATA_DIR: database.dir,
      SESSION_SECRET: SECRET,
      BASE_URL: 'http://127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
    });
    const { migrateToLatest } = await import('../src/platform/db/migrate.ts');
    const { migrations } = await import('../src/migrations/index.ts');
    await migrateToLatest(handle.db, handle.dialect, migrations);
    const platform = createPlatform(config, handle);
    const modules = createModules(platform);
    await (modules.services as any).organisations.ensureGeography();
    const report = await libraryServicesOf(platform).imports.importFile(
      null,
      { format: 'pstw', data: bytes },
      { system: true },
    );
    log(`${dialect} : PSTW importé, ${report.rows} fiches (${report.errors.length} erreurs)`);
    // The services the pooling module builds, over the same ports as the module list (the bench wants the report).
    const pooling = createPoolingServices(
      platform,
      poolingPortsOf(
        () => modules.services.library,
        () => modules.services.organisations,
        () => modules.services.accounts,
      ),
    );
    const cpuBefore = process.cpuUsage();
    const loadBefore = load();
    const result = await pooling.compute.compute();
    const cpu = cpuSeconds(process.cpuUsage(cpuBefore));
    const keyOf = new Map<number, string>();
    const rowsOfKeys = await handle.db.selectFrom('use_cases').select(['id', 'external_key']).execute();
    for (const r of rowsOfKeys) keyOf.set(Number(r.id), String(r.external_key ?? '').replace(/^pstw:/, ''));
    const labelOf = (id: number) => labels.get(keyOf.get(id) ?? '') ?? { app: '?', tech: '?', name: '?' };
    const appGroups = result.groups.map((g) => g.useCaseIds.map((id) => labelOf(id).app));
    const techGroups = result.groups.map((g) => g.useCaseIds.map((id) => labelOf(id).tech));
    const grouped = result.groups.reduce((s, g) => s + g.useCaseIds.length, 0);
    log(
      `${dialect} : ${result.groups.length} groupes, ${grouped} fiches groupées sur ${result.sheets}, ${result.durationMs} ms (${cpu.toFixed(1)} s de CPU, charge ${loadBefore} → ${load()})`,
    );
    log('Les 10 premiers groupes :');
    result.groups.slice(0, 10).forEach((g, i) => {
      log(`${i + 1}. « ${g.label} » — indice ${g.score}, ${g.authorityIds.length} organisations`);
      for (const id of g.useCaseIds) {
        const l = labelOf(id);
        log(`     ${keyOf.get(id)} ${l.name.slice(0, 70)} [${l.app} | ${l.tech}]`);
      }
    });
    await modules.close();
    return [
      {
        measure: 'PSTW : groupes trouvés (fiches groupées / fiches)',
        database: dialect,
        value: result.groups.length,
        unit: 'groupes',
        note: `${grouped} / ${result.sheets} fiches, calcul ${result.durationMs} ms, ${cpu.toFixed(1)} s de CPU, charge ${loadBefore}`,
      },
      {
        measure: 'PSTW : pureté des groupes / « Application type »',
        database: dialect,
        value: purity(appGroups) * 100,
        unit: '%',
        note: `hasard (mêmes tailles, étiquettes mélangées) : ${(shuffledPurity(appGroups) * 100).toFixed(1)} %`,
      },
      {
        measure: 'PSTW : pureté des groupes / « Technology »',
        database: dialect,
        value: purity(techGroups) * 100,
        unit: '%',
        note: `hasard : ${(shuffledPurity(techGroups) * 100).toFixed(1)} %`,
      },
    ];
  } finally {
    await handle.close();
    await database.dispose();
  }
}

/** A database already imported (BENCH_POOLING_DB), its stored suggestions deleted: the scale part without the import. */
async function preparedDatabase(url: string) {
  const handle = openDatabase(url, { poolSize: 1 });
  try {
    await handle.db.deleteFrom('pooling_suggestions').execute();
    await handle.db.deleteFrom('pooling_runs').execute();
    await handle.db.deleteFrom('jobs').where('type', '=', COMPUTE_JOB).where('status', '=', 'pending').execute();
  } finally {
    await handle.close();
  }
  const dir = url.startsWith('sqlite:') ? join(url.slice('sqlite:'.length), '..', '..') : ROOT;
  return { url, dir, dispose: async () => {} };
}

async function scale(dialect: BenchDialect, quick: boolean, log: (line: string) => void): Promise<Figure[]> {
  const total = quick ? 10_000 : 100_000;
  const prepared = process.env.BENCH_POOLING_DB;
  const database = prepared ? await preparedDatabase(prepared) : await emptyDatabase(dialect);
  try {
    if (!prepared) await importSheets(database, dialect, total, quick ? 5_000 : 20_000, log);
    const loadBefore = load();
    const serve = await startServe({
      databaseUrl: database.url,
      dataDir: database.dir,
      env: { SEED_DEMO: 'false', RUN_JOBS: 'true' },
      timeoutMs: 300_000,
    });
    const handle = openDatabase(database.url, { poolSize: 1 });
    try {
      let peak = serve.rssMb();
      const rssAtStart = peak;
      const waits: number[] = [];
      const cpuAtStart = processCpuSeconds(serve.pid);
      const started = performance.now();
      let run: { duration_ms: number; max_stall_ms: number; groups: number; sheets: number } | undefined;
      // What publishing a sheet does: the computation queued (now), run by the server's job worker.
      await createJobQueue(handle.db, handle.dialect).enqueue(COMPUTE_JOB, {});
      while (!run && performance.now() - started < 600_000) {
        const t = performance.now();
        await fetch(`${serve.url}/healthz`);
        waits.push(performance.now() - t);
        peak = Math.max(peak, serve.rssMb());
        run = (await handle.db
          .selectFrom('pooling_runs')
          .select(['duration_ms', 'max_stall_ms', 'groups', 'sheets'])
          .executeTakeFirst()) as typeof run;
        await new Promise((r) => setTimeout(r, 50));
      }
      if (!run) throw new Error('le calcul des suggestions n’a pas eu lieu en 10 minutes');
      const computeCpu = processCpuSeconds(serve.pid) - cpuAtStart;
      const loadComputed = load();
      log(
        `${dialect} : ${run.groups} groupes sur ${run.sheets} fiches en ${run.duration_ms} ms, ${computeCpu.toFixed(1)} s de CPU du serveur, charge ${loadBefore} → ${loadComputed}`,
      );
      const times: number[] = [];
      const cpuPages = processCpuSeconds(serve.pid);
      for (let i = 0; i < 200; i++) {
        const t = performance.now();
        const res = await fetch(`${serve.url}/mutualisation/suggestions${i % 2 ? '?page=2' : ''}`);
        await res.text();
        times.push(performance.now() - t);
      }
      const pagesCpu = processCpuSeconds(serve.pid) - cpuPages;
      const loadAfter = load();
      await serve.stop();
      return [
        {
          measure: `calcul des suggestions, ${total.toLocaleString('fr-FR')} fiches (tâche du serveur)`,
          database: dialect,
          value: Number(run.duration_ms) / 1000,
          unit: 's',
          max: 60,
          note: `${run.sheets} fiches, ${run.groups} groupes, ${computeCpu.toFixed(1)} s de CPU du serveur, charge ${loadBefore} → ${loadComputed}`,
        },
        {
          measure: 'calcul des suggestions : plus longue attente de la boucle d’événements',
          database: dialect,
          value: Number(run.max_stall_ms),
          unit: 'ms',
          note: `/healthz pendant le calcul : p99 ${percentile(waits, 99).toFixed(0)} ms, max ${Math.max(...waits).toFixed(0)} ms, charge ${loadBefore} → ${loadComputed}`,
        },
        {
          measure: 'mémoire du serveur (RSS) pendant le calcul, pic',
          database: dialect,
          value: peak,
          unit: 'Mo',
          max: 300,
          note: `${rssAtStart.toFixed(0)} Mo au démarrage, charge ${loadComputed}`,
        },
        {
          measure: 'page /mutualisation/suggestions, p50',
          database: dialect,
          value: percentile(times, 50),
          unit: 'ms',
          max: 100,
          note: `200 requêtes, ${pagesCpu.toFixed(2)} s de CPU du serveur, charge ${loadComputed} → ${loadAfter}`,
        },
        {
          measure: 'page /mutualisation/suggestions, p99',
          database: dialect,
          value: percentile(times, 99),
          unit: 'ms',
          max: 100,
          note: `200 requêtes, charge ${loadComputed} → ${loadAfter}`,
        },
      ];
    } finally {
      await handle.close();
      await serve.stop().catch(() => {});
    }
  } finally {
    await database.dispose();
  }
}

export default benchmark(import.meta.url, 'Suggestions de mutualisation', async ({ dialects, quick, log }) => {
  // BENCH_POOLING_PART=quality or scale: one part only.
  const part = process.env.BENCH_POOLING_PART;
  const figures: Figure[] = [];
  if (part !== 'scale') figures.push(...(await quality('sqlite', log)));
  const prepared = process.env.BENCH_POOLING_DB;
  const scaled: BenchDialect[] = prepared ? [prepared.startsWith('sqlite:') ? 'sqlite' : 'postgres'] : dialects;
  if (part !== 'quality') for (const dialect of scaled) figures.push(...(await scale(dialect, quick, log)));
  return figures;
});
