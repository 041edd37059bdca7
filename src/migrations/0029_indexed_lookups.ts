import { sql } from 'kysely';
import type { PortableMigration } from '../platform/db/schema.ts';

/**
 * Lookups that walked a whole table, found by planning every statement of the tests with sequential scans disabled:
 *
 * - Slugs compared in binary order on PostgreSQL (collation "C", as SQLite compares them), so that the numbered
 *   forms of a slug (`base-2`, `base-3`…) are a range of its unique index. Under the database's collation
 *   (en_US.UTF-8, C.UTF-8…) neither `like 'base-%'` nor a range could use the index: every new sheet, and every batch
 *   of an import whose titles repeat, read the whole table (at 67,000 sheets, 263 ms per statement; an import of
 *   100,000 sheets fell to 240 rows/s). Slugs are lower-case ASCII letters, digits and hyphens: their order does not
 *   change.
 * - Organisations by SIRET (imports of contacts and of members name authorities by SIRET, 500 per statement), as
 *   they already were by SIREN and INSEE code.
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    if (dialect === 'postgres') await sql`alter table use_cases alter column slug type text collate "C"`.execute(db);
    await db.schema.createIndex('organisations_siret').on('organisations').column('siret').execute();
  },
};
export default migration;
