import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Challenges (src/modules/challenges, « défis »): a need stated by coordinators or by an authority, that authorities
 * and partners (State labs, other bodies) join to build a commons entry together.
 * - challenges: one row per challenge; `stage` (call_for_interest | scoping | building | published | abandoned);
 *   `commons_id` the resulting commons entry once published; planned dates as « AAAA-MM-JJ »; `version` guards
 *   concurrent edits.
 * - challenge_stages: each stage reached, dated (the timeline, the calendar).
 * - challenge_participants: the organisations taking part, with their role (lead | contributor | observer | partner)
 *   and what they bring; `joined_by` the person who registered them.
 * - challenge_news: news posted by the leads and coordinators (mailed to the participants).
 * - challenge_use_cases: the library sheets a challenge came from or lists.
 * - challenge_invitations: the organisations invited to join (a pooling suggestion), and when.
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('challenges'), dialect)
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('need', 'text', (c) => c.notNull())
      .addColumn('expected_result', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('data', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('hosting_constraints', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('personal_data_constraints', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('join_deadline', 'text')
      .addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('commons_category', 'text')
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('abandon_reason', 'text')
      .addColumn('commons_id', 'integer', (c) => c.references('commons.id').onDelete('set null'))
      .addColumn('stated_by_organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
      .addColumn('planned_scoping_on', 'text')
      .addColumn('planned_building_on', 'text')
      .addColumn('planned_publication_on', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('challenges_commons').on('challenges').column('commons_id').execute();

    await withId(db.schema.createTable('challenge_stages'), dialect)
      .addColumn('challenge_id', 'integer', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('reached_at', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('changed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .execute();
    await db.schema.createIndex('challenge_stages_challenge').on('challenge_stages').column('challenge_id').execute();

    await withId(db.schema.createTable('challenge_participants'), dialect)
      .addColumn('challenge_id', 'integer', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('brings', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('joined_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('joined_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('challenge_participants_once', ['challenge_id', 'organisation_id'])
      .execute();
    await db.schema
      .createIndex('challenge_participants_org')
      .on('challenge_participants')
      .column('organisation_id')
      .execute();

    await withId(db.schema.createTable('challenge_news'), dialect)
      .addColumn('challenge_id', 'integer', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('posted_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .execute();
    await db.schema.createIndex('challenge_news_posted').on('challenge_news').columns(['posted_at']).execute();
    await db.schema.createIndex('challenge_news_challenge').on('challenge_news').column('challenge_id').execute();

    await db.schema
      .createTable('challenge_use_cases')
      .addColumn('challenge_id', 'integer', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
      .addColumn('use_case_id', 'integer', (c) => c.notNull().references('use_cases.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('challenge_use_cases_pk', ['challenge_id', 'use_case_id'])
      .execute();
    await db.schema.createIndex('challenge_use_cases_sheet').on('challenge_use_cases').column('use_case_id').execute();

    await db.schema
      .createTable('challenge_invitations')
      .addColumn('challenge_id', 'integer', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('invited_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('challenge_invitations_pk', ['challenge_id', 'organisation_id'])
      .execute();
  },
};
export default migration;
