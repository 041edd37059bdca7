// A killed server loses no save that a client was told succeeded: the real `serve` process takes a burst of
// autosaves from many clients and is killed with SIGKILL in the middle; the database is then read again and every
// acknowledged save must be there (or have been followed by a later one). Runs on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestDatabase, testDialects } from '../../../test/helpers/databases.ts';
import { factoriesOf } from '../../../test/helpers/factories.ts';
import { spawnServe } from '../../../test/helpers/process.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../platform/db/index.ts';
import { createPlatform } from '../../platform/platform.ts';
import type { Server } from '../../server.ts';
import { createModules } from '../index.ts';
import { CLI_ACTOR, type QuestionnairesApi } from './index.ts';

const SECRET = 'durability-secret-durability-secret-0123456789';
const CLIENTS = 16;

for (const dialect of testDialects) {
  describe(`durability of autosaves [${dialect}]`, () => {
    test('kill -9 during a burst of autosaves loses no acknowledged save', { timeout: 120_000 }, async () => {
      const database = await createTestDatabase(dialect);
      const serve = await spawnServe({
        env: {
          DATABASE_URL: database.url,
          DATA_DIR: database.dir,
          SESSION_SECRET: SECRET,
          SEED_DEMO: 'false',
          RUN_JOBS: 'false',
        },
      });
      const handle = openDatabase(database.url, { poolSize: 2 });
      try {
        // Set up a campaign with one response per client, through the real modules on the same database.
        const config = loadConfig({
          ...process.env,
          DATABASE_URL: database.url,
          DATA_DIR: database.dir,
          SESSION_SECRET: SECRET,
          BASE_URL: serve.url,
          LOG_LEVEL: 'silent',
        });
        const platform = createPlatform(config, handle);
        const modules = createModules(platform);
        const svc = modules.api('questionnaires') as QuestionnairesApi;
        const [censusId] = await svc.questionnaires.installCatalogue();
        // Authorities through the organisations module's api (the test factories), not its tables.
        const factories = factoriesOf({ modules, platform } as unknown as Server);
        const ids: number[] = [];
        for (let i = 0; i < CLIENTS; i++) {
          ids.push(await factories.createOrganisation({ name: `Commune ${i}`, type: 'commune', code: `test:${i}` }));
        }
        const { id: campaignId } = await svc.campaigns.create(CLI_ACTOR, {
          questionnaireId: censusId!,
          title: 'Durabilité',
          description: '',
          opensAt: new Date(Date.now() - 86_400_000).toISOString(),
          closesAt: new Date(Date.now() + 86_400_000).toISOString(),
          targets: { types: [], regions: [], departements: [], organisationIds: ids, sirens: [] },
          sirenList: '',
          publicLink: false,
          resultsPublic: false,
          libraryAuto: false,
          reminderDays: [],
          responsesMode: 'one',
        });
        const dash = await svc.campaigns.dashboard(CLI_ACTOR, campaignId);
        const clients = await Promise.all(
          dash.followUp.map(async (f) => {
            const link = await svc.invitations.linkOf(CLI_ACTOR, f.invitationId);
            const page = await fetch(`${link}/page/projet`);
            const html = await page.text();
            return {
              organisationId: f.organisationId,
              endpoint: `${link}/enregistrer`,
              token: /<meta name="csrf-token" content="([^"]+)"/.exec(html)![1]!,
              cookie: page.headers
                .getSetCookie()
                .map((c) => c.split(';')[0])
                .join('; '),
              /** The last save the server acknowledged: its version and value. */
              acked: null as null | { version: number; value: string },
            };
          }),
        );

        // The burst: each client saves as fast as it can; the server is killed after a while.
        let stop = false;
        let acknowledged = 0;
        let refused = 0;
        const loops = clients.map(async (c, i) => {
          for (let n = 1; !stop; n++) {
            const value = `client ${i}, saisie ${n}`;
            try {
              const res = await fetch(c.endpoint, {
                method: 'POST',
                headers: {
                  'content-type': 'application/json',
                  accept: 'application/json',
                  'x-csrf-token': c.token,
                  cookie: c.cookie,
                },
                body: JSON.stringify({ baseVersion: 1_000_000_000, answers: { description: value }, page: 'projet' }),
              });
              if (res.status !== 200) {
                refused++;
                continue;
              }
              const body = await res.json();
              if (body.answers.description === value) {
                c.acked = { version: body.version, value };
                acknowledged++;
              }
            } catch {
              // The server died with this request in flight: not acknowledged, so nothing is owed.
              return;
            }
          }
        });
        while (acknowledged < 300) await new Promise((r) => setTimeout(r, 5));
        serve.child.kill('SIGKILL');
        await new Promise((r) => serve.child.once('exit', r));
        stop = true;
        await Promise.all(loops);
        assert.ok(acknowledged >= 300, `${acknowledged} sauvegardes confirmées avant l'arrêt brutal`);
        assert.equal(refused, 0, 'aucune sauvegarde refusée avant l’arrêt');

        // Read back from a fresh connection (SQLite recovers its write-ahead log on open).
        const reader = openDatabase(database.url, { poolSize: 1 });
        try {
          for (const c of clients) {
            if (!c.acked) continue;
            const row = await reader.db
              .selectFrom('responses')
              .select(['answers', 'version'])
              .where('campaign_id', '=', campaignId)
              .where('organisation_id', '=', c.organisationId)
              .executeTakeFirstOrThrow();
            const stored = JSON.parse(row.answers as string).description;
            const version = Number(row.version);
            assert.ok(
              version >= c.acked.version,
              `réponse de ${c.organisationId} : version ${version} < version confirmée ${c.acked.version}`,
            );
            if (version === c.acked.version) assert.equal(stored, c.acked.value);
            else assert.match(stored, /^client \d+, saisie \d+$/);
          }
        } finally {
          await reader.close();
        }
      } finally {
        if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
        await handle.close().catch(() => {});
        await database.dispose();
      }
    });
  });
}
