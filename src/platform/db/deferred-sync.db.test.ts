// Batches committed without waiting for the disk (imports): still all or nothing, and the connection's durability
// setting (and on SQLite where statement journals are kept) is back as it was for every other transaction, after a
// commit as after a rollback.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import type { Db } from './database.ts';
import { withoutWaitingForDisk } from './deferred-sync.ts';

describeEachDatabase('transactions that do not wait for the disk', (database) => {
  const db = () => database().db as Db;
  const setting = async (): Promise<string> => {
    if (database().dialect === 'postgres') {
      const r = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(db());
      return r.rows[0]!.synchronous_commit;
    }
    return sqliteSettings(db());
  };
  /** « synchronous/temp_store » of SQLite's connection (2/0: FULL, journals in files; 1/2: NORMAL, in memory). */
  const sqliteSettings = async (on: Db): Promise<string> => {
    const r = await sql<{ synchronous: number }>`pragma synchronous`.execute(on);
    const t = await sql<{ temp_store: number }>`pragma temp_store`.execute(on);
    return `${r.rows[0]!.synchronous}/${t.rows[0]!.temp_store}`;
  };
  const storedValue = async (key: string) =>
    (await db().selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;

  test('commits every statement of the batch together, and leaves the durability setting as it was', async () => {
    const before = await setting();
    assert.ok(before === 'on' || before === '2/0', `réglage initial : ${before}`);
    const inside = await withoutWaitingForDisk(db(), database().dialect, async (trx) => {
      await trx.insertInto('settings').values({ key: 'lot.a', value: '1' }).execute();
      await trx.insertInto('settings').values({ key: 'lot.b', value: '2' }).execute();
      return database().dialect === 'postgres'
        ? (await sql<{ s: string }>`select current_setting('synchronous_commit') as s`.execute(trx)).rows[0]!.s
        : sqliteSettings(trx);
    });
    // Inside the batch the commit does not flush (off on PostgreSQL, NORMAL = 1 on SQLite, whose statement journals
    // stay in memory)…
    assert.ok(inside === 'off' || inside === '1/2', `dans le lot : ${inside}`);
    // …and every other transaction flushes as before.
    assert.equal(await setting(), before);
    assert.equal(await storedValue('lot.a'), '1');
    assert.equal(await storedValue('lot.b'), '2');
  });

  test('a failing batch writes nothing and also gives the setting back', async () => {
    const before = await setting();
    await assert.rejects(
      withoutWaitingForDisk(db(), database().dialect, async (trx) => {
        await trx.insertInto('settings').values({ key: 'lot.c', value: '3' }).execute();
        throw new Error('lot interrompu');
      }),
      /lot interrompu/,
    );
    assert.equal(await storedValue('lot.c'), undefined);
    assert.equal(await setting(), before);
  });
});
