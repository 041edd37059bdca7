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
