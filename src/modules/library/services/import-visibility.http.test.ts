import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { withDefaults } from '../model.ts';
import { createLibraryStore } from '../store.ts';
import { everything, libraryOf, person } from '../test-support.ts';
import { IMPORT_BATCH } from './import.ts';
import { indexColumns } from './search.ts';

// An import shows its new sheets every few seconds and at its end, not at each batch: between two showings the
// library's change counter does not move (pages served meanwhile keep their results), and sheets written meanwhile
// show as soon as it moves, whoever moves it.
const HEADER = 'Nom_collectivite,Nom_du_projet,SIRET,Description_service';
const file = (prefix: string, rows: number) =>
  [
    HEADER,
    ...Array.from(
      { length: rows },
      (_, i) => `Ville de Paris,${prefix} ${i + 1},21750001600019,Un outil trie les demandes reçues par la mairie.`,
    ),
  ].join('\n');

const saved = { ...IMPORT_BATCH };
const setBatch = (values: Partial<Record<keyof typeof IMPORT_BATCH, number>>) =>
  Object.assign(IMPORT_BATCH as Record<string, number>, values);

describeEachApp('library imports: new sheets show every few seconds, not per batch', (app) => {
  let admin: CurrentUser;
  const library = () => libraryOf(app());
  // The library's store as its services build it (writes noted by the same catalogue).
  const storeOf = () =>
    createLibraryStore(app().server.platform.db, app().server.platform.clock, {
      onWrite: () => library().search.noteLocalWrite(),
      indexColumns,
    });
  after(() => setBatch(saved));

  test('setup', async () => {
    admin = await person(app(), 'admin@reseau.fr', 'admin');
  });

  test('batches of new sheets between two showings leave the change counter alone; the end shows them all', async () => {
    setBatch({ first: 5, min: 5, max: 5, showEveryMs: Number.POSITIVE_INFINITY });
    const before = await storeOf().currentSeq();
    const report = await library().imports.importFile(admin, { format: 'interconnectes', data: file('Tri', 23) });
    assert.deepEqual([report.errorCount, report.created], [0, 23]);
    // Five batches, one move of the counter: the last batch's.
    assert.equal((await storeOf().currentSeq()) - before, 1);
    assert.equal((await library().search.query(null, everything('tri'))).total, 23);
    setBatch(saved);
  });

  test('a sheet written under the pending number shows when the counter next moves', async () => {
    const { db } = app().server.platform;
    const store = storeOf();
    assert.equal((await library().search.query(null, everything('Classement'))).total, 0);
    const before = await store.currentSeq();
    const organisationId = await app().createOrganisation({ name: 'Ville d’Essai', type: 'commune' });
    await db.transaction().execute(async (trx) => {
      const pending = await store.pendingSeq(trx);
      assert.equal(pending, before + 1);
      await store.insertMany(
        [
          {
            slug: 'classement-des-courriers',
            organisationId,
            state: 'published',
            content: withDefaults({ title: 'Classement des courriers', description: 'Le courrier est trié.' }),
            externalKey: 'essai:classement',
            createdBy: null,
            publishedAt: '2026-03-01T09:00:00Z',
          },
        ],
        trx,
        pending,
      );
    });
    assert.equal(await store.currentSeq(), before);
    assert.equal((await library().search.query(null, { ...everything(), perPage: 100 })).total, 23);
    await db.transaction().execute(async (trx) => void (await store.nextSeq(trx)));
    const found = await library().search.query(null, { ...everything(), perPage: 100 });
    assert.equal(found.total, 24);
    assert.ok(found.items.some((i) => i.useCase.slug === 'classement-des-courriers'));
  });
});
