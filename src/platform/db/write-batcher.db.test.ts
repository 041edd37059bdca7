// Group commit (write-batcher.ts): writes queued together share one transaction, each caller learns its own result
// only once that transaction has committed, and one failing write never fails the writes batched with it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import type { Db } from './database.ts';
import { sqlitePath } from './index.ts';
import { type WalFlusher, walFlusher } from './wal-flush.ts';
import { createWriteBatcher } from './write-batcher.ts';

describeEachDatabase('group commit of small writes', (db) => {
  const insert = (trx: Db, key: string) =>
    trx.insertInto('rate_limits').values({ key, count: 1, reset_at: 0 }).execute();
  const stored = async (prefix: string) =>
    (
      await db().db.selectFrom('rate_limits').select('key').where('key', 'like', `${prefix}%`).orderBy('key').execute()
    ).map((r) => r.key);

  test('writes queued together share one transaction and are committed when their promises resolve', async () => {
    const batcher = createWriteBatcher(db().db);
    const transactions = new Set<Db>();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        batcher.run(async (trx) => {
          transactions.add(trx);
          await insert(trx, `together-${String(i).padStart(2, '0')}`);
          return i * 10;
        }),
      ),
    );
    assert.deepEqual(
      results,
      Array.from({ length: 20 }, (_, i) => i * 10),
    );
    assert.equal(transactions.size, 1, 'one transaction for the 20 writes');
    // Visible to any other reader: committed.
    assert.equal((await stored('together-')).length, 20);
  });

  test('a write that fails is refused alone: the others of its batch are kept', async () => {
    const batcher = createWriteBatcher(db().db);
    await insert(db().db, 'taken');
    const outcomes = await Promise.allSettled([
      batcher.run((trx) => insert(trx, 'kept-1')),
      batcher.run((trx) => insert(trx, 'taken')), // unique key already used: refused by the database
      batcher.run((trx) => insert(trx, 'kept-2')),
    ]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.deepEqual(await stored('kept-'), ['kept-1', 'kept-2']);
  });

  test('with the WAL flushed off the event loop, writes resolve only after the flush, and the connection keeps its durable setting', async (t) => {
    if (db().dialect !== 'sqlite') return t.skip('SQLite only: PostgreSQL commits never block the event loop');
    const flushed: string[] = [];
    const real = walFlusher(sqlitePath(db().url));
    // The flusher as the batcher sees it, noting which writes were already committed when each flush started.
    const wal: WalFlusher = {
      async flush() {
        flushed.push((await stored('wal-')).join(','));
        return real.flush();
      },
    };
    const batcher = createWriteBatcher(db().db, { wal });
    const settled: string[] = [];
    await Promise.all(
      ['wal-1', 'wal-2', 'wal-3'].map((key) =>
        batcher
          .run((trx) => insert(trx, key))
          .then(() => {
            settled.push(key);
            // Acknowledged after a flush that started once this write was committed.
            assert.ok(
              flushed.some((seen) => seen.split(',').includes(key)),
              `${key} flushed before being answered`,
            );
          }),
      ),
    );
    assert.deepEqual(settled.sort(), ['wal-1', 'wal-2', 'wal-3']);
    assert.deepEqual(await stored('wal-'), ['wal-1', 'wal-2', 'wal-3']);
    // Every other write still commits with synchronous=FULL (2).
    const level = await sql<{ synchronous: number }>`pragma synchronous`.execute(db().db);
    assert.equal(Number(level.rows[0]?.synchronous), 2);
  });

  test('a write whose flush fails is not acknowledged', async (t) => {
    if (db().dialect !== 'sqlite') return t.skip('SQLite only');
    const batcher = createWriteBatcher(db().db, {
      wal: { flush: () => Promise.reject(new Error('disque plein')) },
    });
    await assert.rejects(
      batcher.run((trx) => insert(trx, 'unflushed')),
      /disque plein/,
    );
  });
});
