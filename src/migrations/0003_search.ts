import { sql } from 'kysely';
import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Full-text search (src/platform/search). Same logical tables on both databases:
 * - search_documents: one slim row per indexed document (kind + doc_id → id). PostgreSQL adds `tsv` (tsvector,
 *   weights A/B, GIN index), stored uncompressed so that matching and ranking never decompress it. Keeping this
 *   table slim is what keeps frequent-word queries fast (measured: 10× on PostgreSQL at 100,000 documents).
 * - search_contents: per document, its pre-analysed stems (title_terms, body_terms: space-separated, in order) and
 *   its distinct word forms (words, for the vocabulary). On SQLite it is the external content of the FTS5 table
 *   search_fts (rowid = id), kept in sync by triggers.
 * - search_vocabulary: each word form of a kind's corpus (lower-case with accents), its folded form, its stem and
 *   the number of documents containing it (« did you mean », prefix expansion).
 * - search_terms: each stem of a kind's corpus and its document frequency (similar documents).
 * Text columns compared by range are binary-collated on PostgreSQL ("C") as they are on SQLite.
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    const text = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
    await withId(db.schema.createTable('search_documents'), dialect)
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('doc_id', 'integer', (c) => c.notNull())
      .addUniqueConstraint('search_documents_kind_doc', ['kind', 'doc_id'])
      .execute();
    await db.schema
      .createTable('search_contents')
      .addColumn('id', 'integer', (c) => c.primaryKey().references('search_documents.id').onDelete('cascade'))
      .addColumn('title_terms', 'text', (c) => c.notNull())
      .addColumn('body_terms', 'text', (c) => c.notNull())
      .addColumn('words', 'text', (c) => c.notNull())
      .execute();

    if (dialect === 'postgres') {
      await sql`alter table search_documents add column tsv tsvector not null`.execute(db);
      await sql`alter table search_documents alter column tsv set storage external`.execute(db);
      await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
    } else {
      // The stems are already analysed: 'ascii' splits on spaces only (every non-ASCII character is part of a
      // token) and lower-cases ASCII, so each stem stays exactly one token, as in PostgreSQL.
      await sql`create virtual table search_fts using fts5(
        title_terms, body_terms,
        content='search_contents', content_rowid='id',
        tokenize='ascii', prefix='2 3'
      )`.execute(db);
      await sql`create trigger search_contents_ai after insert on search_contents begin
        insert into search_fts(rowid, title_terms, body_terms) values (new.id, new.title_terms, new.body_terms);
      end`.execute(db);
      await sql`create trigger search_contents_ad after delete on search_contents begin
        insert into search_fts(search_fts, rowid, title_terms, body_terms)
          values ('delete', old.id, old.title_terms, old.body_terms);
      end`.execute(db);
      await sql`create trigger search_contents_au after update on search_contents begin
        insert into search_fts(search_fts, rowid, title_terms, body_terms)
          values ('delete', old.id, old.title_terms, old.body_terms);
        insert into search_fts(rowid, title_terms, body_terms) values (new.id, new.title_terms, new.body_terms);
      end`.execute(db);
    }

    await db.schema
      .createTable('search_vocabulary')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('word', text, (c) => c.notNull())
      .addColumn('folded', text, (c) => c.notNull())
      .addColumn('stem', text, (c) => c.notNull())
      .addColumn('doc_count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('search_vocabulary_pk', ['kind', 'word'])
      .execute();
    await db.schema
      .createIndex('search_vocabulary_folded')
      .on('search_vocabulary')
      .columns(['kind', 'folded'])
      .execute();

    await db.schema
      .createTable('search_terms')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('stem', text, (c) => c.notNull())
      .addColumn('doc_count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('search_terms_pk', ['kind', 'stem'])
      .execute();
  },
};
export default migration;
