import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * The library of AI use cases (src/modules/library).
 * - use_cases: one row per sheet. `content` is what readers see (the published version, or the draft before the
 *   first publication); `draft_content` is the pending revision of a published sheet. `version` guards concurrent
 *   edits. `facets` (JSON) and the sort columns are derived from the visible content for the library's in-memory
 *   facet index, which reloads the rows whose `change_seq` is above what it has seen.
 * - library_state: counters (`change_seq`: incremented under a row lock, so commit order = sequence order).
 * - use_case_versions: every published version, for the public history and comparisons.
 * - use_case_events: the workflow log and the review comments.
 * - use_case_reports: « signaler une erreur » reports.
 * - library_api_tokens: per-authority API tokens (hash only).
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('use_cases'), dialect)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('state', 'text', (c) => c.notNull()) // draft | submitted | changes_requested | published | archived
      .addColumn('revision_state', 'text') // draft | submitted | changes_requested (published sheets only)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('content', 'text', (c) => c.notNull()) // JSON
      .addColumn('draft_content', 'text') // JSON
      .addColumn('external_key', 'text', (c) => c.unique())
      .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sort_title', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('facets', 'text', (c) => c.notNull().defaultTo('{}')) // JSON, from `content`
      .addColumn('start_date', 'text')
      .addColumn('change_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text')
      .addColumn('published_at', 'text')
      .addColumn('content_updated_at', 'text') // last change of the visible content (feeds, sorting)
      .addColumn('archived_at', 'text')
      .addColumn('archive_reason', 'text')
      .execute();
    await db.schema.createIndex('use_cases_org').on('use_cases').columns(['organisation_id', 'state']).execute();
    await db.schema.createIndex('use_cases_state').on('use_cases').columns(['state', 'revision_state']).execute();
    await db.schema.createIndex('use_cases_seq').on('use_cases').column('change_seq').execute();
    await db.schema.createIndex('use_cases_updated').on('use_cases').columns(['state', 'content_updated_at']).execute();

    await db.schema
      .createTable('library_state')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();
    await db.insertInto('library_state').values({ name: 'change_seq', value: 0 }).execute();

    await withId(db.schema.createTable('use_case_versions'), dialect)
      .addColumn('use_case_id', 'integer', (c) => c.notNull().references('use_cases.id').onDelete('cascade'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull()) // JSON
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('published_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addUniqueConstraint('use_case_versions_number', ['use_case_id', 'number'])
      .execute();

    await withId(db.schema.createTable('use_case_events'), dialect)
      .addColumn('use_case_id', 'integer', (c) => c.notNull().references('use_cases.id').onDelete('cascade'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .execute();
    await db.schema.createIndex('use_case_events_case').on('use_case_events').columns(['use_case_id', 'id']).execute();

    await withId(db.schema.createTable('use_case_reports'), dialect)
      .addColumn('use_case_id', 'integer', (c) => c.notNull().references('use_cases.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('reporter_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('reporter_email', 'text')
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('open')) // open | handled
      .addColumn('handled_at', 'text')
      .addColumn('handled_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .execute();
    await db.schema
      .createIndex('use_case_reports_case')
      .on('use_case_reports')
      .columns(['use_case_id', 'status'])
      .execute();
    await db.schema.createIndex('use_case_reports_status').on('use_case_reports').columns(['status', 'id']).execute();

    await withId(db.schema.createTable('library_api_tokens'), dialect)
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('library_api_tokens_org').on('library_api_tokens').column('organisation_id').execute();
  },
};
export default migration;
