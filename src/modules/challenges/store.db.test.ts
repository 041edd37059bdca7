// The challenges store on SQLite and PostgreSQL: an edit applies only on the version read, a stage moves only from
// the stage read (and is dated in the timeline), an organisation takes part once, every change moves the change
// counter the catalogue follows, news come newest first, and a person's traces are forgotten on erasure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import { loadConfig } from '../../config.ts';
import type { Db } from '../../platform/db/database.ts';
import { createPlatform } from '../../platform/platform.ts';
import { createOrganisationsModule, type OrganisationsPorts } from '../organisations/index.ts';
import type { ChallengeInput } from './model.ts';
import { createChallengesStore } from './store.ts';

const input = (over: Partial<ChallengeInput> = {}): ChallengeInput => ({
  title: 'Prévoir les crues',
  need: 'Les services ne voient pas venir les crues rapides.',
  expectedResult: 'Un modèle partagé.',
  data: '',
  hostingConstraints: '',
  personalDataConstraints: '',
  joinDeadline: '2026-04-01',
  themes: ['ecological_transition'],
  commonsCategory: 'forecasting',
  statedByOrganisationId: null,
  plannedScopingOn: null,
  plannedBuildingOn: null,
  plannedPublicationOn: null,
  ...over,
});

describeEachDatabase('Challenges store', (testDb) => {
  const db = () => testDb().db as Db;
  const tx = <T>(fn: (trx: Db) => Promise<T>) => db().transaction().execute(fn);

  /** An organisation made through the organisations module (creating one uses none of its ports). */
  async function organisation(name: string): Promise<number> {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: testDb().url,
      SESSION_SECRET: 'test-secret-test-secret-test-secret-0123456789',
      DATA_DIR: testDb().dir,
      BASE_URL: 'http://localhost:3000',
    });
    const platform = createPlatform(config, testDb());
    return createOrganisationsModule(platform, {} as OrganisationsPorts).api.createOrganisation({
      name,
      type: 'commune',
    });
  }

  test('insert at « appel à intérêt », edit on the version read, move the stage from the stage read', async () => {
    const store = createChallengesStore(db());
    const v0 = await store.version();
    const id = await tx((trx) =>
      store.insert(trx, input(), { useCaseIds: [], invitedIds: [] }, null, '2026-03-01T09:00:00Z'),
    );
    assert.ok((await store.version()) > v0);
    const created = (await store.find(id))!;
    assert.equal(created.stage, 'call_for_interest');
    assert.deepEqual(created.stages, [{ stage: 'call_for_interest', reachedAt: '2026-03-01T09:00:00Z', note: null }]);
    assert.equal(
      await tx((trx) => store.update(trx, id, 1, input({ title: 'Crues' }), null, '2026-03-02T09:00:00Z')),
      true,
    );
    assert.equal(
      await tx((trx) => store.update(trx, id, 1, input({ title: 'Périmé' }), null, '2026-03-03T09:00:00Z')),
      false,
    );
    const move = (from: 'call_for_interest' | 'scoping', at: string) =>
      tx((trx) => store.moveStage(trx, id, from, { stage: 'scoping', note: null, commonsId: null }, null, at));
    assert.equal(await move('call_for_interest', '2026-03-04T09:00:00Z'), true);
    assert.equal(await move('call_for_interest', '2026-03-05T09:00:00Z'), false, 'someone moved it in between');
    const found = (await store.find(id))!;
    assert.equal(found.title, 'Crues');
    assert.equal(found.version, 2);
    assert.equal(found.stage, 'scoping');
    assert.deepEqual(
      found.stages.map((s) => [s.stage, s.reachedAt]),
      [
        ['call_for_interest', '2026-03-01T09:00:00Z'],
        ['scoping', '2026-03-04T09:00:00Z'],
      ],
    );
    const abandoned = await tx((trx) =>
      store.moveStage(
        trx,
        id,
        'scoping',
        { stage: 'abandoned', note: 'Personne.', commonsId: null },
        null,
        '2026-03-06T09:00:00Z',
      ),
    );
    assert.equal(abandoned, true);
    assert.equal((await store.find(id))!.abandonReason, 'Personne.');
  });

  test('an organisation takes part once; leaving removes it; invitations and listed organisations are found', async () => {
    const store = createChallengesStore(db());
    const a = await organisation('Commune A');
    const b = await organisation('Commune B');
    const id = await tx((trx) =>
      store.insert(trx, input(), { useCaseIds: [], invitedIds: [b] }, null, '2026-03-01T09:00:00Z'),
    );
    const add = () =>
      tx((trx) =>
        store.addParticipant(
          trx,
          id,
          { organisationId: a, role: 'lead', brings: 'Données' },
          null,
          '2026-03-02T09:00:00Z',
        ),
      );
    assert.equal(await add(), true);
    assert.equal(await add(), false);
    const found = (await store.find(id))!;
    assert.deepEqual(found.participants, [
      { organisationId: a, role: 'lead', brings: 'Données', joinedAt: '2026-03-02T09:00:00Z' },
    ]);
    assert.deepEqual(found.invitedIds, [b]);
    assert.ok((await store.ofOrganisations([b])).includes(id), 'invited');
    assert.ok((await store.ofOrganisations([a])).includes(id), 'taking part');
    assert.equal(await tx((trx) => store.removeParticipant(trx, id, a, '2026-03-03T09:00:00Z')), true);
    assert.equal(await tx((trx) => store.removeParticipant(trx, id, a, '2026-03-03T09:00:00Z')), false);
    assert.deepEqual((await store.find(id))!.participants, []);
  });

  test('news newest first; the latest strictly after a date', async () => {
    const store = createChallengesStore(db());
    const id = await tx((trx) =>
      store.insert(trx, input(), { useCaseIds: [], invitedIds: [] }, null, '2026-03-01T09:00:00Z'),
    );
    for (const [at, title] of [
      ['2026-03-02T09:00:00Z', 'Un'],
      ['2026-03-03T09:00:00Z', 'Deux'],
      ['2026-03-03T09:00:00Z', 'Trois'],
    ] as const)
      await tx((trx) => store.addNews(trx, { challengeId: id, title, body: '' }, null, at));
    assert.deepEqual(
      (await store.newsOf(id)).map((n) => n.title),
      ['Trois', 'Deux', 'Un'],
    );
    assert.deepEqual(
      (await store.latestNews('2026-03-02T09:00:00Z', 10)).filter((n) => n.challengeId === id).map((n) => n.title),
      ['Trois', 'Deux'],
    );
  });
});
