import { sql } from 'kysely';
import type { PortableMigration } from '../platform/db/schema.ts';

/**
 * SQLite: the FTS5 table keeps no prefix indexes (`prefix='2 3'`). Texts are matched and ranked in memory
 * (search/memory.ts); the engine's own index now serves similar documents, which look up whole stems only, and the
 * index's own `search`/`matchSql`, which still answer prefixes, by a range of terms instead of a stored copy. The
 * prefix indexes made FTS5 write each stem three times: about 0.75 s of an import of 20,000 sheets of 1 KB
 * (bench/library-import.ts), for nothing the product reads. The table is rebuilt from its content table.
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    if (dialect !== 'sqlite') return;
    await sql`drop table search_fts`.execute(db);
    await sql`create virtual table search_fts using fts5(
      title_terms, body_terms,
      content='search_contents', content_rowid='id',
      tokenize='ascii'
    )`.execute(db);
    await sql`insert into search_fts(search_fts) values ('rebuild')`.execute(db);
  },
};
export default migration;
