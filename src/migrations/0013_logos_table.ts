import { sql } from 'kysely';
import type { PortableMigration } from '../platform/db/schema.ts';

/**
 * Sheets' logos in the database instead of a folder of the server (library services/logos.ts), so that several
 * server instances sharing one PostgreSQL database serve the same logos. `library_logos`: one row per image, named
 * by its content hash (« <sha256>.<ext> »), at most 500 KB (checked before writing). `library_logo_sources`: which
 * image was fetched for which address (keyed by the SHA-256 of the address; the address kept for people).
 * Logos fetched into the former folder are fetched again the next time their sheet is saved or imported.
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await db.schema
      .createTable('library_logos')
      .addColumn('file', 'text', (c) => c.primaryKey())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content', dialect === 'postgres' ? sql`bytea` : 'blob', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('library_logo_sources')
      .addColumn('url_hash', 'text', (c) => c.primaryKey())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('file', 'text', (c) => c.notNull().references('library_logos.file'))
      .addColumn('fetched_at', 'text', (c) => c.notNull())
      .execute();
  },
};
export default migration;
