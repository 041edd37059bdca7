/**
 * Searching the library: the use cases as a catalogue of the platform's read-model (search-catalogue.ts: facets,
 * orders, freshness through the change counter, French text search, « did you mean », snippets), statistics and the
 * map, and the search documents of published use cases. EVERY use of the catalogue and of the search index is here,
 * behind the `LibrarySearch` interface: the other services and the routes know nothing of them.
 */

import Type from 'typebox';
import type { Actor } from '../../../platform/auth/authorize.ts';
import { createByteCache } from '../../../platform/byte-cache.ts';
import { type FacetCount, indexedText } from '../../../platform/catalogue/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import { placeOf } from '../../../platform/geo/places.ts';
import { pageRequest } from '../../../platform/http/pagination.ts';
import type { Platform } from '../../../platform/platform.ts';
import type {
  AnalysedDocument,
  SearchIndex,
  SnippetSegment,
  VocabularyChanges,
} from '../../../platform/search/index.ts';
import { type PresentedUseCase, searchDocument, type UseCaseRecord } from '../model.ts';
import type { Divisions, LibraryEthics, LibraryOrganisations } from '../ports.ts';
import type { LibraryStore } from '../store.ts';
import type { Records } from './context.ts';
import {
  createUseCaseCatalogue,
  FACET_KEYS,
  FACET_PARAMS,
  type FacetFilters,
  type FacetKey,
  type OrderKey,
  SEARCH_KIND,
  SORT_KEYS,
  type SortKey,
} from './search-catalogue.ts';

export type { FacetCount } from '../../../platform/catalogue/index.ts';
export type { FacetFilters, FacetKey, SortKey } from './search-catalogue.ts';
export {
  FACET_KEYS,
  FACET_PARAMS,
  indexColumns,
  SEARCH_KIND,
  SORT_KEYS,
  SORT_LABELS,
} from './search-catalogue.ts';

/**
 * Library page bodies kept for visitors who are not signed in: bounded in bytes (a page of 100 sheets weighs several
 * hundred kilobytes as a string), whatever the number of distinct queries visitors make up.
 */
export const VISITOR_PAGES_MAX_BYTES = 24 * 1024 * 1024;

export interface LibraryQuery {
  q: string;
  filters: FacetFilters;
  sort: SortKey | null;
  page: number;
  perPage: number;
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
  /** The text found nothing and its suggested spelling was searched instead (`correct`): both texts, else null. */
  corrected: { from: string; to: string } | null;
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
  /** Authorities with published use cases, placed by placeOf (platform/geo) when they have no point of their own. */
  authorities: { id: number; name: string; count: number; latitude: number; longitude: number; basis: string }[];
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

/** One key per distinct query as the page reads it: the same page for `?q=eau&junk=1` and `?junk=2&q=eau`. */
export function libraryQueryKey(query: LibraryQuery): string {
  // Values keep their order: the page shows the chosen filters in the order they were given.
  const filters = FACET_KEYS.filter((k) => query.filters[k]?.length).map((k) => [k, query.filters[k]]);
  return JSON.stringify([query.q, filters, query.sort, query.page, query.perPage]);
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

// ---------------------------------------------------------------------------------------------------------------
// The service
// ---------------------------------------------------------------------------------------------------------------

export interface SearchDeps {
  platform: Platform;
  store: LibraryStore;
  organisations: LibraryOrganisations;
  /** Responsible AI (the « notice publiée » and « auto-évaluation réalisée » facets); absent: none. */
  ethics?: LibraryEthics;
  records: Records;
  index: SearchIndex;
}

export type LibrarySearch = ReturnType<typeof createSearchService>;

export function createSearchService({
  platform,
  store,
  organisations,
  ethics,
  records,
  index: searchIndex,
}: SearchDeps) {
  const catalogue = createUseCaseCatalogue(
    { store, organisations, ethics, search: indexedText<OrderKey>(searchIndex, SEARCH_KIND) },
    {
      dialect: platform.dialect,
      // Responsible AI's publications (notice, assessment) do not touch this process's library counter: with its
      // port, every query looks at both versions (as on PostgreSQL), so a publication shows at the next query.
      ...(ethics ? { trustMs: 0 } : {}),
      monotonic: () => platform.clock.millis(),
      onError: (what, error) => console.error(`Bibliothèque : ${what} a échoué`, error),
    },
  );

  /** Search documents are built from the anonymous presentation: search can never reveal a restricted value. */
  function documentOf(record: UseCaseRecord) {
    const doc = record.state === 'published' ? searchDocument(record) : null;
    return doc ? { kind: SEARCH_KIND, id: record.id, title: doc.A, body: `${doc.B}\n${doc.C}` } : null;
  }

  /** A page of the library body for visitors who are not signed in, kept until the library changes. */
  const pages = createByteCache<{ version: number; html: string }>({
    maxBytes: VISITOR_PAGES_MAX_BYTES,
    sizeOf: (entry) => entry.html.length * 2 + 16,
  });

  return {
    /**
     * The library page and the API: presented use cases with snippets, facet counts and a suggestion. With
     * `correct` (the page), a text that finds nothing is replaced by its suggested spelling when that finds sheets.
     */
    async query(actor: Actor, query: LibraryQuery, options: { correct?: boolean } = {}): Promise<LibraryResult> {
      // The rows and the text analysed once (synonyms included) for every snippet of the page, read at once (one
      // wait instead of two on PostgreSQL) while the catalogue counts the facets; their organisations as the index
      // knows them (read with the rows it holds, followed every minute like the facets they give: no statement).
      // Passages are computed when read (the page reads them; the API does not).
      const result = await catalogue.search(
        {
          q: query.q,
          filters: query.filters,
          sort: query.sort,
          page: query.page,
          perPage: query.perPage,
          correct: options.correct,
        },
        (page) =>
          Promise.all([
            store.findByIds(page.ids),
            catalogue.prepareText(page.q),
            catalogue.knownOrganisations(page.groups.filter((g): g is number => g !== null)),
          ]),
      );
      const [rows, searched, known] = result.read;
      const items = (await records.presentAll(actor, rows, false, known)).map((useCase) => ({
        useCase,
        get snippet() {
          const text = [useCase.content.summary, useCase.content.description].filter(Boolean).join(' — ');
          return catalogue.snippet(text, searched, 240);
        },
        get title() {
          return catalogue.snippet(useCase.content.title, searched, 400);
        },
      }));
      return {
        items,
        total: result.total,
        page: query.page,
        perPage: query.perPage,
        sort: result.sort,
        facets: result.facets,
        suggestion: result.suggestion,
        corrected: result.correctedFrom === null ? null : { from: result.correctedFrom, to: result.searched },
      };
    },

    /** The published use cases counted by facet, and every use case by workflow state. */
    async statistics(): Promise<LibraryStatistics> {
      const idx = await catalogue.index();
      const result = idx.query({ filters: {}, matches: null, sort: 'updated', offset: 0, limit: 0, count: API_FACETS });
      const counts = await catalogue.facets(result.counts, {});
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
      const idx = await catalogue.index();
      const result = idx.query({ filters, matches: null, sort: 'name', offset: 0, limit: 0, count: FACET_KEYS });
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
      const counts = result.counts.organisation;
      const summaries = await organisations.summaries([...counts.keys()].map(Number));
      const authorities: LibraryMap['authorities'] = [];
      for (const [id, count] of counts) {
        const o = summaries.get(Number(id));
        const place =
          o &&
          (o.latitude != null && o.longitude != null
            ? { latitude: o.latitude, longitude: o.longitude, basis: 'collectivité' }
            : placeOf(o));
        if (o && place) authorities.push({ id: o.id, name: o.name, count, ...place });
      }
      return {
        total: result.total,
        regions: result.counts.region,
        departements: result.counts.departement,
        divisions,
        points,
        authorities,
      };
    },

    /** Published use cases close to this one (its page). */
    similar(useCaseId: number, limit: number): Promise<number[]> {
      return catalogue.similar(useCaseId, limit);
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

    /**
     * The search document of a use case about to be written, analysed ahead of its transaction (imports: the
     * analysis is most of the cost of indexing); null when it must not be indexed. `indexPrepared` writes it.
     */
    prepareDocument(record: UseCaseRecord): AnalysedDocument | null {
      const doc = documentOf(record);
      return doc ? searchIndex.analyse(doc) : null;
    },

    /**
     * `indexMany` of prepared documents (their ids set by the caller), in the caller's transaction. With
     * `vocabulary`, the vocabulary changes are gathered there, for `applyVocabulary` in a later transaction.
     */
    async indexPrepared(
      entries: readonly { id: number; document: AnalysedDocument | null }[],
      trx: Db,
      vocabulary?: VocabularyChanges,
    ): Promise<void> {
      const search = searchIndex.withDb(trx);
      const docs: AnalysedDocument[] = [];
      for (const e of entries) {
        if (e.document) docs.push({ ...e.document, id: e.id });
        else await search.remove(SEARCH_KIND, e.id);
      }
      await search.upsertMany(docs, vocabulary ? { vocabulary } : {});
    },

    /** Applies vocabulary changes gathered by `indexPrepared`, in the caller's transaction. */
    applyVocabulary(changes: VocabularyChanges, trx: Db): Promise<void> {
      return searchIndex.withDb(trx).applyVocabulary(changes);
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
     * A page body that is the same for every visitor who is not signed in (the library page for one query): built
     * once, then kept until the library changes. The key is the normalised query (parameters the page does not read
     * are not part of it), and the cache is bounded in bytes.
     */
    async forVisitors(query: LibraryQuery, build: () => Promise<string> | string): Promise<string> {
      await catalogue.index();
      const key = libraryQueryKey(query);
      const hit = pages.get(key);
      if (hit && hit.version === catalogue.generation()) return hit.html;
      const version = catalogue.generation();
      const html = await build();
      pages.set(key, { version, html });
      return html;
    },

    /** What the visitors' page cache holds (bytes, entries, budget): read by the tests and the benchmark. */
    visitorPages: () => ({ bytes: pages.bytes, entries: pages.size, maxBytes: pages.maxBytes }),

    /** Builds the facet index in the background (server start), so that the first visitor does not wait for it. */
    warm: catalogue.warm,
    /** Waits for the background work; nothing new starts afterwards. Call before closing the database. */
    close: catalogue.close,
    /** The version of the facet index (changes with every visible change of the library). */
    version: catalogue.generation,
    /** Called by the store whenever this process numbers a change: the next read looks at the counter. */
    noteLocalWrite: catalogue.touched,
  };
}
