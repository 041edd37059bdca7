import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Participation (src/modules/participation): the catalogue of participation initiatives and the Manifesto frame.
 * - initiatives: one row per initiative of an authority. `content` JSON: the published content (null until first
 *   published); `draft` JSON: the working content (a draft, or the pending revision of a published initiative).
 *   `state` draft | submitted | returned | published | withdrawn; `revision` null | draft | submitted | returned (a
 *   published initiative being revised: the published content stays visible meanwhile). `origin_response_id`: the
 *   participation census response it was drafted from (at most one initiative per response). `version` guards
 *   concurrent edits.
 * - initiative_versions: the history, one row per act (saved, submitted, returned, published, withdrawn…) with the
 *   content at that moment, the reviewer's comment and who acted (set null when their account is deleted).
 * - commitment_use_cases: the library sheets linked to a Manifesto commitment (the library's tables are left alone).
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('initiatives'), dialect)
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('revision', 'text')
      .addColumn('content', 'text')
      .addColumn('draft', 'text')
      .addColumn('review_comment', 'text')
      .addColumn('origin_response_id', 'integer', (c) => c.unique())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text')
      .addColumn('published_at', 'text')
      .execute();
    await db.schema.createIndex('initiatives_organisation').on('initiatives').column('organisation_id').execute();
    await db.schema.createIndex('initiatives_state').on('initiatives').columns(['state', 'revision']).execute();

    await withId(db.schema.createTable('initiative_versions'), dialect)
      .addColumn('initiative_id', 'integer', (c) => c.notNull().references('initiatives.id').onDelete('cascade'))
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('initiative_versions_initiative')
      .on('initiative_versions')
      .columns(['initiative_id', 'id'])
      .execute();
    await db.schema.createIndex('initiative_versions_author').on('initiative_versions').column('created_by').execute();

    await db.schema
      .createTable('commitment_use_cases')
      .addColumn('commitment', 'text', (c) => c.notNull())
      .addColumn('use_case_id', 'integer', (c) => c.notNull().references('use_cases.id').onDelete('cascade'))
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('commitment_use_cases_pk', ['commitment', 'use_case_id'])
      .execute();
    await db.schema
      .createIndex('commitment_use_cases_sheet')
      .on('commitment_use_cases')
      .column('use_case_id')
      .execute();
  },
};
export default migration;
