import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Commons (src/modules/commons): shared code, datasets, trained models, specifications, methods and services.
 * - commons: one row per entry; `themes` JSON array of library theme codes; `contacts` JSON of the publiccode.yml
 *   maintenance contacts (private: never in public outputs); `version` guards concurrent edits.
 * - commons_organisations: the organisations tied to an entry, with their role (maintainer | user | contributor).
 * - commons_use_cases: the library sheets that use an entry.
 * - commons_news: dated news and releases of an entry.
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('commons'), dialect)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('licence', 'text')
      .addColumn('repository_url', 'text')
      .addColumn('download_url', 'text')
      .addColumn('documentation_url', 'text')
      .addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('commons_category', 'text')
      .addColumn('contacts', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('commons_repository').on('commons').column('repository_url').execute();

    await db.schema
      .createTable('commons_organisations')
      .addColumn('commons_id', 'integer', (c) => c.notNull().references('commons.id').onDelete('cascade'))
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('commons_organisations_pk', ['commons_id', 'organisation_id', 'role'])
      .execute();
    await db.schema
      .createIndex('commons_organisations_org')
      .on('commons_organisations')
      .columns(['organisation_id', 'role'])
      .execute();

    await db.schema
      .createTable('commons_use_cases')
      .addColumn('commons_id', 'integer', (c) => c.notNull().references('commons.id').onDelete('cascade'))
      .addColumn('use_case_id', 'integer', (c) => c.notNull().references('use_cases.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('commons_use_cases_pk', ['commons_id', 'use_case_id'])
      .execute();
    await db.schema.createIndex('commons_use_cases_sheet').on('commons_use_cases').column('use_case_id').execute();

    await withId(db.schema.createTable('commons_news'), dialect)
      .addColumn('commons_id', 'integer', (c) => c.notNull().references('commons.id').onDelete('cascade'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('release', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('commons_news_entry').on('commons_news').columns(['commons_id', 'date']).execute();
  },
};
export default migration;
