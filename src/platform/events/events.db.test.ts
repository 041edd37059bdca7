// Events for cross-module effects: an event exists if and only if the transaction that emitted it committed, and
// each subscribing module gets its own delivery (a job, retried on failure).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import type { Db } from '../db/database.ts';
import { createJobQueue } from '../jobs/queue.ts';
import { createEventBus, eventJobType } from './events.ts';

declare module './events.ts' {
  interface EventMap {
    'test.thing_happened': { thingId: number };
  }
}

describeEachDatabase('event bus', (db) => {
  test('each subscriber receives a committed event once, as its own job', async () => {
    const jobs = createJobQueue(db().db, db().dialect, db().clock);
    const bus = createEventBus(jobs);
    const seen: string[] = [];
    bus.subscribe('library', { 'test.thing_happened': async (p) => void seen.push(`library:${p.thingId}`) });
    bus.subscribe('questionnaires', {
      'test.thing_happened': async (p) => void seen.push(`questionnaires:${p.thingId}`),
    });
    const database = db().db as Db;
    await database.transaction().execute((trx) => bus.emit('test.thing_happened', { thingId: 7 }, trx));
    assert.equal(await jobs.runDue(bus.jobHandlers()), 2);
    assert.deepEqual(seen.sort(), ['library:7', 'questionnaires:7']);
    assert.equal(await jobs.runDue(bus.jobHandlers()), 0, 'delivered once');
  });

  test('an event emitted in a transaction that rolls back is never delivered', async () => {
    const jobs = createJobQueue(db().db, db().dialect, db().clock);
    const bus = createEventBus(jobs);
    const seen: number[] = [];
    bus.subscribe('library', { 'test.thing_happened': async (p) => void seen.push(p.thingId) });
    await assert.rejects(
      (db().db as Db).transaction().execute(async (trx) => {
        await bus.emit('test.thing_happened', { thingId: 8 }, trx);
        throw new Error('the change fails');
      }),
      /the change fails/,
    );
    assert.equal(await jobs.runDue(bus.jobHandlers()), 0);
    assert.deepEqual(seen, []);
  });

  test('a failing handler is retried later, as any job', async () => {
    const jobs = createJobQueue(db().db, db().dialect, db().clock);
    const bus = createEventBus(jobs);
    let attempts = 0;
    bus.subscribe('library', {
      'test.thing_happened': async () => {
        attempts++;
        throw new Error('mail server down');
      },
    });
    await bus.emit('test.thing_happened', { thingId: 9 }, db().db);
    await jobs.runDue(bus.jobHandlers());
    assert.equal(attempts, 1);
    const row = await db()
      .db.selectFrom('jobs')
      .select(['status', 'last_error'])
      .where('type', '=', eventJobType('test.thing_happened', 'library'))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending', 'scheduled again');
    assert.match(row.last_error ?? '', /mail server down/);
  });

  test('a module cannot subscribe twice to the same event', () => {
    const bus = createEventBus(createJobQueue(db().db, db().dialect));
    bus.subscribe('library', { 'test.thing_happened': async () => {} });
    assert.throws(() => bus.subscribe('library', { 'test.thing_happened': async () => {} }), /deux fois/);
  });
});
