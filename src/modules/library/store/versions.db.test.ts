// Published versions hold no copy of the content their sheet still has: the latest version of a sheet reads the
// sheet's content, and gets its own copy in the same transaction, just before that content changes (migration 0031).
// Whatever happens to the sheet afterwards, each version reads back exactly what was published.
import assert from 'node:assert/strict';
import { beforeEach, it } from 'node:test';
import { describeEachDatabase } from '../../../../test/helpers/databases.ts';
import { systemClock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import { type UseCaseContent, withDefaults } from '../model.ts';
import { indexColumns } from '../services/search-catalogue.ts';
import { storeTestOrganisation } from '../test-support.ts';
import { createHistoryStore } from './history.ts';
import { contentJson, createUseCaseStore } from './use-cases.ts';

const content = (title: string): UseCaseContent =>
  withDefaults({ title, description: `${title} : une description de la fiche.` });
const FIRST = content('Prévision des repas servis');
const SECOND = content('Prévision des repas servis et des livraisons');
const THIRD = content('Prévision des repas, des livraisons et des stocks');

describeEachDatabase('library store: published versions and the sheet’s own content', (db) => {
  const d = () => db().db as Db;
  let store: ReturnType<typeof createUseCaseStore>;
  let history: ReturnType<typeof createHistoryStore>;
  let id = 0;
  let slug = 0;

  /** The stored copy of each version, by number (null: none, the sheet's own content). */
  const copies = async () =>
    Object.fromEntries(
      (
        await d()
          .selectFrom('use_case_versions')
          .select(['number', 'content'])
          .where('use_case_id', '=', id)
          .orderBy('number')
          .execute()
      ).map((r) => [Number(r.number), r.content]),
    );
  const read = async (number: number) => (await history.version(id, number))?.content;
  const publish = async (next: UseCaseContent) => {
    const row = (await store.findById(id))!;
    await d()
      .transaction()
      .execute(async (trx) => {
        assert.ok(await store.update(id, row.version, { state: 'published', content: next, draftContent: null }, trx));
        await history.insertVersion({ useCaseId: id, publishedBy: null }, trx);
      });
  };

  beforeEach(async () => {
    store = createUseCaseStore(d(), systemClock, () => {}, indexColumns);
    history = createHistoryStore(d(), systemClock);
    const orgId = await storeTestOrganisation(d(), `other:versions-${++slug}`, `Commune des versions ${slug}`);
    [id] = (await d()
      .transaction()
      .execute((trx) =>
        store.insertMany(
          [
            {
              slug: `prevision-des-repas-${slug}`,
              organisationId: orgId,
              state: 'published',
              content: FIRST,
              externalKey: null,
              createdBy: null,
              publishedAt: systemClock.iso(),
            },
          ],
          trx,
        ),
      )) as [number];
  });

  it('a sheet published by an import has its first version, which reads the sheet’s content without a copy', async () => {
    assert.deepEqual(await copies(), { 1: null });
    assert.deepEqual(await read(1), FIRST);
    assert.equal(await read(2), undefined);
  });

  it('publishing new content keeps the previous content in its version, and the new version reads the sheet', async () => {
    await publish(SECOND);
    assert.deepEqual(await copies(), { 1: contentJson(FIRST), 2: null });
    await publish(THIRD);
    assert.deepEqual(await copies(), { 1: contentJson(FIRST), 2: contentJson(SECOND), 3: null });
    assert.deepEqual([await read(1), await read(2), await read(3)], [FIRST, SECOND, THIRD]);
  });

  it('a draft kept beside the published content leaves the versions alone', async () => {
    const row = (await store.findById(id))!;
    assert.ok(await store.update(id, row.version, { draftContent: SECOND, revision: 'draft' }));
    assert.deepEqual(await copies(), { 1: null });
    assert.deepEqual(await read(1), FIRST);
  });

  it('content changed while the sheet is unpublished does not change what was published', async () => {
    const row = (await store.findById(id))!;
    assert.ok(await store.update(id, row.version, { state: 'draft' }));
    const unpublished = (await store.findById(id))!;
    assert.ok(await store.update(id, unpublished.version, { content: SECOND }));
    assert.deepEqual(await read(1), FIRST);
    assert.deepEqual((await store.findById(id))!.content, SECOND);
  });

  it('an update refused because the sheet changed meanwhile copies nothing and changes nothing', async () => {
    const row = (await store.findById(id))!;
    assert.equal(await store.update(id, row.version - 1, { content: SECOND }), null);
    assert.deepEqual(await copies(), { 1: null });
    assert.deepEqual((await store.findById(id))!.content, FIRST);
  });

  it('a change rolled back with its transaction leaves the version without a copy', async () => {
    const row = (await store.findById(id))!;
    await assert.rejects(
      d()
        .transaction()
        .execute(async (trx) => {
          assert.ok(await store.update(id, row.version, { content: SECOND }, trx));
          throw new Error('annulé');
        }),
      /annulé/,
    );
    assert.deepEqual(await copies(), { 1: null });
    assert.deepEqual(await read(1), FIRST);
  });
});
