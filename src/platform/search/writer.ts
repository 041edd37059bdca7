/**
 * The index's write path: documents written in chunks (slim rows first, under their locks, then contents), and the
 * vocabulary counts (« did you mean », similar documents) kept equal to a recount of the documents, even with
 * concurrent writers. Every function runs in the caller's transaction.
 */
import type { Db } from '../db/database.ts';
import { type AnalysedDocument, chunks, splitWords, wordInfo } from './documents.ts';
import type { SearchBackend } from './index.ts';

/** Adds `delta` to the document counts of words and stems; rows reaching zero are removed. */
export async function applyDeltas(
  trx: Db,
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

/**
 * Adds `sign` to the counts of `words` and of their distinct stems: `stems` when the analysis gave them (documents
 * being written), else each word's stem computed again (documents read back from the database).
 */
export function addWords(
  words: readonly string[],
  sign: 1 | -1,
  wordDeltas: Map<string, number>,
  stemDeltas: Map<string, number>,
  stems: Iterable<string> = new Set(words.map((w) => wordInfo(w).stem)),
) {
  for (const w of words) wordDeltas.set(w, (wordDeltas.get(w) ?? 0) + sign);
  for (const s of stems) stemDeltas.set(s, (stemDeltas.get(s) ?? 0) + sign);
}

/**
 * Vocabulary changes gathered over several transactions instead of being applied in each (imports: the same common
 * words were counted again at every batch), then applied at once by `applyVocabulary` in a later transaction. The
 * counts are deltas, so they commute with the changes other writers apply meanwhile.
 */
export class VocabularyChanges {
  private readonly kinds = new Map<string, { words: Map<string, number>; stems: Map<string, number> }>();

  /** The word and stem deltas of a kind, to add to. */
  of(kind: string): { words: Map<string, number>; stems: Map<string, number> } {
    let k = this.kinds.get(kind);
    if (!k) {
      k = { words: new Map(), stems: new Map() };
      this.kinds.set(kind, k);
    }
    return k;
  }

  get empty(): boolean {
    return this.kinds.size === 0;
  }

  /** Adds the changes gathered in `other`. */
  add(other: VocabularyChanges): this {
    for (const [kind, { words, stems }] of other.kinds) {
      const mine = this.of(kind);
      for (const [w, d] of words) mine.words.set(w, (mine.words.get(w) ?? 0) + d);
      for (const [t, d] of stems) mine.stems.set(t, (mine.stems.get(t) ?? 0) + d);
    }
    return this;
  }

  /** Forgets every change (once applied by a committed transaction). */
  clear(): void {
    this.kinds.clear();
  }

  /** Applies every gathered change in the caller's transaction (kept: `clear` once it has committed). */
  async apply(trx: Db): Promise<void> {
    for (const [kind, { words, stems }] of this.kinds) await applyDeltas(trx, kind, words, stems);
  }
}

export interface StoredContent {
  id: number;
  doc_id: number;
  title_terms: string;
  body_terms: string;
  words: string;
}

/** Stored stems and words of documents of a kind, by doc_id (on PostgreSQL, optionally locking the rows). */
export async function readContents(backend: SearchBackend, trx: Db, kind: string, ids: number[], lock = false) {
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
    for (const r of await q.execute()) {
      out.set(Number(r.doc_id), { ...r, id: Number(r.id), doc_id: Number(r.doc_id) });
    }
  }
  return out;
}

/** The stored stems of documents of `kind` (space-separated), for the text search in memory (memory.ts). */
export async function readTerms(db: Db, kind: string, ids: readonly number[]) {
  const rows = await db
    .selectFrom('search_documents as d')
    .innerJoin('search_contents as c', 'c.id', 'd.id')
    .select(['d.doc_id', 'c.title_terms', 'c.body_terms'])
    .where('d.kind', '=', kind)
    .where('d.doc_id', 'in', ids)
    .execute();
  return rows.map((r) => ({ id: Number(r.doc_id), title: r.title_terms, body: r.body_terms }));
}

/** Writes one chunk of documents of one kind (distinct ids) in the current transaction. */
export async function writeChunk(
  backend: SearchBackend,
  trx: Db,
  kind: string,
  docs: AnalysedDocument[],
  vocabulary?: VocabularyChanges,
): Promise<void> {
  const prepared = docs.map((doc) => ({
    doc,
    title_terms: doc.titleStems.join(' '),
    body_terms: doc.bodyStems.join(' '),
    words: doc.words.join(' '),
  }));
  // Documents indexed exactly as they are now are left alone (re-imports are cheap).
  const before = await readContents(
    backend,
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
    const tsv = backend.tsv;
    const rows = await trx
      .insertInto('search_documents')
      .values(
        part.map((p) => ({
          kind,
          doc_id: p.doc.id,
          ...(tsv ? { tsv: tsv(p.doc.titleStems, p.doc.bodyStems) } : {}),
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['kind', 'doc_id'])
          .doUpdateSet((eb) =>
            tsv
              ? { doc_id: eb.ref('excluded.doc_id'), tsv: eb.ref('excluded.tsv') }
              : { doc_id: eb.ref('excluded.doc_id') },
          ),
      )
      .returning(['id', 'doc_id'])
      .execute();
    for (const r of rows) idByDoc.set(Number(r.doc_id), Number(r.id));
  }

  // 2. What was indexed before, read under those locks, gives the vocabulary changes (on SQLite, where the
  // transaction is the only writer, the first read is that already).
  const old = backend.lockRows
    ? await readContents(
        backend,
        trx,
        kind,
        changed.map((p) => p.doc.id),
      )
    : before;
  const deferred = vocabulary?.of(kind);
  const wordDeltas = deferred?.words ?? new Map<string, number>();
  const stemDeltas = deferred?.stems ?? new Map<string, number>();
  for (const p of changed) {
    const o = old.get(p.doc.id);
    if (o) addWords(splitWords(o.words), -1, wordDeltas, stemDeltas);
    addWords(p.doc.words, 1, wordDeltas, stemDeltas, p.doc.wordStems);
  }

  // 3. The contents (on SQLite, triggers update the FTS5 index).
  for (const part of chunks(changed, 200)) {
    await trx
      .insertInto('search_contents')
      .values(
        part.map((p) => ({
          id: idByDoc.get(p.doc.id)!,
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
  if (!deferred) await applyDeltas(trx, kind, wordDeltas, stemDeltas);
}
