import { sql } from 'kysely';
import { rebuildSqliteTables } from '../platform/db/rebuild.ts';
import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';
import { frenchSortKey } from '../platform/text/sort-key.ts';

/**
 * Census campaigns that reach people (issue 9):
 * - campaigns: `launched_at` (a campaign is prepared, previewed, then launched; campaigns already there were launched
 *   when created), `responses_mode` (`one` response per authority, or `several`: one per project).
 * - invitations: a French sort key of the name (binary-collated on both databases, so that pages follow French
 *   order), the networks the authority belonged to when invited (`,3,7,`), how many recipients it had at the last
 *   count, and its deliveries summed up (delivered, failed, last error).
 * - invitation_deliveries: one row per invitation, mail (invitation or reminder n) and recipient address — the
 *   idempotence key of sending (a restarted worker never mails the same recipient twice).
 * - responses: several responses per authority (`number` 1, 2…, unique per authority and campaign). SQLite cannot
 *   drop the former unique constraint on (campaign, authority): the table is rebuilt, its rows and ids kept.
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    const binary = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
    await db.schema.alterTable('campaigns').addColumn('launched_at', 'text').execute();
    await db.schema
      .alterTable('campaigns')
      .addColumn('responses_mode', 'text', (c) => c.notNull().defaultTo('one'))
      .execute();
    await sql`update campaigns set launched_at = created_at`.execute(db);

    await db.schema
      .alterTable('invitations')
      .addColumn('sort_key', binary, (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .alterTable('invitations')
      .addColumn('networks', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    // -1: not counted yet (invitations created before this migration).
    await db.schema
      .alterTable('invitations')
      .addColumn('recipient_count', 'integer', (c) => c.notNull().defaultTo(-1))
      .execute();
    await db.schema
      .alterTable('invitations')
      .addColumn('delivered_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('invitations')
      .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('invitations').addColumn('last_error', 'text').execute();
    const names = await sql<{ id: number; organisation_name: string }>`
      select id, organisation_name from invitations`.execute(db);
    for (const row of names.rows) {
      await sql`update invitations set sort_key = ${frenchSortKey(row.organisation_name)} where id = ${row.id}`.execute(
        db,
      );
    }
    await db.schema
      .createIndex('invitations_campaign_sort')
      .on('invitations')
      .columns(['campaign_id', 'sort_key', 'id'])
      .execute();
    // The dashboard's most used filters, each in French order: without recipient (and the preview's list), région.
    await db.schema
      .createIndex('invitations_campaign_recipients')
      .on('invitations')
      .columns(['campaign_id', 'recipient_count', 'sort_key', 'id'])
      .execute();
    // The dashboard's summary reads only this index (grouped by type and région, no table lookups).
    await db.schema
      .createIndex('invitations_campaign_summary')
      .on('invitations')
      .columns([
        'campaign_id',
        'organisation_type',
        'region_code',
        'revoked_at',
        'recipient_count',
        'delivered_count',
        'failed_count',
        'last_error',
      ])
      .execute();
    await db.schema
      .createIndex('invitations_campaign_region')
      .on('invitations')
      .columns(['campaign_id', 'region_code', 'sort_key', 'id'])
      .execute();

    await withId(db.schema.createTable('invitation_deliveries'), dialect)
      .addColumn('invitation_id', 'integer', (c) => c.notNull().references('invitations.id').onDelete('cascade'))
      .addColumn('campaign_id', 'integer', (c) => c.notNull())
      .addColumn('mail', 'text', (c) => c.notNull()) // invite | remind:<n> | renew:<n>
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending')) // pending | sent | failed
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .addUniqueConstraint('invitation_deliveries_once', ['invitation_id', 'mail', 'email'])
      .execute();
    await db.schema
      .createIndex('invitation_deliveries_campaign')
      .on('invitation_deliveries')
      .columns(['campaign_id', 'status'])
      .execute();

    if (dialect === 'postgres') {
      await sql`alter table responses drop constraint responses_campaign_org`.execute(db);
    } else {
      await rebuildSqliteTables(db, ['responses'], (createSql) => {
        const without = createSql.replace(/,\s*constraint\s+"responses_campaign_org"\s+unique\s*\([^)]*\)/i, '');
        if (without === createSql) throw new Error('contrainte responses_campaign_org introuvable');
        return without;
      });
    }
    await db.schema
      .alterTable('responses')
      .addColumn('number', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createIndex('responses_campaign_org_number')
      .on('responses')
      .columns(['campaign_id', 'organisation_id', 'number'])
      .unique()
      .execute();
  },
};

export default migration;
