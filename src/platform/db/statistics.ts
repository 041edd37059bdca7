/**
 * The query planner's statistics after a bulk write. PostgreSQL plans from statistics that autovacuum refreshes only
 * some time after a change: right after a campaign to 35,000 authorities inserts its invitations, its deliveries and
 * their jobs, the planner still believes those tables nearly empty and picks plans that cost seconds (a sort of every
 * invitation of the campaign for one page of its dashboard: 452 ms instead of 58 ms once analysed). SQLite needs
 * nothing here: its planner reads the indexes without statistics.
 */
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from './database.ts';

/** Refreshes the statistics of `tables` now on PostgreSQL (ANALYZE, a few tens of milliseconds per 35,000 rows). */
export async function refreshStatistics(db: Db, tables: readonly string[]): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(db);
}

/** Writes of at least this many rows refresh the statistics of their tables. */
export const BULK_ROWS = 1000;

/**
 * A long bulk write (an import) refreshes its tables' statistics as they grow, not only at its end: autovacuum
 * analyses a table once a minute at best, while an import adds 40,000 rows a minute. In between, the planner of every
 * process reading the tables plans from the smaller table it last saw: during an import of 100,000 sheets on
 * PostgreSQL, the server beside it read the stems of the sheets an import showed by scanning every document of the
 * library (81 statements over 100 ms, up to 683 ms), and its visitors waited.
 */
export const STATISTICS_GROWTH = 0.2;

/**
 * Whether a bulk write that has written `writtenSince` rows since its tables' statistics were last refreshed (when
 * they held about `rowsThen`) should refresh them now: at least `BULK_ROWS` rows, and a fifth of what the tables held
 * (a handful of refreshes per import, whatever its size).
 */
export function statisticsDue(rowsThen: number, writtenSince: number): boolean {
  return writtenSince >= Math.max(BULK_ROWS, rowsThen * STATISTICS_GROWTH);
}

/**
 * Follows a long bulk write whose tables held about `rowsAtStart` rows: `wrote(rows, last)` after each committed
 * batch starts `refresh` when `statisticsDue` says so, and at the last batch after `BULK_ROWS` rows since the last one.
 *
 * A refresh runs beside the writes (on PostgreSQL, ANALYZE on another connection: the database's own work, while the
 * import goes on); one at a time, a refresh due meanwhile waiting for the next batch. The last batch waits for the
 * one running, then for its own: the write ends with its statistics whole. A refresh that failed fails the next call.
 * Awaited after each batch, the ANALYZEs of an import of 20,000 sheets held it 2.9 s (thirteen refreshes of six tables):
 * alone, it now takes 14.2–14.4 s instead of 19.2–22.2 s (with the contents stored without their empty fields).
 */
export function statisticsFollower(rowsAtStart: number, refresh: () => Promise<void>) {
  let rowsThen = rowsAtStart;
  let since = 0;
  let running: Promise<void> | null = null;
  let failure: { error: unknown } | null = null;
  return async (written: number, last: boolean): Promise<void> => {
    since += written;
    if (last && running) await running;
    if (failure) throw failure.error;
    if (running || (!statisticsDue(rowsThen, since) && !(last && since >= BULK_ROWS))) return;
    rowsThen += since;
    since = 0;
    if (last) return refresh();
    const started: Promise<void> = refresh().then(
      () => {
        if (running === started) running = null;
      },
      (error: unknown) => {
        failure = { error };
        if (running === started) running = null;
      },
    );
    running = started;
  };
}

/**
 * `statisticsFollower` for `tables` on PostgreSQL (`rows`: what they hold, read only there); on SQLite, which plans
 * without statistics, it does nothing.
 */
export async function followBulkWrite(
  db: Db,
  tables: readonly string[],
  rows: () => Promise<number>,
): Promise<(written: number, last: boolean) => Promise<void>> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return async () => {};
  return statisticsFollower(await rows(), () => refreshStatistics(db, tables));
}
