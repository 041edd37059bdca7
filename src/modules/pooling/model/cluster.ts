/**
 * Step 4 of the pooling suggestions (see similarity.ts): clusters of neighbour sheets, from the edges sorted
 * strongest first, with each sheet's neighbours in flat typed arrays.
 */
import type { Edges } from './edges.ts';
import type { PoolingOptions } from './similarity.ts';

/** `cluster`, yielding every few thousand edges. */
export function* clusterSteps(n: number, edges: Edges, options: PoolingOptions): Generator<void, number[][]> {
  const every = options.chunk * 8;
  let step = 0;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const members = new Map<number, number[]>();
  // Each sheet's neighbours, in flat typed arrays (no Set per sheet): sheet x's are adj[start[x] .. start[x + 1]],
  // ascending (looked up by bisection).
  const start = new Int32Array(n + 1);
  for (let e = 0; e < edges.size; e++) {
    start[edges.a[e]! + 1]!++;
    start[edges.b[e]! + 1]!++;
  }
  for (let x = 0; x < n; x++) start[x + 1]! += start[x]!;
  const adj = new Int32Array(start[n]!);
  const fill = start.slice(0, n);
  for (let e = 0; e < edges.size; e++) {
    if (++step % every === 0) yield;
    const a = edges.a[e]!;
    const b = edges.b[e]!;
    adj[fill[a]!++] = b;
    adj[fill[b]!++] = a;
  }
  for (let x = 0; x < n; x++) {
    if (start[x + 1]! - start[x]! > 1) adj.subarray(start[x]!, start[x + 1]!).sort();
    if (x % every === every - 1) yield;
  }
  const linked = (x: number, y: number): boolean => {
    let lo = start[x]!;
    let hi = start[x + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = adj[mid]!;
      if (v === y) return true;
      if (v < y) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const membersOf = (root: number) => members.get(root) ?? [root];
  for (let e = 0; e < edges.size; e++) {
    if (++step % every === 0) yield;
    const ra = find(edges.a[e]!);
    const rb = find(edges.b[e]!);
    if (ra === rb) continue;
    const ma = membersOf(ra);
    const mb = membersOf(rb);
    if (ma.length + mb.length > options.maxGroupSize) continue;
    let links = 0;
    for (const x of ma) for (const y of mb) if (linked(x, y)) links++;
    if (links < options.minDensity * ma.length * mb.length) continue;
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    parent[drop] = keep;
    members.set(
      keep,
      [...ma, ...mb].sort((x, y) => x - y),
    );
    members.delete(drop);
  }
  return [...members.values()].sort((x, y) => x[0]! - y[0]!);
}
