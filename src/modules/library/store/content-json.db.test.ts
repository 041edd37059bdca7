// A sheet's content is stored without the fields left empty, on the sheet and on its versions: read back, it is the
// whole content again (every field, the empty ones with their empty value), and a field whose value differs from
// its empty value (a language set to nothing, an empty text) is kept as written.
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachDatabase } from '../../../../test/helpers/databases.ts';
import { systemClock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import { emptyContent, type UseCaseContent, withDefaults } from '../model.ts';
import { indexColumns } from '../services/search-catalogue.ts';
import { storeTestOrganisation } from '../test-support.ts';
import { createHistoryStore } from './history.ts';
import { contentJson, createUseCaseStore } from './use-cases.ts';

const sparse: UseCaseContent = withDefaults({
  title: 'Prévision des repas servis',
  description: 'Une description d’une ligne.',
  subThemes: ['water_management'],
  datasets: [{ title: '', url: 'https://donnees.exemple.fr/repas' }],
  summary: '',
  language: null as unknown as UseCaseContent['language'],
});

it('leaves out exactly the fields at their empty value', () => {
  const stored = JSON.parse(contentJson(sparse)) as Record<string, unknown>;
  assert.deepEqual(Object.keys(stored).sort(), [
    'datasets',
    'description',
    'language',
    'subThemes',
    'summary',
    'title',
  ]);
  // Inside a field nothing is left out (a link without a title keeps its empty title).
  assert.deepEqual(stored.datasets, [{ title: '', url: 'https://donnees.exemple.fr/repas' }]);
  assert.equal(contentJson(emptyContent()), '{"language":"fr"}');
});

describeEachDatabase('library store: contents stored without their empty fields', (db) => {
  let store: ReturnType<typeof createUseCaseStore>;
  let id = 0;

  before(async () => {
    store = createUseCaseStore(db().db, systemClock, () => {}, indexColumns);
    const at = systemClock.iso();
    const orgId = await storeTestOrganisation(db().db as Db, 'other:compact', 'Commune compacte');
    [id] = (await (db().db as Db).transaction().execute((trx) =>
      store.insertMany(
        [
          {
            slug: 'prevision-des-repas',
            organisationId: orgId,
            state: 'published',
            content: sparse,
            externalKey: null,
            createdBy: null,
            publishedAt: at,
          },
        ],
        trx,
      ),
    )) as [number];
  });

  it('reads back the whole content of the sheet, its draft and its versions', async () => {
    const row = (await store.findByIds([id]))[0]!;
    assert.deepEqual(row.content, sparse);
    const raw = await db().db.selectFrom('use_cases').select('content').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(raw.content, contentJson(sparse));
    assert.equal(Object.keys(JSON.parse(raw.content)).length, 6);

    const draft = withDefaults({ ...sparse, goal: 'Moins de gaspillage.' });
    assert.ok(await store.update(id, row.version, { draftContent: draft }));
    assert.deepEqual((await store.findById(id))!.draftContent, draft);

    // Published: the first version keeps the content it published, stored without its empty fields.
    const history = createHistoryStore(db().db, systemClock);
    const withDraft = (await store.findById(id))!;
    assert.ok(await store.update(id, withDraft.version, { content: draft, draftContent: null }));
    const number = await history.insertVersion({ useCaseId: id, publishedBy: null });
    assert.deepEqual((await history.version(id, 1))!.content, sparse);
    assert.deepEqual((await history.version(id, number))!.content, draft);
    const first = await db()
      .db.selectFrom('use_case_versions')
      .select('content')
      .where('use_case_id', '=', id)
      .where('number', '=', 1)
      .executeTakeFirstOrThrow();
    assert.equal(first.content, contentJson(sparse));
  });
});
