import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Responsible AI (src/modules/ethics).
 * - ethics_assessments: one row per assessment of a library sheet (`kind`: self | ai_act | law), numbered per sheet
 *   and kind. `answers` and `revisions` are JSON (forms engine answers; per-key revision for concurrent saves);
 *   `version` guards concurrent saves. Signed: `signed_at`, `signed_by`, `signed_name` (the name at signing, kept
 *   when the account is deleted). `published`: 0/1, only a signed assessment.
 * - ethics_notices: transparency notices of a sheet, versioned (`number`); `content` JSON; a published notice is
 *   never changed (a new version is written instead).
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('ethics_assessments'), dialect)
      .addColumn('use_case_id', 'integer', (c) => c.notNull().references('use_cases.id').onDelete('cascade'))
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull()) // draft | signed
      .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('revisions', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('current_page', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('published_at', 'text')
      .addColumn('signed_at', 'text')
      .addColumn('signed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('signed_name', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('ethics_assessments_number', ['use_case_id', 'kind', 'number'])
      .execute();
    await db.schema
      .createIndex('ethics_assessments_org')
      .on('ethics_assessments')
      .columns(['organisation_id', 'kind'])
      .execute();

    await withId(db.schema.createTable('ethics_notices'), dialect)
      .addColumn('use_case_id', 'integer', (c) => c.notNull().references('use_cases.id').onDelete('cascade'))
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull()) // draft | published
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('published_at', 'text')
      .addColumn('published_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('ethics_notices_number', ['use_case_id', 'number'])
      .execute();
  },
};
export default migration;
