// The facet index follows the library through `indexChanges`: the rows changed after a sequence number, a page at a
// time by id. A server serving the library while an import writes reads it every time new sheets show, so it must
// reach the changed rows through the change_seq index and never walk the whole table.
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachDatabase } from '../../../../test/helpers/databases.ts';
import { explainStatements } from '../../../../test/helpers/plans.ts';
import { systemClock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import { filledContent } from '../fixtures.ts';
import { indexColumns } from '../services/search-catalogue.ts';
import { storeTestOrganisation } from '../test-support.ts';
import { createUseCaseStore } from './use-cases.ts';

describeEachDatabase('library store: rows changed since a sequence number', (db) => {
  let store: ReturnType<typeof createUseCaseStore>;
  /** Ids of the sheets written after the first 300 (the changes the index has not seen). */
  let changed: number[] = [];
  let seenSeq = 0;

  before(async () => {
    store = createUseCaseStore(db().db, systemClock, () => {}, indexColumns);
    const orgId = await storeTestOrganisation(db().db as Db, 'other:test');
    const sheet = (i: number) => ({
      slug: `fiche-${i}`,
      organisationId: orgId,
      state: i % 7 === 0 ? ('draft' as const) : ('published' as const),
      content: filledContent(`fiche ${i}`),
      externalKey: null,
      createdBy: null,
    });
    const first = await (db().db as Db).transaction().execute((trx) =>
      store.insertMany(
        Array.from({ length: 300 }, (_, i) => sheet(i)),
        trx,
      ),
    );
    seenSeq = await store.currentSeq();
    // Later: new sheets, and two old ones written again (their id is below every new one).
    const later = await (db().db as Db).transaction().execute((trx) =>
      store.insertMany(
        Array.from({ length: 25 }, (_, i) => sheet(300 + i)),
        trx,
      ),
    );
    for (const id of [first[40]!, first[3]!]) {
      const row = (await store.findByIds([id]))[0]!;
      await store.update(id, row.version, { content: filledContent('réécrite') });
    }
    changed = [first[3]!, first[40]!, ...later].sort((a, b) => a - b);
  });

  it('returns exactly the rows changed since, in every state, by id, a page at a time', async () => {
    const pages: number[][] = [];
    let afterId = 0;
    for (;;) {
      const page = await store.indexChanges(seenSeq, afterId, 10);
      if (!page.length) break;
      pages.push(page.map((r) => r.id));
      afterId = page[page.length - 1]!.id;
    }
    assert.deepEqual(
      pages.map((p) => p.length),
      [10, 10, 7],
    );
    assert.deepEqual(pages.flat(), changed);
    const all = await store.indexChanges(seenSeq, 0, 100);
    assert.ok(all.some((r) => r.state === 'draft'));
    assert.deepEqual(await store.indexChanges(await store.currentSeq(), 0, 100), []);
  });

  it('reaches the changed rows through the change_seq index (SQLite: never a walk of the primary key)', async (t) => {
    if (db().dialect !== 'sqlite') return t.skip('plan SQLite');
    const statements = await explainStatements(db(), (on) =>
      createUseCaseStore(on, systemClock, () => {}, indexColumns).indexChanges(seenSeq, 0, 10),
    );
    assert.equal(statements.length, 1);
    const detail = statements[0]!.plan;
    assert.ok(
      detail.some((d) => d.includes('use_cases_seq')),
      detail.join(' | '),
    );
    assert.ok(!detail.some((d) => /^SCAN use_cases\b/.test(d) || d.includes('rowid>')), detail.join(' | '));
  });
});
