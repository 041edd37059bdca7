// Deadline day, as rules (the figures are in bench/deadline.ts): many people autosaving at the same moment through a
// campaign's public link each get their own save acknowledged, and every acknowledged save is in the database (the
// saves share commits, never answers); the answering routes' limit (120 requests a minute per address) still holds,
// counted in memory without a database row per save; the limit of one address does not touch another's.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { type ManualClock, manualClock } from '../../platform/clock.ts';
import { CLI_ACTOR } from './index.ts';
import { publicCampaignInput, questionnairesOf } from './test-support.ts';

const day = 86_400_000;

describeEachApp<ManualClock>(
  'questionnaires: autosaves arriving together',
  (app) => {
    let path = '';
    let campaignId = 0;

    before(async () => {
      const svc = questionnairesOf(app());
      const [censusId] = (await svc.questionnaires.installCatalogue()) as [number];
      const now = app().clock.millis();
      const created = await svc.campaigns.create(
        CLI_ACTOR,
        publicCampaignInput(censusId, 'Jour de clôture', now - day, now + 10 * day),
      );
      campaignId = created.id;
      path = new URL((await svc.campaigns.dashboard(CLI_ACTOR, created.id)).publicLink!).pathname;
    });

    /** A new browser on the public link, seen by the server at `ip`. */
    async function browser(ip: string): Promise<TestAgent & { ip: string }> {
      const agent = Object.assign(app().agent(), { ip });
      const page = await agent.request({
        method: 'GET',
        url: `${path}/page/projet`,
        headers: { 'x-forwarded-for': ip },
      });
      assert.equal(page.statusCode, 200);
      return agent;
    }

    const save = (agent: TestAgent & { ip: string }, baseVersion: number, text: string) =>
      agent.request({
        method: 'POST',
        url: `${path}/enregistrer`,
        json: { baseVersion, answers: { description: text }, page: 'projet' },
        headers: { 'x-csrf-token': agent.csrfToken, accept: 'application/json', 'x-forwarded-for': agent.ip },
      });

    test('40 people saving at once each get their save acknowledged, and each acknowledged save is stored', async () => {
      const people = await Promise.all(Array.from({ length: 40 }, (_, i) => browser(`192.0.2.${i + 1}`)));
      const versions = new Map<number, number>();
      for (let round = 1; round <= 3; round++) {
        const answers = await Promise.all(
          people.map((p, i) => save(p, versions.get(i) ?? 0, `personne ${i} enregistrement ${round}`)),
        );
        for (const [i, res] of answers.entries()) {
          assert.equal(res.statusCode, 200, res.body);
          versions.set(i, res.json().version);
        }
      }
      const rows = await app()
        .server.platform.db.selectFrom('responses')
        .select('answers')
        .where('campaign_id', '=', campaignId)
        .execute();
      const stored = rows.map((r) => (JSON.parse(r.answers) as { description?: string }).description).sort();
      assert.deepEqual(stored, people.map((_, i) => `personne ${i} enregistrement 3`).sort());
    });

    test('past 120 saves a minute one address is refused (429, in French), without a database row per save', async () => {
      const rateRows = async () =>
        Number(
          (
            await app()
              .server.platform.db.selectFrom('rate_limits')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await rateRows();
      const busy = await browser('198.51.100.7');
      let version = 0;
      for (let i = 1; i <= 120; i++) {
        const res = await save(busy, version, `essai ${i}`);
        assert.equal(res.statusCode, 200, `save ${i}: ${res.body}`);
        version = res.json().version;
      }
      const refused = await save(busy, version, 'essai de trop');
      assert.equal(refused.statusCode, 429);
      assert.match(refused.json().error.message, /Trop de tentatives/);
      // Another address is not affected; a minute later the busy one saves again.
      const other = await browser('198.51.100.8');
      assert.equal((await save(other, 0, 'autre personne')).statusCode, 200);
      app().clock.advance({ minutes: 1, seconds: 1 });
      assert.equal((await save(busy, version, 'une minute plus tard')).statusCode, 200);
      assert.equal(await rateRows(), before);
    });
  },
  { TRUST_PROXY: 'true' },
  { clock: () => manualClock(new Date()) },
);
