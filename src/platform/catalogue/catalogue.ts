/**
 * The catalogue read-model: anything people search and filter (use cases, authorities, commons, challenges,
 * initiatives) as one in-memory facet index kept fresh from the database, plus text search, sorting, paging, facet
 * counts with labels, « did you mean » and snippets. A module describes its entity once (`CatalogueEntity`) and
 * asks `catalogue.search(query)`; its store keeps writing rows as usual and numbers each change with a change
 * counter (its own table, or `settingsCounter`), calling `catalogue.touched()` when it does.
 *
 * Freshness across server instances: every query looks at the change counter first (one cheap read; queries
 * arriving together share it) and applies the rows changed since, so a change committed through one instance is
 * visible through every other one at once. On SQLite (one server process; other processes are commands such as an
 * import) a look is trusted for 250 ms unless this process wrote since; on PostgreSQL it is not trusted at all.
 */
import type { Dialect } from '../db/index.ts';
import type { SearchQuery, SnippetSegment, TextMemory } from '../search/index.ts';
import { FacetIndex, type Filters, type IndexResult, type SortSpec } from './facet-index.ts';
import { bestFirst, CACHE_ENTRIES, type Found, FoundCache, rankedPage } from './found.ts';
import { highlight, type TextSearch } from './text.ts';

/**
 * How long a look at the change counter is trusted. PostgreSQL (several server instances behind a load balancer):
 * not at all, every request looks (requests arriving together share one look). SQLite: one server process, whose
 * own writes are seen at once; writes of other processes within this delay.
 */
export const COUNTER_TRUST_MS: Record<Dialect, number> = { sqlite: 250, postgres: 0 };

/** How long a « did you mean » is reused while the catalogue changes (see `suggest`). */
export const SUGGESTION_REUSE_MS = 10_000;

export type Version = number | string;

/** French order of labels: `localeCompare(…, 'fr')` without building a collator for each comparison. */
const FRENCH = new Intl.Collator('fr');

/** How a catalogue reads its rows (the module's store). Rows in every state: `isPublic` says which are shown. */
export interface CatalogueReader<Row> {
  /** The change counter: a cheap read; an equal value means nothing changed. */
  version(): Promise<Version>;
  /** Every row, a page at a time by id (full load). */
  rowsAfter(afterId: number, limit: number): Promise<readonly Row[]>;
  /**
   * The rows changed between two versions, a page at a time by id (applying a row twice changes nothing), or null
   * when only a full load can tell. Without it, every change reloads everything.
   */
  changesSince?(from: Version, to: Version, afterId: number, limit: number): Promise<readonly Row[] | null>;
}

export interface FacetSpec<Row> {
  /** The row's values of this facet (several: the row is found by any of them). */
  values(row: Row): readonly string[];
  /** Counted in results (default true); false: the facet only filters. */
  counted?: boolean;
  /** Display order: a reference list's codes, codes descending (years), or by count then label (default). */
  order?: readonly string[] | 'code-desc' | 'count';
}

/** What a module says about the entity it catalogues. */
export interface CatalogueEntity<Row, K extends string, S extends string> {
  /** Short English name, for messages (« use_case », « organisation »). */
  kind: string;
  id(row: Row): number;
  /** Whether the row is shown (default: every row). Rows that stop being public leave the index. */
  isPublic?(row: Row): boolean;
  facets: { readonly [F in K]: FacetSpec<Row> };
  sorts: { readonly [O in S]: SortSpec<Row> };
  /** The order without a text query (and with one when none was asked for and relevance is not possible). */
  defaultSort: S;
  group?(row: Row): number;
  point?(row: Row): readonly [number, number] | null;
  /** The text kept per row for `memoryText` search. */
  searchText?(row: Row): string;
  /** Text search (indexedText or memoryText); without it, `q` is ignored. */
  search?: TextSearch<S>;
  reader: CatalogueReader<Row>;
  /** Called with each page of public rows before they are indexed (e.g. to fetch related data facets read). */
  beforeApply?(rows: readonly Row[]): Promise<void>;
  /** Labels of facet values (reference lists, places); a value without a label shows its code. */
  labels?(): Promise<{ [F in K]?: (code: string) => string }>;
  /** Background work run at most every `everyMs` after a query (e.g. follow facets owned by another module). */
  refresh?: { everyMs: number; run(index: FacetIndex<Row, K, S>): Promise<boolean> };
  /** Fewer results than this with a text query: « did you mean » is looked for (default 3). */
  suggestBelow?: number;
}

export interface CatalogueQuery<K extends string, S extends string> {
  q: string;
  filters: Filters<K>;
  /** null: relevance with a text query, the default order without. */
  sort: S | 'relevance' | null;
  /** From 1. */
  page: number;
  perPage: number;
  /** Rows to skip, when the caller pages by offset (default: (page - 1) × perPage). */
  offset?: number;
  /** Facets to count (default: those not marked `counted: false`). */
  count?: readonly K[];
  /** When the text finds nothing and « did you mean » has a suggestion that finds rows, search that instead. */
  correct?: boolean;
}

export interface FacetCount {
  code: string;
  label: string;
  count: number;
  selected: boolean;
}

export interface CatalogueResult<K extends string, S extends string> {
  /** Ids of the page, in order (the module loads and presents them). */
  ids: number[];
  /** The group of each id of the page as the index holds it (`entity.group`; null without): to read related data
   * (e.g. the organisations) while the rows load. */
  groups: (number | null)[];
  total: number;
  page: number;
  perPage: number;
  /** The order asked for (or defaulted to): relevance stays relevance even when the text found nothing to rank. */
  sort: S | 'relevance';
  /** Whether a text query restricted the rows. */
  matched: boolean;
  facets: Record<K, FacetCount[]>;
  counts: Record<K, Map<string, number>>;
  suggestion: string | null;
  /** The text searched: `q`, or the suggestion when `correct` was asked and the text found nothing. */
  searched: string;
  /** The text asked for when the suggestion was searched instead (`correct`), else null. */
  correctedFrom: string | null;
}

/**
 * Reads what the rows of a page need (the module's store, the data of their groups). `search` starts it as soon as
 * the page is known, before counting the facets: on PostgreSQL the database reads while the catalogue counts.
 */
export type PageReader<T> = (page: { ids: number[]; groups: (number | null)[]; q: string }) => Promise<T>;

export interface Catalogue<Row, K extends string, S extends string> {
  readonly entity: CatalogueEntity<Row, K, S>;
  search(query: CatalogueQuery<K, S>): Promise<CatalogueResult<K, S>>;
  /**
   * The same, with what `read` read for the page found. When `correct` searches the suggestion instead, `read` runs
   * again for the suggestion's page, and the result holds that.
   */
  search<T>(query: CatalogueQuery<K, S>, read: PageReader<T>): Promise<CatalogueResult<K, S> & { read: T }>;
  /** Counts of a result (or of `index().query`) labelled and in display order. */
  facets(counts: Record<K, Map<string, number>>, filters: Filters<K>): Promise<Record<K, FacetCount[]>>;
  /** The index, up to date with every change committed before the call (statistics, maps, exports). */
  index(): Promise<FacetIndex<Row, K, S>>;
  /** Ids matching a text query, best first (null: nothing to search), cached until the catalogue changes. */
  matches(q: string): Promise<Int32Array | null>;
  suggest(q: string): Promise<string | null>;
  similar(id: number, limit: number): Promise<number[]>;
  /** The best passage of `text` with the words of `q` flagged, or null (empty query, nothing found). */
  snippet(text: string | null | undefined, q: string | SearchQuery, maxLength: number): SnippetSegment[] | null;
  /** `q` as the text search runs it (synonyms included): analyse once, then flag many snippets with it. */
  prepareText(q: string): Promise<string | SearchQuery>;
  /** This process wrote a change: the next query looks at the counter, trusted or not. */
  touched(): void;
  /** Changes whenever what the index answers changes (caches of pages may follow it). */
  generation(): number;
  /** Builds the index in the background (server start), so that the first visitor does not wait for it. */
  warm(): void;
  /** Waits for the background work; nothing new starts afterwards. Call before closing the database. */
  close(): Promise<void>;
}

export interface CatalogueOptions {
  dialect: Dialect;
  /** Overrides COUNTER_TRUST_MS[dialect]. */
  trustMs?: number;
  /** A monotonic clock in milliseconds (freshness is elapsed time, not the time of day): performance.now. */
  monotonic?: () => number;
  /** Rows per page of a full load and of a change read. */
  pageSize?: number;
  /** Background failures (default: console.error). */
  onError?: (what: string, error: unknown) => void;
}

export function createCatalogue<Row, K extends string, S extends string>(
  entity: CatalogueEntity<Row, K, S>,
  options: CatalogueOptions,
): Catalogue<Row, K, S> {
  const facetKeys = Object.keys(entity.facets) as K[];
  const countedByDefault = facetKeys.filter((k) => entity.facets[k].counted !== false);
  const isPublic = entity.isPublic ?? (() => true);
  const shape = {
    id: entity.id,
    facets: Object.fromEntries(facetKeys.map((k) => [k, entity.facets[k].values])) as {
      [F in K]: (row: Row) => readonly string[];
    },
    sorts: entity.sorts,
    defaultSort: entity.defaultSort,
    group: entity.group,
    point: entity.point,
    text: entity.searchText,
  };
  const trustMs = options.trustMs ?? COUNTER_TRUST_MS[options.dialect];
  const clock = options.monotonic ?? (() => performance.now());
  const pageSize = options.pageSize ?? 1000;
  const onError =
    options.onError ??
    ((what: string, error: unknown) => console.error(`Catalogue ${entity.kind} : ${what} a échoué`, error));

  let index = new FacetIndex<Row, K, S>(shape);
  /** The text search held in memory for the rows of `index` (built and swapped with it), when the search has one. */
  let memory: TextMemory | null = entity.search?.memory?.() ?? null;
  /** The version the index reflects (null: not loaded yet). */
  let indexVersion: Version | null = null;
  let generation = 0;
  let loading: { number: number; promise: Promise<void> } | null = null;
  let loadsStarted = 0;
  /** When the last load looked at the counter, and whether this process wrote since. */
  let lookedAt = 0;
  let localWrite = false;
  let refreshedAt = 0;
  /** The text search's own version (synonyms): a change changes what the same text finds. */
  let textVersion: number | null = null;

  // -- background work -----------------------------------------------------------------------------------------
  const tasks = new Set<Promise<unknown>>();
  let closed = false;

  function background(what: string, work: () => Promise<unknown>): void {
    if (closed) return;
    const task: Promise<unknown> = work().then(
      () => tasks.delete(task),
      (error) => {
        tasks.delete(task);
        if (!closed) onError(what, error);
      },
    );
    tasks.add(task);
  }

  // -- loading -------------------------------------------------------------------------------------------------
  async function apply(target: FacetIndex<Row, K, S>, targetMemory: TextMemory | null, rows: readonly Row[]) {
    const shown = rows.filter((r) => isPublic(r));
    if (entity.beforeApply && shown.length) await entity.beforeApply(shown);
    const hidden = rows.filter((r) => !isPublic(r)).map((r) => entity.id(r));
    for (const r of shown) target.upsert(r);
    for (const id of hidden) target.remove(id);
    await targetMemory?.apply(
      shown.map((r) => entity.id(r)),
      hidden,
    );
  }

  /** Applies the changes between two versions; false when the reader can only tell by a full load. */
  async function applyChanges(from: Version, to: Version): Promise<boolean> {
    if (!entity.reader.changesSince) return false;
    let afterId = 0;
    for (;;) {
      const rows = await entity.reader.changesSince(from, to, afterId, pageSize * 5);
      if (!rows) {
        if (afterId === 0) return false;
        throw new Error(`lecture des changements interrompue (${entity.kind})`);
      }
      if (!rows.length) return true;
      afterId = entity.id(rows[rows.length - 1]!);
      await apply(index, memory, rows);
    }
  }

  /** Builds a whole new index, then puts it in place (queries meanwhile wait for the load). */
  async function fullLoad(): Promise<void> {
    const fresh = new FacetIndex<Row, K, S>(shape);
    const freshMemory = entity.search?.memory?.() ?? null;
    let afterId = 0;
    for (;;) {
      const rows = await entity.reader.rowsAfter(afterId, pageSize);
      if (!rows.length) break;
      afterId = entity.id(rows[rows.length - 1]!);
      await apply(fresh, freshMemory, rows);
      // SQLite reads block the thread: let waiting requests through between pages of a long load.
      if (rows.length >= 500) await new Promise((resolve) => setImmediate(resolve));
    }
    fresh.prepare();
    index = fresh;
    memory = freshMemory;
    refreshedAt = clock();
  }

  /**
   * Brings the index up to the change counter. Commit order is counter order, so once the counter reads V every
   * change up to V is visible; rows changed after V may be read too and are read again next time.
   */
  async function load(): Promise<void> {
    localWrite = false;
    lookedAt = clock();
    // Both versions read at once (one wait instead of two on PostgreSQL).
    const [version, text] = await Promise.all([entity.reader.version(), entity.search?.version?.()]);
    if (text !== undefined && text !== textVersion) {
      textVersion = text;
      generation++;
    }
    if (version === indexVersion) return;
    if (indexVersion === null || !(await applyChanges(indexVersion, version))) await fullLoad();
    indexVersion = version;
    generation++;
  }

  async function ensure(): Promise<FacetIndex<Row, K, S>> {
    // Loads are numbered; a load started after this call began sees every change committed before it.
    const arrival = loadsStarted;
    const trusted = trustMs > 0 && indexVersion !== null && !loading && !localWrite && clock() - lookedAt < trustMs;
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
    const refresh = entity.refresh;
    if (refresh && !closed && clock() - refreshedAt > refresh.everyMs) {
      refreshedAt = clock();
      const target = index;
      background('la mise à jour en arrière-plan', async () => {
        if ((await refresh.run(target)) && target === index) generation++;
      });
    }
    return index;
  }

  // -- text ----------------------------------------------------------------------------------------------------
  const texts = new FoundCache<Row, K, S>(entity.search);
  // `memory` is the one built with the current index (both are swapped at once).
  const matchesIn = (idx: FacetIndex<Row, K, S>, q: string) => texts.get(idx, q, generation, memory);

  /**
   * The index brought up to date and the rows `q` finds. With a text memory, a text not searched yet is compiled (its
   * prefixes read from the vocabulary) while the index looks at the change counter: on PostgreSQL two round trips at
   * once instead of one after the other.
   */
  async function indexAndMatches(q: string): Promise<[FacetIndex<Row, K, S>, Found | null]> {
    if (memory && q.trim() && !texts.has(q, generation)) {
      const [idx, node] = await Promise.all([ensure(), memory.compile(q)]);
      return [idx, await texts.get(idx, q, generation, memory, node)];
    }
    const idx = await ensure();
    return [idx, await matchesIn(idx, q)];
  }

  /**
   * « Did you mean », kept per text until the catalogue changes, and at least `SUGGESTION_REUSE_MS` whatever changes
   * meanwhile: finding near words scans the vocabulary (on PostgreSQL, while an import brought 100,000 sheets: 30 ms
   * on average, up to 114 ms), and an import shows new sheets four times a second. A suggestion a few seconds older
   * than the newest sheets is still a good one; the sheets found are always the current ones.
   */
  const suggestions = new Map<string, { generation: number; at: number; value: string | null }>();
  async function suggest(q: string): Promise<string | null> {
    const key = q.trim();
    if (!key || !entity.search?.suggest) return null;
    const hit = suggestions.get(key);
    if (hit && (hit.generation === generation || clock() - hit.at < SUGGESTION_REUSE_MS)) return hit.value;
    const at = generation;
    const value = await entity.search.suggest(q);
    suggestions.delete(key);
    if (suggestions.size >= CACHE_ENTRIES) suggestions.delete(suggestions.keys().next().value!);
    suggestions.set(key, { generation: at, at: clock(), value });
    return value;
  }

  // -- facets --------------------------------------------------------------------------------------------------
  const facets = (counts: Record<K, Map<string, number>>, filters: Filters<K>) =>
    labelledFacets(entity, facetKeys, counts, filters);

  // -- queries -------------------------------------------------------------------------------------------------
  const queryCache = new Map<string, IndexResult<K>>();

  async function search<T>(
    query: CatalogueQuery<K, S>,
    read?: PageReader<T>,
  ): Promise<CatalogueResult<K, S> & { read?: T }> {
    const [idx, matched] = await indexAndMatches(query.q);
    const sort: S | 'relevance' = query.sort ?? (matched ? 'relevance' : entity.defaultSort);
    const effective = sort === 'relevance' && !matched ? entity.defaultSort : sort;
    const perPage = query.perPage;
    // Ranked by the engine: the index counts and filters, then the engine ranks only the page among the rows kept.
    const ranked = !!matched?.best && effective === 'relevance';
    const spec = {
      filters: query.filters,
      matches: matched?.ids ?? null,
      sort: effective,
      offset: query.offset ?? (query.page - 1) * perPage,
      limit: ranked ? 0 : perPage,
      count: query.count ?? countedByDefault,
      passing: ranked,
    };
    // The same query gives the same ids and counts until the catalogue changes (whoever asks).
    const cacheKey = `${generation}|${query.q.trim()}|${JSON.stringify(query.filters)}|${effective}|${spec.offset}|${perPage}|${query.count?.join(',') ?? ''}`;
    const at = generation;
    let result = queryCache.get(cacheKey);
    const selected = result ? null : idx.select(spec);
    const ids =
      result?.ids ??
      (ranked && matched?.best ? await rankedPage(matched, selected!.passing!, spec.offset, perPage) : selected!.ids);
    const groups = ids.map((id) => idx.groupOf(id));
    // The page's rows are read (the query sent: the event loop turns once) while the facets are counted.
    const reading = read ? read({ ids, groups, q: query.q }) : null;
    if (reading) {
      reading.catch(() => {});
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!result) {
      result = { total: selected!.total, ids, counts: selected!.counts() };
      if (queryCache.size >= CACHE_ENTRIES) queryCache.delete(queryCache.keys().next().value!);
      if (at === generation) queryCache.set(cacheKey, result);
    }
    const suggestion =
      query.q.trim() && entity.search?.suggest && result.total < (entity.suggestBelow ?? 3)
        ? await suggest(query.q)
        : null;
    if (query.correct && result.total === 0 && suggestion && suggestion !== query.q) {
      const instead = await search({ ...query, q: suggestion, correct: false }, read);
      if (instead.total > 0) return { ...instead, correctedFrom: query.q };
    }
    return {
      ids: result.ids,
      groups,
      total: result.total,
      page: query.page,
      perPage,
      sort,
      matched: !!matched,
      facets: await facets(result.counts, query.filters),
      counts: result.counts,
      suggestion,
      searched: query.q,
      correctedFrom: null,
      ...(reading ? { read: await reading } : {}),
    };
  }

  return {
    entity,
    // `read` is in the result exactly when a reader was given (the interface's two forms).
    search: search as Catalogue<Row, K, S>['search'],
    facets,
    index: ensure,
    async matches(q) {
      const matched = await matchesIn(await ensure(), q);
      return matched && (await bestFirst(matched));
    },
    suggest,
    async similar(id, limit) {
      return entity.search?.similar ? entity.search.similar(id, limit) : [];
    },
    snippet: highlight,
    async prepareText(q) {
      return q.trim() && entity.search?.prepare ? entity.search.prepare(q) : q;
    },
    touched() {
      localWrite = true;
    },
    generation: () => generation,
    warm() {
      background('la construction de l’index', ensure);
    },
    async close() {
      closed = true;
      while (tasks.size || loading) {
        await Promise.allSettled([...tasks, ...(loading ? [loading.promise] : [])]);
      }
    },
  };
}

/** Counts labelled (the entity's labels, else the code) and in each facet's display order. */
async function labelledFacets<Row, K extends string, S extends string>(
  entity: CatalogueEntity<Row, K, S>,
  facetKeys: readonly K[],
  counts: Record<K, Map<string, number>>,
  filters: Filters<K>,
): Promise<Record<K, FacetCount[]>> {
  const labels = (await entity.labels?.()) ?? {};
  const out = {} as Record<K, FacetCount[]>;
  for (const key of facetKeys) {
    const label = (labels as Partial<Record<K, (code: string) => string>>)[key] ?? ((c: string) => c);
    const chosen = new Set(filters[key] ?? []);
    const entries = [...counts[key]].map(([code, count]) => ({
      code,
      label: label(code),
      count,
      selected: chosen.has(code),
    }));
    const order = entity.facets[key].order ?? 'count';
    if (Array.isArray(order)) entries.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
    else if (order === 'code-desc') entries.sort((a, b) => (a.code < b.code ? 1 : -1));
    else entries.sort((a, b) => b.count - a.count || FRENCH.compare(a.label, b.label));
    out[key] = entries;
  }
  return out;
}
