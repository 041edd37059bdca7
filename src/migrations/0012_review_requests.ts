import type { PortableMigration } from '../platform/db/schema.ts';

/**
 * A review decision says which fields it concerns and keeps the content it judged, so that the editor sees the
 * reviewer's words beside the fields to fix, and the next reviewer sees what changed since (library workflow).
 * `fields`: JSON array of field keys; `snapshot`: JSON of the content reviewed (changes requested only).
 */
const migration: PortableMigration = {
  async up(db) {
    await db.schema.alterTable('use_case_events').addColumn('fields', 'text').execute();
    await db.schema.alterTable('use_case_events').addColumn('snapshot', 'text').execute();
  },
};
export default migration;
