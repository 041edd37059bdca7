/**
 * Transactions whose commit does not wait for the disk, for long runs of batches (imports): on SQLite the batch
 * commits with synchronous=NORMAL (written to the WAL, not flushed), its statement journals are kept in memory, and
 * the connection's own settings are restored before any other query can use the connection; on PostgreSQL
 * `synchronous_commit` is off for that transaction only.
 *
 * Atomicity and consistency are unchanged: a process crash (kill -9) loses nothing (the operating system holds the
 * writes); a power loss may lose the last of these transactions, each one whole, never half of one. The caller ends
 * the run with an ordinary transaction: its flushed commit makes every earlier one durable too, since both databases
 * write their journal in order. Under load a flush costs tens of milliseconds: one per batch was most of an import.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { Dialect } from './index.ts';

export async function withoutWaitingForDisk<T>(db: Db, dialect: Dialect, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  if (dialect === 'postgres') {
    return db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = off`.execute(trx);
      return fn(trx);
    });
  }
  // The one SQLite connection is held from the first pragma to the last: no other query commits in between.
  return db.connection().execute(async (conn) => {
    const before = await sql<{ synchronous: number }>`pragma synchronous`.execute(conn);
    const level = Number(before.rows[0]?.synchronous ?? 2);
    await sql`pragma synchronous = NORMAL`.execute(conn);
    // Statement journals in memory: each statement of a batch that writes many rows (and FTS5 through its triggers)
    // otherwise wrote its journal to a temporary file, thrown away at the end of the statement (an import of 20,000
    // sheets: about 110,000 writes to some 150 temporary files). Nothing durable depends on them.
    const temp = await sql<{ temp_store: number }>`pragma temp_store`.execute(conn);
    const tempLevel = Number(temp.rows[0]?.temp_store ?? 0);
    await sql`pragma temp_store = MEMORY`.execute(conn);
    try {
      return await conn.transaction().execute(fn);
    } finally {
      await sql.raw(`pragma temp_store = ${Number.isInteger(tempLevel) ? tempLevel : 0}`).execute(conn);
      await sql.raw(`pragma synchronous = ${Number.isInteger(level) ? level : 2}`).execute(conn);
    }
  });
}
