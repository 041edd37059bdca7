/**
 * Searching the library: the in-memory facet index (facets.ts) kept fresh with the change counter, French text
 * search, snippets and « did you mean » through the platform's SearchIndex, statistics and the map, and the search
 * documents of published use cases. EVERY use of the facet index and of the search index is here (and in
 * facet-index.ts, this service's insides), behind the `LibrarySearch` interface: the other services and the routes
 * know nothing of them (the platform catalogue read-model will replace these two files' insides).
 */
import Type from 'typebox';
import type { Actor } from '../../../platform/auth/authorize.ts';
import type { Db } from '../../../platform/db/database.ts';
import { pageRequest } from '../../../platform/http/pagination.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { SearchIndex, SnippetSegment } from '../../../platform/search/index.ts';
import {
  contentFacets,
  FACET_KEYS,
  FACET_PARAMS,
  type FacetFilters,
  type FacetKey,
  type FacetResult,
  SORT_KEYS,
  type SortKey,
  sortTitle,
} from '../facets.ts';
import type { UseCaseContent } from '../fields.ts';
import { type PresentedUseCase, searchDocument, type UseCaseRecord } from '../model.ts';
import type { Divisions, LibraryOrganisations } from '../ports.ts';
import {
  audiences,
  authorityTypes,
  commonsCategories,
  countries,
  projectStatuses,
  subThemes,
  techniques,
  themes,
} from '../reference.ts';
import type { IndexColumns, LibraryStore } from '../store.ts';
import type { Records } from './context.ts';
import { createFacetIndex, createQueryCaches, SEARCH_KIND } from './facet-index.ts';

export type { FacetFilters, FacetKey, SortKey } from '../facets.ts';
export { FACET_KEYS, FACET_PARAMS, SORT_KEYS, SORT_LABELS } from '../facets.ts';
export { SEARCH_KIND } from './facet-index.ts';

/** Library page bodies kept for visitors who are not signed in. */
const PAGE_CACHE_SIZE = 500;

export interface LibraryQuery {
  q: string;
  filters: FacetFilters;
  sort: SortKey | null;
  page: number;
  perPage: number;
}

export interface FacetCount {
  code: string;
  label: string;
  count: number;
  selected: boolean;
}

export interface LibraryResult {
  /** Each use case with the found words flagged in its title and in a passage of its text (null: nothing to flag). */
  items: { useCase: PresentedUseCase; snippet: SnippetSegment[] | null; title: SnippetSegment[] | null }[];
  total: number;
  page: number;
  perPage: number;
  sort: SortKey;
  facets: Record<FacetKey, FacetCount[]>;
  suggestion: string | null;
}

export interface LibraryStatistics {
  total: number;
  theme: FacetCount[];
  status: FacetCount[];
  technique: FacetCount[];
  commons: FacetCount[];
  authorityType: FacetCount[];
  startYear: FacetCount[];
  country: FacetCount[];
  byState: Record<string, number>;
}

export interface LibraryMap {
  total: number;
  regions: Map<string, number>;
  departements: Map<string, number>;
  divisions: Divisions;
  points: { id: number; title: string; latitude: number; longitude: number; path: string }[];
}

// ---------------------------------------------------------------------------------------------------------------
// The query vocabulary (same parameters for the library page and the API)
// ---------------------------------------------------------------------------------------------------------------

const textOf = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');

function valuesOf(v: unknown): string[] {
  const values = Array.isArray(v) ? v : v == null ? [] : [v];
  return values
    .map((x) => String(x).trim())
    .filter(Boolean)
    .slice(0, 50);
}

/** Reads the library's state from a query string (same parameters for the page and the API). */
export function parseLibraryQuery(query: Record<string, unknown>): LibraryQuery {
  const filters: FacetFilters = {};
  for (const key of FACET_KEYS) {
    const values = valuesOf(query[FACET_PARAMS[key]]);
    if (values.length) filters[key] = values;
  }
  const sortText = textOf(query.tri ?? query.sort);
  const sort = (SORT_KEYS as readonly string[]).includes(sortText) ? (sortText as SortKey) : null;
  const pr = pageRequest(query.page, query.per_page ?? query.par_page, { perPage: 20, max: 100 });
  return { q: textOf(query.q).trim().slice(0, 500), filters, sort, page: pr.page, perPage: pr.perPage };
}

/** The query string of the API's search (OpenAPI): text, one repeated parameter per facet, sort and page. */
export const LibraryQuerySchema = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: 500,
        description: 'Recherche en français (accents, pluriels, « expression », préfixe).',
      }),
    ),
    ...Object.fromEntries(
      FACET_KEYS.map((k) => [
        FACET_PARAMS[k],
        Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
      ]),
    ),
    sort: Type.Optional(Type.String({ enum: [...SORT_KEYS] })),
    page: Type.Optional(Type.Integer({ minimum: 1 })),
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: true },
);

/** The facets shown (and counted) in the API's answer, by parameter name. */
export const API_FACETS = FACET_KEYS.filter((k) => k !== 'organisation');

/** The library filtered on one organisation (its page in the organisations module). */
export const organisationFilterPath = (organisationId: number) =>
  `/bibliotheque?${FACET_PARAMS.organisation}=${organisationId}`;

/** A facet value's link in the library (statistics and map pages). */
export const facetFilterPath = (facet: FacetKey, code: string) =>
  `/bibliotheque?${FACET_PARAMS[facet]}=${encodeURIComponent(code)}`;

/** The sorting and facet columns of a use case's row, derived from its visible content (given to the store). */
export const indexColumns: IndexColumns = (content: UseCaseContent) => ({
  sort_title: sortTitle(content.title),
  facets: JSON.stringify(contentFacets(content)),
});

// ---------------------------------------------------------------------------------------------------------------
// The service
// ---------------------------------------------------------------------------------------------------------------

export interface SearchDeps {
  platform: Platform;
  store: LibraryStore;
  organisations: LibraryOrganisations;
  records: Records;
  index: SearchIndex;
}

export type LibrarySearch = ReturnType<typeof createSearchService>;

export function createSearchService({ platform, store, organisations, records, index: searchIndex }: SearchDeps) {
  const facets = createFacetIndex({ platform, store, organisations });
  const caches = createQueryCaches(searchIndex, platform.db, () => facets.generation());

  async function facetLabels(): Promise<Record<FacetKey, (code: string) => string>> {
    const divisions = await organisations.divisions();
    return {
      theme: (c) => themes.labelOf(c),
      subTheme: (c) => subThemes.labelOf(c),
      status: (c) => projectStatuses.labelOf(c),
      technique: (c) => techniques.labelOf(c),
      commons: (c) => commonsCategories.labelOf(c),
      audience: (c) => audiences.labelOf(c),
      authorityType: (c) => authorityTypes.labelOf(c),
      region: (c) => divisions.regions.get(c) ?? c,
      departement: (c) => (divisions.departements.has(c) ? `${divisions.departements.get(c)} (${c})` : c),
      startYear: (c) => c,
      country: (c) => countries.labelOf(c),
      organisation: (c) => c,
    };
  }

  async function countsOf(result: FacetResult, filters: FacetFilters): Promise<Record<FacetKey, FacetCount[]>> {
    const labels = await facetLabels();
    const out = {} as Record<FacetKey, FacetCount[]>;
    for (const key of FACET_KEYS) {
      const chosen = new Set(filters[key] ?? []);
      const entries = [...result.counts[key]].map(([code, count]) => ({
        code,
        label: labels[key](code),
        count,
        selected: chosen.has(code),
      }));
      out[key] = orderFacet(key, entries);
    }
    return out;
  }

  /** Search documents are built from the anonymous presentation: search can never reveal a restricted value. */
  function documentOf(record: UseCaseRecord) {
    const doc = record.state === 'published' ? searchDocument(record) : null;
    return doc ? { kind: SEARCH_KIND, id: record.id, title: doc.A, body: `${doc.B}\n${doc.C}` } : null;
  }

  /** A page of the library body for visitors who are not signed in, kept until the library changes. */
  const pages = new Map<string, { version: number; html: string }>();

  return {
    /** The library page and the API: presented use cases with snippets, facet counts and a suggestion. */
    async query(actor: Actor, query: LibraryQuery): Promise<LibraryResult> {
      const idx = await facets.ensure();
      const matches = await caches.textMatches(query.q);
      const sort: SortKey = query.sort ?? (matches ? 'relevance' : 'updated');
      const effectiveSort = sort === 'relevance' && !matches ? 'updated' : sort;
      const spec = {
        filters: query.filters,
        matches,
        sort: effectiveSort,
        offset: (query.page - 1) * query.perPage,
        limit: query.perPage,
      };
      const result = caches.facetQuery(`${query.q.trim()}|${JSON.stringify(query.filters)}`, spec, () =>
        idx.query(spec),
      );
      const q = query.q.trim();
      const items = (await records.presentAll(actor, await store.findByIds(result.ids))).map((useCase) => {
        const text = [useCase.content.summary, useCase.content.description].filter(Boolean).join(' — ');
        const segments = q && text ? searchIndex.snippet(text, query.q, 240) : null;
        const title = q && useCase.content.title ? searchIndex.snippet(useCase.content.title, query.q, 400) : null;
        return {
          useCase,
          snippet: segments?.some((s) => s.match) ? segments : null,
          title: title?.some((s) => s.match) ? title : null,
        };
      });
      const suggestion = q && result.total < 3 ? await caches.suggest(query.q) : null;
      return {
        items,
        total: result.total,
        page: query.page,
        perPage: query.perPage,
        sort,
        facets: await countsOf(result, query.filters),
        suggestion,
      };
    },

    /** The published use cases counted by facet, and every use case by workflow state. */
    async statistics(): Promise<LibraryStatistics> {
      const idx = await facets.ensure();
      const result = idx.query({ filters: {}, matches: null, sort: 'updated', offset: 0, limit: 0 });
      const counts = await countsOf(result, {});
      return {
        total: result.total,
        theme: counts.theme,
        status: counts.status,
        technique: counts.technique,
        commons: counts.commons,
        authorityType: counts.authorityType,
        startYear: counts.startYear.sort((a, b) => (a.code < b.code ? -1 : 1)),
        country: counts.country,
        byState: await store.countByState(),
      };
    },

    /** Published use cases by région and département, and those with their own point. */
    async mapData(filters: FacetFilters = {}): Promise<LibraryMap> {
      const idx = await facets.ensure();
      const result = idx.query({ filters, matches: null, sort: 'name', offset: 0, limit: 0 });
      const divisions = await organisations.divisions();
      const points: LibraryMap['points'] = [];
      for (const r of await store.findByIds(idx.withPoints(5000))) {
        const point = idx.pointOf(r.id);
        if (point) {
          points.push({
            id: r.id,
            title: r.content.title ?? '',
            latitude: point[0],
            longitude: point[1],
            path: `/bibliotheque/${r.id}`,
          });
        }
      }
      return {
        total: result.total,
        regions: result.counts.region,
        departements: result.counts.departement,
        divisions,
        points,
      };
    },

    /** Published use cases close to this one (its page). */
    similar(useCaseId: number, limit: number): Promise<number[]> {
      return searchIndex.similar(SEARCH_KIND, useCaseId, limit);
    },

    /** Keeps the search index in step with a use case's public state, in the caller's transaction. */
    async index(record: UseCaseRecord, trx: Db): Promise<void> {
      const doc = documentOf(record);
      if (doc) await searchIndex.withDb(trx).upsert(doc);
      else await searchIndex.withDb(trx).remove(SEARCH_KIND, record.id);
    },

    /** `index` for many use cases (imports, demo content), in the caller's transaction. */
    async indexMany(list: readonly UseCaseRecord[], trx: Db): Promise<void> {
      const search = searchIndex.withDb(trx);
      const docs = [];
      for (const record of list) {
        const doc = documentOf(record);
        if (doc) docs.push(doc);
        else await search.remove(SEARCH_KIND, record.id);
      }
      await search.upsertMany(docs);
    },

    /** Rebuilds the search index of every published use case (after an analyser change, or to repair). */
    async rebuild(log: (line: string) => void = () => {}): Promise<number> {
      await searchIndex.clear(SEARCH_KIND);
      let count = 0;
      let after = 0;
      for (;;) {
        const rows = await store.publishedAfter(after, 1000);
        if (!rows.length) break;
        const docs = (await records.records(rows)).map(documentOf).filter((d) => !!d);
        count += await searchIndex.upsertMany(docs);
        after = rows[rows.length - 1]!.id;
      }
      log(`Index de recherche de la bibliothèque : ${count} fiches indexées.`);
      return count;
    },

    /**
     * A page body that is the same for every visitor who is not signed in (the library page for one address): built
     * once, then kept until the library changes.
     */
    async forVisitors(key: string, build: () => Promise<string> | string): Promise<string> {
      await facets.ensure();
      const hit = pages.get(key);
      if (hit && hit.version === facets.generation()) return hit.html;
      const version = facets.generation();
      const html = await build();
      if (pages.size >= PAGE_CACHE_SIZE) pages.delete(pages.keys().next().value!);
      pages.set(key, { version, html });
      return html;
    },

    /** Builds the facet index in the background (server start), so that the first visitor does not wait for it. */
    warm: facets.warm,
    /** Waits for the background work; nothing new starts afterwards. Call before closing the database. */
    close: facets.close,
    /** The version of the facet index (changes with every visible change of the library). */
    version: facets.generation,
    /** Called by the store whenever this process numbers a change: the next read looks at the counter. */
    noteLocalWrite: facets.noteLocalWrite,
  };
}

/** Facet values in display order: reference lists in their order, places by name, years newest first. */
function orderFacet(key: FacetKey, entries: FacetCount[]): FacetCount[] {
  const listOrder: Partial<Record<FacetKey, readonly string[]>> = {
    theme: themes.codes,
    subTheme: subThemes.codes,
    status: projectStatuses.codes,
    technique: techniques.codes,
    commons: commonsCategories.codes,
    audience: audiences.codes,
    authorityType: authorityTypes.codes,
  };
  const order = listOrder[key];
  if (order) return entries.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
  if (key === 'startYear') return entries.sort((a, b) => (a.code < b.code ? 1 : -1));
  return entries.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
}
