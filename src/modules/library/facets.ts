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

/** Shared arrays for repeated facet values (thousands of sheets hold the same « FR », theme or list). */
const interned = new Map<string, readonly string[]>();
function intern(values: readonly string[]): readonly string[] {
  const key = values.join('\u0000');
  let v = interned.get(key);
  if (!v) {
    if (interned.size > 200_000) interned.clear();
    v = Object.freeze([...values]);
    interned.set(key, v);
  }
  return v;
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
  const one = (v: string | number | null | undefined) => intern(v == null || v === '' ? [] : [String(v)]);
  return {
    id: input.id,
    organisationId: input.organisationId,
    values: {
      theme: one(f.theme),
      subTheme: intern(f.subThemes),
      status: one(f.status),
      technique: intern(f.techniques),
      commons: one(f.commons),
      audience: intern(f.audiences),
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

interface Compiled {
  n: number;
  ids: Int32Array;
  /** Id -> position + 1 (0: absent), dense by id. */
  position: Int32Array;
  dict: Record<FacetKey, string[]>;
  code: Record<FacetKey, Map<string, number>>;
  offsets: Record<FacetKey, Int32Array>;
  values: Record<FacetKey, Int32Array>;
  byUpdated: Int32Array;
  byStart: Int32Array;
  byName: Int32Array;
}

function compile(sheets: readonly IndexedSheet[]): Compiled {
  const n = sheets.length;
  const ids = new Int32Array(n);
  let maxId = 0;
  for (const s of sheets) if (s.id > maxId) maxId = s.id;
  const position = new Int32Array(maxId + 1);
  sheets.forEach((s, i) => {
    ids[i] = s.id;
    position[s.id] = i + 1;
  });
  const dict = {} as Record<FacetKey, string[]>;
  const code = {} as Record<FacetKey, Map<string, number>>;
  const offsets = {} as Record<FacetKey, Int32Array>;
  const values = {} as Record<FacetKey, Int32Array>;
  for (const f of FACET_KEYS) {
    const d: string[] = [];
    const c = new Map<string, number>();
    let total = 0;
    for (const s of sheets) total += s.values[f].length;
    const off = new Int32Array(n + 1);
    const val = new Int32Array(total);
    let k = 0;
    sheets.forEach((s, i) => {
      off[i] = k;
      for (const v of s.values[f]) {
        let id = c.get(v);
        if (id === undefined) {
          id = d.length;
          d.push(v);
          c.set(v, id);
        }
        val[k++] = id;
      }
    });
    off[n] = k;
    dict[f] = d;
    code[f] = c;
    offsets[f] = off;
    values[f] = val;
  }
  const order = (cmp: (a: IndexedSheet, b: IndexedSheet) => number) => {
    const idx = sheets.map((_, i) => i);
    idx.sort((a, b) => cmp(sheets[a]!, sheets[b]!) || sheets[b]!.id - sheets[a]!.id);
    return Int32Array.from(idx);
  };
  return {
    n,
    ids,
    position,
    dict,
    code,
    offsets,
    values,
    byUpdated: order((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0)),
    byStart: order((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0)),
    byName: order((a, b) => (a.sortTitle < b.sortTitle ? -1 : a.sortTitle > b.sortTitle ? 1 : b.id - a.id)),
  };
}

/** The index: add, replace and remove sheets; query. Compiles lazily after changes. */
export class FacetIndex {
  private sheets = new Map<number, IndexedSheet>();
  private compiled: Compiled | null = null;

  get size(): number {
    return this.sheets.size;
  }

  has(id: number): boolean {
    return this.sheets.has(id);
  }

  get(id: number): IndexedSheet | undefined {
    return this.sheets.get(id);
  }

  upsert(sheet: IndexedSheet): void {
    this.sheets.set(sheet.id, sheet);
    this.compiled = null;
  }

  remove(id: number): void {
    if (this.sheets.delete(id)) this.compiled = null;
  }

  clear(): void {
    this.sheets.clear();
    this.compiled = null;
  }

  all(): IterableIterator<IndexedSheet> {
    return this.sheets.values();
  }

  query(q: FacetQuery): FacetResult {
    if (!this.compiled) this.compiled = compile([...this.sheets.values()].sort((a, b) => a.id - b.id));
    const c = this.compiled;
    const F = FACET_KEYS.length;
    const counted = new Set<FacetKey>(q.count ?? FACET_KEYS.filter((k) => k !== 'organisation'));
    // Per facet number: its arrays, whether it is filtered (and the wanted codes), whether it is counted.
    // A chosen value unknown to the index matches nothing (every sheet fails that facet).
    const offsets: Int32Array[] = [];
    const values: Int32Array[] = [];
    const wanted: (Uint8Array | null)[] = [];
    const counters: (Int32Array | null)[] = [];
    const filtered: number[] = [];
    FACET_KEYS.forEach((f, bit) => {
      offsets.push(c.offsets[f]);
      values.push(c.values[f]);
      const chosen = q.filters[f];
      if (chosen?.length) {
        const w = new Uint8Array(c.dict[f].length);
        for (const v of chosen) {
          const id = c.code[f].get(v);
          if (id !== undefined) w[id] = 1;
        }
        wanted.push(w);
        filtered.push(bit);
      } else wanted.push(null);
      counters.push(counted.has(f) ? new Int32Array(c.dict[f].length) : null);
    });
    const pass = new Uint8Array(c.n);
    let total = 0;

    let candidates: Int32Array | null = null;
    if (q.matches) {
      const list = new Int32Array(q.matches.length);
      let k = 0;
      for (const id of q.matches) {
        const p = id < c.position.length ? c.position[id]! : 0;
        if (p) list[k++] = p - 1;
      }
      candidates = list.subarray(0, k);
    }
    const count = candidates ? candidates.length : c.n;
    for (let k = 0; k < count; k++) {
      const i = candidates ? candidates[k]! : k;
      let failed = -1;
      let failures = 0;
      for (let a = 0; a < filtered.length; a++) {
        const f = filtered[a]!;
        const off = offsets[f]!;
        const vals = values[f]!;
        const w = wanted[f]!;
        let ok = false;
        for (let j = off[i]!, e = off[i + 1]!; j < e; j++) {
          if (w[vals[j]!]) {
            ok = true;
            break;
          }
        }
        if (!ok) {
          failures++;
          failed = f;
          if (failures > 1) break;
        }
      }
      if (failures > 1) continue;
      if (failures === 0) {
        pass[i] = 1;
        total++;
      }
      // A sheet counts for facet f when it passes every other facet.
      for (let f = 0; f < F; f++) {
        const counter = counters[f];
        if (!counter || (failures === 1 && failed !== f)) continue;
        const off = offsets[f]!;
        const vals = values[f]!;
        for (let j = off[i]!, e = off[i + 1]!; j < e; j++) counter[vals[j]!]!++;
      }
    }

    const ids: number[] = [];
    const end = q.offset + q.limit;
    let seen = 0;
    const collect = (i: number) => {
      if (!pass[i]) return false;
      if (seen >= q.offset && seen < end) ids.push(c.ids[i]!);
      seen++;
      return seen >= end;
    };
    if (candidates && q.sort === 'relevance') {
      for (const i of candidates) if (collect(i)) break;
    } else {
      const order = q.sort === 'start' ? c.byStart : q.sort === 'name' ? c.byName : c.byUpdated;
      for (const i of order) if (collect(i)) break;
    }

    const counts = {} as Record<FacetKey, Map<string, number>>;
    FACET_KEYS.forEach((f, bit) => {
      const m = new Map<string, number>();
      const counter = counters[bit];
      if (counter) {
        c.dict[f].forEach((v, id) => {
          if (counter[id]! > 0) m.set(v, counter[id]!);
        });
      }
      for (const v of q.filters[f] ?? []) if (!m.has(v)) m.set(v, 0);
      counts[f] = m;
    });
    return { total, ids, counts };
  }
}
