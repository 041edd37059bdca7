/**
 * Text search in memory for one kind of documents: the catalogue that shows them feeds their stored stems to
 * `Postings` as it applies its rows (`apply`), then finds and ranks a compiled text there (`compile`, `match`). The
 * text is analysed and expanded (synonyms, prefixes) exactly as for the engines, by the SearchIndex; matching and
 * ranking never reach the database.
 */
import { chunks, splitWords } from './documents.ts';
import type { MatchNode, MatchSet } from './index.ts';
import { Postings, type PostingsSize } from './postings.ts';

export interface TextMemory {
  /** Indexes the stored texts of `upserted` (ids of the kind; those without a text are left out), forgets `removed`. */
  apply(upserted: readonly number[], removed: readonly number[]): Promise<void>;
  /**
   * What a person typed, analysed, expanded and compiled as the engines run it (prefixes completed from the
   * vocabulary in the database); null when `q` has nothing to search for. Independent of what is held: it may run
   * while the catalogue brings its index up to date.
   */
  compile(q: string): Promise<MatchNode | null>;
  /** The documents held that match a compiled text, and the means to rank them. */
  match(node: MatchNode): MatchSet;
  size(): PostingsSize;
}

/** What the memory asks of the SearchIndex it belongs to (one kind). */
export interface MemorySource {
  /** `q` analysed, expanded and compiled as the engines run it; null: nothing to search for. */
  compile(q: string): Promise<MatchNode | null>;
  /** The stored stems of these documents (space-separated), by id. */
  terms(ids: readonly number[]): Promise<{ id: number; title: string; body: string }[]>;
}

/** Documents read per statement when applying. */
const READ_CHUNK = 1000;

export function createTextMemory(source: MemorySource): TextMemory {
  const postings = new Postings();
  return {
    async apply(upserted, removed) {
      for (const id of removed) postings.remove(id);
      for (const part of chunks(upserted, READ_CHUNK)) {
        const rows = await source.terms(part);
        const read = new Set<number>();
        for (const r of rows) {
          postings.set(r.id, splitWords(r.title), splitWords(r.body));
          read.add(r.id);
        }
        // A row without a stored text (none written yet) is found by nothing.
        for (const id of part) if (!read.has(id)) postings.remove(id);
      }
      postings.tidy();
    },
    compile: (q) => source.compile(q),
    match: (node) => postings.matchSet(node),
    size: () => postings.size(),
  };
}
