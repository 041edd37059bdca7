/**
 * SQLite table rebuilds for migrations: SQLite cannot change a column's definition in place, so a table is
 * rebuilt (the procedure of SQLite's documentation, « Making Other Kinds Of Table Schema Changes »): a new table
 * with the changed definition, every row copied, the old table dropped, the new one renamed, its indexes and
 * triggers created again. Foreign keys are switched off meanwhile — dropping a parent table with them on would
 * run its ON DELETE CASCADE actions — and checked afterwards.
 */
import { type Kysely, sql } from 'kysely';

/** `"id" integer primary key` not followed by `autoincrement`: the rowid after the largest one is reused. */
const REUSABLE_ID = /("id"\s+integer\s+primary\s+key)(?=\s*[,)])/i;

interface SchemaRow {
  name: string;
  sql: string;
}

/** The tables whose integer id SQLite may give again after the row holding the largest one is deleted. */
export async function sqliteTablesWithReusableIds(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<SchemaRow>`select name, sql from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and sql is not null order by name`.execute(db);
  return rows.filter((r) => REUSABLE_ID.test(r.sql)).map((r) => r.name);
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function foreignKeyViolations(db: Kysely<any>): Promise<number> {
  const { rows } = await sql`pragma foreign_key_check`.execute(db);
  return rows.length;
}

/**
 * Rebuilds each named table with the definition `change` makes of its CREATE TABLE statement, keeping its rows
 * (ids included), indexes, triggers and the foreign keys of other tables that point to it. One transaction: all
 * tables or none. Throws (and changes nothing) if the rebuild would leave a foreign key pointing nowhere.
 */
export async function rebuildSqliteTables(
  db: Kysely<any>,
  tables: string[],
  change: (createSql: string, table: string) => string,
): Promise<void> {
  if (tables.length === 0) return;
  const { rows: fk } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
  const foreignKeysWereOn = Number(fk[0]?.foreign_keys ?? 0) === 1;
  // Outside any transaction: SQLite ignores this pragma inside one.
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      const before = await foreignKeyViolations(trx);
      for (const table of tables) await rebuildOne(trx, table, change);
      const after = await foreignKeyViolations(trx);
      if (after > before) {
        throw new Error(
          `la reconstruction des tables ${tables.join(', ')} casserait ${after - before} clés étrangères`,
        );
      }
    });
  } finally {
    if (foreignKeysWereOn) await sql`pragma foreign_keys = on`.execute(db);
  }
}

async function rebuildOne(
  trx: Kysely<any>,
  table: string,
  change: (createSql: string, table: string) => string,
): Promise<void> {
  const { rows } = await sql<SchemaRow & { type: string }>`select type, name, sql from sqlite_master
    where tbl_name = ${table} and sql is not null`.execute(trx);
  const create = rows.find((r) => r.type === 'table' && r.name === table);
  if (!create) throw new Error(`table « ${table} » introuvable`);
  const others = rows.filter((r) => r.type === 'index' || r.type === 'trigger');
  const temporary = `${table}__rebuilt`;
  const changed = change(create.sql, table);
  const header = /^create\s+table\s+(?:"(?:[^"]|"")+"|\S+)/i;
  if (!header.test(changed)) throw new Error(`définition inattendue de la table « ${table} »`);
  await sql.raw(changed.replace(header, `create table ${quoted(temporary)}`)).execute(trx);
  await sql.raw(`insert into ${quoted(temporary)} select * from ${quoted(table)}`).execute(trx);
  await sql.raw(`drop table ${quoted(table)}`).execute(trx);
  await sql.raw(`alter table ${quoted(temporary)} rename to ${quoted(table)}`).execute(trx);
  for (const other of others) await sql.raw(other.sql).execute(trx);
}

/** Gives AUTOINCREMENT to every SQLite table whose integer id could be reused; returns the tables rebuilt. */
export async function neverReuseSqliteIds(db: Kysely<any>): Promise<string[]> {
  const tables = await sqliteTablesWithReusableIds(db);
  await rebuildSqliteTables(db, tables, (createSql) => createSql.replace(REUSABLE_ID, '$1 autoincrement'));
  return tables;
}
