/**
 * The neighbour pairs of the pooling computation (step 3's output, step 4's input), in flat typed arrays: 400,000
 * pairs hold 8 MB instead of one object each (~40 MB with their boxed similarities).
 */
import { sortSteps } from './sort-steps.ts';

/** Pair k is sheets a[k] < b[k] (indexes in the corpus) with cosine sim[k]; `size` pairs are in use. */
export interface Edges {
  size: number;
  a: Int32Array;
  b: Int32Array;
  sim: Float64Array;
}

/** One pair, written as a literal (tests, small corpora). */
export interface Edge {
  a: number;
  b: number;
  sim: number;
}

export function createEdges(capacity = 1024): Edges {
  return { size: 0, a: new Int32Array(capacity), b: new Int32Array(capacity), sim: new Float64Array(capacity) };
}

export function pushEdge(edges: Edges, a: number, b: number, sim: number): void {
  if (edges.size === edges.a.length) {
    // Half as large again (not twice): less room left unused, for a few more copies.
    const grow = <T extends Int32Array | Float64Array>(from: T, make: (n: number) => T): T => {
      const to = make(Math.ceil(from.length * 1.5));
      to.set(from);
      return to;
    };
    edges.a = grow(edges.a, (n) => new Int32Array(n));
    edges.b = grow(edges.b, (n) => new Int32Array(n));
    edges.sim = grow(edges.sim, (n) => new Float64Array(n));
  }
  edges.a[edges.size] = a;
  edges.b[edges.size] = b;
  edges.sim[edges.size++] = sim;
}

/** Literal pairs as `Edges`, in the given order. */
export function edgeList(list: readonly Edge[]): Edges {
  const edges = createEdges(Math.max(1, list.length));
  for (const e of list) pushEdge(edges, e.a, e.b, e.sim);
  return edges;
}

/**
 * Sorts the pairs strongest first (ties: smaller a, then smaller b), in place: the order is found on a list of
 * indexes (yielding every `every` comparisons), then applied to the three arrays cycle by cycle, without a copy of
 * them. Returns the same `edges`, their arrays trimmed to `size` (views, no copy).
 */
export function* sortEdges(edges: Edges, every: number): Generator<void, Edges> {
  const { a, b, sim, size } = edges;
  const order = Array.from({ length: size }, (_, k) => k);
  const sorted = yield* sortSteps(order, (x, y) => sim[y]! - sim[x]! || a[x]! - a[y]! || b[x]! - b[y]!, every);
  // Position k takes the pair at sorted[k]: follow each cycle once, carrying its first pair along.
  const done = new Uint8Array(size);
  for (let start = 0; start < size; start++) {
    if (done[start] || sorted[start] === start) continue;
    const [a0, b0, s0] = [a[start]!, b[start]!, sim[start]!];
    let k = start;
    for (;;) {
      done[k] = 1;
      const from = sorted[k]!;
      if (from === start) {
        a[k] = a0;
        b[k] = b0;
        sim[k] = s0;
        break;
      }
      a[k] = a[from]!;
      b[k] = b[from]!;
      sim[k] = sim[from]!;
      k = from;
    }
    if (start % every === every - 1) yield;
  }
  edges.a = a.subarray(0, size);
  edges.b = b.subarray(0, size);
  edges.sim = sim.subarray(0, size);
  return edges;
}
