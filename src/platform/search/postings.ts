/**
 * Postings: the stems of one kind's documents held in memory as an inverted index, so that a catalogue finds and
 * ranks the documents of a text without asking the database engine (search/memory.ts). The engines take 40 to 200 ms
 * for a word found in most of 100,000 documents; walking the same lists here takes a few milliseconds.
 *
 * Layout (blocks.ts): every document indexed gets a slot, and each stem a list of postings (slot, frequency) in
 * slot order, stored as gaps (2 bytes for most distinct stems of a document, 6 when the stem's previous document is
 * more than 255 slots back); each slot also keeps its stems in order as term numbers (2 bytes per word while the
 * corpus has fewer than 65,534 stems, then 4), to match phrases. Nothing moves as the index grows. A document
 * indexed again gets a new slot and its old one dies; dead postings and words are skipped, then dropped when
 * `compact` renumbers the slots.
 *
 * What is matched is exactly what the engines match: terms, prefixes, phrases (consecutive stems within the title or
 * within the body; an occurrence past the 256th of a stem breaks a phrase, as in both engines), « and », « or ».
 * Relevance is FTS5's bm25 (k1 1.2, b 0.75, each term, prefix and phrase of the query weighted by its idf, the title
 * counted `TITLE_WEIGHT` times) over the documents held here. Pure code.
 */
import { UNINDEXED_OCCURRENCE } from './analyzer.ts';
import { BLOCK_POSTINGS, MAX_FREQUENCY, PostingLists, WordPages } from './blocks.ts';
import type { MatchNode, MatchSet } from './index.ts';
import { TITLE_WEIGHT } from './sqlite.ts';

const K1 = 1.2;
const B = 0.75;
/** Slots are renumbered by `compact` before they pass 2^23: the arrays kept per slot stay bounded. */
const MAX_SLOT = (1 << 23) - 1;
/** Prefix lookups start from the terms sharing the first two characters (a prefix has at least two). */
const START = 2;
/** Term numbers in a slot's words: between title and body, and an occurrence not indexed (both match nothing). */
const GAP = 0;
const UNINDEXED = 1;
/** Dead postings or words tolerated before `compact` runs, at the least. */
const TOLERATED_WASTE = 1 << 16;

/** What one query evaluated: the slots of each node, and the frequency of each phrase in its slots. */
interface Evaluation {
  slots: Map<MatchNode, Int32Array>;
  phraseFrequency: Map<MatchNode, Float64Array>;
}

export interface PostingsSize {
  documents: number;
  terms: number;
  /** Live postings (a document's distinct stems, summed). */
  postings: number;
  /** Bytes of the typed arrays (the dictionary's strings aside). */
  bytes: number;
}

export class Postings {
  private readonly termOf = new Map<string, number>();
  /** Stems by term number (the first two stand for GAP and UNINDEXED and are never looked up). */
  private readonly stems: string[] = ['', UNINDEXED_OCCURRENCE];
  private readonly byStart = new Map<string, number[]>();
  /** Per term: its postings. */
  private lists = new PostingLists();
  /** A block's postings, decoded (`PostingLists.decode`). */
  private readonly blockSlots = new Int32Array(BLOCK_POSTINGS);
  private readonly blockFrequencies = new Int32Array(BLOCK_POSTINGS);
  /** Per term: a frequency being counted by `set` (0 between calls). */
  private scratch = new Int32Array(1024);
  /** Postings written, and those of dead slots. */
  private written = 0;
  private dead = 0;
  /** Per slot: its document (0: dead), its length in stems (and its title's), its number of distinct stems. */
  private slotDoc = new Int32Array(1024);
  private slotLength = new Uint16Array(1024);
  private slotTitle = new Uint16Array(1024);
  private slotTerms = new Uint16Array(1024);
  /** Per slot: where its words are in `words` (title, GAP, body: `slotLength + 1` term numbers). */
  private slotWords = new Int32Array(1024);
  private words = new WordPages();
  private wordsDead = 0;
  private nextSlot = 1;
  /** Changes when `compact` renumbers the slots (a match set made before then is ranked again by document). */
  private epoch = 0;
  /** Per document id: its slot (0: none). A typed array by id, as the facet index's: a Map of 100,000 documents
   * took 3.7 MB of hash table, this takes 4 bytes per id. */
  private docSlot = new Int32Array(1024);
  private documentCount = 0;
  private totalLength = 0;

  get documents(): number {
    return this.documentCount;
  }

  /**
   * Indexes a document (replacing what it held). `doc` is a positive id below 2^31 (others are left out, as the
   * facet index leaves their rows out); at most 16,000 stems (MAX_INDEXED_TERMS).
   */
  set(doc: number, titleStems: readonly string[], bodyStems: readonly string[]): void {
    if (!Number.isSafeInteger(doc) || doc <= 0 || doc >= 2 ** 31) return;
    this.remove(doc);
    const length = titleStems.length + bodyStems.length;
    // The words as term numbers, each term's weighted frequency counted in `scratch` (reset below).
    const terms = new Int32Array(length);
    const touched: number[] = [];
    let k = 0;
    const count = (stem: string, weight: number) => {
      const t = stem === UNINDEXED_OCCURRENCE ? UNINDEXED : this.termId(stem);
      terms[k++] = t;
      if (t === UNINDEXED) return;
      if (!this.scratch[t]) touched.push(t);
      this.scratch[t] += weight;
    };
    for (const s of titleStems) count(s, TITLE_WEIGHT);
    for (const s of bodyStems) count(s, 1);
    if (this.nextSlot > MAX_SLOT || this.wasteful()) this.compact();
    const slot = this.nextSlot++;
    this.growSlots(slot + 1);
    this.slotDoc[slot] = doc;
    this.slotLength[slot] = length;
    this.slotTitle[slot] = titleStems.length;
    this.slotTerms[slot] = touched.length;
    if (doc >= this.docSlot.length) this.docSlot = grow(this.docSlot, Math.max(doc + 1, this.docSlot.length * 2));
    this.docSlot[doc] = slot;
    this.documentCount++;
    this.totalLength += length;
    const at = this.words.take(length + 1);
    this.slotWords[slot] = at;
    const run = this.words.run(at, length + 1);
    run.set(terms.subarray(0, titleStems.length));
    run[titleStems.length] = GAP;
    run.set(terms.subarray(titleStems.length), titleStems.length + 1);
    for (const t of touched) {
      this.lists.append(t, slot, Math.min(this.scratch[t]!, MAX_FREQUENCY));
      this.scratch[t] = 0;
    }
    this.written += touched.length;
  }

  remove(doc: number): void {
    const slot = doc > 0 && doc < this.docSlot.length ? this.docSlot[doc]! : 0;
    if (!slot) return;
    this.docSlot[doc] = 0;
    this.documentCount--;
    this.slotDoc[slot] = 0;
    this.totalLength -= this.slotLength[slot]!;
    this.dead += this.slotTerms[slot]!;
    this.wordsDead += this.slotLength[slot]! + 1;
  }

  /** Drops dead postings and words when they take half as much room as the live ones. */
  tidy(): void {
    if (this.wasteful()) this.compact();
  }

  private wasteful(): boolean {
    const wordsLive = this.words.taken - this.wordsDead;
    return (
      (this.dead > TOLERATED_WASTE && this.dead * 2 > this.written - this.dead) ||
      (this.wordsDead > TOLERATED_WASTE && this.wordsDead * 2 > wordsLive)
    );
  }

  size(): PostingsSize {
    const perSlot =
      this.docSlot.byteLength +
      this.slotDoc.byteLength +
      this.slotLength.byteLength +
      this.slotTitle.byteLength +
      this.slotTerms.byteLength +
      this.slotWords.byteLength;
    return {
      documents: this.documentCount,
      terms: this.stems.length - 2,
      postings: this.written - this.dead,
      bytes: this.lists.bytes() + this.words.bytes() + this.scratch.byteLength + perSlot,
    };
  }

  /** The slots (in slot order) of the documents matching `node`; `evaluation` keeps what each node found. */
  private evaluate(node: MatchNode, evaluation: Evaluation): Int32Array {
    const known = evaluation.slots.get(node);
    if (known) return known;
    let out: Int32Array;
    switch (node.op) {
      case 'term':
        if (node.titleOnly) throw new Error('Index de recherche en mémoire : terme limité au titre non pris en charge');
        out = node.prefix
          ? this.union(this.termsStarting(node.stem).map((t) => this.liveSlots(t)))
          : this.exact(node.stem);
        break;
      case 'phrase': {
        const found = this.phrase(node.stems);
        evaluation.phraseFrequency.set(node, found.frequency);
        out = found.slots;
        break;
      }
      case 'and':
        out = intersect(node.items.map((item) => this.evaluate(item, evaluation)));
        break;
      case 'or':
        out = this.union(node.items.map((item) => this.evaluate(item, evaluation)));
        break;
    }
    evaluation.slots.set(node, out);
    return out;
  }

  /** The documents matching `node` and the means to rank them (see `evaluate`). */
  matchSet(node: MatchNode): MatchSet {
    const evaluation = newEvaluation();
    const slots = this.evaluate(node, evaluation);
    const ids = new Int32Array(slots.length);
    for (let i = 0; i < slots.length; i++) ids[i] = this.slotDoc[slots[i]!]!;
    const epoch = this.epoch;
    let scores: Float64Array | null = null;
    return {
      ids,
      best: async (k, within) => {
        // Compacted since (documents written meanwhile): the same documents, scored where they are now.
        if (this.epoch !== epoch) return bestOf(ids, this.rescored(node, ids), k, within);
        if (within && within.length * 2 < ids.length) {
          // Few rows to rank (filters kept a small part): only theirs are scored, in slot order.
          const positions = positionsIn(ids, within).sort();
          const someSlots = new Int32Array(positions.length);
          const someIds = new Int32Array(positions.length);
          for (let i = 0; i < positions.length; i++) {
            someSlots[i] = slots[positions[i]!]!;
            someIds[i] = ids[positions[i]!]!;
          }
          return bestOf(someIds, this.scores(node, someSlots, evaluation), k, null);
        }
        scores ??= this.scores(node, slots, evaluation);
        return bestOf(ids, scores, k, within);
      },
    };
  }

  /** The scores of documents given by id, from a new evaluation of `node` (0 for those it no longer finds). */
  private rescored(node: MatchNode, ids: Int32Array): Float64Array {
    const evaluation = newEvaluation();
    const slots = this.evaluate(node, evaluation);
    const all = this.scores(node, slots, evaluation);
    const byDoc = new Map<number, number>();
    for (let i = 0; i < slots.length; i++) byDoc.set(this.slotDoc[slots[i]!]!, all[i]!);
    return Float64Array.from(ids, (id) => byDoc.get(id) ?? 0);
  }

  /** The slots where the stems follow each other (in the title or in the body), and how often (title weighted). */
  private phrase(stems: readonly string[]): { slots: Int32Array; frequency: Float64Array } {
    const terms = stems.map((s) => this.termOf.get(s) ?? -1);
    if (!terms.length || terms.includes(-1)) return { slots: new Int32Array(0), frequency: new Float64Array(0) };
    const candidates = intersect([...new Set(terms)].map((t) => this.liveSlots(t)));
    const slots = new Int32Array(candidates.length);
    const frequency = new Float64Array(candidates.length);
    const n = terms.length;
    const first = terms[0]!;
    let k = 0;
    for (const slot of candidates) {
      const from = this.slotWords[slot]!;
      const title = this.slotTitle[slot]!;
      const view = this.words.run(from, this.slotLength[slot]! + 1);
      const last = view.length - n;
      let f = 0;
      // The first stem's occurrences found by the engine's own search of the array, then the others checked.
      for (let i = view.indexOf(first); i >= 0 && i <= last; i = view.indexOf(first, i + 1)) {
        let j = 1;
        while (j < n && view[i + j] === terms[j]) j++;
        if (j === n) f += i < title ? TITLE_WEIGHT : 1;
      }
      if (f) {
        slots[k] = slot;
        frequency[k++] = f;
      }
    }
    return { slots: slots.subarray(0, k), frequency: frequency.subarray(0, k) };
  }

  // -- ranking -------------------------------------------------------------------------------------------------

  /** bm25 of every matched slot (higher is better): each term, prefix and phrase of the query counts once. */
  private scores(node: MatchNode, slots: Int32Array, evaluation: Evaluation): Float64Array {
    const score = new Float64Array(slots.length);
    const documents = this.documentCount;
    if (!documents || !slots.length) return score;
    const norm = new Float64Array(slots.length);
    const average = this.totalLength / documents || 1;
    for (let i = 0; i < slots.length; i++) norm[i] = K1 * (1 - B + (B * this.slotLength[slots[i]!]!) / average);
    const leaf = (n: MatchNode): void => {
      if (n.op === 'and' || n.op === 'or') {
        for (const item of n.items) leaf(item);
        return;
      }
      const found = evaluation.slots.get(n) ?? new Int32Array(0);
      let idf = Math.log((documents - found.length + 0.5) / (found.length + 0.5));
      if (idf <= 0) idf = 1e-6;
      const frequency = new Float64Array(slots.length);
      if (n.op === 'term') {
        const own = this.termOf.get(n.stem);
        const terms = n.prefix ? this.termsStarting(n.stem) : own === undefined ? [] : [own];
        for (const t of terms) this.addFrequencies(t, slots, frequency);
      } else {
        // A phrase's frequency in each of its slots, for the matched slots among them.
        const own = evaluation.phraseFrequency.get(n) ?? new Float64Array(0);
        for (let i = 0, j = 0; i < slots.length && j < found.length; ) {
          if (slots[i]! < found[j]!) i++;
          else if (slots[i]! > found[j]!) j++;
          else frequency[i++] = own[j++]!;
        }
      }
      for (let i = 0; i < slots.length; i++) {
        const f = frequency[i]!;
        if (f > 0) score[i] += (idf * f * (K1 + 1)) / (f + norm[i]!);
      }
    };
    leaf(node);
    return score;
  }

  /** Adds term `t`'s frequency in each of `slots` (sorted) to `into`. */
  private addFrequencies(t: number, slots: Int32Array, into: Float64Array): void {
    const { lists, blockSlots: found, blockFrequencies: frequency } = this;
    let i = 0;
    for (let b = lists.first(t); b && i < slots.length; b = lists.next(b)) {
      // A block ending before the next slot wanted is passed over.
      if (lists.lastOf(b) < slots[i]!) continue;
      const n = lists.decode(b, found, frequency);
      if (n > (slots.length - i) * 16) {
        // A long block and few slots left: each slot is looked up.
        const last = found[n - 1]!;
        for (; i < slots.length && slots[i]! <= last; i++) {
          const p = lowerBound(found, 0, n, slots[i]!);
          if (p < n && found[p] === slots[i]) into[i] += frequency[p]!;
        }
        continue;
      }
      for (let p = 0; p < n && i < slots.length; p++) {
        const slot = found[p]!;
        while (i < slots.length && slots[i]! < slot) i++;
        if (i < slots.length && slots[i] === slot) into[i] += frequency[p]!;
      }
    }
  }

  // -- lists ---------------------------------------------------------------------------------------------------

  private exact(stem: string): Int32Array {
    const t = this.termOf.get(stem);
    return t === undefined ? new Int32Array(0) : this.liveSlots(t);
  }

  /** Term `t`'s live slots, in order. */
  private liveSlots(t: number): Int32Array {
    const { lists, blockSlots: found, blockFrequencies } = this;
    const out = new Int32Array(lists.length[t]!);
    let k = 0;
    for (let b = lists.first(t); b; b = lists.next(b)) {
      const n = lists.decode(b, found, blockFrequencies);
      for (let p = 0; p < n; p++) if (this.slotDoc[found[p]!]) out[k++] = found[p]!;
    }
    return k === out.length ? out : out.slice(0, k);
  }

  /** Terms starting with `prefix` (at least two characters, as queries' prefixes). */
  private termsStarting(prefix: string): number[] {
    const out: number[] = [];
    if (prefix.length < START) return out;
    for (const t of this.byStart.get(prefix.slice(0, START)) ?? []) if (this.stems[t]!.startsWith(prefix)) out.push(t);
    return out;
  }

  /** The slots in any of the lists (each sorted), in order. */
  private union(lists: Int32Array[]): Int32Array {
    const nonEmpty = lists.filter((l) => l.length);
    if (nonEmpty.length <= 1) return nonEmpty[0] ?? new Int32Array(0);
    let total = 0;
    for (const l of nonEmpty) total += l.length;
    if (total * 8 > this.nextSlot) {
      // Many slots: marked in a map of every slot, then read in order.
      const mark = new Uint8Array(this.nextSlot);
      for (const l of nonEmpty) for (let i = 0; i < l.length; i++) mark[l[i]!] = 1;
      const out = new Int32Array(total);
      let k = 0;
      for (let s = 0; s < mark.length; s++) if (mark[s]) out[k++] = s;
      return out.subarray(0, k);
    }
    const all = new Int32Array(total);
    let at = 0;
    for (const l of nonEmpty) {
      all.set(l, at);
      at += l.length;
    }
    all.sort();
    let k = 0;
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[k++] = all[i]!;
    return all.subarray(0, k);
  }

  // -- storage -------------------------------------------------------------------------------------------------

  private termId(stem: string): number {
    let t = this.termOf.get(stem);
    if (t !== undefined) return t;
    t = this.stems.push(stem) - 1;
    this.termOf.set(stem, t);
    const key = stem.slice(0, START);
    const group = this.byStart.get(key);
    if (group) group.push(t);
    else this.byStart.set(key, [t]);
    this.lists.ensure(t + 1);
    if (t >= this.scratch.length) this.scratch = grow(this.scratch, this.scratch.length * 2);
    // Term numbers past 16 bits: the words are widened once.
    if (t > 0xffff) this.words.widen();
    return t;
  }

  private growSlots(needed: number): void {
    if (needed <= this.slotDoc.length) return;
    const size = Math.max(needed, this.slotDoc.length * 2);
    this.slotDoc = grow(this.slotDoc, size);
    this.slotLength = grow(this.slotLength, size);
    this.slotTitle = grow(this.slotTitle, size);
    this.slotTerms = grow(this.slotTerms, size);
    this.slotWords = grow(this.slotWords, size);
  }

  /** Renumbers the live slots from 1 (order kept) and rewrites every list and the words without dead data. */
  compact(): void {
    const renumber = new Int32Array(this.nextSlot);
    const words = new WordPages();
    if (this.words.widened) words.widen();
    let slots = 1;
    for (let s = 1; s < this.nextSlot; s++) {
      if (!this.slotDoc[s]) continue;
      renumber[s] = slots;
      const length = this.slotLength[s]! + 1;
      const at = words.take(length);
      words.run(at, length).set(this.words.run(this.slotWords[s]!, length));
      this.slotWords[slots] = at;
      this.slotDoc[slots] = this.slotDoc[s]!;
      this.slotLength[slots] = this.slotLength[s]!;
      this.slotTitle[slots] = this.slotTitle[s]!;
      this.slotTerms[slots] = this.slotTerms[s]!;
      this.docSlot[this.slotDoc[s]!] = slots;
      slots++;
    }
    this.slotDoc.fill(0, slots);
    const lists = new PostingLists();
    lists.ensure(this.stems.length);
    const { blockSlots: found, blockFrequencies: frequency } = this;
    let written = 0;
    for (let t = 0; t < this.stems.length; t++) {
      const keptSlots = new Int32Array(this.lists.length[t]!);
      const keptFrequencies = new Int32Array(keptSlots.length);
      let k = 0;
      for (let b = this.lists.first(t); b; b = this.lists.next(b)) {
        const n = this.lists.decode(b, found, frequency);
        for (let p = 0; p < n; p++) {
          const slot = renumber[found[p]!]!;
          if (!slot) continue;
          keptSlots[k] = slot;
          keptFrequencies[k++] = frequency[p]!;
        }
      }
      if (k) lists.appendAll(t, keptSlots, keptFrequencies, k);
      written += k;
    }
    this.lists = lists;
    this.words = words;
    this.written = written;
    this.dead = 0;
    this.wordsDead = 0;
    this.nextSlot = slots;
    this.epoch++;
  }
}

function newEvaluation(): Evaluation {
  return { slots: new Map(), phraseFrequency: new Map() };
}

function grow<T extends Int32Array | Uint16Array>(array: T, size: number): T {
  const out = new (array.constructor as new (n: number) => T)(size);
  out.set(array);
  return out;
}

/** First position in `list[from, end)` whose value is ≥ `value`. */
function lowerBound(list: Int32Array, from: number, end: number, value: number): number {
  let lo = from;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The slots in every list (each sorted), shortest list first; a long list is searched rather than walked. */
function intersect(lists: Int32Array[]): Int32Array {
  if (!lists.length) return new Int32Array(0);
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let out = sorted[0]!;
  for (let l = 1; l < sorted.length && out.length; l++) {
    const other = sorted[l]!;
    const kept = new Int32Array(out.length);
    let k = 0;
    if (other.length > out.length * 16) {
      for (let i = 0; i < out.length; i++) {
        const p = lowerBound(other, 0, other.length, out[i]!);
        if (p < other.length && other[p] === out[i]) kept[k++] = out[i]!;
      }
    } else {
      let j = 0;
      for (let i = 0; i < out.length && j < other.length; i++) {
        while (j < other.length && other[j]! < out[i]!) j++;
        if (other[j] === out[i]) kept[k++] = out[i]!;
      }
    }
    out = kept.subarray(0, k);
  }
  return out;
}

/** The best `k` ids by score (descending), then id, among `within` when given. */
function bestOf(
  ids: Int32Array,
  scores: Float64Array,
  k: number,
  within: ArrayLike<number> | null | undefined,
): number[] {
  const limit = Math.max(0, Math.floor(k));
  const candidates = within ? positionsIn(ids, within) : null;
  const count = candidates ? candidates.length : ids.length;
  if (!limit || !count) return [];
  const at = (c: number) => (candidates ? candidates[c]! : c);
  let chosen: number[] = [];
  if (count <= limit) {
    for (let c = 0; c < count; c++) chosen.push(at(c));
  } else {
    // The limit-th best score: every better candidate is in, and those at that score compete by id.
    const values = new Float64Array(count);
    for (let c = 0; c < count; c++) values[c] = scores[at(c)]!;
    const threshold = kthLargest(values, limit);
    const ties: number[] = [];
    for (let c = 0; c < count; c++) {
      const p = at(c);
      if (scores[p]! > threshold) chosen.push(p);
      else if (scores[p] === threshold) ties.push(p);
    }
    ties.sort((a, b) => ids[a]! - ids[b]!);
    chosen = chosen.concat(ties.slice(0, limit - chosen.length));
  }
  chosen.sort((a, b) => scores[b]! - scores[a]! || ids[a]! - ids[b]!);
  return chosen.slice(0, limit).map((p) => ids[p]!);
}

/** The `k`-th largest value (1 = the largest) of `values` (reordered), by quickselect. */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const v = values[i]!;
        values[i++] = values[j]!;
        values[j--] = v;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target]!;
  }
  return values[target]!;
}

/** Positions memo of `positionsIn`: the last list of ids looked up by value (a match set is ranked a few times). */
const positionMaps = new WeakMap<Int32Array, Map<number, number>>();

/**
 * Positions in `ids` of the ids of `within` (ids absent from `ids` left out): a walk when `within` follows the order
 * of `ids` (as a catalogue gives the rows it kept), else a lookup.
 */
function positionsIn(ids: Int32Array, within: ArrayLike<number>): Int32Array {
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
