// Contacts at the scale of France (issue 9): one contact for every commune of the geographic code (about 35,000
// rows, found by INSEE code), imported as a coordinator does it — a CSV file posted to /collectivites/contacts/import,
// first as a dry run, then for real — through the whole HTTP pipeline of a built server. Prints the time of each
// pass, the rows per second and how much the resident memory rose at its peak (sampled every 50 ms) over what the
// process held once the geographic code was loaded. Figures only.
//
//   node --import tsx bench/contacts-import.ts     SQLite and PostgreSQL (when reachable)
//   BENCH_QUICK=1 …                                 5,000 communes only
import { loadConfig } from '../src/config.ts';
import type { OrganisationsApi } from '../src/modules/organisations/index.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { buildServer } from '../src/server.ts';
import { factoriesOf } from '../test/helpers/factories.ts';
import { multipartBody } from '../test/helpers/multipart.ts';
import { benchmark, emptyDatabase, type Figure } from './lib.ts';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const FIRST = ['Camille', 'Dominique', 'Claude', 'Sacha', 'Alix', 'Noa', 'Lou', 'Eden', 'Charlie', 'Maxime'];
const LAST = ['Martin', 'Bernard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Michel', 'Garcia'];

/** Samples the resident memory until stopped; returns the peak in MB. */
function memoryPeak() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return () => {
    clearInterval(timer);
    return Math.round(Math.max(peak, process.memoryUsage().rss) / 1e6);
  };
}

export default benchmark(import.meta.url, 'Import de contacts', async ({ dialects, quick, log }) => {
  const figures: Figure[] = [];
  for (const dialect of dialects) {
    const database = await emptyDatabase(dialect);
    const handle = openDatabase(database.url, { poolSize: 4 });
    try {
      const config = loadConfig({
        DATABASE_URL: database.url,
        DATA_DIR: database.dir,
        SESSION_SECRET: SECRET,
        BASE_URL: 'http://127.0.0.1',
        SEED_DEMO: 'false',
        RUN_JOBS: 'false',
        LOG_LEVEL: 'silent',
        PAGES_RATE_LIMIT: '0',
      });
      const server = await buildServer(config, { handle, worker: false, seed: false });
      const organisations = server.modules.api('organisations') as OrganisationsApi;
      await organisations.ensureGeography();
      const total = (await organisations.list({ type: 'commune' }, { limit: 0, offset: 0 })).total;
      const communes = (
        await organisations.list({ type: 'commune', sort: 'nom' }, { limit: quick ? 5000 : total, offset: 0 })
      ).rows;
      const lines = ['Code INSEE;Nom;Fonction;E-mail;Téléphone'];
      communes.forEach((c, i) => {
        const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
        lines.push(`${c.inseeCode};${name};Secrétaire de mairie;mairie.${c.inseeCode}@exemple.fr;`);
      });
      const csv = `${lines.join('\n')}\n`;
      log(`${dialect} : ${communes.length} communes, fichier de ${(csv.length / 1e6).toFixed(1)} Mo`);

      const factories = factoriesOf(server);
      const { id } = await factories.createUser({ email: 'coordination@bench.fr', role: 'coordinator' });
      const session = `bia_session=${await server.platform.sessions.create(id)}`;
      const home = await server.app.inject({ method: 'GET', url: '/', headers: { cookie: session } });
      const cookie = [session, ...home.cookies.map((c) => `${c.name}=${c.value}`)].join('; ');
      const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(home.body)?.[1] ?? '';

      const before = Math.round(process.memoryUsage().rss / 1e6);
      figures.push({
        measure: 'mémoire résidente avant import (code géographique chargé)',
        database: dialect,
        value: before,
        unit: 'Mo',
        note: 'même processus que la préparation, sans limite de tas',
      });
      for (const dryRun of [true, false]) {
        const { payload, contentType } = multipartBody({ _csrf: csrf, ...(dryRun ? { dryRun: '1' } : {}) }, [
          { field: 'file', filename: 'contacts.csv', type: 'text/csv', content: csv },
        ]);
        const stop = memoryPeak();
        const started = performance.now();
        const res = await server.app.inject({
          method: 'POST',
          url: '/collectivites/contacts/import',
          headers: { cookie, 'content-type': contentType },
          payload,
        });
        const seconds = (performance.now() - started) / 1000;
        const peak = stop();
        if (res.statusCode !== 200) throw new Error(`import ${res.statusCode} : ${res.body.slice(0, 300)}`);
        const what = dryRun ? 'essai (rien enregistré)' : 'import';
        figures.push(
          { measure: `${what} de ${communes.length} contacts`, database: dialect, value: seconds, unit: 's' },
          {
            measure: `${what} : débit`,
            database: dialect,
            value: Math.round(communes.length / seconds),
            unit: 'lignes/s',
          },
          {
            measure: `${what} : hausse de la mémoire résidente au plus haut`,
            database: dialect,
            value: peak - before,
            unit: 'Mo',
            note: `${peak} Mo au plus haut`,
          },
        );
        log(`${dialect} : ${what} en ${seconds.toFixed(1)} s, ${peak} Mo au plus haut`);
      }
      const saved = await organisations.contactsOf(communes.slice(0, 3).map((c) => c.id));
      if ([...saved.values()].some((list) => list.length !== 1)) throw new Error('contacts non enregistrés');
      await server.close();
    } finally {
      await handle.close();
      await database.dispose();
    }
  }
  return figures;
});
