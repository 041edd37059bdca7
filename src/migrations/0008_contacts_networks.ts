import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Contacts and networks of authorities (issue 9): the professional contacts of each authority (whom census
 * invitations reach), networks as data (France urbaine, Les Interconnectés…) with their member authorities and
 * their coordinators, and the authority fields its editors keep (contact e-mail, logo, version for optimistic
 * concurrency) with the history of their changes.
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await db.schema
      .alterTable('organisations')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.alterTable('organisations').addColumn('contact_email', 'text').execute();
    await db.schema.alterTable('organisations').addColumn('logo_url', 'text').execute();

    await withId(db.schema.createTable('organisation_changes'), dialect)
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('field', 'text', (c) => c.notNull()) // siret | contact_email | website | logo_url
      .addColumn('old_value', 'text')
      .addColumn('new_value', 'text')
      .addColumn('changed_by', 'integer') // a user id; null: an import or the system
      .addColumn('source', 'text', (c) => c.notNull().defaultTo('saisie')) // saisie | import | formulaire
      .addColumn('changed_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('organisation_changes_org')
      .on('organisation_changes')
      .columns(['organisation_id', 'id'])
      .execute();

    await withId(db.schema.createTable('organisation_contacts'), dialect)
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('function', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('email', 'text', (c) => c.notNull()) // stored lower-case
      .addColumn('phone', 'text')
      .addColumn('source', 'text', (c) => c.notNull().defaultTo('saisie')) // saisie | import: <file name>
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('organisation_contacts_email', ['organisation_id', 'email'])
      .execute();
    await db.schema.createIndex('organisation_contacts_by_email').on('organisation_contacts').column('email').execute();

    await withId(db.schema.createTable('networks'), dialect)
      .addColumn('code', 'text', (c) => c.notNull().unique()) // 'france-urbaine'
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('website', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('network_members')
      .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('source', 'text', (c) => c.notNull().defaultTo('saisie'))
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('network_members_pk', ['network_id', 'organisation_id'])
      .execute();
    await db.schema.createIndex('network_members_org').on('network_members').column('organisation_id').execute();

    await db.schema
      .createTable('network_coordinators')
      .addColumn('network_id', 'integer', (c) => c.notNull().references('networks.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('network_coordinators_pk', ['network_id', 'user_id'])
      .execute();
  },
};

export default migration;
