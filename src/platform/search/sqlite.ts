import { sql } from 'kysely';
import type { MatchNode, MatchRow, SearchBackend } from './index.ts';

/** Title matches count this many times more than body matches in bm25. */
export const TITLE_WEIGHT = 4;

function quote(stem: string): string {
  // Stems are letters and digits only; doubling quotes keeps even a broken invariant from becoming syntax.
  return `"${stem.replace(/"/g, '""')}"`;
}

/** Renders a match tree as an FTS5 MATCH expression in which every term is a double-quoted string. */
export function renderFts5(node: MatchNode): string {
  switch (node.op) {
    case 'term': {
      const term = node.prefix ? `${quote(node.stem)}*` : quote(node.stem);
      return node.titleOnly ? `title_terms : ${term}` : term;
    }
    case 'phrase':
      return quote(node.stems.join(' '));
    case 'and':
    case 'or':
      return `(${node.items.map(renderFts5).join(node.op === 'and' ? ' AND ' : ' OR ')})`;
  }
}

/**
 * SQLite FTS5 adapter. search_fts (external content on search_contents, tokenizer 'ascii') holds the stems in two
 * columns; relevance is bm25 with the title weighted higher. bm25 is lower for better matches.
 */
export function createSqliteBackend(): SearchBackend {
  return {
    dialect: 'sqlite',
    lockRows: false,
    render: renderFts5,
    matchSql(kind, expression, rank) {
      const score = rank ? sql`bm25(search_fts, ${sql.lit(TITLE_WEIGHT)}, 1.0)` : sql`0`;
      return sql<MatchRow>`(select d.doc_id as doc_id, ${score} as rank
        from search_fts cross join search_documents d on d.id = search_fts.rowid
        where search_fts match ${expression} and d.kind = ${kind})`;
    },
  };
}
