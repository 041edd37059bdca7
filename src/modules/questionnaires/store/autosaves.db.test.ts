// Autosaves written together in one statement (store.saveAutosaves), on both databases: each one applies only if its
// response is still at the version it was merged on, and leaves untouched what it does not carry.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase } from '../../../../test/helpers/databases.ts';
import type { Db } from '../../../platform/db/database.ts';
import { CLI_ACTOR } from '../services/context.ts';
import { servicesOn } from '../test-support.ts';
import { createResponseStore } from './responses.ts';

describeEachDatabase('questionnaires store: autosaves written in one statement', (db) => {
  let store: ReturnType<typeof createResponseStore>;
  let campaignId: number;
  let versionId: number;

  before(async () => {
    const { api } = servicesOn(db());
    const [censusId] = await api.questionnaires.installCatalogue();
    const at = db().clock.now().getTime();
    const campaign = await api.campaigns.create(CLI_ACTOR, {
      questionnaireId: censusId!,
      title: 'Autosaves groupées',
      description: '',
      opensAt: new Date(at - 86_400_000).toISOString(),
      closesAt: new Date(at + 86_400_000).toISOString(),
      targets: { types: [], regions: [], departements: [], organisationIds: [], sirens: [] },
      sirenList: '',
      publicLink: true,
      resultsPublic: false,
      libraryAuto: false,
      reminderDays: [],
    } as Parameters<typeof api.campaigns.create>[1]);
    campaignId = campaign.id;
    store = createResponseStore(db().db as Db, db().clock);
    versionId = (
      await (db().db as Db)
        .selectFrom('campaigns')
        .select('version_id')
        .where('id', '=', campaignId)
        .executeTakeFirstOrThrow()
    ).version_id;
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
});
