import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/** Authorities (organisations), users, memberships and one-time auth tokens. */
const migration: PortableMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('organisations'), dialect)
      .addColumn('code', 'text', (c) => c.notNull().unique()) // 'commune:75056', 'epci:200054781', 'other:<siren>'…
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('insee_code', 'text')
      .addColumn('siren', 'text')
      .addColumn('siret', 'text')
      .addColumn('population', 'integer')
      .addColumn('departement_code', 'text')
      .addColumn('region_code', 'text')
      .addColumn('postcodes', 'text', (c) => c.notNull().defaultTo('')) // space separated
      .addColumn('country', 'text', (c) => c.notNull().defaultTo('FR'))
      .addColumn('website', 'text')
      .addColumn('latitude', 'real')
      .addColumn('longitude', 'real')
      .addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')) // normalised name + codes, for the picker
      .addColumn('source', 'text', (c) => c.notNull().defaultTo('cog')) // cog | admin | import
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('organisations_siren').on('organisations').column('siren').execute();
    await db.schema.createIndex('organisations_insee').on('organisations').column('insee_code').execute();
    await db.schema.createIndex('organisations_type').on('organisations').column('type').execute();
    await db.schema.createIndex('organisations_dep').on('organisations').column('departement_code').execute();
    await db.schema.createIndex('organisations_reg').on('organisations').column('region_code').execute();
    await db.schema.createIndex('organisations_search').on('organisations').column('search_text').execute();

    await withId(db.schema.createTable('users'), dialect)
      .addColumn('email', 'text', (c) => c.notNull().unique()) // stored lower-case
      .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('password_hash', 'text')
      .addColumn('role', 'text', (c) => c.notNull().defaultTo('user')) // user | coordinator | admin
      .addColumn('email_confirmed_at', 'text')
      .addColumn('disabled_at', 'text')
      .addColumn('oidc_subject', 'text', (c) => c.unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('memberships'), dialect)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull().defaultTo('member')) // member | editor
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending')) // pending | active | refused
      .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'integer')
      .addUniqueConstraint('memberships_user_org', ['user_id', 'organisation_id'])
      .execute();
    await db.schema.createIndex('memberships_org').on('memberships').columns(['organisation_id', 'status']).execute();

    await db.schema
      .createTable('auth_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey()) // sha256 of the token sent by email
      .addColumn('purpose', 'text', (c) => c.notNull()) // confirm | reset | magic
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('auth_tokens_user').on('auth_tokens').column('user_id').execute();
  },
};
export default migration;
