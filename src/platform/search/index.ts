import { CompiledQuery, type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Dialect } from '../db/index.ts';
import { parseQuery, type QueryWord, type SearchQuery, stemFolded } from './analyzer.ts';
import {
  type AnalysedDocument,
  analyseDocument,
  checkId,
  checkKind,
  cpLength,
  prefixUpperBound,
  type SearchDocument,
  splitWords,
} from './documents.ts';
import { createTextMemory, type TextMemory } from './memory.ts';
import { createPostgresBackend } from './postgres.ts';
import { similarDocuments, suggestQuery } from './related.ts';
import { type SnippetSegment, snippet } from './snippet.ts';
import { createSqliteBackend } from './sqlite.ts';
import { expandSynonyms, NO_SYNONYMS, type SynonymSet } from './synonyms.ts';
import { addWords, applyDeltas, readContents, readTerms, type VocabularyChanges, writeChunk } from './writer.ts';

export type { QueryClause, QueryExpansion, QueryWord, SearchQuery } from './analyzer.ts';
export { analyze, MAX_TERM_LENGTH, parseQuery, tokenize } from './analyzer.ts';
export type { AnalysedDocument, SearchDocument } from './documents.ts';
export { editDistance, MAX_INDEXED_TERMS } from './documents.ts';
export type { TextMemory } from './memory.ts';
export type { SnippetSegment } from './snippet.ts';
export { snippet } from './snippet.ts';
export { compileSynonyms, expandSynonyms, NO_SYNONYMS, type SynonymSet } from './synonyms.ts';
export {
  createSynonymStore,
  DEFAULT_SYNONYM_GROUPS,
  readExpressions,
  type SynonymGroup,
  type SynonymStore,
} from './synonyms-store.ts';
export { VocabularyChanges } from './writer.ts';

/** The index's tables (statistics refreshed by bulk writers: platform/db/statistics.ts). */
export const SEARCH_TABLES = ['search_documents', 'search_contents', 'search_vocabulary', 'search_terms'] as const;

/**
 * Every document matching a query, and a way to rank some of them: what a catalogue needs to count facets over the
 * whole match set and then rank only the page it shows among the rows that pass its filters (TextMemory `match`).
 */
export interface MatchSet {
  /** Every matching id, in no particular order. */
  ids: Int32Array;
  /** The best `k` ids by relevance (rank, then id), among `within` when given (a subset of `ids`). */
  best(k: number, within?: ArrayLike<number> | null): Promise<number[]>;
}

/**
 * A row of `matchSql`: a matching document and its relevance. **Lower rank is better on both databases**
 * (FTS5 bm25 is negative and decreasing with relevance; on PostgreSQL the rank is minus ts_rank). Ranks are
 * comparable only within one query and one database; sort by `rank, doc_id` for a stable order.
 */
export interface MatchRow {
  doc_id: number;
  rank: number;
}

export interface SearchHit {
  id: number;
  rank: number;
}

export interface SearchResults {
  total: number;
  hits: SearchHit[];
}

/**
 * French full-text search over the database's own engine (SQLite FTS5 or PostgreSQL tsvector).
 * Both backends index the same pre-analysed stems and run the same boolean expression, so they match exactly the
 * same documents (ranking values differ). Query semantics: every term is required (AND); "quoted words" must
 * follow each other in order; the last word of a query that does not end with a space matches as a prefix (and
 * so does any `word*`); accents, case, œ/æ, plurals and inflections are folded; stop words are ignored; any input
 * is safe (no query syntax ever reaches the engine).
 */
export interface SearchIndex {
  readonly dialect: Dialect;
  /** Adds or replaces one document (one transaction, or the caller's if the index was bound to one). */
  upsert(doc: SearchDocument): Promise<void>;
  /**
   * Adds or replaces many documents, one transaction per chunk. Returns how many were written. Documents may come
   * already analysed (`analyse`, e.g. before the caller's transaction). With `vocabulary`, the vocabulary changes are
   * gathered there instead of applied (`applyVocabulary` applies them later).
   */
  upsertMany(
    docs: Iterable<SearchDocument | AnalysedDocument>,
    options?: { chunkSize?: number; vocabulary?: VocabularyChanges },
  ): Promise<number>;
  /** A document as the index will store it (pure: its analysis, the costly part of writing it). */
  analyse(doc: SearchDocument): AnalysedDocument;
  /** Applies vocabulary changes gathered by `upsertMany` (one transaction, or the caller's). */
  applyVocabulary(changes: VocabularyChanges): Promise<void>;
  remove(kind: string, id: number): Promise<void>;
  /** Removes every document of a kind (and its vocabulary). */
  clear(kind: string): Promise<void>;
  /**
   * A parenthesised subquery selecting `doc_id` and `rank` (lower is better) of the documents of `kind` matching
   * `query`, to be joined or filtered by the caller, e.g.
   * `db.selectFrom('use_cases').where('id', 'in', sql`(select doc_id from ${m} as m)`)` or
   * `db.selectFrom(m.as('m')).innerJoin('use_cases as u', 'u.id', 'm.doc_id')`.
   * Null when the query has nothing to search for (empty, stop words only, symbols): the caller decides what that
   * means (the library shows everything). With `{ rank: false }` the rank column is 0 and costs nothing (for
   * filters and facet counts that do not sort by relevance).
   */
  matchSql(
    kind: string,
    query: string | SearchQuery,
    options?: { rank?: boolean },
  ): Promise<RawBuilder<MatchRow> | null>;
  /**
   * Every matching id by relevance (best first, ties by id). Null when the query has nothing to search for (see
   * `matchSql`).
   */
  matchIds(kind: string, query: string | SearchQuery): Promise<Int32Array | null>;
  /**
   * What a person typed as the engines will run it: parsed (analyzer.ts `parseQuery`) and expanded with the current
   * synonyms. Give it to `snippet` to flag the words found through synonyms too.
   */
  prepare(query: string | SearchQuery): Promise<SearchQuery>;
  /** Changes whenever the same text may match other documents (the synonyms changed); 0 without synonyms. */
  textVersion(): Promise<number>;
  /** Matching ids by relevance (best first), with the total count. An empty query finds nothing. */
  search(kind: string, query: string | SearchQuery, page?: { limit?: number; offset?: number }): Promise<SearchResults>;
  /** The best passage of `text` with the found words flagged (pure; identical on both backends). */
  snippet(text: string, query: string | SearchQuery, maxLength?: number): SnippetSegment[];
  /**
   * « Did you mean »: the query with each word unknown to the corpus replaced by the nearest known word (edit
   * distance ≤ 2, ≤ 1 for words of 4 letters or less; then the most frequent), as written in the corpus (with its
   * accents). Null when every word is known or nothing close exists.
   */
  suggest(kind: string, query: string): Promise<string | null>;
  /** Ids of the documents of the same kind most similar by content (shared distinctive stems), best first. */
  similar(kind: string, id: number, limit?: number): Promise<number[]>;
  /**
   * Text search of `kind` held in memory (memory.ts): fed by its caller with the documents to hold, it matches and
   * ranks there (the text is analysed and expanded here, prefixes completed from the vocabulary).
   */
  memory(kind: string): TextMemory;
  /** The same index running its statements on `db` (e.g. the caller's transaction). */
  withDb(db: Db): SearchIndex;
}

/** Boolean expression a query compiles to; each backend renders it in its own syntax. */
export type MatchNode =
  /** `titleOnly`: the stem must be in the title (used to weigh similar documents). */
  | { op: 'term'; stem: string; prefix: boolean; titleOnly?: boolean }
  | { op: 'phrase'; stems: string[] }
  | { op: 'and' | 'or'; items: MatchNode[] };

/** What differs between the databases; everything else is shared code. */
export interface SearchBackend {
  readonly dialect: Dialect;
  /** The expression in the engine's syntax (always passed as a bound parameter). */
  render(node: MatchNode): string;
  /** Parenthesised subquery of (doc_id, rank) for documents of `kind` matching a rendered expression. */
  matchSql(kind: string, expression: string, rank: boolean): RawBuilder<MatchRow>;
  /** The tsvector of search_documents computed from the stems (PostgreSQL only; SQLite has search_fts). */
  tsv?(titleStems: string[], bodyStems: string[]): RawBuilder<string>;
  /** Whether reads before writes should lock rows (`for update`). */
  readonly lockRows: boolean;
}

/** A prefix clause matches at most this many stems of the corpus (the most frequent ones). */
const MAX_PREFIX_EXPANSIONS = 50;

/**
 * The stems of corpus words starting with a prefix that do not start with it, most documents first, then by stem
 * (`prefixNode`): one text per dialect, given to the driver as is (no query built for each search). Parameters:
 * kind, prefix, upper bound, prefix length, prefix, prefix length, prefix, limit.
 */
const PREFIX_TEXT = `select stem, sum(doc_count) as n from search_vocabulary
  where kind = ? and folded >= ? and folded < ? and substr(folded, 1, ?) = ? and substr(stem, 1, ?) <> ?
  group by stem order by n desc, stem limit ?`;
const PREFIX_SQL: Record<Dialect, string> = {
  sqlite: PREFIX_TEXT,
  postgres: PREFIX_TEXT.split('?').reduce((out, part, i) => (i ? `${out}$${i}${part}` : part)),
};

export interface SearchIndexOptions {
  /** The current synonyms and their version (synonyms-store.ts `current`); none by default. */
  synonyms?: () => Promise<{ version: number; set: SynonymSet }>;
}

/** Creates the search index for a database. `db` may also be a transaction. */
export function createSearchIndex(db: Db, dialect: Dialect, options: SearchIndexOptions = {}): SearchIndex {
  const backend = dialect === 'postgres' ? createPostgresBackend() : createSqliteBackend();
  const synonyms = options.synonyms ?? (async () => ({ version: 0, set: NO_SYNONYMS }));
  return bind(db, backend, { synonyms, analysed: new Map() });
}

/** A text as parsed, and as expanded with a set of synonyms (null: nothing to expand). */
interface Analysed {
  parsed: SearchQuery;
  set: SynonymSet | null;
  expanded: SearchQuery;
}

/** Texts whose analysis is kept (the most recent ones). */
const ANALYSED_TEXTS = 256;

interface Shared {
  synonyms: () => Promise<{ version: number; set: SynonymSet }>;
  /** Texts already analysed (parseQuery is pure; the expansion depends on the synonyms only). */
  analysed: Map<string, Analysed>;
}

function bind(db: Db, backend: SearchBackend, shared: Shared): SearchIndex {
  function inTransaction<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    if (db.isTransaction) return fn(db);
    return db.transaction().execute(fn);
  }

  /** Expands a prefix clause: stems of corpus words starting with the prefix that do not start with it. */
  async function prefixNode(kind: string, word: QueryWord): Promise<MatchNode> {
    const w = word.folded;
    const items: MatchNode[] = [{ op: 'term', stem: w, prefix: true }];
    const own = stemFolded(w);
    if (own !== w && !own.startsWith(w)) items.push({ op: 'term', stem: own, prefix: false });
    const n = cpLength(w);
    const params = [kind, w, prefixUpperBound(w), n, w, n, w, MAX_PREFIX_EXPANSIONS];
    const { rows } = await db.executeQuery<{ stem: string }>(CompiledQuery.raw(PREFIX_SQL[backend.dialect], params));
    for (const r of rows) if (r.stem !== own) items.push({ op: 'term', stem: r.stem, prefix: false });
    return items.length === 1 ? (items[0] as MatchNode) : { op: 'or', items };
  }

  async function compile(kind: string, q: SearchQuery): Promise<MatchNode | null> {
    const nodes: MatchNode[] = [];
    for (const c of q.clauses) {
      if (c.type === 'phrase') nodes.push({ op: 'phrase', stems: c.words.map((w) => w.stem) });
      else if (c.prefix) nodes.push(await prefixNode(kind, c.word));
      else nodes.push({ op: 'term', stem: c.word.stem, prefix: false });
    }
    if (!nodes.length) return null;
    // Synonyms: a run of clauses spelling an expression, or any other expression of its group.
    let items = nodes;
    if (q.expansions?.length) {
      items = [];
      let i = 0;
      for (const e of q.expansions) {
        while (i < e.from) items.push(nodes[i++]!);
        const own: MatchNode = e.to - e.from === 1 ? nodes[e.from]! : { op: 'and', items: nodes.slice(e.from, e.to) };
        const others = e.alternatives.map(
          (stems): MatchNode =>
            stems.length === 1 ? { op: 'term', stem: stems[0]!, prefix: false } : { op: 'phrase', stems },
        );
        items.push({ op: 'or', items: [own, ...others] });
        i = e.to;
      }
      while (i < nodes.length) items.push(nodes[i++]!);
    }
    return items.length === 1 ? (items[0] as MatchNode) : { op: 'and', items };
  }

  async function prepared(query: string | SearchQuery): Promise<SearchQuery> {
    if (typeof query !== 'string') {
      if (query.expansions || !query.clauses.length) return query;
      return expandSynonyms(query, (await shared.synonyms()).set);
    }
    // A text is analysed once: its matches and the snippets of the same request (and the next ones) share it.
    const known = shared.analysed.get(query);
    const q = known?.parsed ?? parseQuery(query);
    if (q.expansions || !q.clauses.length) return remember(query, { parsed: q, set: null, expanded: q });
    const { set } = await shared.synonyms();
    if (known && known.set === set) return known.expanded;
    return remember(query, { parsed: q, set, expanded: expandSynonyms(q, set) });
  }

  function remember(text: string, entry: Analysed): SearchQuery {
    const { analysed } = shared;
    analysed.delete(text);
    if (analysed.size >= ANALYSED_TEXTS) analysed.delete(analysed.keys().next().value!);
    analysed.set(text, entry);
    return entry.expanded;
  }

  const index: SearchIndex = {
    dialect: backend.dialect,

    async upsert(doc) {
      const analysed = analyseDocument(doc);
      await inTransaction((trx) => writeChunk(backend, trx, analysed.kind, [analysed]));
    },

    async upsertMany(docs, options = {}) {
      const size = Math.max(1, Math.min(5_000, Math.floor(options.chunkSize ?? 500)));
      let written = 0;
      let batch: (SearchDocument | AnalysedDocument)[] = [];
      const flush = async () => {
        if (!batch.length) return;
        // Group by kind; within a chunk the last version of a document wins.
        const byKind = new Map<string, Map<number, AnalysedDocument>>();
        for (const d of batch) {
          const a = 'titleStems' in d ? d : analyseDocument(d);
          const m = byKind.get(a.kind) ?? new Map<number, AnalysedDocument>();
          byKind.set(a.kind, m);
          m.set(a.id, a);
        }
        await inTransaction(async (trx) => {
          for (const [kind, m] of byKind) await writeChunk(backend, trx, kind, [...m.values()], options.vocabulary);
        });
        written += batch.length;
        batch = [];
      };
      for (const d of docs) {
        batch.push(d);
        if (batch.length >= size) await flush();
      }
      await flush();
      return written;
    },

    analyse: analyseDocument,

    async applyVocabulary(changes) {
      if (!changes.empty) await inTransaction((trx) => changes.apply(trx));
    },

    async remove(kind, id) {
      checkKind(kind);
      checkId(id);
      await inTransaction(async (trx) => {
        const old = (await readContents(backend, trx, kind, [id], true)).get(id);
        if (!old) return;
        await trx.deleteFrom('search_contents').where('id', '=', old.id).execute();
        await trx.deleteFrom('search_documents').where('id', '=', old.id).execute();
        const wordDeltas = new Map<string, number>();
        const stemDeltas = new Map<string, number>();
        addWords(splitWords(old.words), -1, wordDeltas, stemDeltas);
        await applyDeltas(trx, kind, wordDeltas, stemDeltas);
      });
    },

    async clear(kind) {
      checkKind(kind);
      await inTransaction(async (trx) => {
        await trx
          .deleteFrom('search_contents')
          .where('id', 'in', trx.selectFrom('search_documents').select('id').where('kind', '=', kind))
          .execute();
        await trx.deleteFrom('search_documents').where('kind', '=', kind).execute();
        await trx.deleteFrom('search_vocabulary').where('kind', '=', kind).execute();
        await trx.deleteFrom('search_terms').where('kind', '=', kind).execute();
      });
    },

    async matchSql(kind, query, options = {}) {
      checkKind(kind);
      const q = await prepared(query);
      const node = await compile(kind, q);
      if (!node) return null;
      return backend.matchSql(kind, backend.render(node), options.rank !== false);
    },

    async search(kind, query, page = {}) {
      const limit = Math.max(0, Math.min(1_000, Math.floor(Number(page.limit ?? 20)) || 0));
      const offset = Math.max(0, Math.floor(Number(page.offset ?? 0)) || 0);
      const m = await index.matchSql(kind, query);
      if (!m) return { total: 0, hits: [] };
      const count = await sql<{ n: number }>`select count(*) as n from ${m} as m`.execute(db);
      const total = Number(count.rows[0]?.n ?? 0);
      if (!limit || offset >= total) return { total, hits: [] };
      const rows =
        await sql<MatchRow>`select doc_id, rank from ${m} as m order by rank, doc_id limit ${limit} offset ${offset}`.execute(
          db,
        );
      return { total, hits: rows.rows.map((r) => ({ id: Number(r.doc_id), rank: Number(r.rank) })) };
    },

    async matchIds(kind, query) {
      const m = await index.matchSql(kind, query);
      if (!m) return null;
      const rows = await sql<{ doc_id: number }>`select doc_id from ${m} as m order by rank, doc_id`.execute(db);
      return Int32Array.from(rows.rows, (r) => Number(r.doc_id));
    },

    prepare: prepared,

    async textVersion() {
      return (await shared.synonyms()).version;
    },

    snippet(text, query, maxLength) {
      return snippet(text, query, maxLength);
    },

    suggest(kind, query) {
      return suggestQuery(db, kind, query);
    },

    similar(kind, id, limit = 5) {
      return similarDocuments(db, backend, kind, id, limit);
    },

    memory(kind) {
      checkKind(kind);
      return createTextMemory({
        compile: async (q) => compile(kind, await prepared(q)),
        terms: (ids) => readTerms(db, kind, ids),
      });
    },

    withDb(other) {
      return bind(other, backend, shared);
    },
  };
  return index;
}
