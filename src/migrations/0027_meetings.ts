import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Meetings of the working groups (src/modules/meetings).
 * - meetings: one row per meeting of a group; `starts_at`/`ends_at` UTC instants (entered as Europe/Paris local
 *   time); `sequence` is the iCalendar SEQUENCE (incremented on each change sent to calendars); `status` scheduled |
 *   cancelled; `visibility` public | members; `capacity` null = no limit; `version` guards concurrent edits.
 * - meeting_agenda_items: the ordered agenda, each item with a speaker (a member or a guest: name and function).
 * - meeting_documents: links kept with the meeting (before: preparation; after: presentations, recordings).
 * - meeting_registrations: one per person and meeting; status registered | waiting | cancelled; mode in_person |
 *   remote; `attended` null (not recorded) | 0 | 1.
 * - meeting_minutes: every saved version of the minutes (history); `publication` draft | members | public.
 * - meeting_decisions: the decisions of a meeting, ordered.
 * - meeting_actions: actions with an owner (a member), a due date and a status todo | in_progress | done | abandoned.
 * - meeting_reminders: the reminders already sent (meeting, kind « 7d » / « 1d », start instant): idempotence.
 * - meeting_feed_tokens: a person's private calendar-feed token (SHA-256 hash), revocable.
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('meetings'), dialect)
      .addColumn('group_id', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('place', 'text')
      .addColumn('video_url', 'text')
      .addColumn('visibility', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled'))
      .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('meetings_group_start').on('meetings').columns(['group_id', 'starts_at']).execute();
    await db.schema.createIndex('meetings_start').on('meetings').column('starts_at').execute();

    await withId(db.schema.createTable('meeting_agenda_items'), dialect)
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('speaker_name', 'text')
      .addColumn('speaker_function', 'text')
      .addColumn('speaker_guest', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('meeting_agenda_meeting').on('meeting_agenda_items').column('meeting_id').execute();

    await withId(db.schema.createTable('meeting_documents'), dialect)
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('phase', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('meeting_documents_meeting').on('meeting_documents').column('meeting_id').execute();

    await withId(db.schema.createTable('meeting_registrations'), dialect)
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('attended', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('meeting_registrations_person', ['meeting_id', 'user_id'])
      .execute();
    await db.schema.createIndex('meeting_registrations_user').on('meeting_registrations').column('user_id').execute();

    await withId(db.schema.createTable('meeting_minutes'), dialect)
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('publication', 'text', (c) => c.notNull())
      .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('meeting_minutes_revision', ['meeting_id', 'revision'])
      .execute();

    await withId(db.schema.createTable('meeting_decisions'), dialect)
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('meeting_decisions_meeting').on('meeting_decisions').column('meeting_id').execute();

    await withId(db.schema.createTable('meeting_actions'), dialect)
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('group_id', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('due_date', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('meeting_actions_owner')
      .on('meeting_actions')
      .columns(['owner_id', 'status'])
      .execute();
    await db.schema
      .createIndex('meeting_actions_group')
      .on('meeting_actions')
      .columns(['group_id', 'status'])
      .execute();

    await db.schema
      .createTable('meeting_reminders')
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('meeting_reminders_pk', ['meeting_id', 'kind', 'starts_at'])
      .execute();

    await withId(db.schema.createTable('meeting_feed_tokens'), dialect)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('meeting_feed_tokens_user').on('meeting_feed_tokens').column('user_id').execute();
  },
};
export default migration;
