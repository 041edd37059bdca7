// Queuing many jobs at once (a campaign's 35,000 deliveries): multi-row inserts that keep every rule of `enqueue`
// (due time, attempts, one pending job per unique key, payload forgotten once done), in the caller's transaction.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import { manualClock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { createJobQueue } from './queue.ts';

describeEachDatabase(
  'queuing jobs in bulk',
  (db) => {
    test('600 jobs in one call (two inserts): each with its own due time and key, none queued twice, all run once', async () => {
      const { clock } = db();
      const jobs = createJobQueue(db().db, db().dialect, clock);
      const type = 'test.deliver_bulk';
      const batch = (from: number, to: number) =>
        Array.from({ length: to - from }, (_, k) => {
          const i = from + k;
          return {
            payload: { deliveryId: i },
            options: { runAt: new Date(clock.millis() + (i % 3) * 60_000), uniqueKey: `${type}:${i}`, maxAttempts: 6 },
          };
        });
      await db()
        .db.transaction()
        .execute((trx) => jobs.enqueueMany(type, batch(0, 600), trx as unknown as Db));
      // Queued again (a restart in the middle of a campaign's launch): the keys already queued are skipped.
      await jobs.enqueueMany(type, batch(500, 700));
      const rows = await db()
        .db.selectFrom('jobs')
        .select(['payload', 'run_at', 'max_attempts', 'status'])
        .where('type', '=', type)
        .execute();
      assert.equal(rows.length, 700);
      const byId = new Map(rows.map((r) => [(JSON.parse(r.payload) as { deliveryId: number }).deliveryId, r]));
      assert.equal(byId.size, 700);
      assert.equal(byId.get(4)!.run_at, new Date(clock.millis() + 60_000).toISOString());
      assert.equal(Number(byId.get(4)!.max_attempts), 6);
      assert.ok(rows.every((r) => r.status === 'pending'));

      const seen: number[] = [];
      const handlers = { [type]: async (p: { deliveryId: number }) => void seen.push(p.deliveryId) };
      clock.advance({ minutes: 3 });
      while (await jobs.runDue(handlers, 500)) {}
      assert.equal(seen.length, 700);
      assert.equal(new Set(seen).size, 700, 'each job ran once');
    });

    test('a payload marked to be forgotten is emptied once its job is done, as with enqueue', async () => {
      const jobs = createJobQueue(db().db, db().dialect, db().clock);
      const type = 'test.mail_bulk';
      await jobs.enqueueMany(type, [{ payload: { to: 'dgs@commune.fr' }, options: { forgetWhenDone: true } }]);
      let received: unknown = null;
      await jobs.runDue({
        [type]: async (p) => {
          received = p;
        },
      });
      assert.deepEqual(received, { to: 'dgs@commune.fr' });
      const row = await db()
        .db.selectFrom('jobs')
        .select(['payload', 'status'])
        .where('type', '=', type)
        .executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.payload], ['done', '{}']);
    });
  },
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);
