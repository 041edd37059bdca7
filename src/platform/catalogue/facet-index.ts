/**
 * A catalogue's facet index: every public row's facet values, sort keys and (optionally) searchable text in compact
 * columns, queried in memory. Pure: no I/O (the catalogue loads the rows and keeps the index fresh).
 *
 * One pass over the rows filters them (AND between facets, OR between the values chosen in one facet) and counts
 * every facet's values at once, each facet counted over the rows that pass all the *other* facets (so that a person
 * can widen a choice). Sorted orders are kept ready, so a page is collected without sorting. A text query restricts
 * the pass to the ids it found (in relevance order).
 *
 * The shape says how to read a row: its id, the values of each facet, the keys of each named order, and optionally a
 * group (rows whose facet values follow another entity, e.g. a use case's organisation), a point on a map and a text
 * matched in memory. At 100,000 rows a query is a few milliseconds on one core.
 */

/** One key of a sort order: a number or a text per row, compared ascending or descending. */
export type SortKeySpec<Row> =
  | { number: (row: Row) => number; direction: 'asc' | 'desc' }
  | { text: (row: Row) => string; direction: 'asc' | 'desc' };

/** A named order: its keys compared in turn, then the row id (`ids`, default descending: newest rows first). */
export interface SortSpec<Row> {
  keys: readonly SortKeySpec<Row>[];
  ids?: 'asc' | 'desc';
}

export interface FacetIndexShape<Row, K extends string, S extends string> {
  id(row: Row): number;
  /** Each facet's values for a row (several values: the row is found by any of them). */
  facets: { readonly [F in K]: (row: Row) => readonly string[] };
  sorts: { readonly [O in S]: SortSpec<Row> };
  /** The order computed right after a full load (the one most queries use). */
  defaultSort: S;
  /** A group id per row (e.g. the owner): `setGroupFacets` changes the facets of a whole group at once. */
  group?(row: Row): number;
  /** A point on the map [latitude, longitude], null when the row has none. */
  point?(row: Row): readonly [number, number] | null;
  /** A text kept per row for matching in memory (see `matchText`). */
  text?(row: Row): string;
}

export type Filters<K extends string> = Partial<Record<K, readonly string[]>>;

export interface IndexQuery<K extends string, S extends string> {
  filters: Filters<K>;
  /** Ids found by a text search, best first; null: no text query (every row). */
  matches: ArrayLike<number> | null;
  /** Also return the ids of every row that passed (`IndexResult.passing`), in the order of `matches`. */
  passing?: boolean;
  /** A named order, or the order of `matches`. */
  sort: S | 'relevance';
  offset: number;
  limit: number;
  /** Facets to count (default: all of them). */
  count?: readonly K[];
}

export interface IndexResult<K extends string> {
  total: number;
  /** Ids of the requested page, in order. */
  ids: number[];
  /** For each facet, its values with their counts (values with a zero count left out, chosen values always in). */
  counts: Record<K, Map<string, number>>;
  /** With `passing`: the ids of every row that passed. */
  passing?: Int32Array;
}

/** An `IndexResult` whose facets are counted when asked (`FacetIndex.select`). */
export interface Selection<K extends string> extends Omit<IndexResult<K>, 'counts'> {
  counts(): Record<K, Map<string, number>>;
}

/**
 * One facet as columns. Each distinct *combination* of values (« [] », « [nlp] », « [nlp, vision] ») has a number;
 * a row holds one combination number per facet. Filtering checks one byte per row and facet, counting adds one per
 * row and facet; combinations are expanded to values once per query.
 */
class FacetColumn {
  readonly values: string[] = [];
  private readonly valueCode = new Map<string, number>();
  /** Combination number -> value codes (distinct, ascending). Combination 0 is the empty one. */
  readonly combos: Int32Array[] = [new Int32Array(0)];
  private readonly comboCode = new Map<string, number>([['', 0]]);
  perSlot: Int32Array;

  constructor(capacity: number) {
    this.perSlot = new Int32Array(capacity);
  }

  grow(capacity: number) {
    const next = new Int32Array(capacity);
    next.set(this.perSlot);
    this.perSlot = next;
  }

  codeOf(value: string): number | undefined {
    return this.valueCode.get(value);
  }

  comboOf(values: readonly string[]): number {
    if (!values.length) return 0;
    const codes: number[] = [];
    for (const v of values) {
      let code = this.valueCode.get(v);
      if (code === undefined) {
        code = this.values.length;
        this.values.push(v);
        this.valueCode.set(v, code);
      }
      if (!codes.includes(code)) codes.push(code);
    }
    codes.sort((a, b) => a - b);
    const key = codes.join(',');
    let combo = this.comboCode.get(key);
    if (combo === undefined) {
      combo = this.combos.length;
      this.combos.push(Int32Array.from(codes));
      this.comboCode.set(key, combo);
    }
    return combo;
  }
}

/** A sort key's column: numbers in a typed array, texts in an array. */
type KeyColumn =
  | { kind: 'number'; values: Float64Array; desc: boolean }
  | { kind: 'text'; values: string[]; desc: boolean };

type Comparator = (a: number, b: number) => number;

/**
 * The index: add, replace and remove rows; query. Rows are held in columns (typed arrays, one slot per row).
 * Sorted orders are computed on first use and then kept up to date by merging the changed rows in, so that a change
 * costs a pass over the order, not a sort.
 */
export class FacetIndex<Row, K extends string, S extends string> {
  private readonly facetKeys: readonly K[];
  private readonly sortNames: readonly S[];
  private capacity = 0;
  private used = 0;
  private live = 0;
  private readonly free: number[] = [];
  /** Slot -> row id (0: free slot). */
  private ids = new Int32Array(0);
  /** Row id -> slot + 1 (0: absent), dense by id. */
  private slotOf = new Int32Array(0);
  private groupBySlot = new Int32Array(0);
  private latitude = new Float64Array(0);
  private longitude = new Float64Array(0);
  private texts: string[] = [];
  private columns = {} as Record<K, FacetColumn>;
  private keyColumns = {} as Record<S, KeyColumn[]>;
  /** What `upsert` writes in each facet column and sort key column for a row. */
  private writers: ((row: Row, slot: number) => void)[] = [];
  /** Query scratch: slot -> number of the last query it passed (no clearing between queries). */
  private passStamp = new Uint32Array(0);
  private stamp = 0;
  private readonly orders = new Map<S, { slots: Int32Array; seen: number }>();
  /** Slots changed since the oldest order was brought up to date. */
  private changes: number[] = [];

  constructor(private readonly shape: FacetIndexShape<Row, K, S>) {
    this.facetKeys = Object.keys(shape.facets) as K[];
    this.sortNames = Object.keys(shape.sorts) as S[];
    this.reset();
  }

  private reset() {
    this.columns = {} as Record<K, FacetColumn>;
    for (const f of this.facetKeys) this.columns[f] = new FacetColumn(this.capacity);
    this.keyColumns = {} as Record<S, KeyColumn[]>;
    for (const s of this.sortNames) {
      this.keyColumns[s] = this.shape.sorts[s].keys.map((k) =>
        'number' in k
          ? { kind: 'number', values: new Float64Array(this.capacity), desc: k.direction === 'desc' }
          : { kind: 'text', values: [], desc: k.direction === 'desc' },
      );
    }
    this.writers = [];
    for (const s of this.sortNames) {
      this.shape.sorts[s].keys.forEach((spec, k) => {
        const column = this.keyColumns[s][k]!;
        if ('number' in spec) {
          const value = spec.number;
          this.writers.push((row, slot) => {
            column.values[slot] = value(row);
          });
        } else {
          const value = spec.text;
          this.writers.push((row, slot) => {
            column.values[slot] = value(row);
          });
        }
      });
    }
    for (const f of this.facetKeys) {
      const column = this.columns[f];
      const values = this.shape.facets[f];
      this.writers.push((row, slot) => {
        column.perSlot[slot] = column.comboOf(values(row));
      });
    }
  }

  get size(): number {
    return this.live;
  }

  has(id: number): boolean {
    return this.slot(id) >= 0;
  }

  private slot(id: number): number {
    return id > 0 && id < this.slotOf.length ? this.slotOf[id]! - 1 : -1;
  }

  private ensureCapacity(slots: number) {
    if (slots <= this.capacity) return;
    const capacity = Math.max(1024, this.capacity * 2, slots);
    const grow = <T extends Int32Array | Float64Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(a);
      return next;
    };
    this.ids = grow(this.ids, (n) => new Int32Array(n));
    if (this.shape.group) this.groupBySlot = grow(this.groupBySlot, (n) => new Int32Array(n));
    if (this.shape.point) {
      this.latitude = grow(this.latitude, (n) => new Float64Array(n));
      this.longitude = grow(this.longitude, (n) => new Float64Array(n));
    }
    this.passStamp = grow(this.passStamp, (n) => new Uint32Array(n));
    for (const f of this.facetKeys) this.columns[f].grow(capacity);
    for (const s of this.sortNames) {
      for (const c of this.keyColumns[s])
        if (c.kind === 'number') c.values = grow(c.values, (n) => new Float64Array(n));
    }
    this.capacity = capacity;
  }

  private changed(slot: number) {
    if (!this.orders.size) return;
    this.changes.push(slot);
    // Past a quarter of the rows, sorting again is cheaper than merging.
    if (this.changes.length > Math.max(1024, this.live / 4)) {
      this.orders.clear();
      this.changes = [];
    }
  }

  upsert(row: Row): void {
    const id = this.shape.id(row);
    if (!Number.isSafeInteger(id) || id <= 0 || id >= 2 ** 31) return;
    let slot = this.slot(id);
    if (slot < 0) {
      slot = this.free.length ? this.free.pop()! : this.used++;
      this.ensureCapacity(slot + 1);
      if (id >= this.slotOf.length) {
        const next = new Int32Array(Math.max(1024, id + 1, this.slotOf.length * 2));
        next.set(this.slotOf);
        this.slotOf = next;
      }
      this.slotOf[id] = slot + 1;
      this.ids[slot] = id;
      this.live++;
    }
    const { shape } = this;
    if (shape.group) this.groupBySlot[slot] = shape.group(row);
    if (shape.point) {
      const point = shape.point(row);
      this.latitude[slot] = point ? point[0] : Number.NaN;
      this.longitude[slot] = point ? point[1] : Number.NaN;
    }
    if (shape.text) this.texts[slot] = shape.text(row);
    for (const write of this.writers) write(row, slot);
    this.changed(slot);
  }

  remove(id: number): void {
    const slot = this.slot(id);
    if (slot < 0) return;
    this.slotOf[id] = 0;
    this.ids[slot] = 0;
    if (this.shape.text) this.texts[slot] = '';
    for (const s of this.sortNames) {
      for (const c of this.keyColumns[s]) if (c.kind === 'text') c.values[slot] = '';
    }
    this.free.push(slot);
    this.live--;
    this.changed(slot);
  }

  clear(): void {
    this.capacity = 0;
    this.used = 0;
    this.live = 0;
    this.free.length = 0;
    this.ids = new Int32Array(0);
    this.slotOf = new Int32Array(0);
    this.groupBySlot = new Int32Array(0);
    this.latitude = new Float64Array(0);
    this.longitude = new Float64Array(0);
    this.passStamp = new Uint32Array(0);
    this.texts = [];
    this.reset();
    this.orders.clear();
    this.changes = [];
  }

  /** Ids of every row in the index (in slot order). */
  allIds(): number[] {
    const out: number[] = [];
    for (let s = 0; s < this.used; s++) if (this.ids[s]) out.push(this.ids[s]!);
    return out;
  }

  /** The distinct groups of the rows in the index. */
  groups(): number[] {
    const out = new Set<number>();
    for (let s = 0; s < this.used; s++) if (this.ids[s]) out.add(this.groupBySlot[s]!);
    return [...out];
  }

  /**
   * New values of some facets for every row of a group (e.g. the organisation of a use case changed its type or
   * place). Returns how many rows changed.
   */
  setGroupFacets(group: number, values: Partial<Record<K, readonly string[]>>): number {
    const combos: [FacetColumn, number][] = [];
    for (const f of this.facetKeys) {
      const v = values[f];
      if (v) combos.push([this.columns[f], this.columns[f].comboOf(v)]);
    }
    let count = 0;
    for (let s = 0; s < this.used; s++) {
      if (!this.ids[s] || this.groupBySlot[s] !== group) continue;
      let changed = false;
      for (const [column, combo] of combos) {
        if (column.perSlot[s] !== combo) {
          column.perSlot[s] = combo;
          changed = true;
        }
      }
      if (changed) count++;
    }
    return count;
  }

  /** The row's group (`shape.group`), or null when the row is not in the index or rows have no group. */
  groupOf(id: number): number | null {
    const s = this.slot(id);
    return s < 0 || !this.shape.group ? null : this.groupBySlot[s]!;
  }

  /** The row's point on the map, if it has one. */
  pointOf(id: number): [number, number] | null {
    const s = this.slot(id);
    if (s < 0 || !this.shape.point || Number.isNaN(this.latitude[s]!)) return null;
    return [this.latitude[s]!, this.longitude[s]!];
  }

  /** Ids of rows with a point (at most `limit`, by id). */
  withPoints(limit: number): number[] {
    const out: number[] = [];
    if (!this.shape.point) return out;
    for (let s = 0; s < this.used && out.length < limit; s++) {
      if (this.ids[s] && !Number.isNaN(this.latitude[s]!)) out.push(this.ids[s]!);
    }
    return out.sort((a, b) => a - b);
  }

  /** Computes the default order now (after a full load) rather than on the first query. */
  prepare(): void {
    this.order(this.shape.defaultSort);
  }

  private comparator(name: S): Comparator {
    const ids = this.ids;
    const tie: Comparator =
      this.shape.sorts[name].ids === 'asc' ? (a, b) => ids[a]! - ids[b]! : (a, b) => ids[b]! - ids[a]!;
    const parts: Comparator[] = this.keyColumns[name].map((c): Comparator => {
      if (c.kind === 'number') {
        const v = c.values;
        return c.desc ? (a, b) => v[b]! - v[a]! : (a, b) => v[a]! - v[b]!;
      }
      const t = c.values;
      return c.desc
        ? (a, b) => (t[a]! < t[b]! ? 1 : t[a]! > t[b]! ? -1 : 0)
        : (a, b) => (t[a]! < t[b]! ? -1 : t[a]! > t[b]! ? 1 : 0);
    });
    if (parts.length === 0) return tie;
    if (parts.length === 1) {
      const [p0] = parts as [Comparator];
      return (a, b) => p0(a, b) || tie(a, b);
    }
    if (parts.length === 2) {
      const [p0, p1] = parts as [Comparator, Comparator];
      return (a, b) => p0(a, b) || p1(a, b) || tie(a, b);
    }
    return (a, b) => {
      for (const p of parts) {
        const d = p(a, b);
        if (d) return d;
      }
      return tie(a, b);
    };
  }

  /** Live slots in the order of `name`, brought up to date with the changes since it was last used. */
  private order(name: S): Int32Array {
    const current = this.orders.get(name);
    if (current && current.seen === this.changes.length) return current.slots;
    const cmp = this.comparator(name);
    let slots: Int32Array;
    if (!current) {
      slots = new Int32Array(this.live);
      let k = 0;
      for (let s = 0; s < this.used; s++) if (this.ids[s]) slots[k++] = s;
      slots.sort(cmp);
    } else {
      // Merge: the order without the changed slots, and the changed slots that are live, sorted.
      const touched = new Set(this.changes.slice(current.seen));
      const added = Int32Array.from([...touched].filter((s) => this.ids[s])).sort(cmp);
      slots = new Int32Array(this.live);
      let k = 0;
      let j = 0;
      for (const s of current.slots) {
        if (touched.has(s)) continue;
        while (j < added.length && cmp(added[j]!, s) < 0) slots[k++] = added[j++]!;
        slots[k++] = s;
      }
      while (j < added.length) slots[k++] = added[j++]!;
    }
    this.orders.set(name, { slots, seen: this.changes.length });
    // Forget the changes every order has seen.
    const oldest = Math.min(...[...this.orders.values()].map((o) => o.seen));
    if (oldest > 0) {
      this.changes = this.changes.slice(oldest);
      for (const o of this.orders.values()) o.seen -= oldest;
    }
    return slots;
  }

  /** Ids in a named order (every row; for exports and tests). */
  ordered(name: S): number[] {
    return Array.from(this.order(name), (s) => this.ids[s]!);
  }

  /**
   * Text matched in memory (shape.text): the ids whose text `tier` accepts (tier ≥ 0; -1 refuses), by tier (lower
   * first), then in the order `within`. For catalogues small enough to scan (a few tens of thousands of rows).
   */
  matchText(tier: (text: string) => number, within: S): Int32Array {
    const buckets: number[][] = [];
    const texts = this.texts;
    for (const s of this.order(within)) {
      const t = tier(texts[s] ?? '');
      if (t < 0) continue;
      const bucket = buckets[t];
      if (bucket) bucket.push(this.ids[s]!);
      else buckets[t] = [this.ids[s]!];
    }
    const out = new Int32Array(buckets.reduce((n, b) => n + (b ? b.length : 0), 0));
    let k = 0;
    for (const b of buckets) if (b) for (const id of b) out[k++] = id;
    return out;
  }

  query(q: IndexQuery<K, S>): IndexResult<K> {
    const { counts, ...rest } = this.select(q);
    return { ...rest, counts: counts() };
  }

  /**
   * The rows `q` keeps (the page, the total, the rows that passed), and the means to count its facets afterwards
   * (`counts`: once). A caller that reads the page's rows from a database counts while the database works.
   */
  select(q: IndexQuery<K, S>): Selection<K> {
    const keys = this.facetKeys;
    const F = keys.length;
    const counted = new Set<K>(q.count ?? keys);
    // Per facet number: its combination of each slot, the combinations that pass its filter, its counters.
    // A chosen value unknown to the index matches nothing (every row fails that facet).
    const perSlot: Int32Array[] = [];
    const wanted: (Uint8Array | null)[] = [];
    const counters: (Int32Array | null)[] = [];
    const filtered: number[] = [];
    keys.forEach((f, n) => {
      const column = this.columns[f];
      perSlot.push(column.perSlot);
      const chosen = q.filters[f];
      if (chosen?.length) {
        const codes = new Uint8Array(column.values.length);
        for (const v of chosen) {
          const code = column.codeOf(v);
          if (code !== undefined) codes[code] = 1;
        }
        const w = new Uint8Array(column.combos.length);
        column.combos.forEach((combo, c) => {
          for (const code of combo) {
            if (codes[code]) {
              w[c] = 1;
              break;
            }
          }
        });
        wanted.push(w);
        filtered.push(n);
      } else wanted.push(null);
      counters.push(counted.has(f) ? new Int32Array(column.combos.length) : null);
    });
    if (++this.stamp === 0xffffffff) {
      this.passStamp.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    const passStamp = this.passStamp;
    const ids = this.ids;

    let candidates: Int32Array | null = null;
    if (q.matches) {
      const list = new Int32Array(q.matches.length);
      const slotOf = this.slotOf;
      let k = 0;
      for (let m = 0; m < q.matches.length; m++) {
        const id = q.matches[m]!;
        const s = id > 0 && id < slotOf.length ? slotOf[id]! - 1 : -1;
        if (s >= 0) list[k++] = s;
      }
      candidates = list.subarray(0, k);
    }
    const count = candidates ? candidates.length : this.used;
    // One pass decides which rows pass (in the order of the candidates) and which fail one facet only; then each
    // facet is counted in its own loop over those slots (a tight loop over two typed arrays per facet).
    const passed = new Int32Array(count);
    let total = 0;
    /** Rows failing exactly one facet: slot and facet number, by pairs. */
    let nearMisses: Int32Array | null = filtered.length ? new Int32Array(64) : null;
    let misses = 0;
    for (let k = 0; k < count; k++) {
      const i = candidates ? candidates[k]! : k;
      if (!ids[i]) continue;
      let failed = -1;
      let failures = 0;
      for (let a = 0; a < filtered.length; a++) {
        const f = filtered[a]!;
        if (!wanted[f]![perSlot[f]![i]!]) {
          failures++;
          failed = f;
          if (failures > 1) break;
        }
      }
      if (failures === 0) {
        passStamp[i] = stamp;
        passed[total++] = i;
      } else if (failures === 1 && counters[failed]) {
        // A row failing one facet only still counts for that facet (widening the choice would include it).
        if (misses + 2 > nearMisses!.length) {
          const grown = new Int32Array(nearMisses!.length * 2);
          grown.set(nearMisses!);
          nearMisses = grown;
        }
        nearMisses![misses++] = i;
        nearMisses![misses++] = failed;
      }
    }
    const page: number[] = [];
    const end = q.offset + q.limit;
    if (q.limit > 0 && total > q.offset) {
      let seen = 0;
      const visit = (i: number) => {
        if (passStamp[i] !== this.stamp) return false;
        if (seen >= q.offset) page.push(ids[i]!);
        seen++;
        return seen >= end;
      };
      if (candidates && q.sort === 'relevance') {
        for (let k = 0; k < total; k++) if (visit(passed[k]!)) break;
      } else {
        const order = this.order(q.sort === 'relevance' ? this.shape.defaultSort : q.sort);
        for (const i of order) if (visit(i)) break;
      }
    }

    let passing: Int32Array | undefined;
    if (q.passing) {
      passing = new Int32Array(total);
      for (let k = 0; k < total; k++) passing[k] = ids[passed[k]!]!;
    }

    // The rows that passed are counted by their values when `counts` runs: a row the catalogue changed in between
    // counts as it was or as it is (the catalogue does not keep such a result: its generation moved).
    const columns = this.columns;
    let result: Record<K, Map<string, number>> | null = null;
    const countFacets = (): Record<K, Map<string, number>> => {
      if (result) return result;
      for (let f = 0; f < F; f++) {
        const counter = counters[f];
        if (!counter) continue;
        const column = perSlot[f]!;
        for (let k = 0; k < total; k++) counter[column[passed[k]!]!]!++;
      }
      for (let m = 0; m < misses; m += 2) {
        const f = nearMisses![m + 1]!;
        counters[f]![perSlot[f]![nearMisses![m]!]!]!++;
      }
      result = countsByValue(keys, columns, counters, q.filters);
      return result;
    };
    return { total, ids: page, counts: countFacets, ...(passing ? { passing } : {}) };
  }
}

/** Counts by combination expanded to counts by value (zero counts left out, chosen values always in). */
function countsByValue<K extends string>(
  keys: readonly K[],
  columns: Record<K, FacetColumn>,
  counters: readonly (Int32Array | null)[],
  filters: Filters<K>,
): Record<K, Map<string, number>> {
  const F = keys.length;
  const counts = {} as Record<K, Map<string, number>>;
  for (let n = 0; n < F; n++) {
    const f = keys[n]!;
    const column = columns[f];
    const m = new Map<string, number>();
    const counter = counters[n];
    if (counter) {
      const byValue = new Int32Array(column.values.length);
      for (let c = 1; c < counter.length; c++) {
        const k = counter[c]!;
        if (k) for (const code of column.combos[c]!) byValue[code]! += k;
      }
      byValue.forEach((k, code) => {
        if (k > 0) m.set(column.values[code]!, k);
      });
    }
    for (const v of filters[f] ?? []) if (!m.has(v)) m.set(v, 0);
    counts[f] = m;
  }
  return counts;
}
