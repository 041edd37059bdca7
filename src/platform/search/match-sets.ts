/**
 * Match sets ranked in memory, and the small helpers of match sets: positions of some ids among the found ones, and
 * the aggregated ids a statement returns. Pure code.
 */
import type { MatchSet } from './index.ts';

/**
 * A match set ranked in memory from (doc_id, key) pairs, a higher key being better (backend `matchKeyed`): the best `k`
 * by key descending, then doc_id ascending, among `within` when given.
 */
export function keyedMatchSet(pairs: Int32Array): MatchSet {
  const n = pairs.length >> 1;
  const ids = new Int32Array(n);
  const keys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    ids[i] = pairs[2 * i]!;
    keys[i] = pairs[2 * i + 1]!;
  }
  return {
    ids,
    async best(k, within) {
      const limit = Math.max(0, Math.floor(k));
      const candidates = within ? positionsIn(ids, within) : null;
      const count = candidates ? candidates.length : n;
      if (!limit || !count) return [];
      const at = (c: number) => (candidates ? candidates[c]! : c);
      // The key of the limit-th best candidate: every better key is in, and the ties at that key compete by id.
      let threshold = -1;
      if (count > limit) {
        const sorted = new Int32Array(count);
        for (let c = 0; c < count; c++) sorted[c] = keys[at(c)]!;
        sorted.sort();
        threshold = sorted[count - limit]!;
      }
      const chosen: number[] = [];
      for (let c = 0; c < count; c++) if (keys[at(c)]! >= threshold) chosen.push(at(c));
      chosen.sort((a, b) => keys[b]! - keys[a]! || ids[a]! - ids[b]!);
      return chosen.slice(0, limit).map((p) => ids[p]!);
    },
  };
}

/** Positions memo of `positionsIn`: the last list of ids looked up by value (a match set is ranked a few times). */
const positionMaps = new WeakMap<Int32Array, Map<number, number>>();

/**
 * Positions in `ids` of the ids of `within` (ids absent from `ids` left out): a walk when `within` follows the order
 * of `ids` (as a catalogue gives the rows it kept), else a lookup.
 */
export function positionsIn(ids: Int32Array, within: ArrayLike<number>): Int32Array {
  const n = ids.length;
  const out = new Int32Array(within.length);
  let j = 0;
  for (let i = 0; i < n && j < within.length; i++) if (ids[i] === within[j]) out[j++] = i;
  if (j === within.length) return out;
  let position = positionMaps.get(ids);
  if (!position) {
    position = new Map();
    for (let i = 0; i < n; i++) position.set(ids[i]!, i);
    positionMaps.set(ids, position);
  }
  let k = 0;
  for (let w = 0; w < within.length; w++) {
    const p = position.get(Number(within[w]));
    if (p !== undefined) out[k++] = p;
  }
  return out.subarray(0, k);
}

/** The values of `list` at `positions`. */
export function pick(list: Int32Array, positions: Int32Array): Int32Array {
  const out = new Int32Array(positions.length);
  for (let i = 0; i < positions.length; i++) out[i] = list[positions[i]!]!;
  return out;
}

/** Parses « 12,5,7 » (the aggregated ids of a match set; with `pairs`, « 12:5,13:8 » as 12, 5, 13, 8). */
export function parseIds(text: string | null, pairs: boolean): Int32Array {
  if (!text) return new Int32Array(0);
  const out = new Int32Array((text.length >> 1) + 1);
  let n = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || (pairs && c === 58)) {
      out[n++] = value;
      value = 0;
    } else value = value * 10 + (c - 48);
  }
  out[n++] = value;
  return out.subarray(0, n);
}
