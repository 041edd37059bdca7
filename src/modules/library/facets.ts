/**
 * The library's facet index: every published sheet's facet values in compact arrays, queried in memory.
 *
 * One pass over the sheets filters them (AND between facets, OR between the values chosen in one facet) and counts
 * every facet's values at once, each facet counted over the sheets that pass all the *other* facets (so that a
 * person can widen a choice). Sorted orders are kept ready, so a page is collected without sorting. A text query
 * restricts the pass to the ids the database found (in relevance order).
 *
 * At 100,000 sheets a query is a few milliseconds on one core, and the result is identical on SQLite and
 * PostgreSQL. The store loads the rows; this file is pure.
 */

import type { UseCaseContent } from './fields.ts';
import { yearOf } from './model.ts';
import { normaliseLabel } from './reference.ts';

/** Facets of the library page, API and statistics (« organisation » filters only; it is not displayed). */
export const FACET_KEYS = [
  'theme',
  'subTheme',
  'status',
  'technique',
  'commons',
  'audience',
  'authorityType',
  'region',
  'departement',
  'startYear',
  'country',
  'organisation',
] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

/** Facet -> query-string parameter (French URLs, same names in the API). */
export const FACET_PARAMS: Record<FacetKey, string> = {
  theme: 'theme',
  subTheme: 'sous_theme',
  status: 'statut',
  technique: 'technique',
  commons: 'commun',
  audience: 'public',
  authorityType: 'type',
  region: 'region',
  departement: 'departement',
  startYear: 'annee',
  country: 'pays',
  organisation: 'organisation',
};

export type FacetValues = Record<FacetKey, readonly string[]>;
export type FacetFilters = Partial<Record<FacetKey, readonly string[]>>;

/** The facet values a sheet's visible content gives (stored with the row as JSON). */
export interface ContentFacets {
  theme: string | null;
  subThemes: string[];
  status: string | null;
  techniques: string[];
  commons: string | null;
  audiences: string[];
  startYear: number | null;
  /** The sheet's own point [latitude, longitude] (map), null when it has none. */
  point: [number, number] | null;
}

export function contentFacets(c: Partial<UseCaseContent>): ContentFacets {
  return {
    theme: c.theme ?? null,
    subThemes: [...(c.subThemes ?? [])],
    status: c.projectStatus ?? null,
    techniques: [...(c.techniques ?? [])],
    commons: c.commonsCategory ?? null,
    audiences: [...(c.audiences ?? [])],
    startYear: yearOf(c.startDate ?? null),
    point: c.latitude != null && c.longitude != null ? [c.latitude, c.longitude] : null,
  };
}

/** The key sheets are sorted by name on: folded, so that « Écoles » sorts with « ecoles ». */
export function sortTitle(title: string | null | undefined): string {
  return normaliseLabel(title ?? '');
}

/** One published sheet as the index holds it. */
export interface IndexedSheet {
  id: number;
  organisationId: number;
  values: FacetValues;
  sortTitle: string;
  /** Last change of the visible content (ISO). */
  updatedAt: string;
  /** Partial ISO start date, '' when unknown. */
  startDate: string;
  point: [number, number] | null;
}

export function indexedSheet(input: {
  id: number;
  organisationId: number;
  facets: ContentFacets;
  organisation: { type: string | null; regionCode?: string | null; departementCode?: string | null; country: string };
  sortTitle: string;
  updatedAt: string;
  startDate: string | null;
}): IndexedSheet {
  const f = input.facets;
  const one = (v: string | number | null | undefined) => (v == null || v === '' ? [] : [String(v)]);
  return {
    id: input.id,
    organisationId: input.organisationId,
    values: {
      theme: one(f.theme),
      subTheme: f.subThemes,
      status: one(f.status),
      technique: f.techniques,
      commons: one(f.commons),
      audience: f.audiences,
      authorityType: one(input.organisation.type),
      region: one(input.organisation.regionCode),
      departement: one(input.organisation.departementCode),
      startYear: one(f.startYear),
      country: one(input.organisation.country),
      organisation: one(input.organisationId),
    },
    sortTitle: input.sortTitle,
    updatedAt: input.updatedAt,
    startDate: input.startDate ?? '',
    point: f.point ?? null,
  };
}

export type SortKey = 'relevance' | 'updated' | 'start' | 'name';
export const SORT_KEYS: readonly SortKey[] = ['relevance', 'updated', 'start', 'name'];
export const SORT_LABELS: Record<SortKey, string> = {
  relevance: 'Pertinence',
  updated: 'Dernière mise à jour',
  start: 'Date de démarrage',
  name: 'Nom',
};

export interface FacetQuery {
  filters: FacetFilters;
  /** Ids found by the text search, best first; null: no text query (every sheet). */
  matches: readonly number[] | Int32Array | null;
  sort: SortKey;
  offset: number;
  limit: number;
  /** Facets to count (default: all but « organisation », which only filters). */
  count?: readonly FacetKey[];
}

export interface FacetResult {
  total: number;
  /** Ids of the requested page, in order. */
  ids: number[];
  /** For each facet, its values with their counts (values with a zero count left out, chosen values always in). */
  counts: Record<FacetKey, Map<string, number>>;
}

/** Facets whose values come from the sheet's organisation (they change when the organisation does). */
export const ORGANISATION_FACETS = ['authorityType', 'region', 'departement', 'country'] as const;

/** A partial ISO date as a number that sorts the same way: « 2021 » 20210000, « 2021-03 » 20210300; '' -> -1. */
export function startKey(date: string): number {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date);
  if (!m) return -1;
  return Number(m[1]) * 10_000 + Number(m[2] ?? 0) * 100 + Number(m[3] ?? 0);
}

/**
 * One facet as columns. Each distinct *combination* of values (« [] », « [nlp] », « [nlp, vision] ») has a number;
 * a sheet holds one combination number per facet. Filtering checks one byte per sheet and facet, counting adds one
 * per sheet and facet; combinations are expanded to values once per query.
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

type OrderKey = 'updated' | 'start' | 'name';

/**
 * The index: add, replace and remove sheets; query. Sheets are held in columns (typed arrays, one slot per sheet),
 * about 150 bytes a sheet. Sorted orders are computed on first use and then kept up to date by merging the changed
 * sheets in, so that a change costs a pass over the order, not a sort.
 */
export class FacetIndex {
  private capacity = 0;
  private used = 0;
  private live = 0;
  private readonly free: number[] = [];
  /** Slot -> sheet id (0: free slot). */
  private ids = new Int32Array(0);
  /** Sheet id -> slot + 1 (0: absent), dense by id. */
  private slotOf = new Int32Array(0);
  private organisationOf = new Int32Array(0);
  private updated = new Float64Array(0);
  private start = new Int32Array(0);
  private latitude = new Float64Array(0);
  private longitude = new Float64Array(0);
  private titles: string[] = [];
  private readonly columns = {} as Record<FacetKey, FacetColumn>;
  /** Query scratch: slot -> number of the last query it passed (no clearing between queries). */
  private passStamp = new Uint32Array(0);
  private stamp = 0;
  private readonly orders = new Map<OrderKey, { slots: Int32Array; seen: number }>();
  /** Slots changed since the oldest order was brought up to date. */
  private changes: number[] = [];

  constructor() {
    for (const f of FACET_KEYS) this.columns[f] = new FacetColumn(0);
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
    this.organisationOf = grow(this.organisationOf, (n) => new Int32Array(n));
    this.updated = grow(this.updated, (n) => new Float64Array(n));
    this.start = grow(this.start, (n) => new Int32Array(n));
    this.latitude = grow(this.latitude, (n) => new Float64Array(n));
    this.longitude = grow(this.longitude, (n) => new Float64Array(n));
    this.passStamp = grow(this.passStamp, (n) => new Uint32Array(n));
    for (const f of FACET_KEYS) this.columns[f].grow(capacity);
    this.capacity = capacity;
  }

  private changed(slot: number) {
    if (!this.orders.size) return;
    this.changes.push(slot);
    // Past a quarter of the sheets, sorting again is cheaper than merging.
    if (this.changes.length > Math.max(1024, this.live / 4)) {
      this.orders.clear();
      this.changes = [];
    }
  }

  upsert(sheet: IndexedSheet): void {
    if (!Number.isSafeInteger(sheet.id) || sheet.id <= 0 || sheet.id >= 2 ** 31) return;
    let slot = this.slot(sheet.id);
    if (slot < 0) {
      slot = this.free.length ? this.free.pop()! : this.used++;
      this.ensureCapacity(slot + 1);
      if (sheet.id >= this.slotOf.length) {
        const next = new Int32Array(Math.max(1024, sheet.id + 1, this.slotOf.length * 2));
        next.set(this.slotOf);
        this.slotOf = next;
      }
      this.slotOf[sheet.id] = slot + 1;
      this.ids[slot] = sheet.id;
      this.live++;
    }
    this.organisationOf[slot] = sheet.organisationId;
    const updated = Date.parse(sheet.updatedAt);
    this.updated[slot] = Number.isNaN(updated) ? 0 : updated;
    this.start[slot] = startKey(sheet.startDate);
    this.latitude[slot] = sheet.point ? sheet.point[0] : Number.NaN;
    this.longitude[slot] = sheet.point ? sheet.point[1] : Number.NaN;
    this.titles[slot] = sheet.sortTitle;
    for (const f of FACET_KEYS) {
      const column = this.columns[f];
      column.perSlot[slot] = column.comboOf(sheet.values[f]);
    }
    this.changed(slot);
  }

  remove(id: number): void {
    const slot = this.slot(id);
    if (slot < 0) return;
    this.slotOf[id] = 0;
    this.ids[slot] = 0;
    this.titles[slot] = '';
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
    this.organisationOf = new Int32Array(0);
    this.updated = new Float64Array(0);
    this.start = new Int32Array(0);
    this.latitude = new Float64Array(0);
    this.longitude = new Float64Array(0);
    this.passStamp = new Uint32Array(0);
    this.titles = [];
    for (const f of FACET_KEYS) this.columns[f] = new FacetColumn(0);
    this.orders.clear();
    this.changes = [];
  }

  /** Ids of the organisations that have sheets in the index. */
  organisations(): number[] {
    const out = new Set<number>();
    for (let s = 0; s < this.used; s++) if (this.ids[s]) out.add(this.organisationOf[s]!);
    return [...out];
  }

  /**
   * New facet values of an organisation (its type, place or country changed): every sheet of that organisation
   * follows. Returns how many sheets changed.
   */
  setOrganisation(
    organisationId: number,
    organisation: { type: string | null; regionCode?: string | null; departementCode?: string | null; country: string },
  ): number {
    const one = (v: string | null | undefined) => (v ? [v] : []);
    const combos = {
      authorityType: this.columns.authorityType.comboOf(one(organisation.type)),
      region: this.columns.region.comboOf(one(organisation.regionCode)),
      departement: this.columns.departement.comboOf(one(organisation.departementCode)),
      country: this.columns.country.comboOf(one(organisation.country)),
    };
    let count = 0;
    for (let s = 0; s < this.used; s++) {
      if (!this.ids[s] || this.organisationOf[s] !== organisationId) continue;
      let changed = false;
      for (const f of ORGANISATION_FACETS) {
        if (this.columns[f].perSlot[s] !== combos[f]) {
          this.columns[f].perSlot[s] = combos[f];
          changed = true;
        }
      }
      if (changed) count++;
    }
    return count;
  }

  /** The sheet's point on the map, if it has one. */
  pointOf(id: number): [number, number] | null {
    const s = this.slot(id);
    if (s < 0 || Number.isNaN(this.latitude[s]!)) return null;
    return [this.latitude[s]!, this.longitude[s]!];
  }

  /** Ids of sheets with a point (at most `limit`, by id). */
  withPoints(limit: number): number[] {
    const out: number[] = [];
    for (let s = 0; s < this.used && out.length < limit; s++) {
      if (this.ids[s] && !Number.isNaN(this.latitude[s]!)) out.push(this.ids[s]!);
    }
    return out.sort((a, b) => a - b);
  }

  /** Computes the default order now (after a full load) rather than on the first query. */
  prepare(): void {
    this.order('updated');
  }

  private comparator(key: OrderKey): (a: number, b: number) => number {
    const ids = this.ids;
    if (key === 'name') {
      const titles = this.titles;
      return (a, b) => (titles[a]! < titles[b]! ? -1 : titles[a]! > titles[b]! ? 1 : ids[b]! - ids[a]!);
    }
    const v = key === 'updated' ? this.updated : this.start;
    return (a, b) => v[b]! - v[a]! || ids[b]! - ids[a]!;
  }

  /** Live slots in the order of `key`, brought up to date with the changes since it was last used. */
  private order(key: OrderKey): Int32Array {
    const cmp = this.comparator(key);
    const current = this.orders.get(key);
    if (current && current.seen === this.changes.length) return current.slots;
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
    this.orders.set(key, { slots, seen: this.changes.length });
    // Forget the changes every order has seen.
    const oldest = Math.min(...[...this.orders.values()].map((o) => o.seen));
    if (oldest > 0) {
      this.changes = this.changes.slice(oldest);
      for (const o of this.orders.values()) o.seen -= oldest;
    }
    return slots;
  }

  query(q: FacetQuery): FacetResult {
    const F = FACET_KEYS.length;
    const counted = new Set<FacetKey>(q.count ?? FACET_KEYS.filter((k) => k !== 'organisation'));
    // Per facet number: its combination of each slot, the combinations that pass its filter, its counters.
    // A chosen value unknown to the index matches nothing (every sheet fails that facet).
    const perSlot: Int32Array[] = [];
    const wanted: (Uint8Array | null)[] = [];
    const counters: (Int32Array | null)[] = [];
    const filtered: number[] = [];
    FACET_KEYS.forEach((f, n) => {
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
    const countedList = counters.map((c, n) => (c ? n : -1)).filter((n) => n >= 0);
    const stamp = ++this.stamp;
    if (stamp === 0xffffffff) {
      this.passStamp.fill(0);
      this.stamp = 1;
    }
    const passStamp = this.passStamp;
    let total = 0;

    let candidates: Int32Array | null = null;
    if (q.matches) {
      const list = new Int32Array(q.matches.length);
      let k = 0;
      for (const id of q.matches) {
        const s = this.slot(id);
        if (s >= 0) list[k++] = s;
      }
      candidates = list.subarray(0, k);
    }
    const count = candidates ? candidates.length : this.used;
    const ids = this.ids;
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
      if (failures > 1) continue;
      if (failures === 0) {
        passStamp[i] = this.stamp;
        total++;
        for (let a = 0; a < countedList.length; a++) {
          const f = countedList[a]!;
          counters[f]![perSlot[f]![i]!]!++;
        }
      } else if (counters[failed]) {
        // A sheet failing one facet only still counts for that facet (widening the choice would include it).
        counters[failed]![perSlot[failed]![i]!]!++;
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
        for (const i of candidates) if (visit(i)) break;
      } else {
        const order = this.order(q.sort === 'start' ? 'start' : q.sort === 'name' ? 'name' : 'updated');
        for (const i of order) if (visit(i)) break;
      }
    }

    const counts = {} as Record<FacetKey, Map<string, number>>;
    for (let n = 0; n < F; n++) {
      const f = FACET_KEYS[n]!;
      const column = this.columns[f];
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
      for (const v of q.filters[f] ?? []) if (!m.has(v)) m.set(v, 0);
      counts[f] = m;
    }
    return { total, ids: page, counts };
  }
}
