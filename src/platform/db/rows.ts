// Two row operations every store repeats, written once (portable: SQLite and PostgreSQL both support RETURNING).
import type { Kysely } from 'kysely';

/** Inserts one row into `table` and returns its integer id. */
export async function insertId(db: Kysely<any>, table: string, values: Record<string, unknown>): Promise<number> {
  const row = await db.insertInto(table).values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * The first row of `table` whose columns equal every value of `where`, turned into a record by `map`; null when
 * there is none.
 */
export async function findOne<T>(
  db: Kysely<any>,
  table: string,
  where: Record<string, unknown>,
  map: (row: any) => T,
): Promise<T | null> {
  let q = db.selectFrom(table).selectAll();
  for (const [column, value] of Object.entries(where)) q = q.where(column, '=', value);
  const row = await q.executeTakeFirst();
  return row ? map(row) : null;
}
