// Autosaves written together in one statement (store.saveAutosaves), on both databases: each one applies only if its
// response is still at the version it was merged on, and leaves untouched what it does not carry.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase } from '../../../../test/helpers/databases.ts';
import type { Db } from '../../../platform/db/database.ts';
import { CLI_ACTOR } from '../services/context.ts';
import { publicCampaignInput, servicesOn } from '../test-support.ts';
import { type AutosaveWrite, createResponseStore } from './responses.ts';

describeEachDatabase('questionnaires store: autosaves written in one statement', (db) => {
  let store: ReturnType<typeof createResponseStore>;
  let campaignId: number;
  let versionId: number;
  let campaign: AutosaveWrite['campaign'];

  before(async () => {
    const { api } = servicesOn(db());
    const [censusId] = await api.questionnaires.installCatalogue();
    const at = db().clock.now().getTime();
    const created = await api.campaigns.create(
      CLI_ACTOR,
      publicCampaignInput(censusId!, 'Autosaves groupées', at - 86_400_000, at + 86_400_000),
    );
    campaignId = created.id;
    store = createResponseStore(db().db as Db, db().clock);
    const row = await (db().db as Db)
      .selectFrom('campaigns')
      .selectAll()
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    versionId = row.version_id;
    campaign = {
      id: campaignId,
      opensAt: row.opens_at,
      closesAt: row.closes_at,
      closedAt: row.closed_at,
      launchedAt: row.launched_at,
    };
  });

  const newResponse = (hash: string) =>
    store.insertResponse({
      campaignId,
      versionId,
      organisation: null,
      anonymousTokenHash: hash,
      userId: null,
      currentPage: 'projet',
    });

  test('writes each response still at its expected version, and only those', async () => {
    const [a, b, c] = [await newResponse('h-a'), await newResponse('h-b'), await newResponse('h-c')];
    // b was saved by someone else meanwhile: its write, merged on version 1, must not apply.
    assert.equal(
      await store.saveAnswers(b.id, 1, { answers: { description: 'autre' }, revisions: {}, progress: 5, userId: null }),
      true,
    );
    const at = db().clock.iso();
    const write = (id: number, description: string) => ({
      id,
      expectedVersion: 1,
      answers: { description, 'q-"quote\'': 'é\\u0000 ' },
      revisions: { description: 2 },
      progress: 40,
      userId: null,
      updatedAt: at,
      campaign,
    });
    const written = await store.saveAutosaves([
      write(a.id, 'première'),
      write(b.id, 'perdue'),
      { ...write(c.id, 'troisième'), currentPage: 'usages', respondentEmail: 'x@y.fr' },
    ]);
    assert.deepEqual(
      [...written].sort((x, y) => x - y),
      [a.id, c.id].sort((x, y) => x - y),
    );
    const [ra, rb, rc] = [
      await store.findResponse(a.id),
      await store.findResponse(b.id),
      await store.findResponse(c.id),
    ];
    assert.deepEqual(ra!.answers, { description: 'première', 'q-"quote\'': 'é\\u0000 ' });
    assert.deepEqual(ra!.revisions, { description: 2 });
    assert.equal(ra!.version, 2);
    assert.equal(ra!.progress, 40);
    // Not carried: the page and the address are left as they were.
    assert.equal(ra!.currentPage, 'projet');
    assert.equal(ra!.respondentEmail, null);
    assert.deepEqual(rb!.answers, { description: 'autre' });
    assert.equal(rb!.version, 2);
    assert.equal(rc!.currentPage, 'usages');
    assert.equal(rc!.respondentEmail, 'x@y.fr');
    assert.equal(rc!.version, 2);
  });

  test('a null page or address carried is written as null; no write is no statement', async () => {
    const r = await newResponse('h-d');
    const written = await store.saveAutosaves([
      {
        id: r.id,
        expectedVersion: 1,
        answers: {},
        revisions: {},
        currentPage: null,
        respondentEmail: null,
        progress: 0,
        userId: null,
        updatedAt: db().clock.iso(),
        campaign,
      },
    ]);
    assert.deepEqual([...written], [r.id]);
    assert.equal((await store.findResponse(r.id))!.currentPage, null);
    assert.equal((await store.saveAutosaves([])).size, 0);
  });

  test("reads a public link's campaign and the browser's own response in one query", async () => {
    const { public_token_hash: publicHash } = await (db().db as Db)
      .selectFrom('campaigns')
      .select('public_token_hash')
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    const mine = await newResponse('h-public');
    const found = await store.findPublicCampaignAndResponse(publicHash!, 'h-public');
    assert.equal(found?.campaign.id, campaignId);
    assert.deepEqual(found?.response, await store.findResponse(mine.id));
    const stranger = await store.findPublicCampaignAndResponse(publicHash!, 'h-nobody');
    assert.equal(stranger?.campaign.id, campaignId);
    assert.equal(stranger?.response, null);
    assert.equal((await store.findPublicCampaignAndResponse(publicHash!, null))?.response, null);
    assert.equal(await store.findPublicCampaignAndResponse('pas-un-lien', 'h-public'), null);
  });

  test('writes nothing once the campaign was closed or its dates changed in the database', async () => {
    const r = await newResponse('h-closed');
    const write = (over: Partial<AutosaveWrite['campaign']> = {}) => ({
      id: r.id,
      expectedVersion: 1,
      answers: { description: 'après la clôture' },
      revisions: {},
      progress: 10,
      userId: null,
      updatedAt: db().clock.iso(),
      campaign: { ...campaign, ...over },
    });
    // The caller saw other dates than those now in the database (changed meanwhile).
    assert.equal((await store.saveAutosaves([write({ closesAt: '2099-01-01T00:00:00.000Z' })])).size, 0);
    const campaigns = () => (db().db as Db).updateTable('campaigns').where('id', '=', campaignId);
    await campaigns().set({ closed_at: db().clock.iso() }).execute();
    try {
      assert.equal((await store.saveAutosaves([write()])).size, 0);
    } finally {
      await campaigns().set({ closed_at: null }).execute();
    }
    assert.deepEqual((await store.findResponse(r.id))!.answers, {});
    assert.deepEqual([...(await store.saveAutosaves([write()]))], [r.id]);
  });
});
