/**
 * Pooling suggestions, the pure part: groups of published sheets that work on the same thing, found by text
 * similarity over the French analysis the search uses (platform/search/analyzer.ts).
 *
 * The steps, each a small function, sized for 100,000 sheets in well under a minute and a few tens of MB:
 *  1. `addSheet` (first reading): each sheet's fields are analysed into stems (title words weigh more), plus two
 *     coded features (sub-themes, commons category); words are interned to integer ids (one lookup a token gives the
 *     word, its term and its count, so that labels are readable words); only the document frequencies are kept.
 *  2. `addVector` (second reading of the same sheets): TF-IDF over a pruned vocabulary (a stem in a single sheet
 *     links nothing, a stem in more than half of them says nothing), each sheet keeping only its `keptTerms`
 *     strongest terms, L2-normalised. Reading twice costs a second analysis but never holds every sheet's counts
 *     (15 million entries for 100,000 sheets of 1 KB: the memory peak of a single reading).
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
import { clusterSteps } from './cluster.ts';
import { createEdges, type Edges, pushEdge, sortEdges } from './edges.ts';

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
  chunk: 50,
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
  /**
   * Surface forms, interned once: word → word id (a word always has the same stem, so one lookup per token gives its
   * term), each word's term and occurrences. A term's label word is chosen from these at the end (`surfaceOf`).
   */
  words: Map<string, number>;
  wordTerm: number[];
  wordCount: number[];
  /** Per term, its most frequent word (computed on first use, once reading is over). */
  bestWord: Int32Array | null;
  /** Per sheet, in reading order: its id and its authority. */
  ids: number[];
  authorities: number[];
  /** Per-sheet scratch: weighted count per term id, and the terms touched. */
  scratch: Int32Array;
  touched: number[];
}

export function createCorpus(): Corpus {
  return {
    vocab: new Map(),
    stems: [],
    df: [],
    words: new Map(),
    wordTerm: [],
    wordCount: [],
    bestWord: null,
    ids: [],
    authorities: [],
    scratch: new Int32Array(1 << 14),
    touched: [],
  };
}

function termId(corpus: Corpus, stem: string): number {
  let id = corpus.vocab.get(stem);
  if (id === undefined) {
    id = corpus.stems.length;
    corpus.vocab.set(stem, id);
    corpus.stems.push(stem);
    corpus.df.push(0);
    if (id >= corpus.scratch.length) {
      const grown = new Int32Array(corpus.scratch.length * 2);
      grown.set(corpus.scratch);
      corpus.scratch = grown;
    }
  }
  return id;
}

function count(corpus: Corpus, id: number, weight: number): void {
  if (corpus.scratch[id] === 0) corpus.touched.push(id);
  corpus.scratch[id] += weight;
}

/**
 * Counts a sheet's weighted terms (stems and coded features) into the corpus's scratch (`touched` lists them).
 * The first reading (`learn`) interns new words and terms and counts surface forms; the second only looks them up
 * (a word that appeared meanwhile, in a sheet edited between the two readings, is left out).
 */
function countTerms(corpus: Corpus, sheet: SheetText, learn: boolean): void {
  for (const field of ['title', 'description', 'data', 'technique'] as const) {
    const weight = FIELD_WEIGHTS[field];
    forEachTerm(sheet[field], (word, stem) => {
      let w = corpus.words.get(word);
      if (w === undefined) {
        if (!learn) return true;
        w = corpus.wordTerm.length;
        corpus.words.set(word, w);
        corpus.wordTerm.push(termId(corpus, stem));
        corpus.wordCount.push(0);
      }
      if (learn) corpus.wordCount[w]++;
      count(corpus, corpus.wordTerm[w]!, weight);
      return true;
    });
  }
  const code = (key: string) => {
    const id = learn ? termId(corpus, key) : corpus.vocab.get(key);
    if (id !== undefined) count(corpus, id, CODE_WEIGHT);
  };
  for (const theme of sheet.subThemes) code(`${CODE_PREFIX}st:${theme}`);
  if (sheet.commonsCategory && sheet.commonsCategory !== 'other') code(`${CODE_PREFIX}cc:${sheet.commonsCategory}`);
}

/** Step 1: reads one sheet (sheets must come in increasing id order); only its terms' document frequencies stay. */
export function addSheet(corpus: Corpus, sheet: SheetText): void {
  countTerms(corpus, sheet, true);
  for (const id of corpus.touched) {
    corpus.scratch[id] = 0;
    corpus.df[id]!++;
  }
  corpus.touched.length = 0;
  corpus.ids.push(sheet.id);
  corpus.authorities.push(sheet.authorityId);
}

/**
 * The sheets' pruned TF-IDF vectors, all in a few flat arrays (no object per sheet: 100,000 sheets hold ~30 MB):
 * sheet i's terms are `terms[offsets[i] .. offsets[i + 1]]`, ids ascending, weights L2-normalised; its `indexTerms`
 * strongest terms are `top*[i * indexTerms ..]`, `topCounts[i]` of them. Terms are numbered among the kept ones only
 * (in the corpus's order, so that orders by id are the same), on 16 bits while there are at most 65,536 of them;
 * `termIds` gives a kept term's id in the corpus.
 */
export interface Vectors {
  n: number;
  offsets: Uint32Array;
  terms: Uint16Array | Uint32Array;
  weights: Float32Array;
  indexTerms: number;
  topTerms: Uint16Array | Uint32Array;
  topWeights: Float32Array;
  topCounts: Uint8Array;
  termIds: Uint32Array;
}

/** Step 2 in progress: the vectors being filled by the second reading. */
export interface VectorBuilder {
  vectors: Vectors;
  idf: Float64Array;
  /** A corpus term's number among the kept terms (for kept terms only). */
  kept: Uint32Array;
  weightOf: Float64Array;
  order: number[];
  keptTerms: number;
  /** The next sheet (index in the corpus) the second reading expects, and the next free slot of `terms`. */
  next: number;
  at: number;
}

/** Step 2 begins, once the first reading is over: the vectors of the corpus's sheets, all empty. */
export function startVectors(corpus: Corpus, options: PoolingOptions): VectorBuilder {
  const n = corpus.ids.length;
  const maxDf = Math.max(2, Math.floor(n / 2));
  const K = options.keptTerms;
  const T = options.indexTerms;
  const idf = Float64Array.from(corpus.df, (df) => (df >= 2 && df <= maxDf ? Math.log(n / df) + 0.1 : 0));
  const kept = new Uint32Array(idf.length);
  const termIds: number[] = [];
  for (let term = 0; term < idf.length; term++) {
    if (idf[term]! > 0) {
      kept[term] = termIds.length;
      termIds.push(term);
    }
  }
  const ids = (length: number) => (termIds.length <= 0x10000 ? new Uint16Array(length) : new Uint32Array(length));
  return {
    vectors: {
      n,
      offsets: new Uint32Array(n + 1),
      terms: ids(n * K),
      weights: new Float32Array(n * K),
      indexTerms: T,
      topTerms: ids(n * T),
      topWeights: new Float32Array(n * T),
      topCounts: new Uint8Array(n),
      termIds: Uint32Array.from(termIds),
    },
    idf,
    kept,
    weightOf: new Float64Array(corpus.stems.length),
    order: [],
    keptTerms: K,
    next: 0,
    at: 0,
  };
}

/** Sheets of the first reading up to (not including) index `until` that the second did not meet get no terms. */
function skipTo(builder: VectorBuilder, until: number): void {
  for (; builder.next < until; builder.next++) builder.vectors.offsets[builder.next + 1] = builder.at;
}

/**
 * Step 2, one sheet of the second reading (increasing id order, like the first). A sheet the first reading did not
 * see (published meanwhile) is left for the next computation; one it saw and this one does not (unpublished
 * meanwhile) keeps an empty vector and joins no group.
 */
export function addVector(corpus: Corpus, builder: VectorBuilder, sheet: SheetText): void {
  let i = builder.next;
  while (i < corpus.ids.length && corpus.ids[i]! < sheet.id) i++;
  if (i === corpus.ids.length || corpus.ids[i] !== sheet.id) return;
  skipTo(builder, i);
  countTerms(corpus, sheet, false);
  const { vectors: v, idf, kept, weightOf, order } = builder;
  const T = v.indexTerms;
  order.length = 0;
  for (const term of corpus.touched) {
    const w = idf[term]!;
    if (w > 0) {
      weightOf[term] = (1 + Math.log(Math.min(corpus.scratch[term]!, 65535))) * w;
      order.push(term);
    }
    corpus.scratch[term] = 0;
  }
  corpus.touched.length = 0;
  // Strongest first (ties: smaller term id), then the kept ones by term id.
  order.sort((x, y) => weightOf[y]! - weightOf[x]! || x - y);
  if (order.length > builder.keptTerms) order.length = builder.keptTerms;
  let norm = 0;
  for (const term of order) norm += weightOf[term]! * weightOf[term]!;
  norm = Math.sqrt(norm) || 1;
  const top = Math.min(T, order.length);
  for (let k = 0; k < top; k++) {
    v.topTerms[i * T + k] = kept[order[k]!]!;
    v.topWeights[i * T + k] = weightOf[order[k]!]! / norm;
  }
  v.topCounts[i] = top;
  order.sort((x, y) => x - y);
  for (const term of order) {
    v.terms[builder.at] = kept[term]!;
    v.weights[builder.at++] = weightOf[term]! / norm;
  }
  v.offsets[i + 1] = builder.at;
  builder.next = i + 1;
}

/** Step 2 ends: the vectors, sheets not met by the second reading left empty. */
export function finishVectors(builder: VectorBuilder): Vectors {
  skipTo(builder, builder.vectors.n);
  return builder.vectors;
}

/** Step 2 over sheets held in memory (tests, small corpora): the same sheets as the first reading, in id order. */
export function vectorsOf(corpus: Corpus, sheets: readonly SheetText[], options: PoolingOptions): Vectors {
  const builder = startVectors(corpus, options);
  for (const s of [...sheets].sort((a, b) => a.id - b.id)) addVector(corpus, builder, s);
  return finishVectors(builder);
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

export function postingCapFor(n: number, options: PoolingOptions): number {
  return options.postingCap ?? Math.min(500, Math.max(50, Math.ceil(n / 100)));
}

/**
 * The inverted index of step 3, built at once from the vectors: per kept term, the sheets that have it among their
 * strongest terms (ascending), with its weight there, in two flat arrays of their exact size. Terms in more sheets
 * than `cap` get no list. Term t's list is `sheets[start[t] .. start[t + 1]]`.
 */
function postingsOf(corpus: Corpus, vectors: Vectors, cap: number) {
  const T = vectors.indexTerms;
  const terms = vectors.termIds.length;
  const indexed = Uint8Array.from(vectors.termIds, (term) => (corpus.df[term]! <= cap ? 1 : 0));
  const start = new Uint32Array(terms + 1);
  for (let i = 0; i < vectors.n; i++) {
    for (let k = 0; k < vectors.topCounts[i]!; k++) {
      const t = vectors.topTerms[i * T + k]!;
      if (indexed[t]) start[t + 1]!++;
    }
  }
  for (let t = 0; t < terms; t++) start[t + 1]! += start[t]!;
  const sheets = new Int32Array(start[terms]!);
  const weights = new Float32Array(start[terms]!);
  const fill = start.slice(0, terms);
  for (let i = 0; i < vectors.n; i++) {
    for (let k = 0; k < vectors.topCounts[i]!; k++) {
      const t = vectors.topTerms[i * T + k]!;
      if (!indexed[t]) continue;
      sheets[fill[t]!] = i;
      weights[fill[t]!++] = vectors.topWeights[i * T + k]!;
    }
  }
  return { start, sheets, weights };
}

/** Step 3: the neighbour pairs, unsorted (yields every `chunk` sheets). */
function* pairs(corpus: Corpus, vectors: Vectors, options: PoolingOptions): Generator<void, Edges> {
  const n = vectors.n;
  const T = vectors.indexTerms;
  const postings = postingsOf(corpus, vectors, postingCapFor(n, options));
  // How many entries of each term's list are earlier sheets than the current one (lists are in sheet order).
  const seen = new Uint32Array(vectors.termIds.length);
  const acc = new Float32Array(n);
  const touched: number[] = [];
  const checked: number[] = [];
  const minPartial = options.threshold / 8;
  const edges = createEdges();
  // Sheet i's vector spread over the vocabulary: a candidate's dot product walks its own terms only.
  const dense = new Float32Array(vectors.termIds.length);
  const mark = new Int32Array(vectors.termIds.length);
  const byPromise = (x: number, y: number) => acc[y]! - acc[x]! || x - y;
  for (let i = 0; i < n; i++) {
    const topCount = vectors.topCounts[i]!;
    // Earlier sheets sharing one of this one's strongest terms: each pair is met once, from its later sheet.
    for (let k = 0; k < topCount; k++) {
      const t = vectors.topTerms[i * T + k]!;
      const w = vectors.topWeights[i * T + k]!;
      // acc is the part of the dot product the strongest terms give.
      const from = postings.start[t]!;
      for (let p = from; p < from + seen[t]!; p++) {
        const j = postings.sheets[p]!;
        if (acc[j] === 0) touched.push(j);
        acc[j] += w * postings.weights[p]! + 1e-9;
      }
    }
    if (touched.length) {
      // The strongest terms carry most of a vector's weight: a pair whose shared strongest terms give less than an
      // eighth of the threshold is not checked; the most promising first when there are too many.
      checked.length = 0;
      for (const j of touched) if (acc[j]! >= minPartial) checked.push(j);
      if (checked.length > options.maxCandidates) {
        checked.sort(byPromise);
        checked.length = options.maxCandidates;
      }
      if (checked.length) {
        for (let k = vectors.offsets[i]!; k < vectors.offsets[i + 1]!; k++) {
          dense[vectors.terms[k]!] = vectors.weights[k]!;
          mark[vectors.terms[k]!] = i + 1;
        }
        for (const j of checked) {
          // The same products summed in the same (ascending term) order as `overlap`.
          let sim = 0;
          let shared = 0;
          for (let k = vectors.offsets[j]!; k < vectors.offsets[j + 1]!; k++) {
            const term = vectors.terms[k]!;
            if (mark[term] === i + 1) {
              sim += vectors.weights[k]! * dense[term]!;
              shared++;
            }
          }
          if (sim >= options.threshold && shared >= options.minShared) pushEdge(edges, j, i, sim);
        }
      }
      for (const j of touched) acc[j] = 0;
      touched.length = 0;
    }
    // This sheet is now an earlier sheet of its indexed terms' lists.
    for (let k = 0; k < topCount; k++) {
      const t = vectors.topTerms[i * T + k]!;
      if (postings.start[t]! + seen[t]! < postings.start[t + 1]!) seen[t]!++;
    }
    if (i % options.chunk === options.chunk - 1) yield;
  }
  return edges;
}

/**
 * Step 3: the neighbour pairs, strongest first. The index `pairs` built is released before the sort, and so are
 * the vectors' strongest terms (only step 3 reads them).
 */
export function* findEdges(corpus: Corpus, vectors: Vectors, options: PoolingOptions): Generator<void, Edges> {
  const found = yield* pairs(corpus, vectors, options);
  vectors.topTerms = new Uint16Array(0);
  vectors.topWeights = new Float32Array(0);
  vectors.topCounts = new Uint8Array(0);
  return yield* sortEdges(found, options.chunk * 8);
}

/** Step 4: clusters of sheet indexes (each sorted), from the edges sorted strongest first. */
export function cluster(n: number, edges: Edges, options: PoolingOptions): number[][] {
  return runToEnd(clusterSteps(n, edges, options));
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
  if (!corpus.bestWord || corpus.bestWord.length !== corpus.stems.length) corpus.bestWord = bestWords(corpus);
  const w = corpus.bestWord[term]!;
  return w >= 0 ? wordAt(corpus, w) : corpus.stems[term]!;
}

/** The words by id (built once, when the first label is written). */
const wordLists = new WeakMap<Corpus, string[]>();
function wordAt(corpus: Corpus, w: number): string {
  let list = wordLists.get(corpus);
  if (!list || list.length !== corpus.wordTerm.length) {
    list = [...corpus.words.keys()];
    wordLists.set(corpus, list);
  }
  return list[w]!;
}

/** Per term, its most frequent word id (-1: none, a coded feature). */
function bestWords(corpus: Corpus): Int32Array {
  const best = new Int32Array(corpus.stems.length).fill(-1);
  let w = 0;
  for (const word of corpus.words.keys()) {
    const term = corpus.wordTerm[w]!;
    const current = best[term]!;
    if (current < 0) best[term] = w;
    else {
      const c = corpus.wordCount[w]!;
      const cc = corpus.wordCount[current]!;
      if (c > cc || (c === cc && word < wordAt(corpus, current))) best[term] = w;
    }
    w++;
  }
  return best;
}

/** The distinctive words of a set of sheets: summed weights times the share of sheets that have them. */
export function labelTerms(corpus: Corpus, vectors: Vectors, indexes: readonly number[], count: number): string[] {
  const sums = new Map<number, { weight: number; docs: number }>();
  for (const i of indexes) {
    for (let k = vectors.offsets[i]!; k < vectors.offsets[i + 1]!; k++) {
      const term = vectors.termIds[vectors.terms[k]!]!;
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

/**
 * Per cluster, the mean similarity of its inner edges; a sheet alone (only declared interests) counts 0.5. `position`
 * gives each sheet's cluster (-1: none). Yields every `every` edges.
 */
function* cohesions(count: number, edges: Edges, position: Int32Array, every: number): Generator<void, number[]> {
  const sums = new Float64Array(count);
  const counts = new Uint32Array(count);
  for (let e = 0; e < edges.size; e++) {
    if (e % every === every - 1) yield;
    const k = position[edges.a[e]!]!;
    if (k >= 0 && k === position[edges.b[e]!]) {
      sums[k] += edges.sim[e]!;
      counts[k]++;
    }
  }
  return Array.from(sums, (s, k) => (counts[k] ? s / counts[k]! : 0.5));
}

/** The index of sheet `id` in the corpus (ids are in increasing order), or -1. */
function indexOfId(corpus: Corpus, id: number): number {
  let lo = 0;
  let hi = corpus.ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = corpus.ids[mid]!;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Step 5: the suggestions, best first. Score = cohesion × log2(1 + authorities) + 0.1 per interest, rounded to
 * three decimals; ties by size then smallest sheet id.
 */
export function groupsOf(
  corpus: Corpus,
  vectors: Vectors,
  clusters: readonly number[][],
  edges: Edges,
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
  edges: Edges,
  interests: readonly InterestLink[],
  options: PoolingOptions,
): Generator<void, Group[]> {
  const every = options.chunk * 8;
  const position = new Int32Array(corpus.ids.length).fill(-1);
  const all = clusters.map((c) => [...c]);
  for (let k = 0; k < all.length; k++) for (const i of all[k]!) position[i] = k;
  yield;
  const interestsByCluster = new Map<number, InterestLink[]>();
  for (const interest of interests) {
    const i = indexOfId(corpus, interest.useCaseId);
    if (i < 0) continue;
    let k = position[i]!;
    if (k < 0) {
      k = all.length;
      all.push([i]);
      position[i] = k;
    }
    const list = interestsByCluster.get(k) ?? [];
    list.push(interest);
    interestsByCluster.set(k, list);
  }
  const cohesion = yield* cohesions(all.length, edges, position, every);
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

export type { Edge, Edges } from './edges.ts';
export { edgeList } from './edges.ts';
/** Step 4 in steps (model/cluster.ts). */
export { clusterSteps };

/** Steps 3 to 5 on the read corpus and its vectors (yields between chunks; `runToEnd` in pure code). */
export function* computeGroups(
  corpus: Corpus,
  vectors: Vectors,
  interests: readonly InterestLink[],
  options: PoolingOptions = DEFAULT_OPTIONS,
): Generator<void, Group[]> {
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
  return runToEnd(computeGroups(corpus, vectorsOf(corpus, sheets, options), interests, options));
}
