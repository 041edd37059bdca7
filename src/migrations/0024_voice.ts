import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Citizens' voice (src/modules/voice): contributions on published sheets and initiatives, and their moderation.
 * - voice_profiles: a person's pseudonym (unique by its folded key), whether they are blocked and why.
 * - voice_messages: one row per contribution (question, comment, « concerné·e », « je soutiens », official answer)
 *   on a target (`target_kind` use_case | initiative, `target_id`), with the target's authority; `status` published |
 *   pending | reported (hidden by reports until a decision) | hidden. `author_id` is null once the account is deleted
 *   (the text stays, signed « Contribution d'un compte supprimé »). `address_key` is a keyed hash of the sender's
 *   address (rate limit per address), never the address.
 * - voice_reports: one report per person and message; voice_follows: who follows a thread (official answers by mail).
 * - voice_settings: pre-moderation of an authority (all | first | none; first by default, no row).
 * - voice_blocked_words: the blocklist of words, maintained by coordinators.
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await db.schema
      .createTable('voice_profiles')
      .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('pseudonym', 'text', (c) => c.notNull())
      .addColumn('pseudonym_key', 'text', (c) => c.notNull().unique())
      .addColumn('blocked_at', 'text')
      .addColumn('blocked_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('blocked_reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('voice_messages'), dialect)
      .addColumn('target_kind', 'text', (c) => c.notNull())
      .addColumn('target_id', 'integer', (c) => c.notNull())
      .addColumn('organisation_id', 'integer', (c) => c.notNull())
      .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('official', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('hidden_reason', 'text')
      .addColumn('reports', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reports_cleared', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('address_key', 'text')
      .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('decided_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // The thread: visible messages of a target, official answers first, newest first.
    await db.schema
      .createIndex('voice_messages_thread')
      .on('voice_messages')
      .columns(['target_kind', 'target_id', 'status', 'official', 'id'])
      .execute();
    // The thread's counts by kind, read from the index alone.
    await db.schema
      .createIndex('voice_messages_counts')
      .on('voice_messages')
      .columns(['target_kind', 'target_id', 'status', 'kind'])
      .execute();
    await db.schema
      .createIndex('voice_messages_author')
      .on('voice_messages')
      .columns(['author_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('voice_messages_address')
      .on('voice_messages')
      .columns(['address_key', 'created_at'])
      .execute();
    await db.schema
      .createIndex('voice_messages_queue')
      .on('voice_messages')
      .columns(['status', 'organisation_id', 'id'])
      .execute();

    await db.schema
      .createTable('voice_reports')
      .addColumn('message_id', 'integer', (c) => c.notNull().references('voice_messages.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('voice_reports_pk', ['message_id', 'user_id'])
      .execute();

    await db.schema
      .createTable('voice_follows')
      .addColumn('target_kind', 'text', (c) => c.notNull())
      .addColumn('target_id', 'integer', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('voice_follows_pk', ['target_kind', 'target_id', 'user_id'])
      .execute();
    await db.schema.createIndex('voice_follows_user').on('voice_follows').column('user_id').execute();

    await db.schema
      .createTable('voice_settings')
      .addColumn('organisation_id', 'integer', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
      .addColumn('premoderation', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('voice_blocked_words'), dialect)
      .addColumn('word', 'text', (c) => c.notNull().unique())
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
export default migration;
