// The daily housekeeping: finished jobs past their retention and expired sessions are deleted; pending, running and
// recent jobs stay; the next day's run is queued once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import { createSessionStore } from '../auth/sessions.ts';
import { hashToken } from '../auth/tokens.ts';
import { manualClock } from '../clock.ts';
import { createHousekeeping, DONE_JOBS_KEPT_DAYS, FAILED_JOBS_KEPT_DAYS, HOUSEKEEPING_JOB } from './housekeeping.ts';
import { createJobQueue } from './queue.ts';

const DAY = 86_400_000;

describeEachDatabase(
  'daily housekeeping',
  (db) => {
    test('old finished jobs and expired sessions go; pending, running and recent ones stay; tomorrow is queued', async () => {
      const { clock } = db();
      const jobs = createJobQueue(db().db, db().dialect, clock);
      const sessions = createSessionStore(db().db, clock);
      const housekeeping = createHousekeeping({ jobs, sessions, clock });
      const ago = (days: number) => new Date(clock.millis() - days * DAY).toISOString();
      const row = (
        type: string,
        status: 'pending' | 'running' | 'done' | 'failed',
        finishedDaysAgo: number | null,
      ) => ({
        type,
        payload: '{}',
        status,
        run_at: ago(400),
        created_at: ago(400),
        finished_at: finishedDaysAgo === null ? null : ago(finishedDaysAgo),
        unique_key: `${type}:${status}:${finishedDaysAgo}`,
      });
      await db()
        .db.insertInto('jobs')
        .values([
          row('test.old_done', 'done', DONE_JOBS_KEPT_DAYS + 1),
          row('test.recent_done', 'done', DONE_JOBS_KEPT_DAYS - 1),
          row('test.old_failed', 'failed', FAILED_JOBS_KEPT_DAYS + 1),
          row('test.kept_failed', 'failed', DONE_JOBS_KEPT_DAYS + 1),
          row('test.pending', 'pending', null),
          row('test.running', 'running', null),
        ])
        .execute();
      const user = await db()
        .db.insertInto('users')
        .values({ email: 'menage@example.test', created_at: clock.iso(), updated_at: clock.iso() } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      const expired = await sessions.create(Number(user.id));
      await db()
        .db.updateTable('sessions')
        .set({ expires_at: ago(1) })
        .where('id', '=', hashToken(expired))
        .execute();
      const live = await sessions.create(Number(user.id));

      assert.equal(await housekeeping.run(), 2);
      const left = await db().db.selectFrom('jobs').select(['type']).orderBy('type').execute();
      assert.deepEqual(
        left.map((r) => r.type),
        [HOUSEKEEPING_JOB, 'test.kept_failed', 'test.pending', 'test.recent_done', 'test.running'],
      );
      const next = await db()
        .db.selectFrom('jobs')
        .select(['run_at', 'unique_key'])
        .where('type', '=', HOUSEKEEPING_JOB)
        .executeTakeFirstOrThrow();
      const tomorrow = new Date(clock.millis() + DAY).toISOString().slice(0, 10);
      assert.equal(next.unique_key, `${HOUSEKEEPING_JOB}:${tomorrow}`);
      assert.equal(next.run_at, `${tomorrow}T03:30:00.000Z`);
      const ids = (await db().db.selectFrom('sessions').select('id').execute()).map((r) => r.id);
      assert.deepEqual(ids, [hashToken(live)]);

      // Run twice the same day: nothing more to delete, still one run queued for tomorrow.
      assert.equal(await housekeeping.run(), 0);
      const queued = await db()
        .db.selectFrom('jobs')
        .select(sql<number>`count(*)`.as('n'))
        .where('type', '=', HOUSEKEEPING_JOB)
        .executeTakeFirstOrThrow();
      assert.equal(Number(queued.n), 1);
    });

    test('thousands of old jobs go in several batches', async () => {
      const { clock } = db();
      const jobs = createJobQueue(db().db, db().dialect, clock);
      const old = new Date(clock.millis() - (DONE_JOBS_KEPT_DAYS + 5) * DAY).toISOString();
      const values = Array.from({ length: 2500 }, (_, i) => ({
        type: 'test.bulk_done',
        payload: '{}',
        status: 'done' as const,
        run_at: old,
        created_at: old,
        finished_at: old,
        unique_key: `test.bulk_done:${i}`,
      }));
      for (let i = 0; i < values.length; i += 500)
        await db()
          .db.insertInto('jobs')
          .values(values.slice(i, i + 500))
          .execute();
      const cutoff = new Date(clock.millis() - DONE_JOBS_KEPT_DAYS * DAY).toISOString();
      assert.equal(await jobs.purgeFinished(cutoff, '2000-01-01T00:00:00.000Z', 1000), 2500);
      const n = await db()
        .db.selectFrom('jobs')
        .select(sql<number>`count(*)`.as('n'))
        .where('type', '=', 'test.bulk_done')
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 0);
    });
  },
  { clock: () => manualClock('2026-06-10T12:00:00.000Z') },
);
