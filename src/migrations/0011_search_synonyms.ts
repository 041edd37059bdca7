import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Synonyms of the search (src/platform/search/synonyms.ts): groups of expressions kept by coordinators, applied by
 * expanding queries. One row per group: its expressions, one per line, as the coordinator wrote them (analysed when
 * the groups are read, so that an analyser change needs no data migration), and a version for concurrent edits.
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('search_synonyms'), dialect)
      .addColumn('expressions', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
export default migration;
