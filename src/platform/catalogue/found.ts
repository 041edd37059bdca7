/**
 * The rows a text finds, kept per text until the catalogue changes: either best first (`memoryText`: matched over the
 * facet index), or in any order with the means to rank some of them (`indexedText`: matched in the text memory held
 * beside the index, which ranks every row that passes the filters by relevance).
 */
import type { MatchNode, MatchSet, TextMemory } from '../search/index.ts';
import type { FacetIndex } from './facet-index.ts';
import type { TextSearch } from './text.ts';

/** Texts (and queries, « did you mean ») kept until the catalogue changes. */
export const CACHE_ENTRIES = 256;
/**
 * Text searches kept (by query text) until the catalogue changes, counted in ids: about 4 MB. A set ranked in memory
 * also keeps its slots, those of each part of the query and its scores: it counts `RANKED_WEIGHT` per id.
 */
const MATCH_CACHE_IDS = 1_000_000;
const RANKED_WEIGHT = 8;

/** What a kept search counts for. */
function weight(found: Found | null): number {
  return found ? found.ids.length * (found.best ? RANKED_WEIGHT : 1) : 0;
}

/** Rows found by a text: best first (`best` absent), or in any order with the means to rank some of them. */
export interface Found {
  ids: Int32Array;
  best?: MatchSet['best'];
}

export class FoundCache<Row, K extends string, S extends string> {
  private readonly cache = new Map<string, { generation: number; found: Found | null }>();
  private ids = 0;

  constructor(private readonly search: TextSearch<S> | undefined) {}

  /** Whether the rows `q` finds are kept for `generation`. */
  has(q: string, generation: number): boolean {
    return this.cache.get(q.trim())?.generation === generation;
  }

  /**
   * The rows `q` finds (null: nothing to search for), computed once per text and `generation`: in the index's text
   * `memory` when the search has one (`compiled`: the text already compiled by it), else over the index.
   */
  async get(
    idx: FacetIndex<Row, K, S>,
    q: string,
    generation: number,
    memory: TextMemory | null,
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
      found = set && { ids: set.ids, best: set.best };
    } else {
      const ids = search.match ? await search.match(q, idx) : null;
      found = ids && { ids };
    }
    if (hit) {
      this.cache.delete(key);
      this.ids -= weight(hit.found);
    }
    // The oldest searches make room.
    const size = weight(found);
    for (const [k, v] of this.cache) {
      if (this.ids + size <= MATCH_CACHE_IDS && this.cache.size < CACHE_ENTRIES) break;
      this.cache.delete(k);
      this.ids -= weight(v.found);
    }
    this.cache.set(key, { generation, found });
    this.ids += size;
    return found;
  }
}

/**
 * A page of the rows that passed (`passing`, in the order of the found ids) by relevance: the `limit` rows from
 * `offset`, every row that passed ranked.
 */
export async function rankedPage(found: Found, passing: Int32Array, offset: number, limit: number): Promise<number[]> {
  if (limit <= 0 || passing.length <= offset) return [];
  const within = passing.length === found.ids.length ? null : passing;
  return (await found.best!(offset + limit, within)).slice(offset);
}

/** Found rows best first. */
export async function bestFirst(found: Found): Promise<Int32Array> {
  return found.best ? Int32Array.from(await found.best(found.ids.length)) : found.ids;
}
