/**
 * The rows a text finds, kept per text until the catalogue changes, and the relevance order taken from the engine
 * for only what a page shows: with a `MatchSet` (indexed text), the catalogue counts facets over every found row,
 * then asks the engine for the best `k` among those that pass the filters (see `bestAmong`).
 */
import type { MatchSet } from '../search/index.ts';
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
}

export class FoundCache<Row, K extends string, S extends string> {
  private readonly cache = new Map<string, { generation: number; found: Found | null }>();
  private ids = 0;

  constructor(private readonly search: TextSearch<S> | undefined) {}

  /** Whether the search runs in the engine (`matchSet`): it does not read the index, so it may run while the index loads. */
  get engine(): boolean {
    return !!this.search?.matchSet;
  }

  /** Whether the rows `q` finds are kept for `generation`. */
  has(q: string, generation: number): boolean {
    return this.cache.get(q.trim())?.generation === generation;
  }

  /** The rows `q` finds (null: nothing to search for), computed once per text and `generation`. */
  async get(idx: FacetIndex<Row, K, S> | null, q: string, generation: number): Promise<Found | null> {
    const key = q.trim();
    const search = this.search;
    if (!key || !search) return null;
    const hit = this.cache.get(key);
    if (hit && hit.generation === generation) return hit.found;
    let found: Found | null;
    if (search.matchSet) {
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
  if (passing.length === found.ids.length) return best(k, null);
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

/** Found rows best first. */
export async function bestFirst(found: Found): Promise<Int32Array> {
  return found.best ? Int32Array.from(await found.best(found.ids.length)) : found.ids;
}
