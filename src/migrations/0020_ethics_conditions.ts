import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Responsible AI: the network's « conditions de réussite » (src/modules/ethics/conditions.ts).
 * - ethics_conditions: one row per version of the working group's positions (`number` 1, 2…), `content` JSON
 *   (introduction and positions, each with the evidence it links to); `status` draft | published. A published
 *   version never changes: the next change is a new draft numbered n+1. `version` guards concurrent edits.
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('ethics_conditions'), dialect)
      .addColumn('number', 'integer', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull()) // draft | published
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('published_at', 'text')
      .addColumn('published_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
export default migration;
