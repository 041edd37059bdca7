/**
 * How a catalogue finds rows by text. Two strategies behind one interface:
 *
 * - `indexedText(search, kind)`: French full-text search through the SearchIndex port (stems, relevance rank,
 *   « did you mean », similar documents, snippets). Texts are matched and ranked in memory (search/memory.ts: the
 *   stored stems of the rows the catalogue shows, fed as it applies them); the engine answers « did you mean » and
 *   similar documents. The module keeps the search documents up to date in its write transactions
 *   (`search.withDb(trx).upsert(...)`). For large catalogues of prose (use cases, commons).
 * - `memoryText({ tier, within })`: a text per row kept in the facet index and matched in memory by a function that
 *   gives each text a relevance tier (lower is better) or refuses it, ties broken by a named order. For directories
 *   of names and codes that people find by the start of a word (authorities: « st etienne », « 69003 », a SIREN).
 */
import type { SearchIndex, SearchQuery, SnippetSegment, TextMemory } from '../search/index.ts';
import { snippet } from '../search/snippet.ts';

/** What a text search may ask of the catalogue's index (FacetIndex): texts matched in memory. */
export interface TextIndex {
  matchText(tier: (text: string) => number, within: string): Int32Array;
}

// biome-ignore lint/correctness/noUnusedVariables: S names the orders of the catalogue the search belongs to.
export interface TextSearch<S extends string = string> {
  /**
   * Ids of the rows matching `q` over the index, best first; null when `q` has nothing to search for (every row).
   * For a search without `memory`.
   */
  match?(q: string, index: TextIndex): Promise<Int32Array | null>;
  /**
   * A text search held in memory beside the facet index: the catalogue feeds it the rows it applies, matches the
   * text there, counts facets over every row found, then asks it for the best page among the rows that pass its
   * filters (every one of them ranked). One per index built.
   */
  memory?(): TextMemory;
  /** Changes whenever the same text may find other rows without the rows changing (e.g. synonyms were edited). */
  version?(): Promise<number>;
  /** The query as the search runs it (synonyms included), for highlighting. */
  prepare?(q: string): Promise<SearchQuery>;
  /** « Did you mean »: `q` with its unknown words replaced by near known ones, or null. */
  suggest?(q: string): Promise<string | null>;
  /** Ids of the rows most like `id`, best first. */
  similar?(id: number, limit: number): Promise<number[]>;
}

export function indexedText<S extends string = string>(search: SearchIndex, kind: string): TextSearch<S> {
  return {
    memory: () => search.memory(kind),
    version: () => search.textVersion(),
    prepare: (q) => search.prepare(q),
    suggest: (q) => search.suggest(kind, q),
    similar: (id, limit) => search.similar(kind, id, limit),
  };
}

export function memoryText<S extends string>(options: {
  /** Compiles what a person typed: null when nothing is searchable, else the tier of a row's text (-1: no match). */
  compile(q: string): ((text: string) => number) | null;
  /** The order of rows within a tier. */
  within: S;
}): TextSearch<S> {
  return {
    async match(q, index) {
      const tier = options.compile(q);
      return tier ? index.matchText(tier, options.within) : null;
    },
  };
}

/** The best passage of `text` with the words of `q` flagged, or null when `q` is empty or nothing matched. */
export function highlight(
  text: string | null | undefined,
  q: string | SearchQuery,
  maxLength: number,
): SnippetSegment[] | null {
  if (!text || (typeof q === 'string' ? !q.trim() : !q.clauses.length)) return null;
  const segments = snippet(text, q, maxLength);
  return segments.some((s) => s.match) ? segments : null;
}
