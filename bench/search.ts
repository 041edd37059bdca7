// First searches (issue 8, Scale): on 100,000 sheets whose descriptions are about 1 KB of French (bench/french-text.ts;
// 10,000 with BENCH_QUICK=1), each text searched ONCE through the real `serve` process (no cache can answer it), with
// every facet counted and filters like the library page's; the server's own time (Server-Timing) beside the raw
// FTS5 / tsvector query for the same terms, run in the same run, text by text, from this process:
//   raw = the engine's ranked first page for the analysed terms, `select doc_id … order by rank, doc_id limit 20`
//         (SearchIndex.matchSql: what the database must do at the least to answer the text).
// Then the same texts again (answered from the catalogue's caches).
//
//   node --import tsx bench/search.ts                     imports into fresh databases, then measures
//   BENCH_SEARCH_DATABASES=sqlite:/x.db,postgres://…/db   measures databases already filled (no import)
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { audiences, projectStatuses, themes } from '../src/modules/library/reference.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { createSearchIndex } from '../src/platform/search/index.ts';
import { seededRandom } from '../test/helpers/random.ts';
import { searchTexts } from './french-text.ts';
import {
  benchmark,
  type Figure,
  type MeasureTarget,
  overDatabases,
  percentile,
  sheetsServed,
  startLibraryServe,
} from './lib.ts';
import { importSheets } from './library.ts';

const serverTime = (response: Response) =>
  Number(/dur=([0-9.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]);

async function measure(options: MeasureTarget): Promise<Figure[]> {
  const { dialect, quick, log } = options;
  const serve = await startLibraryServe(options);
  const handle = openDatabase(options.databaseUrl, { poolSize: 2 });
  const index = createSearchIndex(handle.db, handle.dialect);
  try {
    // The facet index is built (the first request waits for it), then the texts.
    const sheets = await sheetsServed(serve.url);
    const rnd = seededRandom(11);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
    const texts = searchTexts(seededRandom(29), quick ? 60 : 240);
    const urls = texts.map((text) => {
      const params = new URLSearchParams({ q: text });
      if (rnd() < 0.6) params.append('theme', pick(themes.codes));
      if (rnd() < 0.4) params.append('statut', pick(projectStatuses.codes));
      if (rnd() < 0.2) params.append('public', pick(audiences.codes));
      if (rnd() < 0.1) params.set('page', '2');
      return `${serve.url}/api/v1/use-cases?${params}`;
    });
    const raw = async (text: string) => {
      const m = await index.matchSql('use_case', text);
      if (!m) return Number.NaN;
      const t = performance.now();
      await sql`select doc_id from ${m} as m order by rank, doc_id limit 20`.execute(handle.db);
      return performance.now() - t;
    };
    const first: number[] = [];
    const raws: number[] = [];
    const ratios: number[] = [];
    let errors = 0;
    const load = loadavg()[0]!;
    for (let i = 0; i < texts.length; i++) {
      // Alternate which one runs first, so that neither always finds the other's pages in the cache.
      const rawFirst = i % 2 === 0;
      const r1 = rawFirst ? await raw(texts[i]!) : Number.NaN;
      const res = await fetch(urls[i]!);
      await res.arrayBuffer();
      if (res.status !== 200) errors++;
      const own = serverTime(res);
      const r = rawFirst ? r1 : await raw(texts[i]!);
      if (Number.isNaN(r)) continue;
      first.push(own);
      raws.push(r);
      ratios.push(own / r);
    }
    const again: number[] = [];
    for (const url of urls) {
      const res = await fetch(url);
      await res.arrayBuffer();
      again.push(serverTime(res));
    }
    const note = `${first.length} textes différents, ${sheets.toLocaleString('fr-FR')} fiches, charge de la machine ${load.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}${errors ? `, ${errors} erreurs` : ''}`;
    log(
      `${dialect} : première recherche p50 ${percentile(first, 50).toFixed(1)} ms, brute ${percentile(raws, 50).toFixed(1)} ms`,
    );
    return [
      {
        measure: 'première recherche d’un texte + toutes les facettes, p50, temps serveur',
        database: dialect,
        value: percentile(first, 50),
        unit: 'ms',
        max: 15,
        note,
      },
      {
        measure: 'première recherche d’un texte + toutes les facettes, p99, temps serveur',
        database: dialect,
        value: percentile(first, 99),
        unit: 'ms',
        max: 50,
      },
      {
        measure: 'requête brute du moteur (mêmes termes, 1re page classée), p50',
        database: dialect,
        value: percentile(raws, 50),
        unit: 'ms',
        note: dialect === 'sqlite' ? 'FTS5 bm25' : 'tsvector ts_rank',
      },
      { measure: 'requête brute du moteur, p99', database: dialect, value: percentile(raws, 99), unit: 'ms' },
      {
        measure: 'rapport première recherche / requête brute, p50',
        database: dialect,
        value: percentile(first, 50) / percentile(raws, 50),
        unit: '×',
        max: 1.5,
        note: `médiane des rapports texte par texte : ${percentile(ratios, 50).toFixed(2)} ×`,
      },
      {
        measure: 'rapport première recherche / requête brute, p99',
        database: dialect,
        value: percentile(first, 99) / percentile(raws, 99),
        unit: '×',
        max: 1.5,
      },
      {
        measure: 'même recherche une deuxième fois (caches), p50 / p99',
        database: dialect,
        value: percentile(again, 50),
        unit: 'ms',
        note: `p99 ${percentile(again, 99).toFixed(1)} ms`,
      },
    ];
  } finally {
    await handle.close();
    await serve.stop();
  }
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
