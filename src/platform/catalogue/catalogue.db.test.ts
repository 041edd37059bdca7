import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Kysely } from 'kysely';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import type { DB, Db } from '../db/database.ts';
import { type DbHandle, openDatabase } from '../db/index.ts';
import { type Catalogue, createCatalogue } from './catalogue.ts';
import { type ChangeCounter, readCounters, settingsCounter } from './change-counter.ts';

/** A table of the test's own, written as a module's store writes: each change numbered by the change counter. */
interface ItemsTable {
  id: number;
  title: string;
  theme: string;
  published: number;
  change_seq: number;
}
type TestDb = Kysely<DB & { catalogue_test_items: ItemsTable }>;
type Item = ItemsTable;
/** The test's table is not declared in DB (modules declare theirs by augmentation): the same database, typed wider. */
const asDb = (db: TestDb): Db => db as unknown as Db;

/** One server instance: its own connections, its own catalogue (and facet index) over the shared database. */
function instance(db: TestDb, dialect: 'sqlite' | 'postgres', clock: () => number) {
  const counter = settingsCounter(asDb(db), 'catalogue_test.change_seq');
  const catalogue = createCatalogue<Item, 'theme', 'title'>(
    {
      kind: 'item',
      id: (r) => r.id,
      isPublic: (r) => r.published === 1,
      facets: { theme: { values: (r) => [r.theme] } },
      sorts: { title: { keys: [{ text: (r) => r.title, direction: 'asc' }] } },
      defaultSort: 'title',
      reader: {
        version: () => counter.read(),
        rowsAfter: (afterId, limit) =>
          db
            .selectFrom('catalogue_test_items')
            .selectAll()
            .where('id', '>', afterId)
            .orderBy('id')
            .limit(limit)
            .execute(),
        changesSince: (from, _to, afterId, limit) =>
          db
            .selectFrom('catalogue_test_items')
            .selectAll()
            .where('change_seq', '>', Number(from))
            .where('id', '>', afterId)
            .orderBy('id')
            .limit(limit)
            .execute(),
      },
    },
    { dialect, monotonic: clock },
  );
  async function write(item: Omit<Item, 'change_seq'>) {
    catalogue.touched();
    await db.transaction().execute(async (trx) => {
      const seq = await counter.next(asDb(trx));
      await trx
        .insertInto('catalogue_test_items')
        .values({ ...item, change_seq: seq })
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet({ title: item.title, theme: item.theme, published: item.published, change_seq: seq }),
        )
        .execute();
    });
  }
  return { catalogue, counter, write };
}

const everything = { q: '', filters: {}, sort: null, page: 1, perPage: 50 };

describeEachDatabase('catalogue freshness across instances', (database) => {
  let twinHandle: DbHandle;
  let now = 0;
  const clock = () => now;
  let here: ReturnType<typeof instance>;
  let there: ReturnType<typeof instance>;
  const catalogues: Catalogue<Item, 'theme', 'title'>[] = [];

  before(async () => {
    const db = database().db as TestDb;
    await db.schema
      .createTable('catalogue_test_items')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('theme', 'text', (c) => c.notNull())
      .addColumn('published', 'integer', (c) => c.notNull())
      .addColumn('change_seq', 'integer', (c) => c.notNull())
      .execute();
    twinHandle = openDatabase(database().url, { poolSize: 2 });
    here = instance(db, database().dialect, clock);
    there = instance(twinHandle.db as TestDb, database().dialect, clock);
    catalogues.push(here.catalogue, there.catalogue);
    await here.write({ id: 1, title: 'Compteurs d’eau', theme: 'eau', published: 1 });
    await here.write({ id: 2, title: 'Bornes de recharge', theme: 'energie', published: 1 });
  });

  after(async () => {
    for (const c of catalogues) await c.close();
    await twinHandle.close();
  });

  it('numbers changes in commit order, and a rolled-back change takes no number', async () => {
    const db = database().db as TestDb;
    const before = await here.counter.read();
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await here.counter.next(asDb(trx));
        throw new Error('annulation');
      }),
      /annulation/,
    );
    assert.equal(await here.counter.read(), before);
    const numbers = await Promise.all(
      [1, 2, 3].map(() => db.transaction().execute((trx) => (here.counter as ChangeCounter).next(asDb(trx)))),
    );
    assert.deepEqual(
      [...numbers].sort((a, b) => a - b),
      [before + 1, before + 2, before + 3],
    );
  });

  it('reads several counters in one statement, as each reads alone (0 for a counter never moved)', async () => {
    const db = asDb(database().db as TestDb);
    const other = settingsCounter(db, 'catalogue_test_other.change_seq');
    const never = settingsCounter(db, 'catalogue_test_never.change_seq');
    await db.transaction().execute(async (trx) => {
      await other.next(trx);
      await other.next(trx);
    });
    const together = await readCounters(db, [here.counter.query(), other.query(), never.query()]);
    assert.deepEqual(together, [await here.counter.read(), 2, 0]);
    assert.ok(together[0]! > 0);
    assert.deepEqual(await readCounters(db, []), []);
  });

  it('shows a change made through one instance through the other one', async () => {
    assert.deepEqual((await there.catalogue.search(everything)).ids, [2, 1]);
    assert.deepEqual((await here.catalogue.search(everything)).ids, [2, 1]);

    await here.write({ id: 3, title: 'Arrosage des parcs', theme: 'eau', published: 1 });
    // The writer's own instance sees it at once.
    assert.deepEqual((await here.catalogue.search(everything)).ids, [3, 2, 1]);
    // PostgreSQL: the other instance at once. SQLite (one server process): within 250 ms.
    if (database().dialect === 'sqlite') {
      assert.deepEqual((await there.catalogue.search(everything)).ids, [2, 1], 'trusted for 250 ms');
      now += 300;
    }
    const seen = await there.catalogue.search(everything);
    assert.deepEqual(seen.ids, [3, 2, 1]);
    assert.deepEqual(
      seen.facets.theme.map((f) => [f.code, f.count]),
      [
        ['eau', 2],
        ['energie', 1],
      ],
    );

    // And back: unpublished through the other instance, gone here.
    await there.write({ id: 1, title: 'Compteurs d’eau', theme: 'eau', published: 0 });
    now += 300;
    assert.deepEqual((await here.catalogue.search(everything)).ids, [3, 2]);
    assert.deepEqual((await there.catalogue.search({ ...everything, filters: { theme: ['eau'] } })).ids, [3]);
  });

  it('builds a third instance from scratch with the same answers', async () => {
    const late = instance(database().db as TestDb, database().dialect, clock);
    catalogues.push(late.catalogue);
    const a = await late.catalogue.search(everything);
    const b = await here.catalogue.search(everything);
    assert.deepEqual(a.ids, b.ids);
    assert.deepEqual(a.facets, b.facets);
  });
});
