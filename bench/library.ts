// Library: imports (rows/s), then, on the real `serve` process with 100,000 sheets (10,000 with BENCH_QUICK=1):
// start time and memory, French search with facets (p50/p99 of the response time of /api/v1/use-cases, measured on
// localhost), and the library page's throughput as a ratio of a static route of the same server. Figures only.
import { loadConfig } from '../src/config.ts';
import { createModules } from '../src/modules/index.ts';
import { FIELDS, INTERCONNECTES_PUBLIC_COLUMNS } from '../src/modules/library/fields.ts';
import { toCsv } from '../src/modules/library/formats/csv.ts';
import {
  audiences,
  INTERCONNECTES_VALUES,
  projectStatuses,
  subThemes,
  themes,
} from '../src/modules/library/reference.ts';
import { DEMO_SHEETS } from '../src/modules/library/seed.ts';
import type { LibraryService } from '../src/modules/library/service.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { createPlatform } from '../src/platform/platform.ts';
import { benchmark, compareThroughput, emptyDatabase, type Figure, percentile, startServe } from './lib.ts';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A real vocabulary: the words of our demo sheets, reference lists and field hints, plus project words.
const ACTIONS = [
  'Prévision',
  'Détection',
  'Optimisation',
  'Analyse',
  'Classement',
  'Suivi',
  'Cartographie',
  'Priorisation',
  'Lecture automatique',
  'Aide à la rédaction',
  'Orientation',
  'Estimation',
  'Simulation',
  'Tri',
  'Recherche',
  'Planification',
  'Surveillance',
  'Modélisation',
];
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

function vocabulary(): string[] {
  const words = new Set<string>();
  const texts: string[] = [];
  for (const d of DEMO_SHEETS) texts.push(d.title, d.summary, d.description, d.goal);
  for (const f of FIELDS) texts.push(f.label, f.hint ?? '');
  for (const l of [themes, subThemes, audiences, projectStatuses]) {
    for (const i of l.items as readonly { label: string; description?: string }[])
      texts.push(i.label, i.description ?? '');
  }
  for (const t of texts)
    for (const w of t.toLowerCase().split(/[^\p{L}’'-]+/u)) if (w.length >= 4) words.add(w.replace(/^[ld]’/, ''));
  return [...words];
}

const WORDS = vocabulary();

function sentence(rnd: () => number): string {
  const n = 8 + Math.floor(rnd() * 10);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(rnd() * WORDS.length)]!);
  const s = out.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

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
    const description = [sentence(rnd), `${title} ${pick(PLACES)}.`, sentence(rnd), sentence(rnd)].join(' ');
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

export default benchmark(import.meta.url, 'Bibliothèque', async ({ dialects, quick, log }) => {
  const figures: Figure[] = [];
  const total = quick ? 10_000 : 100_000;
  const chunk = 10_000;
  const seconds = quick ? 3 : 8;
  for (const dialect of dialects) {
    const database = await emptyDatabase(dialect);
    try {
      // -- data: imports through the service ------------------------------------------------------------------------
      const handle = openDatabase(database.url, { poolSize: 4 });
      let searchWords: string[] = [];
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
        const library = (modules.services as { library: LibraryService }).library;
        await organisations.ensureGeography();
        const communes = await organisations.list({ type: 'commune' }, { limit: 3000, offset: 0 });
        const authorities: Authority[] = communes.rows
          .filter((o: any) => o.siren)
          .map((o: any) => ({ name: o.name, siren: o.siren }));
        const rnd = random(42);
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
        figures.push({
          measure: `import Interconnectés (${chunk.toLocaleString('fr-FR')} lignes, base vide)`,
          database: dialect,
          value: firstRate,
          unit: 'lignes/s',
          min: 2000,
          note: 'analyse, rattachement par SIREN, écriture, index de recherche, une transaction',
        });
        figures.push({
          measure: `import Interconnectés (${total.toLocaleString('fr-FR')} lignes en lots de ${chunk.toLocaleString('fr-FR')})`,
          database: dialect,
          value: (rows / ms) * 1000,
          unit: 'lignes/s',
          min: 2000,
        });
        searchWords = [
          'énergie',
          'fuites',
          'ecoles',
          'stationnement',
          'déchets',
          'prevision',
          'chaussée',
          'archives',
          'pollution',
          'cantine',
        ];
      } finally {
        await handle.close();
      }

      // -- the real server with the data --------------------------------------------------------------------------
      const serve = await startServe({
        databaseUrl: database.url,
        dataDir: database.dir,
        env: { SEED_DEMO: 'false', RUN_JOBS: 'false' },
      });
      try {
        figures.push({
          measure: `démarrage de serve (${total.toLocaleString('fr-FR')} fiches)`,
          database: dialect,
          value: serve.readyMs / 1000,
          unit: 's',
          max: 2,
        });
        let t = performance.now();
        const first = await fetch(`${serve.url}/bibliotheque`);
        await first.text();
        figures.push({
          measure: 'première page Bibliothèque (construction de l’index des facettes)',
          database: dialect,
          value: performance.now() - t,
          unit: 'ms',
          note: `statut ${first.status}`,
        });
        // Search with facets: a French word, one to three facets, every facet counted.
        const rnd = random(7);
        const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
        const queries: string[] = [];
        for (let i = 0; i < (quick ? 100 : 400); i++) {
          const params = new URLSearchParams();
          if (rnd() < 0.8) params.set('q', pick(searchWords));
          params.append('theme', pick(themes.codes));
          if (rnd() < 0.7) params.append('statut', pick(projectStatuses.codes));
          if (rnd() < 0.5) params.append('public', pick(audiences.codes));
          if (rnd() < 0.3) params.append('type', 'commune');
          queries.push(`${serve.url}/api/v1/use-cases?${params}`);
        }
        for (const q of queries.slice(0, 20)) await (await fetch(q)).text();
        const samples: number[] = [];
        let errors = 0;
        for (const q of queries) {
          t = performance.now();
          const res = await fetch(q);
          await res.text();
          samples.push(performance.now() - t);
          if (res.status !== 200) errors++;
        }
        figures.push({
          measure: 'recherche + facettes, p50 (/api/v1/use-cases)',
          database: dialect,
          value: percentile(samples, 50),
          unit: 'ms',
          max: 10,
          note: `${queries.length} requêtes successives, temps de réponse sur localhost${errors ? `, ${errors} erreurs` : ''}`,
        });
        figures.push({
          measure: 'recherche + facettes, p99',
          database: dialect,
          value: percentile(samples, 99),
          unit: 'ms',
          max: 50,
        });
        figures.push({
          measure: 'mémoire du serveur après les recherches (RSS)',
          database: dialect,
          value: serve.rssMb(),
          unit: 'Mo',
          max: 300,
        });
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
      } finally {
        await serve.stop();
      }
    } finally {
      await database.dispose();
    }
  }
  return figures;
});
