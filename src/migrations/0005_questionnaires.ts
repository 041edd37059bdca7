import { sql } from 'kysely';
import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Questionnaires and census campaigns: questionnaires (with an editable draft), immutable published versions,
 * campaigns sent to authorities, personal invitations (only a hash of each token is stored), responses (answers as
 * JSON, bound to the version they answered) and the files attached to answers. Invitations and responses keep a
 * snapshot of the authority's name, type, région and département, so that dashboards and results filter on them
 * without reading another module's tables.
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('questionnaires'), dialect)
      .addColumn('catalogue_key', 'text', (c) => c.unique()) // questionnaires shipped with the product
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('draft', 'text', (c) => c.notNull()) // JSON, our native format: the working copy of the builder
      .addColumn('draft_revision', 'integer', (c) => c.notNull().defaultTo(1)) // optimistic concurrency of the builder
      .addColumn('latest_version', 'integer', (c) => c.notNull().defaultTo(0)) // number of the last published version
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('archived_at', 'text')
      .execute();

    await withId(db.schema.createTable('questionnaire_versions'), dialect)
      .addColumn('questionnaire_id', 'integer', (c) => c.notNull().references('questionnaires.id').onDelete('cascade'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull()) // JSON, immutable once written
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('published_by', 'integer')
      .addUniqueConstraint('questionnaire_versions_number', ['questionnaire_id', 'number'])
      .execute();

    await withId(db.schema.createTable('campaigns'), dialect)
      .addColumn('questionnaire_id', 'integer', (c) => c.notNull().references('questionnaires.id'))
      .addColumn('version_id', 'integer', (c) => c.notNull().references('questionnaire_versions.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('opens_at', 'text', (c) => c.notNull())
      .addColumn('closes_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text') // closed early by a coordinator
      .addColumn('targets', 'text', (c) => c.notNull().defaultTo('{}')) // JSON: how the authorities were chosen
      .addColumn('public_token_hash', 'text', (c) => c.unique()) // anonymous public link, when enabled
      .addColumn('public_token_nonce', 'text')
      .addColumn('results_public', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('library_auto', 'integer', (c) => c.notNull().defaultTo(0)) // AI census: a draft sheet on submission
      .addColumn('reminder_days', 'text', (c) => c.notNull().defaultTo('7,2')) // days before closing
      .addColumn('invitations_sent_at', 'text')
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('campaigns_questionnaire').on('campaigns').column('questionnaire_id').execute();

    await withId(db.schema.createTable('invitations'), dialect)
      .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      // Snapshot of the authority when invited (results and dashboards filter on these without another module's tables).
      .addColumn('organisation_name', 'text', (c) => c.notNull())
      .addColumn('organisation_type', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text')
      .addColumn('departement_code', 'text')
      .addColumn('contact_emails', 'text', (c) => c.notNull().defaultTo('[]')) // JSON: where the invitation is mailed
      .addColumn('nonce', 'text', (c) => c.notNull()) // with the server secret, derives the token (never stored)
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('reminders_sent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_reminder_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('invitations_campaign_org', ['campaign_id', 'organisation_id'])
      .execute();

    await withId(db.schema.createTable('responses'), dialect)
      .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
      .addColumn('version_id', 'integer', (c) => c.notNull().references('questionnaire_versions.id'))
      .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id')) // null: anonymous (public link)
      .addColumn('organisation_name', 'text')
      .addColumn('organisation_type', 'text')
      .addColumn('region_code', 'text')
      .addColumn('departement_code', 'text')
      .addColumn('anonymous_token_hash', 'text', (c) => c.unique())
      .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}')) // JSON
      .addColumn('revisions', 'text', (c) => c.notNull().defaultTo('{}')) // JSON: answer key -> version that last set it
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('in_progress')) // in_progress | submitted
      .addColumn('current_page', 'text')
      .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0)) // percent
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer')
      .addColumn('submitted_at', 'text')
      .addColumn('submitted_by', 'integer')
      .addColumn('reopened_at', 'text')
      .addColumn('respondent_email', 'text')
      .addColumn('library_use_case_id', 'integer')
      .addUniqueConstraint('responses_campaign_org', ['campaign_id', 'organisation_id'])
      .execute();
    await db.schema
      .createIndex('responses_campaign_status')
      .on('responses')
      .columns(['campaign_id', 'status'])
      .execute();

    await db.schema
      .createTable('response_files')
      .addColumn('id', 'text', (c) => c.primaryKey()) // random, unguessable
      .addColumn('response_id', 'integer', (c) => c.notNull().references('responses.id').onDelete('cascade'))
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content', dialect === 'postgres' ? sql`bytea` : 'blob', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('response_files_response').on('response_files').column('response_id').execute();
  },
};
export default migration;
