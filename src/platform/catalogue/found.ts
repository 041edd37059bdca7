/**
 * The rows a text finds, kept per text until the catalogue changes, and the relevance order taken from the engine
 * for only what a page shows: with a `MatchSet` (indexed text), the catalogue counts facets over every found row,
 * then asks the engine for the best `k` among those that pass the filters (see `bestAmong`).
 *
 * Relevance is bounded (see `rankedPage`): the engine's relevance costs about a microsecond per row it ranks
 * (SQLite bm25, PostgreSQL ts_rank), so a word found in most of 100,000 rows would cost 50 to 100 ms to rank in full.
 * On SQLite, when more than `RANKED_ROWS` rows pass, only the `RANKED_ROWS` first of them in the catalogue's default
 * order (for the library: the most recently updated) are ranked by relevance, and they come first; the others follow
 * in the default order. Which rows are found, and every count, stay exact.
 */
import type { Dialect } from '../db/index.ts';
import type { MatchNode, MatchSet, TextMemory } from '../search/index.ts';
import type { FacetIndex } from './facet-index.ts';
import type { TextSearch } from './text.ts';

/** Texts (and queries, « did you mean ») kept until the catalogue changes. */
export const CACHE_ENTRIES = 256;
/** Text searches whose matching ids are kept (by query text) until the catalogue changes: about 4 MB of ids. */
const MATCH_CACHE_IDS = 1_000_000;

/** Rows found by a text: best first (`best` absent), or in any order with the means to rank some of them. */
export interface Found {
  ids: Int32Array;
  best?: MatchSet['best'];
  /** Ranking costs little (in memory): every row that passes is ranked, whatever their number. */
  ranksAll?: boolean;
}

export class FoundCache<Row, K extends string, S extends string> {
  private readonly cache = new Map<string, { generation: number; found: Found | null }>();
  private ids = 0;

  constructor(private readonly search: TextSearch<S> | undefined) {}

  /**
   * Whether the search runs in the engine only (`matchSet` without `memory`): it does not read the index, so it may
   * run while the index loads.
   */
  get engine(): boolean {
    return !!this.search?.matchSet && !this.search.memory;
  }

  /** Whether the rows `q` finds are kept for `generation`. */
  has(q: string, generation: number): boolean {
    return this.cache.get(q.trim())?.generation === generation;
  }

  /**
   * The rows `q` finds (null: nothing to search for), computed once per text and `generation`: in `memory` when the
   * index has one, else in the engine or the index.
   */
  async get(
    idx: FacetIndex<Row, K, S> | null,
    q: string,
    generation: number,
    memory: TextMemory | null = null,
    compiled?: MatchNode | null,
  ): Promise<Found | null> {
    const key = q.trim();
    const search = this.search;
    if (!key || !search) return null;
    const hit = this.cache.get(key);
    if (hit && hit.generation === generation) return hit.found;
    let found: Found | null;
    if (memory) {
      const node = compiled === undefined ? await memory.compile(q) : compiled;
      const set = node && memory.match(node);
      found = set && { ids: set.ids, best: set.best, ranksAll: true };
    } else if (search.matchSet) {
      const set = await search.matchSet(q);
      found = set && { ids: set.ids, best: (k, within) => set.best(k, within) };
    } else {
      if (!idx) throw new Error('recherche en mémoire sans index');
      const ids = await search.match(q, idx);
      found = ids && { ids };
    }
    if (hit) {
      this.cache.delete(key);
      this.ids -= hit.found?.ids.length ?? 0;
    }
    // The oldest searches make room.
    const size = found?.ids.length ?? 0;
    for (const [k, v] of this.cache) {
      if (this.ids + size <= MATCH_CACHE_IDS && this.cache.size < CACHE_ENTRIES) break;
      this.cache.delete(k);
      this.ids -= v.found?.ids.length ?? 0;
    }
    this.cache.set(key, { generation, found });
    this.ids += size;
    return found;
  }
}

/**
 * The `k` best of the found rows that passed the filters. When most of them passed, the engine ranks a few more
 * than `k` of all the found rows, and those that passed are kept (the same answer, without sending it the list);
 * otherwise it ranks only the rows that passed.
 */
export async function bestAmong(found: Found, passing: Int32Array, k: number): Promise<number[]> {
  const best = found.best!;
  // In memory, ranking some rows costs no more than ranking them all.
  if (passing.length === found.ids.length || found.ranksAll) return best(k, found.ranksAll ? passing : null);
  if (passing.length * 2 > found.ids.length) {
    const wanted = Math.ceil((k * found.ids.length) / passing.length) + 16;
    const ranked = await best(wanted, null);
    const passed = new Set(passing);
    const kept = ranked.filter((id) => passed.has(id));
    // Enough rows that passed among the best ones, or every found row ranked: the answer is complete.
    if (kept.length >= k || ranked.length < wanted) return kept.slice(0, k);
  }
  return best(k, passing);
}

/**
 * How many of the rows that pass (text and filters) relevance ranks at most (see the top of this file). On SQLite the
 * ranking is a second statement whose cost grows with the rows it ranks (bm25 over 66,000 rows: 50 ms of CPU; over
 * 5,000: 8 to 15 ms, the rest being the match itself). On PostgreSQL the match set comes with every row's rank in
 * the same statement (search/postgres.ts `matchKeyed`: reading the rows is the cost, ts_rank adds little), so every
 * row is ranked.
 */
export const RANKED_ROWS: Record<Dialect, number> = { sqlite: 5_000, postgres: Number.POSITIVE_INFINITY };

/** What `rankedPage` needs of the index: rows in a named order. */
interface Ordered<S extends string> {
  inOrder(ids: ArrayLike<number>, name: S, offset: number, limit: number): number[];
}

/**
 * A page of the rows that passed (`passing`, in the order of the found ids) by relevance: the `limit` rows from
 * `offset`. Past `rankedRows` rows, the first `rankedRows` in the order `fallback` are ranked, then the others follow
 * in that order (positions from `rankedRows` on are the fallback order's own): every page costs at most `rankedRows`
 * rows ranked by the engine, and pages still follow each other without a gap or a repeat.
 */
export async function rankedPage<S extends string>(
  index: Ordered<S>,
  found: Found,
  passing: Int32Array,
  page: { offset: number; limit: number; fallback: S; rankedRows: number },
): Promise<number[]> {
  const { offset, limit, fallback } = page;
  const end = offset + limit;
  if (limit <= 0 || passing.length <= offset) return [];
  const bound = Math.max(1, page.rankedRows);
  if (passing.length <= bound) return (await bestAmong(found, passing, end)).slice(offset);
  const ids: number[] = [];
  if (offset < bound) {
    // The rows ranked: the first `bound` in the fallback order, given to the engine in the order of the found ids.
    const chosen = new Set(index.inOrder(passing, fallback, 0, bound));
    const within = passing.filter((id) => chosen.has(id));
    ids.push(...(await bestAmong(found, within, Math.min(end, bound))).slice(offset));
  }
  if (end > bound) {
    const from = Math.max(offset, bound);
    ids.push(...index.inOrder(passing, fallback, from, end - from));
  }
  return ids;
}

/** Found rows best first. */
export async function bestFirst(found: Found): Promise<Int32Array> {
  return found.best ? Int32Array.from(await found.best(found.ids.length)) : found.ids;
}
