import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Consultations before deployment (src/modules/consultations): an authority asks citizens about one of its library
 * sheets before the system is deployed.
 * - consultations: one row per consultation; `form` is the forms engine's JSON; `opens_at`/`closes_at` ISO instants
 *   read against the clock; `mode` anonymous | signed_in; `min_cell` the small-number rule of its public results;
 *   `synthesis` and `changes` (« ce que la consultation a changé ») published after closing; `version` guards edits.
 * - consultation_answers: one row per answer; `user_id` only in signed_in mode (null in anonymous mode, and after the
 *   person's account is erased); `browser_token` the hash of the cookie that says « this browser has answered »;
 *   `address_hash` a keyed hash of the sender's address (per consultation), for the per-address rate limit.
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('consultations'), dialect)
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('use_case_id', 'integer', (c) => c.notNull().references('use_cases.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('introduction', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('opens_at', 'text', (c) => c.notNull())
      .addColumn('closes_at', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('min_cell', 'integer', (c) => c.notNull().defaultTo(5))
      .addColumn('synthesis', 'text')
      .addColumn('changes', 'text')
      .addColumn('synthesis_published_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('consultations_sheet').on('consultations').column('use_case_id').execute();
    await db.schema.createIndex('consultations_organisation').on('consultations').column('organisation_id').execute();

    await withId(db.schema.createTable('consultation_answers'), dialect)
      .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('answers', 'text', (c) => c.notNull())
      .addColumn('browser_token', 'text')
      .addColumn('address_hash', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('consultation_answers_person')
      .on('consultation_answers')
      .columns(['consultation_id', 'user_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('consultation_answers_browser')
      .on('consultation_answers')
      .columns(['consultation_id', 'browser_token'])
      .unique()
      .execute();
    await db.schema
      .createIndex('consultation_answers_address')
      .on('consultation_answers')
      .columns(['consultation_id', 'address_hash', 'created_at'])
      .execute();
  },
};
export default migration;
