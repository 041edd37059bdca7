import { sql } from 'kysely';
import { UNINDEXED_OCCURRENCE } from './analyzer.ts';
import type { MatchNode, MatchRow, SearchBackend } from './index.ts';

/** Positions in a tsvector stop at 16,383. */
const MAX_POSITION = 16_383;

function lexeme(stem: string): string {
  // Stems are letters and digits only; escaping keeps even a broken invariant from becoming syntax.
  return `'${stem.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The tsvector of a document, written directly (not through to_tsvector, whose parser could split or drop some
 * characters differently from our analyzer): title stems at positions 1…n with weight A, body stems with weight B
 * after a gap of one position so that no phrase spans title and body (as in FTS5, where they are two columns).
 * Occurrences past the 256th of a stem are left out (their positions stay used), as they are in FTS5.
 */
export function tsvectorLiteral(titleStems: string[], bodyStems: string[]): string {
  const positions = new Map<string, string[]>();
  const add = (stem: string, pos: number, weight: 'A' | 'B') => {
    if (stem === UNINDEXED_OCCURRENCE) return;
    const list = positions.get(stem) ?? [];
    if (!list.length) positions.set(stem, list);
    list.push(`${Math.min(pos, MAX_POSITION)}${weight}`);
  };
  let pos = 1;
  for (const s of titleStems) add(s, pos++, 'A');
  pos++;
  for (const s of bodyStems) add(s, pos++, 'B');
  return [...positions].map(([stem, list]) => `${lexeme(stem)}:${list.join(',')}`).join(' ');
}

/** Renders a match tree as tsquery text made only of quoted lexemes and the operators & | <-> and :*. */
export function renderTsquery(node: MatchNode): string {
  switch (node.op) {
    case 'term':
      return `${lexeme(node.stem)}${node.prefix || node.titleOnly ? ':' : ''}${node.prefix ? '*' : ''}${node.titleOnly ? 'A' : ''}`;
    case 'phrase':
      return `(${node.stems.map(lexeme).join(' <-> ')})`;
    case 'and':
    case 'or':
      return `(${node.items.map(renderTsquery).join(node.op === 'and' ? ' & ' : ' | ')})`;
  }
}

/**
 * PostgreSQL adapter: search_documents.tsv (GIN index) holds the stems with weights A (title) and B (body);
 * the query is cast to tsquery as is (no second analysis); rank is minus ts_rank (cheaper than ts_rank_cd over many matches) so that lower is better,
 * as with bm25 on SQLite.
 */
export function createPostgresBackend(): SearchBackend {
  return {
    dialect: 'postgres',
    lockRows: true,
    render: renderTsquery,
    matchSql(kind, expression, rank) {
      const score = rank
        ? sql`-ts_rank('{0.1, 0.2, 0.4, 1.0}'::float4[], d.tsv, cast(${expression} as tsquery))`
        : sql`0`;
      return sql<MatchRow>`(select d.doc_id as doc_id, ${score} as rank
        from search_documents d
        where d.kind = ${kind} and d.tsv @@ cast(${expression} as tsquery))`;
    },
    tsv(titleStems, bodyStems) {
      return sql<string>`cast(${tsvectorLiteral(titleStems, bodyStems)} as tsvector)`;
    },
  };
}
