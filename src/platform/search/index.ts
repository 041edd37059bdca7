import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../db/index.ts';
import {
  foldWord,
  MAX_OCCURRENCES,
  parseQuery,
  type QueryWord,
  queryWords,
  type SearchQuery,
  stemFolded,
  tokenize,
  UNINDEXED_OCCURRENCE,
} from './analyzer.ts';
import { createPostgresBackend } from './postgres.ts';
import { type SnippetSegment, snippet } from './snippet.ts';
import { createSqliteBackend } from './sqlite.ts';

export type { QueryClause, QueryWord, SearchQuery } from './analyzer.ts';
export { analyze, MAX_TERM_LENGTH, parseQuery, tokenize } from './analyzer.ts';
export type { SnippetSegment } from './snippet.ts';
export { snippet } from './snippet.ts';

/** A document to index. `kind` separates corpora (e.g. 'use_case'); `id` is the caller's own id. */
export interface SearchDocument {
  kind: string;
  id: number;
  /** Weighted higher than the body. */
  title: string;
  body: string;
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
  /** Adds or replaces many documents, one transaction per chunk. Returns how many were written. */
  upsertMany(docs: Iterable<SearchDocument>, options?: { chunkSize?: number }): Promise<number>;
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
  /** The same index running its statements on `db` (e.g. the caller's transaction). */
  withDb(db: Kysely<any>): SearchIndex;
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
  /** Extra columns of search_documents computed from the stems (PostgreSQL: tsv). */
  extraColumns(titleStems: string[], bodyStems: string[]): Record<string, unknown>;
  /** Names of those columns. */
  readonly extraColumnNames: string[];
  /** Whether reads before writes should lock rows (`for update`). */
  readonly lockRows: boolean;
}

/** At most this many stems of one document are indexed (PostgreSQL positions stop at 16,383). */
export const MAX_INDEXED_TERMS = 16_000;
const MAX_TITLE_TERMS = 1_000;
const MAX_PREFIX_EXPANSIONS = 50;
const SIMILAR_TERMS = 12;
/** Stems in more documents than this say little about a document's subject (and would be slow to gather). */
const SIMILAR_MAX_DOC_FREQUENCY = 5_000;

interface AnalysedDocument {
  kind: string;
  id: number;
  titleStems: string[];
  bodyStems: string[];
  /** Distinct word forms (non-stop words). */
  words: string[];
}

function checkKind(kind: unknown): string {
  if (typeof kind !== 'string' || !kind || kind.length > 64) {
    throw new Error(`Index de recherche : type de document invalide (${JSON.stringify(kind)})`);
  }
  return kind;
}

function checkId(id: unknown): number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    throw new Error(`Index de recherche : identifiant de document invalide (${String(id)})`);
  }
  return id;
}

function analyseDocument(doc: SearchDocument): AnalysedDocument {
  const kind = checkKind(doc?.kind);
  const id = checkId(doc?.id);
  const words = new Set<string>();
  const occurrences = new Map<string, number>();
  const collect = (text: unknown, max: number): string[] => {
    const stems: string[] = [];
    for (const t of tokenize(typeof text === 'string' ? text : '')) {
      if (t.stem === null) continue;
      if (stems.length >= max) break;
      const seen = (occurrences.get(t.stem) ?? 0) + 1;
      occurrences.set(t.stem, seen);
      stems.push(seen > MAX_OCCURRENCES ? UNINDEXED_OCCURRENCE : t.stem);
      words.add(t.word);
    }
    return stems;
  };
  const titleStems = collect(doc.title, MAX_TITLE_TERMS);
  const bodyStems = collect(doc.body, MAX_INDEXED_TERMS - titleStems.length);
  return { kind, id, titleStems, bodyStems, words: [...words].sort() };
}

interface WordInfo {
  folded: string;
  stem: string;
}

const wordInfoCache = new Map<string, WordInfo>();
function wordInfo(word: string): WordInfo {
  let info = wordInfoCache.get(word);
  if (!info) {
    const folded = foldWord(word);
    info = { folded, stem: stemFolded(folded) };
    if (wordInfoCache.size > 100_000) wordInfoCache.clear();
    wordInfoCache.set(word, info);
  }
  return info;
}

function splitWords(s: string | null | undefined): string[] {
  return s ? s.split(' ').filter(Boolean) : [];
}

/** Number of code points (what SQL substr/length count on both databases). */
function cpLength(s: string): number {
  return Array.from(s).length;
}

/** Smallest string greater than every string starting with `prefix` (binary order). */
function prefixUpperBound(prefix: string): string {
  const cps = Array.from(prefix);
  const last = (cps.pop() as string).codePointAt(0) as number;
  let next = last + 1;
  if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
  return cps.join('') + String.fromCodePoint(Math.min(next, 0x10ffff));
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), stopping above `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) {
    rows.push(new Array<number>(t.length + 1).fill(0));
    (rows[i] as number[])[0] = i;
  }
  for (let j = 0; j <= t.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= s.length; i++) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        v = Math.min(v, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
  }
  return (rows[s.length] as number[])[t.length] as number;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Creates the search index for a database. `db` may also be a transaction. */
export function createSearchIndex(db: Kysely<any>, dialect: Dialect): SearchIndex {
  const backend = dialect === 'postgres' ? createPostgresBackend() : createSqliteBackend();
  return bind(db, backend);
}

function bind(db: Kysely<any>, backend: SearchBackend): SearchIndex {
  function inTransaction<T>(fn: (trx: Kysely<any>) => Promise<T>): Promise<T> {
    if (db.isTransaction) return fn(db);
    return db.transaction().execute(fn);
  }

  /** Adds `delta` to the document counts of words and stems; rows reaching zero are removed. */
  async function applyDeltas(
    trx: Kysely<any>,
    kind: string,
    wordDeltas: Map<string, number>,
    stemDeltas: Map<string, number>,
  ): Promise<void> {
    // Sorted so that concurrent PostgreSQL transactions lock rows in the same order (no deadlock).
    const words = [...wordDeltas].filter(([, d]) => d !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const part of chunks(words, 500)) {
      await trx
        .insertInto('search_vocabulary')
        .values(part.map(([word, d]) => ({ kind, word, ...wordInfo(word), doc_count: d })))
        .onConflict((oc) =>
          oc.columns(['kind', 'word']).doUpdateSet((eb) => ({
            doc_count: eb('search_vocabulary.doc_count', '+', eb.ref('excluded.doc_count')),
          })),
        )
        .execute();
    }
    const goneWords = words.filter(([, d]) => d < 0).map(([w]) => w);
    for (const part of chunks(goneWords, 500)) {
      await trx
        .deleteFrom('search_vocabulary')
        .where('kind', '=', kind)
        .where('word', 'in', part)
        .where('doc_count', '<=', 0)
        .execute();
    }
    const stems = [...stemDeltas].filter(([, d]) => d !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const part of chunks(stems, 500)) {
      await trx
        .insertInto('search_terms')
        .values(part.map(([stem, d]) => ({ kind, stem, doc_count: d })))
        .onConflict((oc) =>
          oc.columns(['kind', 'stem']).doUpdateSet((eb) => ({
            doc_count: eb('search_terms.doc_count', '+', eb.ref('excluded.doc_count')),
          })),
        )
        .execute();
    }
    const goneStems = stems.filter(([, d]) => d < 0).map(([s]) => s);
    for (const part of chunks(goneStems, 500)) {
      await trx
        .deleteFrom('search_terms')
        .where('kind', '=', kind)
        .where('stem', 'in', part)
        .where('doc_count', '<=', 0)
        .execute();
    }
  }

  function addWords(words: string[], sign: 1 | -1, wordDeltas: Map<string, number>, stemDeltas: Map<string, number>) {
    const stems = new Set<string>();
    for (const w of words) {
      wordDeltas.set(w, (wordDeltas.get(w) ?? 0) + sign);
      stems.add(wordInfo(w).stem);
    }
    for (const s of stems) stemDeltas.set(s, (stemDeltas.get(s) ?? 0) + sign);
  }

  interface StoredContent {
    id: number;
    doc_id: number;
    title_terms: string;
    body_terms: string;
    words: string;
  }

  /** Stored stems and words of documents of a kind, by doc_id (on PostgreSQL, optionally locking the rows). */
  async function readContents(trx: Kysely<any>, kind: string, ids: number[], lock = false) {
    const out = new Map<number, StoredContent>();
    for (const part of chunks(ids, 500)) {
      let q = trx
        .selectFrom('search_documents as d')
        .innerJoin('search_contents as c', 'c.id', 'd.id')
        .select(['d.id', 'd.doc_id', 'c.title_terms', 'c.body_terms', 'c.words'])
        .where('d.kind', '=', kind)
        .where('d.doc_id', 'in', part);
      // Only the slim row is locked: every writer locks it first, then contents and vocabulary.
      if (lock && backend.lockRows) q = q.forUpdate('d');
      for (const r of (await q.execute()) as StoredContent[]) {
        out.set(Number(r.doc_id), { ...r, id: Number(r.id), doc_id: Number(r.doc_id) });
      }
    }
    return out;
  }

  /** Writes one chunk of documents of one kind (distinct ids) in the current transaction. */
  async function writeChunk(trx: Kysely<any>, kind: string, docs: AnalysedDocument[]): Promise<void> {
    const prepared = docs.map((doc) => ({
      doc,
      title_terms: doc.titleStems.join(' '),
      body_terms: doc.bodyStems.join(' '),
      words: doc.words.join(' '),
    }));
    // Documents indexed exactly as they are now are left alone (re-imports are cheap).
    const before = await readContents(
      trx,
      kind,
      prepared.map((p) => p.doc.id),
    );
    const changed = prepared.filter((p) => {
      const old = before.get(p.doc.id);
      return !(old && old.title_terms === p.title_terms && old.body_terms === p.body_terms && old.words === p.words);
    });
    if (!changed.length) return;
    // Same lock order in every transaction (no deadlock between concurrent PostgreSQL writers).
    changed.sort((a, b) => a.doc.id - b.doc.id);

    // 1. The slim rows (this takes the row locks on PostgreSQL), and their ids.
    const idByDoc = new Map<number, number>();
    for (const part of chunks(changed, 200)) {
      const rows = (await trx
        .insertInto('search_documents')
        .values(
          part.map((p) => ({ kind, doc_id: p.doc.id, ...backend.extraColumns(p.doc.titleStems, p.doc.bodyStems) })),
        )
        .onConflict((oc) =>
          oc.columns(['kind', 'doc_id']).doUpdateSet((eb) => {
            const set: Record<string, unknown> = { doc_id: eb.ref('excluded.doc_id') };
            for (const k of backend.extraColumnNames) set[k] = eb.ref(`excluded.${k}`);
            return set;
          }),
        )
        .returning(['id', 'doc_id'])
        .execute()) as { id: number; doc_id: number }[];
      for (const r of rows) idByDoc.set(Number(r.doc_id), Number(r.id));
    }

    // 2. What was indexed before, read under those locks, gives the vocabulary changes.
    const old = await readContents(
      trx,
      kind,
      changed.map((p) => p.doc.id),
    );
    const wordDeltas = new Map<string, number>();
    const stemDeltas = new Map<string, number>();
    for (const p of changed) {
      const o = old.get(p.doc.id);
      if (o) addWords(splitWords(o.words), -1, wordDeltas, stemDeltas);
      addWords(p.doc.words, 1, wordDeltas, stemDeltas);
    }

    // 3. The contents (on SQLite, triggers update the FTS5 index).
    for (const part of chunks(changed, 200)) {
      await trx
        .insertInto('search_contents')
        .values(
          part.map((p) => ({
            id: idByDoc.get(p.doc.id),
            title_terms: p.title_terms,
            body_terms: p.body_terms,
            words: p.words,
          })),
        )
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            title_terms: eb.ref('excluded.title_terms'),
            body_terms: eb.ref('excluded.body_terms'),
            words: eb.ref('excluded.words'),
          })),
        )
        .execute();
    }
    await applyDeltas(trx, kind, wordDeltas, stemDeltas);
  }

  /** Expands a prefix clause: stems of corpus words starting with the prefix that do not start with it. */
  async function prefixNode(kind: string, word: QueryWord): Promise<MatchNode> {
    const w = word.folded;
    const items: MatchNode[] = [{ op: 'term', stem: w, prefix: true }];
    const own = stemFolded(w);
    if (own !== w && !own.startsWith(w)) items.push({ op: 'term', stem: own, prefix: false });
    const n = cpLength(w);
    const rows = (await db
      .selectFrom('search_vocabulary')
      .select('stem')
      .select((eb) => eb.fn.sum<number>('doc_count').as('n'))
      .where('kind', '=', kind)
      .where('folded', '>=', w)
      .where('folded', '<', prefixUpperBound(w))
      .where(sql<boolean>`substr(folded, 1, ${n}) = ${w}`)
      .where(sql<boolean>`substr(stem, 1, ${n}) <> ${w}`)
      .groupBy('stem')
      .orderBy('n', 'desc')
      .orderBy('stem')
      .limit(MAX_PREFIX_EXPANSIONS)
      .execute()) as { stem: string }[];
    for (const r of rows) if (r.stem !== own) items.push({ op: 'term', stem: r.stem, prefix: false });
    return items.length === 1 ? (items[0] as MatchNode) : { op: 'or', items };
  }

  async function compile(kind: string, q: SearchQuery): Promise<MatchNode | null> {
    const items: MatchNode[] = [];
    for (const c of q.clauses) {
      if (c.type === 'phrase') items.push({ op: 'phrase', stems: c.words.map((w) => w.stem) });
      else if (c.prefix) items.push(await prefixNode(kind, c.word));
      else items.push({ op: 'term', stem: c.word.stem, prefix: false });
    }
    if (!items.length) return null;
    return items.length === 1 ? (items[0] as MatchNode) : { op: 'and', items };
  }

  const index: SearchIndex = {
    dialect: backend.dialect,

    async upsert(doc) {
      const analysed = analyseDocument(doc);
      await inTransaction((trx) => writeChunk(trx, analysed.kind, [analysed]));
    },

    async upsertMany(docs, options = {}) {
      const size = Math.max(1, Math.min(5_000, Math.floor(options.chunkSize ?? 500)));
      let written = 0;
      let batch: SearchDocument[] = [];
      const flush = async () => {
        if (!batch.length) return;
        // Group by kind; within a chunk the last version of a document wins.
        const byKind = new Map<string, Map<number, AnalysedDocument>>();
        for (const d of batch) {
          const a = analyseDocument(d);
          const m = byKind.get(a.kind) ?? new Map<number, AnalysedDocument>();
          byKind.set(a.kind, m);
          m.set(a.id, a);
        }
        await inTransaction(async (trx) => {
          for (const [kind, m] of byKind) await writeChunk(trx, kind, [...m.values()]);
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

    async remove(kind, id) {
      checkKind(kind);
      checkId(id);
      await inTransaction(async (trx) => {
        const old = (await readContents(trx, kind, [id], true)).get(id);
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
      const q = typeof query === 'string' ? parseQuery(query) : query;
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

    snippet(text, query, maxLength) {
      return snippet(text, query, maxLength);
    },

    async suggest(kind, query) {
      checkKind(kind);
      const q = parseQuery(query);
      const words = queryWords(q);
      if (!words.length) return null;
      const stems = [...new Set(words.map((w) => w.word.stem))];
      const known = new Set(
        (
          (await db
            .selectFrom('search_terms')
            .select('stem')
            .where('kind', '=', kind)
            .where('stem', 'in', stems)
            .execute()) as { stem: string }[]
        ).map((r) => r.stem),
      );
      const replacements: { start: number; end: number; text: string }[] = [];
      for (const { word, prefix } of words) {
        if (known.has(word.stem) || /\p{N}/u.test(word.folded) || cpLength(word.folded) < 3) continue;
        if (prefix) {
          const started = await db
            .selectFrom('search_vocabulary')
            .select('word')
            .where('kind', '=', kind)
            .where('folded', '>=', word.folded)
            .where('folded', '<', prefixUpperBound(word.folded))
            .limit(1)
            .execute();
          if (started.length) continue;
        }
        const f = word.folded;
        const n = cpLength(f);
        const max = n <= 4 ? 1 : 2;
        const first = Array.from(f)[0] as string;
        const second = Array.from(f)[1] as string;
        const candidates = (await db
          .selectFrom('search_vocabulary')
          .select(['word', 'folded', 'doc_count'])
          .where('kind', '=', kind)
          .where(sql<boolean>`length(folded) between ${n - max} and ${n + max}`)
          .where((eb) =>
            eb.or([
              eb(sql`substr(folded, 1, 1)`, '=', first),
              eb(sql`substr(folded, 2, 1)`, '=', second),
              eb(sql`substr(folded, 1, 1)`, '=', second),
            ]),
          )
          .execute()) as { word: string; folded: string; doc_count: number }[];
        let best: { word: string; folded: string; distance: number; count: number } | null = null;
        for (const c of candidates) {
          const distance = editDistance(f, c.folded, max);
          if (distance > max) continue;
          const count = Number(c.doc_count);
          if (
            !best ||
            distance < best.distance ||
            (distance === best.distance && count > best.count) ||
            (distance === best.distance && count === best.count && c.word < best.word)
          ) {
            best = { word: c.word, folded: c.folded, distance, count };
          }
        }
        if (!best) continue;
        let text = best.word;
        const firstChar = word.surface[0] ?? '';
        if (firstChar !== firstChar.toLowerCase()) text = text[0]?.toUpperCase() + text.slice(1);
        replacements.push({ start: word.start, end: word.end, text });
      }
      if (!replacements.length) return null;
      let out = q.text;
      for (const r of replacements.sort((a, b) => b.start - a.start)) {
        out = out.slice(0, r.start) + r.text + out.slice(r.end);
      }
      return out;
    },

    async similar(kind, id, limit = 5) {
      checkKind(kind);
      checkId(id);
      const n = Math.max(0, Math.min(100, Math.floor(limit) || 0));
      if (!n) return [];
      const doc = (await readContents(db, kind, [id])).get(id);
      if (!doc) return [];
      const tf = new Map<string, number>();
      for (const s of splitWords(doc.title_terms)) tf.set(s, (tf.get(s) ?? 0) + 3);
      for (const s of splitWords(doc.body_terms)) tf.set(s, (tf.get(s) ?? 0) + 1);
      const candidates = [...tf.keys()].filter(
        (s) => s !== UNINDEXED_OCCURRENCE && !/^\p{N}+$/u.test(s) && cpLength(s) >= 2,
      );
      if (!candidates.length) return [];
      const countRow = (await db
        .selectFrom('search_documents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', '=', kind)
        .executeTakeFirst()) as { n: number } | undefined;
      const total = Number(countRow?.n ?? 0);
      const df = new Map<string, number>();
      for (const part of chunks(candidates, 500)) {
        const rows = (await db
          .selectFrom('search_terms')
          .select(['stem', 'doc_count'])
          .where('kind', '=', kind)
          .where('stem', 'in', part)
          .execute()) as { stem: string; doc_count: number }[];
        for (const r of rows) df.set(r.stem, Number(r.doc_count));
      }
      // Distinctive terms: shared with at least one other document, but not with most of them.
      const scored = candidates
        .map((stem) => {
          const d = df.get(stem) ?? 0;
          return { stem, d, weight: Math.sqrt(tf.get(stem) ?? 0) * Math.log(1 + total / Math.max(1, d)) };
        })
        .filter((t) => t.d >= 2 && t.d <= Math.max(2, Math.min(total * 0.5, SIMILAR_MAX_DOC_FREQUENCY)))
        .sort((a, b) => b.weight - a.weight || (a.stem < b.stem ? -1 : 1))
        .slice(0, SIMILAR_TERMS);
      if (!scored.length) return [];
      // Each shared stem scores its weight, twice when it is in the other document's title too.
      // Integer weights: sums are exact, so both databases order ties the same way.
      const parts = scored.flatMap((t) => {
        const w = sql.lit(Math.max(1, Math.round(t.weight * 1000)));
        return [false, true].map(
          (titleOnly) =>
            sql`select m.doc_id as doc_id, ${w} as w from ${backend.matchSql(
              kind,
              backend.render({ op: 'term', stem: t.stem, prefix: false, titleOnly }),
              false,
            )} as m`,
        );
      });
      const rows = await sql<{ doc_id: number }>`select u.doc_id as doc_id, sum(u.w) as score from (${sql.join(
        parts,
        sql` union all `,
      )}) as u where u.doc_id <> ${id} group by u.doc_id order by score desc, u.doc_id asc limit ${n}`.execute(db);
      return rows.rows.map((r) => Number(r.doc_id));
    },

    withDb(other) {
      return bind(other, backend);
    },
  };
  return index;
}
