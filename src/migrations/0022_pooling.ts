import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Pooling (src/modules/pooling): suggestions computed from the library, and « Nous faisons pareil ».
 * - pooling_runs: one row per computation of the suggestions (when, how many sheets and groups, how long, the
 *   longest event-loop stall, the library's change counter it read).
 * - pooling_suggestions: the groups of the latest computation, replaced as a whole by the next one; `group_id` is
 *   the group's smallest sheet id (stable while that sheet stays in it), `score_milli` the score in thousandths;
 *   `sheets` a JSON array of { id, title, path, authorityId } so that the page is one read.
 * - pooling_interests: an authority says it does the same as a sheet (by a person, with an optional short note);
 *   one per sheet and authority; `sheet_organisation_id` is the sheet's authority when it was recorded (what its
 *   editors see on « Mon espace » without reading the library's tables).
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('pooling_runs'), dialect)
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text', (c) => c.notNull())
      .addColumn('sheets', 'integer', (c) => c.notNull())
      .addColumn('groups', 'integer', (c) => c.notNull())
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('max_stall_ms', 'integer', (c) => c.notNull())
      .addColumn('library_version', 'integer', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('pooling_suggestions'), dialect)
      .addColumn('run_id', 'integer', (c) => c.notNull().references('pooling_runs.id').onDelete('cascade'))
      .addColumn('group_id', 'integer', (c) => c.notNull())
      .addColumn('rank', 'integer', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('terms', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('score_milli', 'integer', (c) => c.notNull())
      .addColumn('use_case_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('authority_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('interested_authority_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('sheets', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema
      .createIndex('pooling_suggestions_rank')
      .on('pooling_suggestions')
      .columns(['run_id', 'rank'])
      .execute();
    await db.schema
      .createIndex('pooling_suggestions_group')
      .on('pooling_suggestions')
      .columns(['run_id', 'group_id'])
      .execute();

    await withId(db.schema.createTable('pooling_interests'), dialect)
      .addColumn('use_case_id', 'integer', (c) => c.notNull().references('use_cases.id').onDelete('cascade'))
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('sheet_organisation_id', 'integer', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pooling_interests_sheet_org')
      .unique()
      .on('pooling_interests')
      .columns(['use_case_id', 'organisation_id'])
      .execute();
    await db.schema.createIndex('pooling_interests_org').on('pooling_interests').column('organisation_id').execute();
    await db.schema
      .createIndex('pooling_interests_sheet_owner')
      .on('pooling_interests')
      .column('sheet_organisation_id')
      .execute();
    await db.schema.createIndex('pooling_interests_user').on('pooling_interests').column('user_id').execute();
  },
};
export default migration;
