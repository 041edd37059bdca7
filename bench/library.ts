// Library: imports (rows/s), then, on the real `serve` process with 100,000 sheets (10,000 with BENCH_QUICK=1):
// start time and memory, French search with facets (p50/p99 of /api/v1/use-cases: the server's own time from its
// Server-Timing header, and the response time on localhost), and the library page's throughput as a ratio of a
// static route of the same server. Figures only.
//
//   node --import tsx bench/library.ts                    imports into fresh databases, then measures the server
//   BENCH_LIBRARY_DATABASES=sqlite:/x.db,postgres://…/db  measures the server on databases already filled (no import)
import { loadConfig } from '../src/config.ts';
import { createModules } from '../src/modules/index.ts';
import { INTERCONNECTES_PUBLIC_COLUMNS } from '../src/modules/library/fields.ts';
import { toCsv } from '../src/modules/library/formats/csv.ts';
import {
  audiences,
  INTERCONNECTES_VALUES,
  projectStatuses,
  subThemes,
  themes,
} from '../src/modules/library/reference.ts';
import { libraryServicesOf } from '../src/modules/library/services/index.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { createPlatform } from '../src/platform/platform.ts';
import { seededRandom } from '../test/helpers/random.ts';
import { frenchDescription, TITLE_ACTIONS } from './french-text.ts';
import {
  type BenchDialect,
  benchmark,
  compareThroughput,
  type Figure,
  type MeasureTarget,
  overDatabases,
  percentile,
  sheetsServed,
  startLibraryServe,
} from './lib.ts';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

// Titles: an action (bench/french-text.ts), an object and a place (descriptions come from bench/french-text.ts).
const ACTIONS = TITLE_ACTIONS;
const OBJECTS = [
  'des consommations d’énergie',
  'des fuites d’eau',
  'des tournées de collecte',
  'des demandes des habitants',
  'des courriers entrants',
  'des arbres d’alignement',
  'des îlots de chaleur',
  'de la fréquentation des équipements',
  'des dépôts sauvages',
  'des dégradations de chaussée',
  'des places de stationnement',
  'des délibérations',
  'des factures fournisseurs',
  'des risques de crue',
  'des pics de pollution',
  'des trajets scolaires',
  'des dossiers de subvention',
  'des candidatures',
  'de l’éclairage public',
  'des repas servis',
  'des archives numérisées',
  'des contributions citoyennes',
  'des transports à la demande',
  'des nuisances sonores',
];
const PLACES = [
  'dans les écoles',
  'sur le réseau',
  'en centre-ville',
  'dans les quartiers prioritaires',
  'sur le littoral',
  'dans les médiathèques',
  'sur les routes départementales',
  'dans les bâtiments publics',
  'pour les services techniques',
  'à l’accueil de la mairie',
];

export interface Authority {
  name: string;
  siren: string;
}

/** An Interconnectés public file of `n` generated sheets over real communes (matched by SIREN on import). */
export function generateCsv(n: number, start: number, authorities: Authority[], rnd: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const rows: string[][] = [[...INTERCONNECTES_PUBLIC_COLUMNS]];
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const a = pick(authorities);
    let title = `${pick(ACTIONS)} ${pick(OBJECTS)} ${pick(PLACES)}`;
    if (seen.has(`${a.siren}|${title}`)) title = `${title} (${start + i})`;
    seen.add(`${a.siren}|${title}`);
    const theme = pick(themes.codes);
    const subs = [pick(subThemes.codes)];
    if (rnd() < 0.5) {
      const other = pick(subThemes.codes);
      if (other !== subs[0]) subs.push(other);
    }
    const year = 2016 + Math.floor(rnd() * 10);
    const status = pick(['experimentation', 'deployment', 'finished', 'abandoned'] as const);
    // About 1 KB of prose, like real registers (bench/french-text.ts), opening with the title.
    const description = `${title} ${pick(PLACES)}. ${frenchDescription(rnd, a.name)}`;
    rows.push([
      a.name,
      title,
      a.siren,
      (42 + rnd() * 8.5).toFixed(5),
      (-4 + rnd() * 11.5).toFixed(5),
      'Commune',
      `${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}/${year}`,
      INTERCONNECTES_VALUES.projectStatuses[status],
      rnd() < 0.4 ? 'Université partenaire, prestataire numérique' : '',
      description,
      INTERCONNECTES_VALUES.themes[theme],
      subs.map((s) => subThemes.labelOf(s)).join(', '),
      pick(audiences.codes.map((c) => INTERCONNECTES_VALUES.audiences[c])),
      'https://www.exemple.fr/projet',
      'https://www.exemple.fr/logo.png',
      '15/06/2025',
    ]);
  }
  return toCsv(rows);
}

/** Texts people search for: words of the generated sheets, with and without accents, prefixes, two words, typos. */
const SEARCHES = [
  'énergie',
  'energie',
  'fuites',
  'fuites d’eau',
  'ecoles',
  'écoles',
  'stationnement',
  'déchets',
  'dépôts sauvages',
  'prevision',
  'prévision des',
  'chaussée',
  'archives',
  'pollution',
  'cantine',
  'repas servis',
  'collecte',
  'tournées de collecte',
  'éclairage',
  'eclairage public',
  'arbres',
  'chaleur',
  'îlots de chaleur',
  'crue',
  'risques de crue',
  'courriers',
  'délibérations',
  'subvention',
  'candidatures',
  'transports',
  'transport à la demande',
  'nuisances sonores',
  'médiathèques',
  'littoral',
  'quartiers',
  'mairie',
  'factures',
  'optimisation',
  'détection',
  'simulation',
  'modélisation',
  'surveillance',
  'plannification',
  'pollutoin',
  'prév',
  'stat',
  'dég',
  '"îlots de chaleur"',
];

const server = (response: Response) => Number(/dur=([0-9.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]);

/** Figures of the real server on a filled database: start, memory, search with facets, page throughput. */
export async function measureServer(options: MeasureTarget): Promise<Figure[]> {
  const { dialect, quick, log } = options;
  const figures: Figure[] = [];
  const seconds = quick ? 3 : 8;
  const serve = await startLibraryServe(options);
  try {
    // The first request waits for the facet index if its building (started in the background as soon as the server
    // was ready) is not over yet.
    let t = performance.now();
    const sheets = await sheetsServed(serve.url);
    const firstMs = performance.now() - t;
    figures.push({
      measure: `démarrage de serve (${sheets.toLocaleString('fr-FR')} fiches)`,
      database: dialect,
      value: serve.readyMs / 1000,
      unit: 's',
      max: 2,
      note: 'du lancement du processus à la première réponse de /healthz',
    });
    figures.push({
      measure: 'première recherche juste après le démarrage',
      database: dialect,
      value: firstMs,
      unit: 'ms',
      note: 'attend la fin de la construction de l’index des facettes si elle n’est pas finie',
    });
    t = performance.now();
    const first = await fetch(`${serve.url}/bibliotheque`);
    await first.text();
    figures.push({
      measure: 'première page Bibliothèque',
      database: dialect,
      value: performance.now() - t,
      unit: 'ms',
      note: `statut ${first.status}`,
    });
    figures.push({
      measure: 'mémoire du serveur, index des facettes construit (RSS)',
      database: dialect,
      value: serve.rssMb(),
      unit: 'Mo',
      max: 300,
    });

    // Search with facets: a French text (80 %), one to four facets, every facet counted.
    const rnd = seededRandom(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
    const queries: { url: string; text: string }[] = [];
    for (let i = 0; i < (quick ? 150 : 500); i++) {
      const params = new URLSearchParams();
      const text = rnd() < 0.8 ? pick(SEARCHES) : '';
      if (text) params.set('q', text);
      params.append('theme', pick(themes.codes));
      if (rnd() < 0.7) params.append('statut', pick(projectStatuses.codes));
      if (rnd() < 0.5) params.append('public', pick(audiences.codes));
      if (rnd() < 0.3) params.append('type', 'commune');
      if (rnd() < 0.2) params.set('page', String(2 + Math.floor(rnd() * 3)));
      queries.push({ url: `${serve.url}/api/v1/use-cases?${params}`, text });
    }
    const client: number[] = [];
    const own: number[] = [];
    const coldOwn: number[] = [];
    const seen = new Set<string>();
    let errors = 0;
    let empty = 0;
    for (const q of queries) {
      t = performance.now();
      const res = await fetch(q.url);
      if ((JSON.parse(await res.text()) as { total?: number }).total === 0) empty++;
      client.push(performance.now() - t);
      own.push(server(res));
      if (q.text && !seen.has(q.text)) coldOwn.push(server(res));
      seen.add(q.text);
      if (res.status !== 200) errors++;
    }
    const note = `${queries.length} requêtes successives, ${seen.size} textes différents, ${Math.round((100 * empty) / queries.length)} % sans résultat${errors ? `, ${errors} erreurs` : ''}`;
    figures.push(
      {
        measure: 'recherche + facettes, p50, temps serveur (/api/v1/use-cases)',
        database: dialect,
        value: percentile(own, 50),
        unit: 'ms',
        max: 10,
        note,
      },
      {
        measure: 'recherche + facettes, p99, temps serveur',
        database: dialect,
        value: percentile(own, 99),
        unit: 'ms',
        max: 50,
      },
      {
        measure: 'recherche + facettes, première fois d’un texte, médiane, temps serveur',
        database: dialect,
        value: percentile(coldOwn, 50),
        unit: 'ms',
        note: `max ${percentile(coldOwn, 100).toFixed(0)} ms sur ${coldOwn.length} textes (recherche plein texte classée par la base)`,
      },
      {
        measure: 'recherche + facettes, p50 / p99, réponse sur localhost',
        database: dialect,
        value: percentile(client, 50),
        unit: 'ms',
        note: `p99 ${percentile(client, 99).toFixed(1)} ms (client HTTP compris)`,
      },
      {
        measure: 'mémoire du serveur après les recherches (RSS)',
        database: dialect,
        value: serve.rssMb(),
        unit: 'Mo',
        max: 300,
      },
    );
    log(`${dialect} : recherche p50 ${percentile(own, 50).toFixed(1)} ms, p99 ${percentile(own, 99).toFixed(1)} ms`);
    figures.push(
      ...(await compareThroughput({
        baseUrl: serve.url,
        page: '/bibliotheque',
        database: dialect,
        label: 'page Bibliothèque',
        seconds,
        minRatio: 40,
      })),
    );
    figures.push(
      ...(await compareThroughput({
        baseUrl: serve.url,
        page: '/bibliotheque?q=chaleur&theme=ecological_transition&statut=deployment',
        database: dialect,
        label: 'page Bibliothèque, recherche et facettes',
        seconds,
        minRatio: 40,
      })),
    );
    figures.push({
      measure: 'mémoire du serveur après la charge (RSS)',
      database: dialect,
      value: serve.rssMb(),
      unit: 'Mo',
      max: 300,
    });
  } finally {
    await serve.stop();
  }
  return figures;
}

/** Imports `total` generated sheets through the library service, in files of `chunk` rows. */
export async function importSheets(
  database: { url: string; dir: string },
  dialect: BenchDialect,
  total: number,
  chunk: number,
  log: (line: string) => void,
): Promise<Figure[]> {
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
    const organisations = (modules.services as any).organisations;
    const library = libraryServicesOf(platform).imports;
    await organisations.ensureGeography();
    const communes = await organisations.list({ type: 'commune' }, { limit: 3000, offset: 0 });
    const authorities: Authority[] = communes.rows
      .filter((o: any) => o.siren)
      .map((o: any) => ({ name: o.name, siren: o.siren }));
    const rnd = seededRandom(42);
    let rows = 0;
    let ms = 0;
    let firstRate = 0;
    for (let start = 0; start < total; start += chunk) {
      const csv = generateCsv(Math.min(chunk, total - start), start, authorities, rnd);
      const t = performance.now();
      const report = await library.importFile(null, { format: 'interconnectes', data: csv }, { system: true });
      const elapsed = performance.now() - t;
      if (report.errors.length)
        throw new Error(`import : ${report.errors[0]!.message} (ligne ${report.errors[0]!.line})`);
      rows += report.rows;
      ms += elapsed;
      if (!firstRate) firstRate = (report.rows / elapsed) * 1000;
      log(`${dialect} : ${rows} fiches importées (${Math.round((report.rows / elapsed) * 1000)} lignes/s)`);
    }
    await modules.close();
    return [
      {
        measure: `import Interconnectés (${chunk.toLocaleString('fr-FR')} lignes, base vide)`,
        database: dialect,
        value: firstRate,
        unit: 'lignes/s',
        min: 2000,
        note: 'analyse, rattachement par SIREN, écriture, index de recherche, une transaction',
      },
      {
        measure: `import Interconnectés (${total.toLocaleString('fr-FR')} lignes en lots de ${chunk.toLocaleString('fr-FR')})`,
        database: dialect,
        value: (rows / ms) * 1000,
        unit: 'lignes/s',
        min: 2000,
      },
    ];
  } finally {
    await handle.close();
  }
}

export default benchmark(import.meta.url, 'Bibliothèque', (context) =>
  overDatabases({
    envVar: 'BENCH_LIBRARY_DATABASES',
    context,
    prepare: (database, dialect) =>
      importSheets(database, dialect, context.quick ? 10_000 : 100_000, 10_000, context.log),
    measure: measureServer,
  }),
);
