import { sql } from 'kysely';
import { rebuildSqliteTables } from '../platform/db/rebuild.ts';
import type { PortableMigration } from '../platform/db/schema.ts';

/**
 * A published version's content may be null: « the sheet's content as it is now ». The latest version of a sheet
 * holds no copy while the sheet's content is the one it published; the store writes the copy in the same transaction
 * just before the sheet's content changes (store/use-cases.ts `update`). A version was a second copy of every
 * published sheet (1.4 KB each, a quarter of what an import writes). Existing versions keep their content.
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    if (dialect === 'postgres') {
      await sql`alter table use_case_versions alter column content drop not null`.execute(db);
      return;
    }
    await rebuildSqliteTables(db, ['use_case_versions'], (createSql) => {
      const nullable = createSql.replace(/("content"\s+text)\s+not null/i, '$1');
      if (nullable === createSql) throw new Error('colonne content de use_case_versions introuvable');
      return nullable;
    });
  },
};
export default migration;
