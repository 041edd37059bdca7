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
    // The FTS5 table alone (no join: its rowids are mapped to documents by the caller, from memory), aggregated.
    matchAll(_kind, expression) {
      return {
        query: sql<{ ids: string | null }>`select group_concat(rowid, ',') as ids
          from search_fts where search_fts match ${expression}`,
        byRowid: true,
      };
    },
    best(kind, expression, limit, within) {
      const filter = within === null ? sql`` : sql`and d.doc_id in (select value from json_each(${`[${within}]`}))`;
      return sql<{ doc_id: number }>`select d.doc_id as doc_id
        from search_fts cross join search_documents d on d.id = search_fts.rowid
        where search_fts match ${expression} and d.kind = ${kind} ${filter}
        order by bm25(search_fts, ${sql.lit(TITLE_WEIGHT)}, 1.0), d.doc_id limit ${limit}`;
    },
    // `+rowid`: a filter on each match, not a rowid constraint handed to FTS5 (which would run the whole query once
    // per id). `limit -1` keeps the subquery apart, so that bm25 is computed only for the rows kept.
    bestRows(expression, limit, rowids) {
      return sql<{ doc_id: number }>`select d.doc_id as doc_id
        from (select rowid as r, bm25(search_fts, ${sql.lit(TITLE_WEIGHT)}, 1.0) as b from search_fts
          where search_fts match ${expression} and +rowid in (select value from json_each(${`[${rowids}]`})) limit -1) m
        cross join search_documents d on d.id = m.r
        order by m.b, d.doc_id limit ${limit}`;
    },
  };
}
