/**
 * A change counter for a catalogue whose module has no counter table of its own: one row of the platform's
 * `settings` table (key « <module>.change_seq »). Writers take the next number inside their transaction; the row
 * stays locked until commit, so commit order is counter order and a reader that sees number N sees every change
 * numbered up to N.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';

export interface ChangeCounter {
  /** The current number (0 before the first change). */
  read(db?: Db): Promise<number>;
  /** The current number as a scalar subquery, to read it with other counters in one statement (`readCounters`). */
  query(): RawBuilder<unknown>;
  /** Takes the next number in the writer's transaction. */
  next(trx: Db): Promise<number>;
  /**
   * Takes the counter's lock without a new number, until the writer's transaction ends: writers that only add rows
   * with growing ids (told apart by the largest id) are serialised, so ids are committed in order.
   */
  lock(trx: Db): Promise<void>;
}

export function settingsCounter(db: Db, key: `${string}.change_seq`): ChangeCounter {
  const ensure = (trx: Db) =>
    trx
      .insertInto('settings')
      .values({ key, value: '0' })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  return {
    query: () => sql`(select value from settings where key = ${key})`,
    async read(on = db) {
      const row = await on.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return row ? Number(row.value) || 0 : 0;
    },
    async next(trx) {
      await ensure(trx);
      const row = await trx
        .updateTable('settings')
        .set({ value: sql<string>`cast(cast(value as integer) + 1 as text)` })
        .where('key', '=', key)
        .returning('value')
        .executeTakeFirstOrThrow();
      return Number(row.value);
    },
    async lock(trx) {
      await ensure(trx);
      await trx.updateTable('settings').set({ value: sql<string>`value` }).where('key', '=', key).execute();
    },
  };
}

/**
 * Several counters (scalar subqueries: `ChangeCounter.query`) read in one statement: one round trip instead of one
 * each (a catalogue that follows the counters of two modules looks at both on every request on PostgreSQL). A
 * counter without a row reads 0.
 */
export async function readCounters(db: Db, counters: readonly RawBuilder<unknown>[]): Promise<number[]> {
  if (!counters.length) return [];
  const columns = counters.map((c, i) => sql`${c} as ${sql.ref(`c${i}`)}`);
  const { rows } = await sql<Record<string, unknown>>`select ${sql.join(columns)}`.execute(db);
  return counters.map((_, i) => Number(rows[0]?.[`c${i}`] ?? 0) || 0);
}
