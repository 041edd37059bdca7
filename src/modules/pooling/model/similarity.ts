/**
 * Pooling suggestions, the pure part: groups of published sheets that work on the same thing, found by text
 * similarity over the French analysis the search uses (platform/search/analyzer.ts).
 *
 * The steps, each a small function, sized for 100,000 sheets in well under a minute and a few tens of MB:
 *  1. `addSheet`: each sheet's fields are analysed into stems (title words weigh more), plus two coded features
 *     (sub-themes, commons category); a surface form is counted per stem so that labels are readable words.
 *  2. `vectorize`: TF-IDF over a pruned vocabulary (a stem in a single sheet links nothing, a stem in more than half
 *     of them says nothing), each sheet keeping only its `keptTerms` strongest terms, L2-normalised.
 *  3. `findEdges`: candidate pairs through an inverted index of each sheet's `indexTerms` strongest terms (terms in
 *     more sheets than `postingCap` are not indexed: they would pair everything), then the exact cosine; a pair is
 *     an edge from `threshold` up.
 *  4. `cluster`: edges from the strongest down merge two clusters when the result stays within `maxGroupSize` and
 *     at least `minDensity` of its cross pairs are edges (average-linkage in spirit, without its quadratic cost).
 *  5. `groupsOf`: clusters (and sheets someone declared « Nous faisons pareil » on) spanning at least two
 *     authorities, with a label of their distinctive terms and a score, best first.
 * Everything is deterministic: sheets are processed in id order, ties are broken by ids, no randomness. The steps are
 * generators that yield every few hundred sheets so that the service can give the event loop back.
 */
import { forEachTerm } from '../../../platform/search/analyzer.ts';

/** What the computation reads of a published sheet. */
export interface SheetText {
  id: number;
  authorityId: number;
  title: string;
  /** Summary, description, goal. */
  description: string;
  /** Data sources, their details, datasets' names. */
  data: string;
  /** Techniques, algorithm name and description. */
  technique: string;
  subThemes: readonly string[];
  commonsCategory: string | null;
}

/** An authority's « Nous faisons pareil » on a sheet. */
export interface InterestLink {
  useCaseId: number;
  authorityId: number;
}

export interface PoolingOptions {
  /** Cosine from which two sheets are neighbours. */
  threshold: number;
  keptTerms: number;
  indexTerms: number;
  /** Terms in more sheets than this are not indexed (null: 1 % of the sheets, between 50 and 500). */
  postingCap: number | null;
  maxGroupSize: number;
  minDensity: number;
  /** Terms two sheets must share to be neighbours (one common word is not a common subject). */
  minShared: number;
  /** Candidates checked per sheet, the most promising first. */
  maxCandidates: number;
  labelTerms: number;
  /** How many sheets a step handles between two yields. */
  chunk: number;
}

export const DEFAULT_OPTIONS: PoolingOptions = {
  threshold: 0.3,
  keptTerms: 48,
  indexTerms: 10,
  postingCap: null,
  maxGroupSize: 12,
  minDensity: 0.5,
  minShared: 2,
  maxCandidates: 60,
  labelTerms: 3,
  chunk: 500,
};

/** Coded features are terms too, with a prefix no analysed word can have. */
const CODE_PREFIX = '~';
const FIELD_WEIGHTS = { title: 3, description: 1, data: 1, technique: 1 } as const;
const CODE_WEIGHT = 2;

/** The corpus being read (step 1). */
export interface Corpus {
  vocab: Map<string, number>;
  stems: string[];
  df: number[];
  /** Per term id: surface form → occurrences. */
  surfaces: Map<string, number>[];
  /** Per sheet, in reading order: its id and its authority. */
  ids: number[];
  authorities: number[];
  /** Every sheet's weighted term counts in two flat buffers: sheet i at rawOffsets[i] .. rawOffsets[i + 1]. */
  rawTerms: Uint32Array;
  rawCounts: Uint16Array;
  rawOffsets: number[];
}

export function createCorpus(): Corpus {
  return {
    vocab: new Map(),
    stems: [],
    df: [],
    surfaces: [],
    ids: [],
    authorities: [],
    rawTerms: new Uint32Array(1 << 16),
    rawCounts: new Uint16Array(1 << 16),
    rawOffsets: [0],
  };
}

function termId(corpus: Corpus, stem: string): number {
  let id = corpus.vocab.get(stem);
  if (id === undefined) {
    id = corpus.stems.length;
    corpus.vocab.set(stem, id);
    corpus.stems.push(stem);
    corpus.df.push(0);
    corpus.surfaces.push(new Map());
  }
  return id;
}

/** The weighted term counts of a sheet (stems and coded features), counting surface forms on the way. */
export function termCounts(corpus: Corpus, sheet: SheetText): Map<number, number> {
  const counts = new Map<number, number>();
  for (const field of ['title', 'description', 'data', 'technique'] as const) {
    const weight = FIELD_WEIGHTS[field];
    forEachTerm(sheet[field], (word, stem) => {
      const id = termId(corpus, stem);
      counts.set(id, (counts.get(id) ?? 0) + weight);
      const surfaces = corpus.surfaces[id]!;
      surfaces.set(word, (surfaces.get(word) ?? 0) + 1);
      return true;
    });
  }
  const codes = [...sheet.subThemes.map((c) => `st:${c}`)];
  if (sheet.commonsCategory && sheet.commonsCategory !== 'other') codes.push(`cc:${sheet.commonsCategory}`);
  for (const code of codes) {
    const id = termId(corpus, CODE_PREFIX + code);
    counts.set(id, (counts.get(id) ?? 0) + CODE_WEIGHT);
  }
  return counts;
}

/** Step 1: reads one sheet (sheets must come in increasing id order). */
export function addSheet(corpus: Corpus, sheet: SheetText): void {
  const counts = termCounts(corpus, sheet);
  const at = corpus.rawOffsets[corpus.rawOffsets.length - 1]!;
  if (at + counts.size > corpus.rawTerms.length) {
    // Doubling: the buffers grow a few times, never hold an object per sheet.
    const size = Math.max(corpus.rawTerms.length * 2, at + counts.size);
    const terms = new Uint32Array(size);
    terms.set(corpus.rawTerms);
    const values = new Uint16Array(size);
    values.set(corpus.rawCounts);
    corpus.rawTerms = terms;
    corpus.rawCounts = values;
  }
  let k = at;
  for (const [id, count] of counts) {
    corpus.rawTerms[k] = id;
    corpus.rawCounts[k++] = Math.min(count, 65535);
    corpus.df[id]!++;
  }
  corpus.rawOffsets.push(k);
  corpus.ids.push(sheet.id);
  corpus.authorities.push(sheet.authorityId);
}

/**
 * The sheets' pruned TF-IDF vectors, all in a few flat arrays (no object per sheet: 100,000 sheets hold ~45 MB):
 * sheet i's terms are `terms[offsets[i] .. offsets[i + 1]]`, ids ascending, weights L2-normalised; its `indexTerms`
 * strongest terms are `top*[i * indexTerms ..]`, `topCounts[i]` of them.
 */
export interface Vectors {
  n: number;
  offsets: Uint32Array;
  terms: Uint32Array;
  weights: Float32Array;
  indexTerms: number;
  topTerms: Uint32Array;
  topWeights: Float32Array;
  topCounts: Uint8Array;
}

/** Step 2 (yields every `chunk` sheets). The raw counts are released at the end. */
export function* vectorize(corpus: Corpus, options: PoolingOptions): Generator<void, Vectors> {
  const n = corpus.ids.length;
  const maxDf = Math.max(2, Math.floor(n / 2));
  const idf = Float64Array.from(corpus.df, (df) => (df >= 2 && df <= maxDf ? Math.log(n / df) + 0.1 : 0));
  const K = options.keptTerms;
  const T = options.indexTerms;
  const v: Vectors = {
    n,
    offsets: new Uint32Array(n + 1),
    terms: new Uint32Array(n * K),
    weights: new Float32Array(n * K),
    indexTerms: T,
    topTerms: new Uint32Array(n * T),
    topWeights: new Float32Array(n * T),
    topCounts: new Uint8Array(n),
  };
  let at = 0;
  const order: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < n; i++) {
    order.length = 0;
    raw.length = 0;
    for (let k = corpus.rawOffsets[i]!; k < corpus.rawOffsets[i + 1]!; k++) {
      const w = idf[corpus.rawTerms[k]!]!;
      if (w > 0) {
        raw.push((1 + Math.log(corpus.rawCounts[k]!)) * w);
        order.push(k);
      }
    }
    // Strongest first (ties: smaller term id), then the kept ones by term id.
    const byWeight = order.map((k, r) => ({ term: corpus.rawTerms[k]!, weight: raw[r]! }));
    byWeight.sort((a, b) => b.weight - a.weight || a.term - b.term);
    const kept = byWeight.length > K ? byWeight.slice(0, K) : byWeight;
    let norm = 0;
    for (const e of kept) norm += e.weight * e.weight;
    norm = Math.sqrt(norm) || 1;
    const top = Math.min(T, kept.length);
    for (let k = 0; k < top; k++) {
      v.topTerms[i * T + k] = kept[k]!.term;
      v.topWeights[i * T + k] = kept[k]!.weight / norm;
    }
    v.topCounts[i] = top;
    kept.sort((a, b) => a.term - b.term);
    for (const e of kept) {
      v.terms[at] = e.term;
      v.weights[at++] = e.weight / norm;
    }
    v.offsets[i + 1] = at;
    if (i % options.chunk === options.chunk - 1) yield;
  }
  // The raw counts are no longer needed.
  corpus.rawTerms = new Uint32Array(0);
  corpus.rawCounts = new Uint16Array(0);
  corpus.rawOffsets = [0];
  return v;
}

/** Cosine of sheets i and j (normalised vectors). */
export function cosine(v: Vectors, i: number, j: number): number {
  return overlap(v, i, j).dot;
}

/** Dot product and number of shared terms of sheets i and j. */
export function overlap(v: Vectors, i: number, j: number): { dot: number; shared: number } {
  let a = v.offsets[i]!;
  const aEnd = v.offsets[i + 1]!;
  let b = v.offsets[j]!;
  const bEnd = v.offsets[j + 1]!;
  let dot = 0;
  let shared = 0;
  while (a < aEnd && b < bEnd) {
    const ta = v.terms[a]!;
    const tb = v.terms[b]!;
    if (ta === tb) {
      dot += v.weights[a++]! * v.weights[b++]!;
      shared++;
    } else if (ta < tb) a++;
    else b++;
  }
  return { dot, shared };
}

/** A pair of neighbour sheets (indexes in the corpus, a < b). */
export interface Edge {
  a: number;
  b: number;
  sim: number;
}

export function postingCapFor(n: number, options: PoolingOptions): number {
  return options.postingCap ?? Math.min(500, Math.max(50, Math.ceil(n / 100)));
}

/** Step 3: the neighbour pairs (yields every `chunk` sheets). */
export function* findEdges(corpus: Corpus, vectors: Vectors, options: PoolingOptions): Generator<void, Edge[]> {
  const n = vectors.n;
  const T = vectors.indexTerms;
  const cap = postingCapFor(n, options);
  const postings = new Map<number, number[]>();
  const acc = new Float32Array(n);
  const touched: number[] = [];
  const minPartial = options.threshold / 8;
  const edges: Edge[] = [];
  for (let i = 0; i < n; i++) {
    const topCount = vectors.topCounts[i]!;
    // Earlier sheets sharing one of this one's strongest terms: each pair is met once, from its later sheet.
    for (let k = 0; k < topCount; k++) {
      const list = postings.get(vectors.topTerms[i * T + k]!);
      if (!list) continue;
      const w = vectors.topWeights[i * T + k]!;
      // Flattened (sheet, weight) pairs: acc is the part of the dot product the strongest terms give.
      for (let p = 0; p < list.length; p += 2) {
        const j = list[p]!;
        if (acc[j] === 0) touched.push(j);
        acc[j] += w * list[p + 1]! + 1e-9;
      }
    }
    if (touched.length) {
      // The strongest terms carry most of a vector's weight: a pair whose shared strongest terms give less than an
      // eighth of the threshold is not checked; the most promising first when there are too many.
      let checked = touched.filter((j) => acc[j]! >= minPartial);
      if (checked.length > options.maxCandidates) {
        checked.sort((x, y) => acc[y]! - acc[x]! || x - y);
        checked = checked.slice(0, options.maxCandidates);
      }
      for (const j of checked) {
        const { dot: sim, shared } = overlap(vectors, j, i);
        if (sim >= options.threshold && shared >= options.minShared) edges.push({ a: j, b: i, sim });
      }
      for (const j of touched) acc[j] = 0;
      touched.length = 0;
    }
    for (let k = 0; k < topCount; k++) {
      const term = vectors.topTerms[i * T + k]!;
      if (corpus.df[term]! > cap) continue;
      let list = postings.get(term);
      if (!list) {
        list = [];
        postings.set(term, list);
      }
      list.push(i, vectors.topWeights[i * T + k]!);
    }
    if (i % options.chunk === options.chunk - 1) yield;
  }
  edges.sort((x, y) => y.sim - x.sim || x.a - y.a || x.b - y.b);
  return edges;
}

/** Step 4: clusters of sheet indexes (each sorted), from the edges sorted strongest first. */
export function cluster(n: number, edges: readonly Edge[], options: PoolingOptions): number[][] {
  return runToEnd(clusterSteps(n, edges, options));
}

/** `cluster`, yielding every few thousand edges. */
export function* clusterSteps(n: number, edges: readonly Edge[], options: PoolingOptions): Generator<void, number[][]> {
  const every = options.chunk * 8;
  let step = 0;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const members = new Map<number, number[]>();
  const neighbours = new Map<number, Set<number>>();
  for (const e of edges) {
    if (++step % every === 0) yield;
    if (!neighbours.has(e.a)) neighbours.set(e.a, new Set());
    if (!neighbours.has(e.b)) neighbours.set(e.b, new Set());
    neighbours.get(e.a)!.add(e.b);
    neighbours.get(e.b)!.add(e.a);
  }
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const membersOf = (root: number) => members.get(root) ?? [root];
  for (const e of edges) {
    if (++step % every === 0) yield;
    const ra = find(e.a);
    const rb = find(e.b);
    if (ra === rb) continue;
    const ma = membersOf(ra);
    const mb = membersOf(rb);
    if (ma.length + mb.length > options.maxGroupSize) continue;
    let links = 0;
    for (const x of ma) {
      const nx = neighbours.get(x)!;
      for (const y of mb) if (nx.has(y)) links++;
    }
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

/** A pooling suggestion. */
export interface Group {
  /** The group's smallest sheet id: stable while that sheet stays in it. */
  id: number;
  label: string;
  /** The label's words, most distinctive first. */
  terms: string[];
  useCaseIds: number[];
  authorityIds: number[];
  /** Authorities that said « Nous faisons pareil » on one of the group's sheets. */
  interestedAuthorityIds: number[];
  score: number;
}

/** The most frequent surface form of a stem (ties: alphabetical). */
export function surfaceOf(corpus: Corpus, term: number): string {
  let best = '';
  let bestCount = -1;
  for (const [word, count] of corpus.surfaces[term] ?? []) {
    if (count > bestCount || (count === bestCount && word < best)) {
      best = word;
      bestCount = count;
    }
  }
  return best || corpus.stems[term]!;
}

/** The distinctive words of a set of sheets: summed weights times the share of sheets that have them. */
export function labelTerms(corpus: Corpus, vectors: Vectors, indexes: readonly number[], count: number): string[] {
  const sums = new Map<number, { weight: number; docs: number }>();
  for (const i of indexes) {
    for (let k = vectors.offsets[i]!; k < vectors.offsets[i + 1]!; k++) {
      const term = vectors.terms[k]!;
      if (corpus.stems[term]!.startsWith(CODE_PREFIX)) continue;
      const s = sums.get(term) ?? { weight: 0, docs: 0 };
      s.weight += vectors.weights[k]!;
      s.docs++;
      sums.set(term, s);
    }
  }
  const ranked = [...sums.entries()]
    .map(([term, s]) => ({ term, score: s.weight * (s.docs / indexes.length) }))
    .sort((a, b) => b.score - a.score || a.term - b.term);
  const words: string[] = [];
  for (const r of ranked) {
    const word = surfaceOf(corpus, r.term);
    if (!words.includes(word)) words.push(word);
    if (words.length === count) break;
  }
  return words;
}

export function labelOf(terms: readonly string[]): string {
  const text = terms.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Per cluster, the mean similarity of its inner edges; a sheet alone (only declared interests) counts 0.5. */
function cohesions(count: number, edges: readonly Edge[], position: Map<number, number>): number[] {
  const sums = new Float64Array(count);
  const counts = new Uint32Array(count);
  for (const e of edges) {
    const k = position.get(e.a);
    if (k !== undefined && k === position.get(e.b)) {
      sums[k] += e.sim;
      counts[k]++;
    }
  }
  return Array.from(sums, (s, k) => (counts[k] ? s / counts[k]! : 0.5));
}

/**
 * Step 5: the suggestions, best first. Score = cohesion × log2(1 + authorities) + 0.1 per interest, rounded to
 * three decimals; ties by size then smallest sheet id.
 */
export function groupsOf(
  corpus: Corpus,
  vectors: Vectors,
  clusters: readonly number[][],
  edges: readonly Edge[],
  interests: readonly InterestLink[],
  options: PoolingOptions,
): Group[] {
  return runToEnd(groupSteps(corpus, vectors, clusters, edges, interests, options));
}

/** `groupsOf`, yielding every few dozen groups (their labels are the costly part). */
export function* groupSteps(
  corpus: Corpus,
  vectors: Vectors,
  clusters: readonly number[][],
  edges: readonly Edge[],
  interests: readonly InterestLink[],
  options: PoolingOptions,
): Generator<void, Group[]> {
  const indexOfSheet = new Map<number, number>();
  for (let i = 0; i < corpus.ids.length; i++) indexOfSheet.set(corpus.ids[i]!, i);
  const position = new Map<number, number>();
  const all = clusters.map((c) => [...c]);
  for (let k = 0; k < all.length; k++) for (const i of all[k]!) position.set(i, k);
  const interestsByCluster = new Map<number, InterestLink[]>();
  for (const interest of interests) {
    const i = indexOfSheet.get(interest.useCaseId);
    if (i === undefined) continue;
    let k = position.get(i);
    if (k === undefined) {
      k = all.length;
      all.push([i]);
      position.set(i, k);
    }
    const list = interestsByCluster.get(k) ?? [];
    list.push(interest);
    interestsByCluster.set(k, list);
  }
  const cohesion = cohesions(all.length, edges, position);
  const groups: Group[] = [];
  for (let k = 0; k < all.length; k++) {
    if (k % Math.max(1, Math.floor(options.chunk / 10)) === 0) yield;
    const indexes = all[k]!;
    const linked = interestsByCluster.get(k) ?? [];
    if (indexes.length < 2 && linked.length === 0) continue;
    const owners = indexes.map((i) => corpus.authorities[i]!);
    const interested = [...new Set(linked.map((l) => l.authorityId))].sort((a, b) => a - b);
    const authorityIds = [...new Set([...owners, ...interested])].sort((a, b) => a - b);
    if (authorityIds.length < 2) continue;
    const terms = labelTerms(corpus, vectors, indexes, options.labelTerms);
    const score = cohesion[k]! * Math.log2(1 + authorityIds.length) + 0.1 * linked.length;
    const useCaseIds = indexes.map((i) => corpus.ids[i]!).sort((a, b) => a - b);
    groups.push({
      id: useCaseIds[0]!,
      label: labelOf(terms),
      terms,
      useCaseIds,
      authorityIds,
      interestedAuthorityIds: interested,
      score: Math.round(score * 1000) / 1000,
    });
  }
  return groups.sort((x, y) => y.score - x.score || y.useCaseIds.length - x.useCaseIds.length || x.id - y.id);
}

/** Steps 2 to 5 on a read corpus (yields between chunks; run to the end with `runToEnd` in pure code). */
export function* computeGroups(
  corpus: Corpus,
  interests: readonly InterestLink[],
  options: PoolingOptions = DEFAULT_OPTIONS,
): Generator<void, Group[]> {
  const vectors = yield* vectorize(corpus, options);
  const edges = yield* findEdges(corpus, vectors, options);
  const clusters = yield* clusterSteps(vectors.n, edges, options);
  return yield* groupSteps(corpus, vectors, clusters, edges, interests, options);
}

/** Runs a step generator to its end without yielding (tests, small corpora). */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** The groups of a list of sheets, at once (unit tests, small corpora). */
export function suggest(
  sheets: readonly SheetText[],
  interests: readonly InterestLink[] = [],
  options: PoolingOptions = DEFAULT_OPTIONS,
): Group[] {
  const corpus = createCorpus();
  for (const s of [...sheets].sort((a, b) => a.id - b.id)) addSheet(corpus, s);
  return runToEnd(computeGroups(corpus, interests, options));
}
