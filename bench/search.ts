// First searches (issue 8, Scale): on 100,000 sheets whose descriptions are about 1 KB of French (bench/french-text.ts;
// 10,000 with BENCH_QUICK=1), each text searched ONCE (no cache can answer it), with every facet counted and filters
// like the library page's, measured twice in the same run:
//   - over HTTP, through the real `serve` process: the server's own time (Server-Timing);
//   - in this process (buildServer + inject, a fresh server, so each text is again searched for the first time): the
//     server's time and the CPU time of this process during the request (on SQLite the engine's work included; on
//     PostgreSQL the database server's own CPU is not).
// Beside each, the raw FTS5 / tsvector query for the same terms, run from this process text by text in the same run:
//   raw = the engine's ranked first page for the analysed terms, `select doc_id … order by rank, doc_id limit 20`
//         (SearchIndex.matchSql: what the database must do at the least to answer the text),
// and the ratio of the two (p50 to p50, p99 to p99; the median of the text-by-text ratios in the note).
// Then the same texts again over HTTP (answered from the catalogue's caches).
//
//   node --import tsx bench/search.ts                     imports into fresh databases, then measures
//   BENCH_SEARCH_DATABASES=sqlite:/x.db,postgres://…/db   measures databases already filled (no import)
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { audiences, projectStatuses, themes } from '../src/modules/library/reference.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { createSearchIndex } from '../src/platform/search/index.ts';
import { buildServer } from '../src/server.ts';
import { seededRandom } from '../test/helpers/random.ts';
import { searchTexts } from './french-text.ts';
import {
  type BenchDialect,
  benchmark,
  type Figure,
  type MeasureTarget,
  overDatabases,
  percentile,
  sheetsServed,
  startLibraryServe,
} from './lib.ts';
import { importSheets } from './library.ts';

const serverTime = (header: string | null | undefined) => Number(/dur=([0-9.]+)/.exec(header ?? '')?.[1]);

/** One text searched for the first time: the server's time, and this process's CPU time when it served it. */
type Searched = { server: number; cpu?: number; status: number };

interface Run {
  first: number[];
  cpu: number[];
  raws: number[];
  ratios: number[];
  errors: number;
  load: [number, number];
}

/** Each text once, the raw query for the same terms before or after it (alternately, so neither warms the other). */
async function firstSearches(
  texts: string[],
  paths: string[],
  search: (path: string) => Promise<Searched>,
  raw: (text: string) => Promise<number>,
): Promise<Run> {
  const run: Run = { first: [], cpu: [], raws: [], ratios: [], errors: 0, load: [loadavg()[0]!, 0] };
  for (let i = 0; i < texts.length; i++) {
    const rawFirst = i % 2 === 0;
    const r1 = rawFirst ? await raw(texts[i]!) : Number.NaN;
    const s = await search(paths[i]!);
    if (s.status !== 200) run.errors++;
    const r = rawFirst ? r1 : await raw(texts[i]!);
    if (Number.isNaN(r)) continue;
    run.first.push(s.server);
    if (s.cpu !== undefined) run.cpu.push(s.cpu);
    run.raws.push(r);
    run.ratios.push(s.server / r);
  }
  run.load[1] = loadavg()[0]!;
  return run;
}

/** The figures of a run: server time p50/p99, raw query p50/p99, their ratios, with the issue's targets. */
function figuresOf(run: Run, dialect: BenchDialect, where: string, note: string): Figure[] {
  const p = (list: number[], q: number) => percentile(list, q);
  const figures: Figure[] = [
    {
      measure: `première recherche + toutes les facettes, ${where}, p50 temps serveur`,
      database: dialect,
      value: p(run.first, 50),
      unit: 'ms',
      max: 15,
      note: `${note}, charge ${run.load[0].toFixed(1)} → ${run.load[1].toFixed(1)}${run.errors ? `, ${run.errors} erreurs` : ''}`,
    },
    {
      measure: `première recherche + toutes les facettes, ${where}, p99 temps serveur`,
      database: dialect,
      value: p(run.first, 99),
      unit: 'ms',
      max: 50,
    },
  ];
  if (run.cpu.length) {
    figures.push({
      measure: `première recherche, ${where}, temps CPU du processus p50 / p99`,
      database: dialect,
      value: p(run.cpu, 50),
      unit: 'ms',
      note: `p99 ${p(run.cpu, 99).toFixed(1)} ms${dialect === 'postgres' ? ' (sans le CPU du serveur PostgreSQL)' : ''}`,
    });
  }
  figures.push(
    {
      measure: `requête brute du moteur (mêmes termes, 1re page classée), pendant la mesure ${where}, p50 / p99`,
      database: dialect,
      value: p(run.raws, 50),
      unit: 'ms',
      note: `p99 ${p(run.raws, 99).toFixed(1)} ms, ${dialect === 'sqlite' ? 'FTS5 bm25' : 'tsvector ts_rank'}`,
    },
    {
      measure: `rapport première recherche / requête brute, ${where}, p50`,
      database: dialect,
      value: p(run.first, 50) / p(run.raws, 50),
      unit: '×',
      max: 1.5,
      note: `médiane des rapports texte par texte : ${p(run.ratios, 50).toFixed(2)} ×`,
    },
    {
      measure: `rapport première recherche / requête brute, ${where}, p99`,
      database: dialect,
      value: p(run.first, 99) / p(run.raws, 99),
      unit: '×',
      max: 1.5,
    },
  );
  return figures;
}

async function measure(options: MeasureTarget): Promise<Figure[]> {
  const { dialect, quick, log } = options;
  const handle = openDatabase(options.databaseUrl, { poolSize: 2 });
  const index = createSearchIndex(handle.db, handle.dialect);
  const rnd = seededRandom(11);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const texts = searchTexts(seededRandom(29), quick ? 60 : 240);
  const paths = texts.map((text) => {
    const params = new URLSearchParams({ q: text });
    if (rnd() < 0.6) params.append('theme', pick(themes.codes));
    if (rnd() < 0.4) params.append('statut', pick(projectStatuses.codes));
    if (rnd() < 0.2) params.append('public', pick(audiences.codes));
    if (rnd() < 0.1) params.set('page', '2');
    return `/api/v1/use-cases?${params}`;
  });
  const raw = async (text: string) => {
    const m = await index.matchSql('use_case', text);
    if (!m) return Number.NaN;
    const t = performance.now();
    await sql`select doc_id from ${m} as m order by rank, doc_id limit 20`.execute(handle.db);
    return performance.now() - t;
  };
  const figures: Figure[] = [];
  try {
    // Statistics as autovacuum leaves them a minute after an import: without them, PostgreSQL intersects the GIN scan
    // with the (kind, doc_id) index over every row (about 20 ms more per text, for the raw query as well).
    if (dialect === 'postgres') await sql`analyze`.execute(handle.db);
    // 1. Over HTTP, the real `serve` process.
    const serve = await startLibraryServe(options);
    let sheets = 0;
    try {
      // The facet index is built (the first request waits for it), then the texts.
      sheets = await sheetsServed(serve.url);
      const http = await firstSearches(
        texts,
        paths,
        async (path) => {
          const res = await fetch(`${serve.url}${path}`);
          await res.arrayBuffer();
          return { server: serverTime(res.headers.get('server-timing')), status: res.status };
        },
        raw,
      );
      const again: number[] = [];
      for (const path of paths) {
        const res = await fetch(`${serve.url}${path}`);
        await res.arrayBuffer();
        again.push(serverTime(res.headers.get('server-timing')));
      }
      const note = `${http.first.length} textes, ${sheets.toLocaleString('fr-FR')} fiches`;
      figures.push(...figuresOf(http, dialect, 'HTTP (serve)', note), {
        measure: 'même recherche une deuxième fois (caches), HTTP, p50 / p99',
        database: dialect,
        value: percentile(again, 50),
        unit: 'ms',
        note: `p99 ${percentile(again, 99).toFixed(1)} ms`,
      });
      log(
        `${dialect} HTTP : p50 ${percentile(http.first, 50).toFixed(1)} ms, brute ${percentile(http.raws, 50).toFixed(1)} ms`,
      );
    } finally {
      await serve.stop();
    }

    // 2. In this process: a fresh server on the same database (its caches empty: every text is new to it).
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: options.dataDir,
      SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
      BASE_URL: 'http://127.0.0.1',
      SEED_DEMO: 'false',
      RUN_JOBS: 'false',
      LOG_LEVEL: 'silent',
    });
    const server = await buildServer(config, { worker: false, seed: false });
    try {
      await server.app.inject({ method: 'GET', url: '/api/v1/use-cases?per_page=1' });
      const inProcess = await firstSearches(
        texts,
        paths,
        async (path) => {
          const cpu = process.cpuUsage();
          const res = await server.app.inject({ method: 'GET', url: path });
          const used = process.cpuUsage(cpu);
          return {
            server: serverTime(res.headers['server-timing'] as string | undefined),
            cpu: (used.user + used.system) / 1000,
            status: res.statusCode,
          };
        },
        raw,
      );
      figures.push(...figuresOf(inProcess, dialect, 'dans le processus', `${inProcess.first.length} textes, inject`));
      log(
        `${dialect} dans le processus : p50 ${percentile(inProcess.first, 50).toFixed(1)} ms (CPU ${percentile(inProcess.cpu, 50).toFixed(1)}), brute ${percentile(inProcess.raws, 50).toFixed(1)} ms`,
      );
    } finally {
      await server.close();
    }
  } finally {
    await handle.close();
  }
  return figures;
}

export default benchmark(import.meta.url, 'Premières recherches', (context) =>
  overDatabases({
    envVar: 'BENCH_SEARCH_DATABASES',
    context,
    prepare: async (database, dialect) => {
      await importSheets(database, dialect, context.quick ? 10_000 : 100_000, 10_000, context.log);
      return [];
    },
    measure,
  }),
);
