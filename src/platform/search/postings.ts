/**
 * Postings: the stems of one kind's documents held in memory as an inverted index, so that a catalogue finds and
 * ranks the documents of a text without asking the database engine (search/memory.ts). The engines take 40 to 200 ms
 * for a word found in most of 100,000 documents; walking the same lists here takes a few milliseconds.
 *
 * Layout (about 4 bytes per distinct stem of each document): every document indexed gets a slot, and each stem a list
 * of `slot << 8 | frequency` values in slot order, all lists in one pool of integers. A document indexed again gets
 * a new slot and its old one dies; dead postings are skipped, then dropped when `compact` renumbers the slots.
 *
 * What is matched is exactly what the engines match for terms, prefixes, « and » and « or ». Phrases need word
 * positions, which are not kept: their documents come from the engine (`evaluate`'s `phrases`). Relevance is FTS5's
 * bm25 (k1 1.2, b 0.75) with the title counted `TITLE_WEIGHT` times, over the documents held here; a phrase's
 * frequency in a document is the smallest of its stems' (an estimate, positions being unknown). Pure code.
 */
import { UNINDEXED_OCCURRENCE } from './analyzer.ts';
import type { MatchNode, MatchSet } from './index.ts';
import { positionsIn } from './match-sets.ts';
import { TITLE_WEIGHT } from './sqlite.ts';

const K1 = 1.2;
const B = 0.75;
/** Frequencies are kept in the low 8 bits of a posting (bm25 saturates long before). */
const FREQUENCY_BITS = 8;
const MAX_FREQUENCY = (1 << FREQUENCY_BITS) - 1;
/** Slots fit in the 23 bits left; `compact` renumbers them well before. */
const MAX_SLOT = (1 << (31 - FREQUENCY_BITS)) - 1;
/** Prefix lookups start from the terms sharing the first two characters (a prefix has at least two). */
const START = 2;

export interface PostingsSize {
  documents: number;
  terms: number;
  /** Bytes of the typed arrays (the dictionary's strings aside). */
  bytes: number;
}

export class Postings {
  private readonly termOf = new Map<string, number>();
  private readonly stems: string[] = [];
  private readonly byStart = new Map<string, number[]>();
  /** Per term: where its list starts in the pool, how many postings it holds, how many fit. */
  private start = new Int32Array(1024);
  private count = new Int32Array(1024);
  private capacity = new Int32Array(1024);
  private pool = new Int32Array(1 << 16);
  private used = 0;
  /** Pool cells left behind by lists that moved, and postings of dead slots. */
  private wasted = 0;
  private dead = 0;
  /** Per slot: its document (0: dead), its length in stems, its number of distinct stems. */
  private slotDoc = new Int32Array(1024);
  private slotLength = new Uint16Array(1024);
  private slotTerms = new Uint16Array(1024);
  private nextSlot = 1;
  private readonly docSlot = new Map<number, number>();
  private totalLength = 0;

  get documents(): number {
    return this.docSlot.size;
  }

  has(doc: number): boolean {
    return this.docSlot.has(doc);
  }

  /** Indexes a document (replacing what it held). `doc` is a positive id. */
  set(doc: number, titleStems: readonly string[], bodyStems: readonly string[]): void {
    this.remove(doc);
    const frequency = new Map<string, number>();
    for (const s of titleStems)
      if (s !== UNINDEXED_OCCURRENCE) frequency.set(s, (frequency.get(s) ?? 0) + TITLE_WEIGHT);
    for (const s of bodyStems) if (s !== UNINDEXED_OCCURRENCE) frequency.set(s, (frequency.get(s) ?? 0) + 1);
    if (this.nextSlot > MAX_SLOT) this.compact();
    const slot = this.nextSlot++;
    this.growSlots(slot + 1);
    const length = Math.min(titleStems.length + bodyStems.length, 0xffff);
    this.slotDoc[slot] = doc;
    this.slotLength[slot] = length;
    this.slotTerms[slot] = frequency.size;
    this.docSlot.set(doc, slot);
    this.totalLength += length;
    for (const [stem, f] of frequency)
      this.append(this.termId(stem), (slot << FREQUENCY_BITS) | Math.min(f, MAX_FREQUENCY));
  }

  remove(doc: number): void {
    const slot = this.docSlot.get(doc);
    if (slot === undefined) return;
    this.docSlot.delete(doc);
    this.slotDoc[slot] = 0;
    this.totalLength -= this.slotLength[slot]!;
    this.dead += this.slotTerms[slot]!;
  }

  /** Drops dead postings when they (or moved lists) take as much room as the live ones. */
  tidy(): void {
    const live = this.used - this.wasted - this.dead;
    if (this.wasted + this.dead > Math.max(live, 1 << 16)) this.compact();
  }

  size(): PostingsSize {
    const perTerm = this.start.byteLength + this.count.byteLength + this.capacity.byteLength;
    const perSlot = this.slotDoc.byteLength + this.slotLength.byteLength + this.slotTerms.byteLength;
    return { documents: this.docSlot.size, terms: this.stems.length, bytes: this.pool.byteLength + perTerm + perSlot };
  }

  /**
   * The slots (in slot order) of the documents matching `node`. `phrases` gives the documents of each phrase node
   * (from the engine) as ids; `cache` keeps each node's slots (the ranking reads them again).
   */
  evaluate(
    node: MatchNode,
    phrases: Map<MatchNode, ArrayLike<number>>,
    cache = new Map<MatchNode, Int32Array>(),
  ): Int32Array {
    const known = cache.get(node);
    if (known) return known;
    let out: Int32Array;
    switch (node.op) {
      case 'term':
        if (node.titleOnly) throw new Error('Index de recherche en mémoire : terme limité au titre non pris en charge');
        out = node.prefix
          ? this.union(this.termsStarting(node.stem).map((t) => this.liveSlots(t)))
          : this.exact(node.stem);
        break;
      case 'phrase':
        out = this.slotsOf(phrases.get(node) ?? []);
        break;
      case 'and':
        out = intersect(node.items.map((item) => this.evaluate(item, phrases, cache)));
        break;
      case 'or':
        out = this.union(node.items.map((item) => this.evaluate(item, phrases, cache)));
        break;
    }
    cache.set(node, out);
    return out;
  }

  /** The documents matching `node` and the means to rank them (see `evaluate`). */
  matchSet(node: MatchNode, phrases: Map<MatchNode, ArrayLike<number>>): MatchSet {
    const cache = new Map<MatchNode, Int32Array>();
    const slots = this.evaluate(node, phrases, cache);
    const ids = Int32Array.from(slots, (s) => this.slotDoc[s]!);
    let scores: Float64Array | null = null;
    return {
      ids,
      best: async (k, within) => {
        scores ??= this.scores(node, slots, cache);
        return bestOf(ids, scores, k, within);
      },
    };
  }

  // -- ranking -------------------------------------------------------------------------------------------------

  /** bm25 of every matched slot (higher is better): each term, prefix and phrase of the query counts once. */
  private scores(node: MatchNode, slots: Int32Array, cache: Map<MatchNode, Int32Array>): Float64Array {
    const score = new Float64Array(slots.length);
    const documents = this.docSlot.size;
    if (!documents || !slots.length) return score;
    const norm = new Float64Array(slots.length);
    const average = this.totalLength / documents || 1;
    for (let i = 0; i < slots.length; i++) norm[i] = K1 * (1 - B + (B * this.slotLength[slots[i]!]!) / average);
    const leaf = (n: MatchNode): void => {
      if (n.op === 'and' || n.op === 'or') {
        for (const item of n.items) leaf(item);
        return;
      }
      const found = cache.get(n)?.length ?? 0;
      let idf = Math.log((documents - found + 0.5) / (found + 0.5));
      if (idf <= 0) idf = 1e-6;
      let frequency: Float64Array;
      if (n.op === 'term') {
        const own = this.termOf.get(n.stem);
        const terms = n.prefix ? this.termsStarting(n.stem) : own === undefined ? [] : [own];
        frequency = new Float64Array(slots.length);
        for (const t of terms) this.addFrequencies(t, slots, frequency);
      } else if (n.op === 'phrase') {
        // A phrase: in its documents, the smallest frequency of its stems.
        frequency = this.phraseFrequencies(n.stems, slots, cache.get(n) ?? new Int32Array(0));
      } else return;
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
    const from = this.start[t]!;
    const end = from + this.count[t]!;
    const pool = this.pool;
    if (this.count[t]! > slots.length * 16) {
      // A long list and few slots: each slot is looked up.
      for (let i = 0; i < slots.length; i++) {
        const p = lowerBound(pool, from, end, slots[i]! << FREQUENCY_BITS);
        if (p < end && pool[p]! >>> FREQUENCY_BITS === slots[i]) into[i] += pool[p]! & MAX_FREQUENCY;
      }
      return;
    }
    let i = 0;
    for (let p = from; p < end && i < slots.length; p++) {
      const slot = pool[p]! >>> FREQUENCY_BITS;
      while (i < slots.length && slots[i]! < slot) i++;
      if (i < slots.length && slots[i] === slot) into[i] += pool[p]! & MAX_FREQUENCY;
    }
  }

  private phraseFrequencies(stems: readonly string[], slots: Int32Array, inPhrase: Int32Array): Float64Array {
    const out = new Float64Array(slots.length);
    let i = 0;
    let j = 0;
    while (i < slots.length && j < inPhrase.length) {
      if (slots[i]! < inPhrase[j]!) i++;
      else if (slots[i]! > inPhrase[j]!) j++;
      else {
        out[i++] = Number.POSITIVE_INFINITY;
        j++;
      }
    }
    for (const stem of stems) {
      const t = this.termOf.get(stem);
      const own = new Float64Array(slots.length);
      if (t !== undefined) this.addFrequencies(t, slots, own);
      for (let k = 0; k < slots.length; k++) if (own[k]! < out[k]!) out[k] = own[k]!;
    }
    for (let k = 0; k < slots.length; k++) if (out[k] === Number.POSITIVE_INFINITY) out[k] = 0;
    return out;
  }

  // -- lists ---------------------------------------------------------------------------------------------------

  private exact(stem: string): Int32Array {
    const t = this.termOf.get(stem);
    return t === undefined ? new Int32Array(0) : this.liveSlots(t);
  }

  /** Term `t`'s live slots, in order. */
  private liveSlots(t: number): Int32Array {
    const from = this.start[t]!;
    const n = this.count[t]!;
    const out = new Int32Array(n);
    let k = 0;
    for (let p = from; p < from + n; p++) {
      const slot = this.pool[p]! >>> FREQUENCY_BITS;
      if (this.slotDoc[slot]) out[k++] = slot;
    }
    return k === n ? out : out.slice(0, k);
  }

  /** Terms starting with `prefix` (at least two characters, as queries' prefixes). */
  private termsStarting(prefix: string): number[] {
    const candidates = prefix.length >= START ? (this.byStart.get(prefix.slice(0, START)) ?? []) : this.stems.keys();
    const out: number[] = [];
    for (const t of candidates) if (this.stems[t]!.startsWith(prefix)) out.push(t);
    return out;
  }

  private union(lists: Int32Array[]): Int32Array {
    const nonEmpty = lists.filter((l) => l.length);
    if (nonEmpty.length <= 1) return nonEmpty[0] ?? new Int32Array(0);
    let total = 0;
    for (const l of nonEmpty) total += l.length;
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

  /** The slots of documents given by id (those held here), in order. */
  private slotsOf(ids: ArrayLike<number>): Int32Array {
    const out = new Int32Array(ids.length);
    let k = 0;
    for (let i = 0; i < ids.length; i++) {
      const slot = this.docSlot.get(Number(ids[i]));
      if (slot !== undefined) out[k++] = slot;
    }
    return out.subarray(0, k).sort();
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
    if (t >= this.start.length) {
      const size = this.start.length * 2;
      this.start = grow(this.start, size);
      this.count = grow(this.count, size);
      this.capacity = grow(this.capacity, size);
    }
    return t;
  }

  private append(t: number, value: number): void {
    const n = this.count[t]!;
    if (n === this.capacity[t]) {
      const size = Math.max(4, n * 2);
      const at = this.allocate(size);
      this.pool.copyWithin(at, this.start[t]!, this.start[t]! + n);
      this.wasted += this.capacity[t]!;
      this.start[t] = at;
      this.capacity[t] = size;
    }
    this.pool[this.start[t]! + n] = value;
    this.count[t] = n + 1;
  }

  private allocate(size: number): number {
    if (this.used + size > this.pool.length) {
      this.pool = grow(this.pool, Math.max(this.pool.length * 2, this.used + size));
    }
    const at = this.used;
    this.used += size;
    return at;
  }

  private growSlots(needed: number): void {
    if (needed <= this.slotDoc.length) return;
    const size = Math.max(needed, this.slotDoc.length * 2);
    this.slotDoc = grow(this.slotDoc, size);
    this.slotLength = grow(this.slotLength, size);
    this.slotTerms = grow(this.slotTerms, size);
  }

  /** Renumbers the live slots from 1 (order kept) and rewrites every list without dead postings or gaps. */
  compact(): void {
    const renumber = new Int32Array(this.nextSlot);
    let slots = 1;
    for (let s = 1; s < this.nextSlot; s++) {
      if (!this.slotDoc[s]) continue;
      renumber[s] = slots;
      this.slotDoc[slots] = this.slotDoc[s]!;
      this.slotLength[slots] = this.slotLength[s]!;
      this.slotTerms[slots] = this.slotTerms[s]!;
      this.docSlot.set(this.slotDoc[s]!, slots);
      slots++;
    }
    this.slotDoc.fill(0, slots);
    const terms = this.stems.length;
    const live = new Int32Array(terms);
    let total = 0;
    for (let t = 0; t < terms; t++) {
      for (let p = this.start[t]!; p < this.start[t]! + this.count[t]!; p++) {
        if (renumber[this.pool[p]! >>> FREQUENCY_BITS]) live[t]!++;
      }
      // Room to grow by an eighth before moving again.
      total += live[t]! + (live[t]! >> 3) + (live[t] ? 2 : 0);
    }
    const pool = new Int32Array(Math.max(1 << 16, total + (total >> 3)));
    let at = 0;
    for (let t = 0; t < terms; t++) {
      const from = this.start[t]!;
      const end = from + this.count[t]!;
      this.start[t] = at;
      this.capacity[t] = live[t]! + (live[t]! >> 3) + (live[t] ? 2 : 0);
      let k = at;
      for (let p = from; p < end; p++) {
        const slot = renumber[this.pool[p]! >>> FREQUENCY_BITS]!;
        if (slot) pool[k++] = (slot << FREQUENCY_BITS) | (this.pool[p]! & MAX_FREQUENCY);
      }
      this.count[t] = k - at;
      at += this.capacity[t]!;
    }
    this.pool = pool;
    this.used = at;
    this.wasted = 0;
    this.dead = 0;
    this.nextSlot = slots;
  }
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
  const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && ids[a]! < ids[b]!);
  // A heap of the `limit` best positions so far, the worst on top.
  const heap: number[] = [];
  const down = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && better(heap[worst]!, heap[l]!)) worst = l;
      if (r < heap.length && better(heap[worst]!, heap[r]!)) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  for (let c = 0; c < count; c++) {
    const p = candidates ? candidates[c]! : c;
    if (heap.length < limit) {
      heap.push(p);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!better(heap[parent]!, heap[i]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (better(p, heap[0]!)) {
      heap[0] = p;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : 1)).map((p) => ids[p]!);
}
