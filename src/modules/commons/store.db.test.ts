// The commons store on SQLite and PostgreSQL: an update applies only on the version read (optimistic concurrency),
// every change moves the change counter the catalogue follows, news come newest first, an entry is found by its
// repository address, and a person's authorship is forgotten on erasure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import type { Db } from '../../platform/db/database.ts';
import type { CommonsInput } from './model.ts';
import { createCommonsStore } from './store.ts';

const input = (over: Partial<CommonsInput> = {}): CommonsInput => ({
  name: 'Modèle de prévision',
  summary: 'Prévoit la fréquentation des piscines.',
  kind: 'model',
  status: 'idea',
  licence: 'MIT',
  repositoryUrl: 'https://depot.exemple.fr/piscines',
  downloadUrl: null,
  documentationUrl: null,
  themes: ['attractiveness'],
  commonsCategory: 'forecasting',
  maintainerIds: [],
  userIds: [],
  contributorIds: [],
  useCaseIds: [],
  contacts: [{ name: 'Équipe données', email: null }],
  ...over,
});

describeEachDatabase('Commons store', (testDb) => {
  const db = () => ({ db: testDb().db as Db });
  test('insert and update on the version read; a stale version changes nothing; the counter moves each time', async () => {
    const store = createCommonsStore(db().db);
    const v0 = await store.version();
    const id = await db()
      .db.transaction()
      .execute((trx) => store.insert(trx, input(), null, '2026-03-01T09:00:00Z'));
    const v1 = await store.version();
    assert.ok(v1 > v0);
    const ok = await db()
      .db.transaction()
      .execute((trx) =>
        store.update(trx, id, 1, input({ status: 'available', themes: [] }), null, '2026-03-02T09:00:00Z'),
      );
    assert.equal(ok, true);
    const stale = await db()
      .db.transaction()
      .execute((trx) => store.update(trx, id, 1, input({ status: 'archived' }), null, '2026-03-03T09:00:00Z'));
    assert.equal(stale, false);
    const found = (await store.find(id))!;
    assert.equal(found.status, 'available');
    assert.equal(found.version, 2);
    assert.deepEqual(found.themes, []);
    assert.deepEqual(found.contacts, [{ name: 'Équipe données', email: null }]);
    assert.equal(found.updatedAt, '2026-03-02T09:00:00Z');
    assert.ok((await store.version()) > v1);
    assert.equal((await store.findByRepository('https://depot.exemple.fr/piscines'))?.id, id);
    assert.equal(await store.findByRepository('https://depot.exemple.fr/autre'), null);
  });

  test('news newest first (ties by id), the latest across entries, and the entry marked as changed', async () => {
    const store = createCommonsStore(db().db);
    const id = await db()
      .db.transaction()
      .execute((trx) => store.insert(trx, input({ repositoryUrl: null, name: 'Guide' }), null, '2026-03-01T09:00:00Z'));
    for (const [date, title] of [
      ['2026-01-01', 'Première'],
      ['2026-02-01', 'Deuxième'],
      ['2026-02-01', 'Troisième'],
    ] as const)
      await db()
        .db.transaction()
        .execute((trx) =>
          store.addNews(trx, { commonsId: id, date, title, body: '', release: null }, null, '2026-03-05T09:00:00Z'),
        );
    assert.deepEqual(
      (await store.newsOf(id)).map((n) => n.title),
      ['Troisième', 'Deuxième', 'Première'],
    );
    assert.deepEqual(
      (await store.latestNews(2)).map((n) => n.title),
      ['Troisième', 'Deuxième'],
    );
    assert.equal((await store.find(id))!.updatedAt, '2026-03-05T09:00:00Z');
  });

  test('rows after an id, by id; unknown ids are left out of findByIds, which keeps the order asked', async () => {
    const store = createCommonsStore(db().db);
    const all = await store.rowsAfter(0, 100);
    assert.deepEqual(
      all.map((r) => r.id),
      [...all.map((r) => r.id)].sort((a, b) => a - b),
    );
    const ids = all.map((r) => r.id).reverse();
    assert.deepEqual(
      (await store.findByIds([...ids, 999_999])).map((r) => r.id),
      ids,
    );
  });
});
