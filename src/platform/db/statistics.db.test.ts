// After a bulk write, the planner's statistics are refreshed at once on PostgreSQL (its estimate of the table's rows
// follows the write); on SQLite the call does nothing and fails on nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import { refreshStatistics } from './statistics.ts';

describeEachDatabase('planner statistics after a bulk write', (db) => {
  test('the estimated rows of a table follow 2,000 rows written at once', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({ key: `bulk-${i}`, count: 1, reset_at: 0 }));
    for (let i = 0; i < rows.length; i += 500)
      await db()
        .db.insertInto('rate_limits')
        .values(rows.slice(i, i + 500))
        .execute();
    await refreshStatistics(db().db, ['rate_limits']);
    if (db().dialect !== 'postgres') return;
    const estimate = await sql<{
      n: number;
    }>`select reltuples::int as n from pg_class where relname = 'rate_limits'`.execute(db().db);
    assert.ok(Number(estimate.rows[0]!.n) >= 2000, `estimate ${estimate.rows[0]!.n}`);
  });
});
