import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Working groups (src/modules/groups): a commission, its groups and sub-commissions.
 * - work_groups: one row per group; `parent_id` makes the tree (a commission has none); `visibility` public | members;
 *   `version` guards concurrent edits.
 * - group_members: who belongs to a group, as `lead` or `member`, with the body they come from and their function.
 * - group_join_requests: a signed-in person's request to join, with a message; pending | accepted | refused.
 * - group_follows: the sheets, campaigns, challenges and initiatives a group follows (kind + id).
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('work_groups'), dialect)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('parent_id', 'integer', (c) => c.references('work_groups.id').onDelete('set null'))
      .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('work_groups_parent').on('work_groups').column('parent_id').execute();

    await db.schema
      .createTable('group_members')
      .addColumn('group_id', 'integer', (c) => c.notNull().references('work_groups.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull()) // lead | member
      .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
      .addColumn('function', 'text')
      .addColumn('added_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
      .execute();
    await db.schema.createIndex('group_members_user').on('group_members').column('user_id').execute();

    await withId(db.schema.createTable('group_join_requests'), dialect)
      .addColumn('group_id', 'integer', (c) => c.notNull().references('work_groups.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull()) // pending | accepted | refused
      .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('decided_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('group_join_requests_group')
      .on('group_join_requests')
      .columns(['group_id', 'status'])
      .execute();
    await db.schema.createIndex('group_join_requests_user').on('group_join_requests').column('user_id').execute();

    await db.schema
      .createTable('group_follows')
      .addColumn('group_id', 'integer', (c) => c.notNull().references('work_groups.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull()) // sheet | campaign | challenge | initiative
      .addColumn('item_id', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('group_follows_pk', ['group_id', 'kind', 'item_id'])
      .execute();
  },
};
export default migration;
