import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from './index.ts';

/**
 * Portable column helpers for migrations: both databases get the same logical schema.
 * Conventions: integer ids, text ISO timestamps, integer 0/1 booleans, JSON as text.
 */
export function withId<T extends string>(table: CreateTableBuilder<T, any>, dialect: Dialect) {
  // Ids are never reused: they appear in the audit log, URLs, exports and other tables, so that a deleted row's id
  // given to a new one would make the new row the subject of the old one's history.
  // SQLite: "integer primary key autoincrement" (without AUTOINCREMENT, the rowid after the largest one is taken
  // again once the last row is deleted). PostgreSQL: an identity column, whose sequence never goes back.
  return dialect === 'postgres'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export type MigrationFn = (db: Kysely<any>, dialect: Dialect) => Promise<void>;
export interface PortableMigration {
  up: MigrationFn;
}
