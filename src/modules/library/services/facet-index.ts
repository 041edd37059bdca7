/**
 * The insides of the search service (search.ts): the in-memory facet index (facets.ts) kept fresh with the library's
 * change counter, and the caches of text matches, suggestions and facet results, valid for one generation of the
 * index. Only search.ts uses this file.
 *
 * Freshness: PostgreSQL (several server instances behind a load balancer): every request looks at the counter
 * (requests arriving together share one look), so a change made through one instance is visible through every other
 * one at once. SQLite: one server process (the other processes are commands such as an import), whose own writes are
 * seen at once; writes of other processes within COUNTER_TRUST_MS (on the clock).
 */
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { SearchIndex } from '../../../platform/search/index.ts';
import { type ContentFacets, FacetIndex, type FacetResult, indexedSheet, type SortKey } from '../facets.ts';
import type { OrganisationSummary } from '../model.ts';
import type { LibraryOrganisations } from '../ports.ts';
import type { IndexRow, LibraryStore } from '../store.ts';
import { unknownOrganisation } from './context.ts';

/** Kind of the library's documents in the search index. */
export const SEARCH_KIND = 'use_case';
/**
 * How often the facet index looks again at the organisations of its use cases (type, région, département and
 * country are facets; organisations change rarely and outside the library's change counter).
 */
const ORGANISATIONS_REFRESH_MS = 60_000;
/** How long a look at the change counter is trusted (see the file's comment). */
const COUNTER_TRUST_MS: Record<Platform['dialect'], number> = { sqlite: 250, postgres: 0 };
/** Text searches whose matching ids are kept (by query text) until the library changes. */
const MATCH_CACHE_IDS = 1_000_000;

// ---------------------------------------------------------------------------------------------------------------
// The facet index, kept fresh with the change counter
// ---------------------------------------------------------------------------------------------------------------

type OrganisationFacets = Pick<OrganisationSummary, 'type' | 'regionCode' | 'departementCode' | 'country'>;
const sameOrganisationFacets = (a: OrganisationFacets, b: OrganisationFacets) =>
  a.type === b.type &&
  (a.regionCode ?? null) === (b.regionCode ?? null) &&
  (a.departementCode ?? null) === (b.departementCode ?? null) &&
  a.country === b.country;

export function createFacetIndex({
  platform,
  store,
  organisations,
}: {
  platform: Platform;
  store: LibraryStore;
  organisations: LibraryOrganisations;
}) {
  const { clock } = platform;
  const index = new FacetIndex();
  /** The change counter the index reflects (-1: not loaded yet). */
  let indexSeq = -1;
  /** Changes whenever what the index answers changes (caches of results and pages follow it). */
  let generation = 0;
  let loading: { number: number; promise: Promise<void> } | null = null;
  let loadsStarted = 0;
  /** When the last load looked at the counter, and whether this process wrote since. */
  let lookedAt = 0;
  let localWrite = false;
  const trustMs = COUNTER_TRUST_MS[platform.dialect];
  /** Facet values of the organisations of indexed use cases. */
  const organisationFacets = new Map<number, OrganisationSummary>();
  let organisationsCheckedAt = 0;

  /** Work started without a caller waiting for it (warm-up, organisation refresh): awaited by `close`. */
  const tasks = new Set<Promise<unknown>>();
  let closed = false;

  function background(name: string, work: () => Promise<unknown>): void {
    if (closed) return;
    const task: Promise<unknown> = work().then(
      () => tasks.delete(task),
      (error) => {
        tasks.delete(task);
        if (!closed) console.error(`Bibliothèque : ${name} a échoué`, error);
      },
    );
    tasks.add(task);
  }

  async function organisationsOf(rows: readonly IndexRow[]): Promise<void> {
    const missing = [...new Set(rows.map((r) => r.organisationId))].filter((id) => !organisationFacets.has(id));
    if (!missing.length) return;
    const found = await organisations.summaries(missing);
    for (const id of missing) organisationFacets.set(id, found.get(id) ?? unknownOrganisation(id));
  }

  function apply(rows: readonly IndexRow[]): void {
    for (const r of rows) {
      if (r.state !== 'published') {
        index.remove(r.id);
        continue;
      }
      index.upsert(
        indexedSheet({
          id: r.id,
          organisationId: r.organisationId,
          facets: JSON.parse(r.facets) as ContentFacets,
          organisation: organisationFacets.get(r.organisationId) ?? unknownOrganisation(r.organisationId),
          sortTitle: r.sortTitle,
          updatedAt: r.updatedAt,
          startDate: r.startDate,
        }),
      );
    }
  }

  /**
   * Brings the index up to the change counter. Commit order is counter order (the counter's row is locked until
   * commit), so once the counter reads S every change up to S is visible; rows changed after S may be read too and
   * are read again next time (applying a row twice changes nothing).
   */
  async function load(): Promise<void> {
    localWrite = false;
    lookedAt = clock.millis();
    const seq = await store.currentSeq();
    if (seq === indexSeq) return;
    const full = indexSeq < 0;
    // A full load starts from nothing (a previous one may have failed half-way).
    if (full) index.clear();
    let afterId = 0;
    for (;;) {
      const rows = full ? await store.indexRowsAfter(afterId, 1000) : await store.indexChanges(indexSeq, afterId);
      if (!rows.length) break;
      afterId = rows[rows.length - 1]!.id;
      await organisationsOf(rows.filter((r) => r.state === 'published'));
      apply(rows);
      // SQLite reads block the thread: let waiting requests through between pages of a long load.
      if (rows.length >= 500) await new Promise((resolve) => setImmediate(resolve));
    }
    if (full) {
      index.prepare();
      organisationsCheckedAt = clock.millis();
    }
    indexSeq = seq;
    generation++;
  }

  /** Organisations whose type or place changed since they were read: their use cases follow. */
  async function refreshOrganisations(): Promise<void> {
    organisationsCheckedAt = clock.millis();
    const ids = [...organisationFacets.keys()];
    const found = await organisations.summaries(ids);
    let changed = 0;
    for (const id of ids) {
      const current = found.get(id) ?? unknownOrganisation(id);
      const before = organisationFacets.get(id);
      organisationFacets.set(id, current);
      if (before && !sameOrganisationFacets(before, current)) changed += index.setOrganisation(id, current);
    }
    if (changed) generation++;
  }

  /**
   * The facet index, up to date with every change committed before the call (by this instance or another one
   * sharing the database; see COUNTER_TRUST_MS): one look at the change counter, then the changed rows if any.
   * One load at a time.
   */
  async function ensure(): Promise<FacetIndex> {
    // Loads are numbered; a load started after this call began sees every change committed before it.
    const arrival = loadsStarted;
    const trusted = trustMs > 0 && indexSeq >= 0 && !loading && !localWrite && clock.millis() - lookedAt < trustMs;
    while (!trusted) {
      if (loading) {
        const current = loading;
        await current.promise;
        if (current.number > arrival) break;
        continue;
      }
      const number = ++loadsStarted;
      const promise = load().finally(() => {
        if (loading?.number === number) loading = null;
      });
      loading = { number, promise };
      await promise;
      break;
    }
    if (!closed && clock.millis() - organisationsCheckedAt > ORGANISATIONS_REFRESH_MS) {
      organisationsCheckedAt = clock.millis();
      background('la mise à jour des organisations de l’index', refreshOrganisations);
    }
    return index;
  }

  return {
    ensure,
    generation: () => generation,
    noteLocalWrite: () => {
      localWrite = true;
    },
    warm(): void {
      background('la construction de l’index des facettes', ensure);
    },
    async close(): Promise<void> {
      closed = true;
      while (tasks.size || loading) {
        await Promise.allSettled([...tasks, ...(loading ? [loading.promise] : [])]);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Caches of text matches, suggestions and facet results (valid for one generation of the index)
// ---------------------------------------------------------------------------------------------------------------

export function createQueryCaches(searchIndex: SearchIndex, db: Db, generation: () => number) {
  /**
   * Ids of the published use cases matching a text query, best first. Kept per query until the library changes: a
   * person refining facets repeats the same text query.
   */
  const matchCache = new Map<string, { generation: number; ids: Int32Array | null }>();
  let matchCacheIds = 0;
  /** « Did you mean », kept per text until the library changes (finding near words scans the vocabulary). */
  const suggestions = new Map<string, { generation: number; value: string | null }>();
  /** The same filters give the same ids and counts until the library changes (whoever asks). */
  const results = new Map<string, FacetResult>();

  return {
    async textMatches(q: string): Promise<Int32Array | null> {
      const key = q.trim();
      if (!key) return null;
      const hit = matchCache.get(key);
      if (hit && hit.generation === generation()) return hit.ids;
      const at = generation();
      const m = await searchIndex.matchSql(SEARCH_KIND, q);
      const ids = m
        ? Int32Array.from(
            (await sql<{ doc_id: number }>`select doc_id from ${m} as m order by rank, doc_id`.execute(db)).rows,
            (r) => Number(r.doc_id),
          )
        : null;
      if (hit) {
        matchCache.delete(key);
        matchCacheIds -= hit.ids?.length ?? 0;
      }
      // The oldest searches make room (the cache holds at most MATCH_CACHE_IDS ids, about 4 MB).
      for (const [k, v] of matchCache) {
        if (matchCacheIds + (ids?.length ?? 0) <= MATCH_CACHE_IDS && matchCache.size < 256) break;
        matchCache.delete(k);
        matchCacheIds -= v.ids?.length ?? 0;
      }
      matchCache.set(key, { generation: at, ids });
      matchCacheIds += ids?.length ?? 0;
      return ids;
    },

    async suggest(q: string): Promise<string | null> {
      const key = q.trim();
      const hit = suggestions.get(key);
      if (hit && hit.generation === generation()) return hit.value;
      const at = generation();
      const value = await searchIndex.suggest(SEARCH_KIND, q);
      suggestions.delete(key);
      if (suggestions.size >= 256) suggestions.delete(suggestions.keys().next().value!);
      suggestions.set(key, { generation: at, value });
      return value;
    },

    facetQuery(
      what: string,
      spec: { sort: SortKey; offset: number; limit: number },
      run: () => FacetResult,
    ): FacetResult {
      const key = `${generation()}|${what}|${spec.sort}|${spec.offset}|${spec.limit}`;
      let result = results.get(key);
      if (!result) {
        result = run();
        if (results.size >= 256) results.delete(results.keys().next().value!);
        results.set(key, result);
      }
      return result;
    },
  };
}
