import { sql } from 'kysely';
import { neverReuseSqliteIds } from '../platform/db/rebuild.ts';
import type { PortableMigration } from '../platform/db/schema.ts';

/** How long an API token made before expiries existed stays valid, counted from its creation. */
export const LEGACY_TOKEN_LIFETIME_DAYS = 365;

/**
 * 1. Ids are never reused. On SQLite, a table declared with `integer primary key` gives the id after the largest one,
 *    so deleting the last user gave its id to the next sign-up, and the audit log named the new person as the author
 *    of the old one's actions. Every such table is rebuilt with AUTOINCREMENT (rows, ids, indexes, triggers and the
 *    foreign keys pointing to it kept); `withId` declares new tables that way. The users' counter starts above every
 *    actor of the audit log, so that an account deleted before the upgrade does not lend its id either. PostgreSQL identity columns already
 *    never go back: nothing to do there.
 * 2. API tokens expire: `expires_at` (chosen at creation; tokens made before get one year from their creation).
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    if (dialect === 'sqlite') {
      await neverReuseSqliteIds(db);
      // An account deleted before the upgrade may still be named in the audit log: its id is not given again.
      await sql`insert into sqlite_sequence (name, seq) select 'users', 0
        where not exists (select 1 from sqlite_sequence where name = 'users')`.execute(db);
      await sql`update sqlite_sequence
        set seq = max(seq, (select coalesce(max(actor_user_id), 0) from audit_log)) where name = 'users'`.execute(db);
    }

    await db.schema.alterTable('library_api_tokens').addColumn('expires_at', 'text').execute();
    const tokens = await db.selectFrom('library_api_tokens').select(['id', 'created_at']).execute();
    for (const t of tokens as { id: number; created_at: string }[]) {
      const created = Date.parse(t.created_at);
      const base = Number.isNaN(created) ? Date.UTC(2026, 0, 1) : created;
      const expires = new Date(base + LEGACY_TOKEN_LIFETIME_DAYS * 86_400_000).toISOString();
      await sql`update library_api_tokens set expires_at = ${expires} where id = ${t.id}`.execute(db);
    }
    await db.schema
      .createIndex('library_api_tokens_creator')
      .on('library_api_tokens')
      .columns(['created_by', 'organisation_id'])
      .execute();
  },
};
export default migration;
