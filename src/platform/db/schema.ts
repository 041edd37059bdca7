import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from './index.ts';

/**
 * Portable column helpers for migrations: both databases get the same logical schema.
 * Conventions: integer ids, text ISO timestamps, integer 0/1 booleans, JSON as text.
 */
export function withId<T extends string>(table: CreateTableBuilder<T, any>, dialect: Dialect) {
  // SQLite: "integer primary key" aliases the rowid (auto-assigned). PostgreSQL: identity column.
  return dialect === 'postgres'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey());
}

export type MigrationFn = (db: Kysely<any>, dialect: Dialect) => Promise<void>;
export interface PortableMigration {
  up: MigrationFn;
}
