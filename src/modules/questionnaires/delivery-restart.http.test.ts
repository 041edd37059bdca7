// Nothing is mailed twice after a crash: the real `serve` process sends a campaign's invitations through a local SMTP
// server of our own, which holds its answer to one recipient's message; the worker is killed with SIGKILL while it
// waits. A restarted worker (once the dead one's lease has expired) sends what was not acknowledged — the held
// message again, the ones not sent yet — and nothing that was. Runs on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestDatabase, testDialects } from '../../../test/helpers/databases.ts';
import { factoriesOf } from '../../../test/helpers/factories.ts';
import { spawnServe } from '../../../test/helpers/process.ts';
import { startSmtpServer } from '../../../test/helpers/smtp-server.ts';
import { loadConfig } from '../../config.ts';
import { manualClock } from '../../platform/clock.ts';
import { openDatabase } from '../../platform/db/index.ts';
import { createPlatform } from '../../platform/platform.ts';
import type { Server } from '../../server.ts';
import { createModules } from '../index.ts';
import type { OrganisationsApi } from '../organisations/index.ts';
import { CLI_ACTOR, type QuestionnairesApi } from './index.ts';

const SECRET = 'delivery-restart-secret-delivery-restart-0123';
const RECIPIENTS = ['premier', 'deuxieme', 'lent', 'quatrieme', 'cinquieme', 'sixieme'];

for (const dialect of testDialects) {
  describe(`sending invitations survives a kill -9 [${dialect}]`, () => {
    test('a worker killed while sending is restarted: each recipient gets exactly one invitation', {
      timeout: 180_000,
    }, async () => {
      const address = (name: string) => `${name}@mairie-${dialect}.fr`;
      const smtp = await startSmtpServer({ hold: (rcpt) => rcpt === address('lent') });
      const database = await createTestDatabase(dialect);
      const env = {
        DATABASE_URL: database.url,
        DATA_DIR: database.dir,
        SESSION_SECRET: SECRET,
        SMTP_URL: smtp.url,
        CAMPAIGN_MAILS_PER_MINUTE: '6000',
      };
      const config = loadConfig({ ...process.env, ...env, BASE_URL: 'http://127.0.0.1:1', LOG_LEVEL: 'silent' });
      const handle = openDatabase(database.url, { poolSize: 2 });
      let serve: Awaited<ReturnType<typeof spawnServe>> | null = null;
      try {
        // The campaign, through the real modules on the same database (no worker in this process).
        const platform = createPlatform(config, handle);
        const modules = createModules(platform);
        const svc = modules.api('questionnaires') as QuestionnairesApi;
        const orgs = modules.api('organisations') as OrganisationsApi;
        const factories = factoriesOf({ modules, platform } as unknown as Server);
        const [censusId] = await svc.questionnaires.installCatalogue();
        const ids: number[] = [];
        for (const [i, name] of RECIPIENTS.entries()) {
          const id = await factories.createOrganisation({ name: `Commune ${i}`, type: 'commune', code: `test:${i}` });
          await orgs.addContact(id, { name: 'Mairie', function: 'Secrétariat', email: address(name), phone: null });
          ids.push(id);
        }
        const { id: campaignId } = await svc.campaigns.create(CLI_ACTOR, {
          questionnaireId: censusId!,
          title: 'Recensement après panne',
          description: '',
          opensAt: new Date(Date.now() - 86_400_000).toISOString(),
          closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          targets: { types: [], regions: [], departements: [], organisationIds: ids, sirens: [] },
          sirenList: '',
          publicLink: false,
          resultsPublic: false,
          libraryAuto: false,
          reminderDays: [],
        });

        // The real server's worker sends, in order, until the SMTP server holds the third message; then it dies.
        const held = smtp.held(address('lent'));
        serve = await spawnServe({ env: { ...env, SEED_DEMO: 'false', RUN_JOBS: 'true' } });
        await Promise.race([
          held,
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error(`aucun envoi retenu :\n${serve?.output()}`)), 60_000),
          ),
        ]);
        serve.child.kill('SIGKILL');
        await new Promise((r) => serve!.child.once('exit', r));
        await new Promise((r) => setTimeout(r, 300)); // the dead connection is closed on the SMTP side
        smtp.release();
        const before = smtp.messages.flatMap((m) => m.to);
        assert.deepEqual(before, [address('premier'), address('deuxieme')], 'deux invitations remises avant la panne');

        // A worker restarted after the dead one's lease (5 minutes) has expired.
        const restarted = createPlatform(config, handle, {
          clock: manualClock(new Date(Date.now() + 6 * 60_000).toISOString()),
        });
        const again = createModules(restarted);
        for (let i = 0; i < 10; i++) if (!(await restarted.jobs.runDue(again.jobHandlers))) break;

        const delivered = smtp.messages.flatMap((m) => m.to).sort();
        assert.deepEqual(delivered, RECIPIENTS.map(address).sort(), 'chaque destinataire, une seule fois');
        const dash = await (again.api('questionnaires') as QuestionnairesApi).campaigns.dashboard(
          CLI_ACTOR,
          campaignId,
        );
        assert.deepEqual([dash.summary.invited, dash.summary.reached, dash.summary.failed], [6, 6, 0]);
      } finally {
        if (serve && serve.child.exitCode === null) serve.child.kill('SIGKILL');
        await handle.close().catch(() => {});
        await database.dispose();
        await smtp.close();
      }
    });
  });
}
