/**
 * The library's use cases: writing sheets and moving them through review, reading them (always through the
 * presenter), searching with facets, history, error reports, statistics, map, open-data exports, imports and
 * per-authority API tokens. Every act: validate -> authorise (policy.ts) -> one transaction -> present.
 */
import { type Kysely, sql } from 'kysely';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import { now } from '../../platform/db/index.ts';
import { ConflictError, forbidden, HttpError, notFound, ValidationError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { SearchIndex, SnippetSegment } from '../../platform/search/index.ts';
import {
  contentFacets,
  FACET_KEYS,
  FACET_PARAMS,
  type FacetFilters,
  FacetIndex,
  type FacetKey,
  type FacetResult,
  indexedSheet,
  type SortKey,
  sortTitle,
} from './facets.ts';
import { type ContentKey, openDataFieldDocumentation, PUBLIC_FIELDS } from './fields.ts';
import { exportAts } from './formats/ats.ts';
import { exportInterconnectes, parseInterconnectes } from './formats/interconnectes.ts';
import { parsePstw } from './formats/pstw.ts';
import {
  ANONYMOUS,
  accessFor,
  availableActions,
  cleanText,
  diffContents,
  displayValue,
  type FieldErrors,
  type ImportIssue,
  type ImportParseResult,
  isEmail,
  type OrganisationSummary,
  type PresentedUseCase,
  present,
  presentContent,
  readContentPatch,
  searchDocument,
  slugify,
  statusLabel,
  transition,
  type UseCaseContent,
  type UseCaseRecord,
  validateContent,
  viewerOf,
  WORKFLOW_ACTION_LABELS,
  type WorkflowAction,
  withDefaults,
  workflowRoles,
} from './model.ts';
import type { LibraryOrganisations } from './organisations-port.ts';
import {
  canHandleReports,
  canImport,
  canManageTokens,
  canReview,
  canWriteFor,
  writableOrganisations,
} from './policy.ts';
import {
  audiences,
  authorityTypes,
  commonsCategories,
  countries,
  projectStatuses,
  subThemes,
  techniques,
  themes,
} from './reference.ts';
import { demoRecords } from './seed.ts';
import { createLibraryStore, type IndexRow, type UseCaseRow } from './store.ts';

/** Kind of the library's documents in the search index. */
export const SEARCH_KIND = 'use_case';
/** Job type that sends the library's mail (enqueued in the same transaction as the act). */
export const MAIL_JOB = 'library.mail';

export const REPORT_MESSAGE_MIN = 10;
export const REPORT_MESSAGE_MAX = 5000;
/**
 * How often the facet index looks again at the organisations of its sheets (type, région, département and country
 * are facets; organisations change rarely and outside the library's change counter).
 */
const ORGANISATIONS_REFRESH_MS = 60_000;
/**
 * How long a look at the change counter is trusted. PostgreSQL (several server instances behind a load balancer):
 * not at all, every request looks (requests arriving together share one look), so a change made through one
 * instance is visible through every other one at once. SQLite: one server process (the other processes are
 * commands such as an import), whose own writes are seen at once; writes of other processes within this delay.
 */
const COUNTER_TRUST_MS: Record<Platform['dialect'], number> = { sqlite: 250, postgres: 0 };
/** Text searches whose matching ids are kept (by query text) until the library changes. */
const MATCH_CACHE_IDS = 1_000_000;

export interface LibraryDeps {
  organisations: LibraryOrganisations;
  search: SearchIndex;
}

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
  /** Each sheet with the found words flagged in its title and in a passage of its text (null: nothing to flag). */
  items: { sheet: PresentedUseCase; snippet: SnippetSegment[] | null; title: SnippetSegment[] | null }[];
  total: number;
  page: number;
  perPage: number;
  sort: SortKey;
  facets: Record<FacetKey, FacetCount[]>;
  suggestion: string | null;
}

export interface ImportReport {
  format: 'interconnectes' | 'pstw';
  variant: string;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  organisationsCreated: number;
  organisationsMatched: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  ms: number;
}

export type ExportFormat = 'interconnectes' | 'json' | 'xlsx' | 'ats';

export interface ExportFile {
  filename: string;
  contentType: string;
  body: string | Buffer;
  count: number;
}

const LICENCE = {
  name: 'Licence Ouverte / Open Licence version 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
};

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const today = () => now().slice(0, 10);

export function createLibraryService(platform: Platform, deps: LibraryDeps) {
  const { db, audit, jobs } = platform;
  const store = createLibraryStore(db as any, platform.clock, {
    onWrite: () => {
      localWrite = true;
    },
    indexColumns: (content) => ({
      sort_title: sortTitle(content.title),
      facets: JSON.stringify(contentFacets(content)),
    }),
  });
  const baseUrl = platform.config.baseUrl.replace(/\/$/, '');
  const orgs = deps.organisations;

  // -- helpers ---------------------------------------------------------------------------------------------------

  const sheetPath = (s: { id: number; slug: string }) => `/bibliotheque/${s.id}-${s.slug}`;
  const sheetUrl = (s: { id: number; slug: string }) => `${baseUrl}${sheetPath(s)}`;

  function mail(to: string | string[], subject: string, lines: string[], trx: Kysely<any>) {
    const list = (Array.isArray(to) ? to : [to]).filter(Boolean);
    if (!list.length) return Promise.resolve();
    return jobs.enqueue(MAIL_JOB, { to: [...new Set(list)], subject, text: lines.join('\n') }, {}, trx);
  }

  function unknownOrganisation(id: number): OrganisationSummary {
    return { id, name: 'Organisation inconnue', type: null, siren: null, siret: null, country: 'FR' };
  }

  /** The stored row as a record: `working` gives editors the pending revision instead of the published content. */
  function recordOf(row: UseCaseRow, org: OrganisationSummary, working = false): UseCaseRecord {
    return {
      id: row.id,
      slug: row.slug,
      organisationId: row.organisationId,
      organisation: org,
      state: row.state,
      revision: row.revision,
      version: row.version,
      content: working && row.draftContent ? row.draftContent : row.content,
      externalKey: row.externalKey,
      createdAt: row.createdAt,
      updatedAt: row.contentUpdatedAt ?? row.updatedAt,
      publishedAt: row.publishedAt,
      archivedAt: row.archivedAt,
      archiveReason: row.archiveReason,
    };
  }

  async function records(rows: UseCaseRow[], working = false): Promise<UseCaseRecord[]> {
    const summaries = await orgs.summaries(rows.map((r) => r.organisationId));
    return rows.map((r) =>
      recordOf(r, summaries.get(r.organisationId) ?? unknownOrganisation(r.organisationId), working),
    );
  }

  async function rowOrThrow(id: number, trx?: Kysely<any>): Promise<UseCaseRow> {
    const row = await store.findById(id, trx);
    if (!row) throw notFound("Cette fiche n'existe pas (ou plus).");
    return row;
  }

  async function uniqueSlug(title: string | null, trx: Kysely<any>, taken?: Set<string>): Promise<string> {
    const base = slugify(title ?? 'fiche', 70);
    const used = taken ?? (await store.slugsLike(base, trx));
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    return slug;
  }

  function searchDoc(record: UseCaseRecord) {
    const doc = searchDocument(record);
    return doc ? { kind: SEARCH_KIND, id: record.id, title: doc.A, body: `${doc.B}\n${doc.C}` } : null;
  }

  /** Keeps the search index in step with a sheet's public state (in the caller's transaction). */
  async function reindex(row: UseCaseRow, org: OrganisationSummary, trx: Kysely<any>) {
    const search = deps.search.withDb(trx);
    const doc = row.state === 'published' ? searchDoc(recordOf(row, org)) : null;
    if (doc) await search.upsert(doc);
    else await search.remove(SEARCH_KIND, row.id);
  }

  // -- background work ---------------------------------------------------------------------------------------------

  /** Work started without a caller waiting for it (index warm-up, organisation refresh): awaited by `close`. */
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

  // -- facet index -------------------------------------------------------------------------------------------------

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
  /** Facet values of the organisations of indexed sheets. */
  const organisationFacets = new Map<number, OrganisationSummary>();
  let organisationsCheckedAt = 0;

  type OrganisationFacets = Pick<OrganisationSummary, 'type' | 'regionCode' | 'departementCode' | 'country'>;
  const sameOrganisationFacets = (a: OrganisationFacets, b: OrganisationFacets) =>
    a.type === b.type &&
    (a.regionCode ?? null) === (b.regionCode ?? null) &&
    (a.departementCode ?? null) === (b.departementCode ?? null) &&
    a.country === b.country;

  async function organisationsOf(rows: readonly IndexRow[]): Promise<void> {
    const missing = [...new Set(rows.map((r) => r.organisationId))].filter((id) => !organisationFacets.has(id));
    if (!missing.length) return;
    const found = await orgs.summaries(missing);
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
          facets: JSON.parse(r.facets),
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
    lookedAt = Date.now();
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
      organisationsCheckedAt = Date.now();
    }
    indexSeq = seq;
    generation++;
  }

  /** Organisations whose type or place changed since they were read: their sheets follow. */
  async function refreshOrganisations(): Promise<void> {
    organisationsCheckedAt = Date.now();
    const ids = [...organisationFacets.keys()];
    const found = await orgs.summaries(ids);
    let changed = 0;
    for (const id of ids) {
      const now = found.get(id) ?? unknownOrganisation(id);
      const before = organisationFacets.get(id);
      organisationFacets.set(id, now);
      if (before && !sameOrganisationFacets(before, now)) changed += index.setOrganisation(id, now);
    }
    if (changed) generation++;
  }

  /**
   * The facet index, up to date with every change committed before the call (by this instance or another one
   * sharing the database; see COUNTER_TRUST_MS): one look at the change counter, then the changed rows if any.
   * One load at a time.
   */
  async function ensureIndex(): Promise<FacetIndex> {
    // Loads are numbered; a load started after this call began sees every change committed before it.
    const arrival = loadsStarted;
    const trusted = trustMs > 0 && indexSeq >= 0 && !loading && !localWrite && Date.now() - lookedAt < trustMs;
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
    if (!closed && Date.now() - organisationsCheckedAt > ORGANISATIONS_REFRESH_MS) {
      organisationsCheckedAt = Date.now();
      background('la mise à jour des organisations de l’index', refreshOrganisations);
    }
    return index;
  }

  /** Builds the facet index in the background (server start), so that the first visitor does not wait for it. */
  function warm(): void {
    background('la construction de l’index des facettes', ensureIndex);
  }

  /** Waits for the background work; nothing new starts afterwards. Call before closing the database. */
  async function close(): Promise<void> {
    closed = true;
    while (tasks.size || loading) {
      await Promise.allSettled([...tasks, ...(loading ? [loading.promise] : [])]);
    }
  }

  async function facetLabels(): Promise<Record<FacetKey, (code: string) => string>> {
    const divisions = await orgs.divisions();
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

  // -- search ------------------------------------------------------------------------------------------------------

  /**
   * Ids of the published sheets matching a text query, best first. Kept per query until the library changes: a
   * person refining facets repeats the same text query.
   */
  const matchCache = new Map<string, { generation: number; ids: Int32Array | null }>();
  let matchCacheIds = 0;
  const queryCache = new Map<string, FacetResult>();
  async function textMatches(q: string): Promise<Int32Array | null> {
    const key = q.trim();
    if (!key) return null;
    const hit = matchCache.get(key);
    if (hit && hit.generation === generation) return hit.ids;
    const at = generation;
    const m = await deps.search.matchSql(SEARCH_KIND, q);
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
  }

  /** « Did you mean », kept per text until the library changes (finding near words scans the vocabulary). */
  const suggestions = new Map<string, { generation: number; value: string | null }>();
  async function suggest(q: string): Promise<string | null> {
    const key = q.trim();
    const hit = suggestions.get(key);
    if (hit && hit.generation === generation) return hit.value;
    const at = generation;
    const value = await deps.search.suggest(SEARCH_KIND, q);
    suggestions.delete(key);
    if (suggestions.size >= 256) suggestions.delete(suggestions.keys().next().value!);
    suggestions.set(key, { generation: at, value });
    return value;
  }

  async function searchLibrary(user: CurrentUser | null, query: LibraryQuery): Promise<LibraryResult> {
    const viewer = viewerOf(user);
    const idx = await ensureIndex();
    const matches = await textMatches(query.q);
    const sort: SortKey = query.sort ?? (matches ? 'relevance' : 'updated');
    const effectiveSort = sort === 'relevance' && !matches ? 'updated' : sort;
    const perPage = query.perPage;
    const spec = {
      filters: query.filters,
      matches,
      sort: effectiveSort,
      offset: (query.page - 1) * perPage,
      limit: perPage,
    };
    // The same filters give the same ids and counts until the library changes (whoever asks).
    const cacheKey = `${generation}|${query.q.trim()}|${JSON.stringify(query.filters)}|${effectiveSort}|${spec.offset}|${perPage}`;
    let result = queryCache.get(cacheKey);
    if (!result) {
      result = idx.query(spec);
      if (queryCache.size >= 256) queryCache.delete(queryCache.keys().next().value!);
      queryCache.set(cacheKey, result);
    }
    const rows = await store.findByIds(result.ids);
    const recs = await records(rows);
    const items = recs
      .map((r) => present(r, viewer))
      .filter((p): p is PresentedUseCase => !!p)
      .map((sheet) => {
        const text = [sheet.content.summary, sheet.content.description].filter(Boolean).join(' — ');
        const segments = query.q.trim() && text ? deps.search.snippet(text, query.q, 240) : null;
        const title =
          query.q.trim() && sheet.content.title ? deps.search.snippet(sheet.content.title, query.q, 400) : null;
        return {
          sheet,
          snippet: segments?.some((s) => s.match) ? segments : null,
          title: title?.some((s) => s.match) ? title : null,
        };
      });
    const labels = await facetLabels();
    const facets = {} as Record<FacetKey, FacetCount[]>;
    for (const key of FACET_KEYS) {
      const chosen = new Set(query.filters[key] ?? []);
      const entries = [...result.counts[key]].map(([code, count]) => ({
        code,
        label: labels[key](code),
        count,
        selected: chosen.has(code),
      }));
      facets[key] = orderFacet(key, entries);
    }
    const suggestion = query.q.trim() && result.total < 3 ? await suggest(query.q) : null;
    return { items, total: result.total, page: query.page, perPage, sort, facets, suggestion };
  }

  // -- writing -------------------------------------------------------------------------------------------------------

  /** Validates only what the patch touches (imported legacy values elsewhere never block a save). */
  function patchErrors(next: UseCaseContent, patch: Partial<UseCaseContent>): FieldErrors {
    const all = validateContent(next, { complete: false });
    const keys = new Set(Object.keys(patch));
    const out: FieldErrors = {};
    for (const [k, v] of Object.entries(all) as [ContentKey, string][]) if (keys.has(k)) out[k] = v;
    return out;
  }

  function stateError(code: string, message: string): HttpError {
    return new HttpError(409, code, message);
  }

  async function presentFor(user: CurrentUser | null, row: UseCaseRow, working = false) {
    const [record] = await records([row], working);
    return present(record!, viewerOf(user));
  }

  // Recipients are read before a transaction opens: on SQLite a read outside the transaction would wait for it.

  const signature = ['', '—', 'Bibliothèque IA des territoires', baseUrl];

  async function create(user: CurrentUser | null, organisationId: number, initial: Record<string, unknown> = {}) {
    if (!user) throw forbidden('Connectez-vous pour rédiger une fiche.');
    if (!Number.isSafeInteger(organisationId) || !canWriteFor(user, organisationId)) {
      throw forbidden('Seuls les membres de la collectivité rédigent ses fiches.');
    }
    const summary = (await orgs.summaries([organisationId])).get(organisationId);
    if (!summary) throw notFound("Cette collectivité n'existe pas (ou plus).");
    const { values, errors } = readContentPatch(initial);
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const content = withDefaults({ ...values, language: 'fr', infoUpdatedOn: today() });
    const formatErrors = patchErrors(content, values);
    if (Object.keys(formatErrors).length) throw new ValidationError(formatErrors);
    const id = await db.transaction().execute(async (trx) => {
      const slug = await uniqueSlug(content.title, trx);
      const newId = await store.insert(
        { slug, organisationId, state: 'draft', content, externalKey: null, createdBy: user.id },
        trx,
      );
      await store.insertEvent({ useCaseId: newId, actorUserId: user.id, event: 'created' }, trx);
      await audit.record(
        {
          actorUserId: user.id,
          action: 'use_case.created',
          subjectType: 'use_case',
          subjectId: newId,
          details: { organisationId, title: content.title },
        },
        trx,
      );
      return newId;
    });
    return (await store.findById(id))!;
  }

  /**
   * A draft sheet created by another module on behalf of an authority (an AI-census response becoming a sheet).
   * The caller has authorised the act; the draft then follows the normal review workflow.
   */
  async function createDraft(input: {
    organisationId: number;
    content: Partial<UseCaseContent>;
    actorUserId: number | null;
    source: string;
  }): Promise<{ id: number; url: string }> {
    const summary = (await orgs.summaries([input.organisationId])).get(input.organisationId);
    if (!summary) throw notFound("Cette collectivité n'existe pas (ou plus).");
    const content = withDefaults({ ...input.content, language: 'fr', infoUpdatedOn: today() });
    const members = await orgs.memberEmails(input.organisationId);
    const id = await db.transaction().execute(async (trx) => {
      const slug = await uniqueSlug(content.title, trx);
      const newId = await store.insert(
        {
          slug,
          organisationId: input.organisationId,
          state: 'draft',
          content,
          externalKey: null,
          createdBy: input.actorUserId,
        },
        trx,
      );
      await store.insertEvent(
        {
          useCaseId: newId,
          actorUserId: input.actorUserId,
          event: 'created',
          comment: `Créée à partir de : ${input.source}`,
        },
        trx,
      );
      await audit.record(
        {
          actorUserId: input.actorUserId,
          action: 'use_case.created',
          subjectType: 'use_case',
          subjectId: newId,
          details: { organisationId: input.organisationId, title: content.title, source: input.source },
        },
        trx,
      );
      await mail(
        members,
        `Nouveau brouillon de fiche : ${content.title ?? 'Sans titre'}`,
        [
          'Bonjour,',
          '',
          `Un brouillon de fiche a été préparé pour ${summary.name} à partir de : ${input.source}.`,
          'Relisez-le, complétez-le puis soumettez-le pour publication :',
          `${baseUrl}/bibliotheque/${newId}-${slug}/verifier`,
          ...signature,
        ],
        trx,
      );
      return { id: newId, slug };
    });
    return { id: id.id, url: `${baseUrl}/bibliotheque/${id.id}-${id.slug}` };
  }

  /**
   * Saves content (a form step, an autosave, an API patch) on the version the writer started from. Editing a
   * published sheet writes its revision; the published version stays visible until the revision is published.
   */
  async function save(user: CurrentUser | null, id: number, version: number, patch: Partial<UseCaseContent>) {
    if (!user) throw forbidden('Connectez-vous pour modifier une fiche.');
    const row = await rowOrThrow(id);
    const roles = workflowRoles(viewerOf(user), row.organisationId);
    if (!roles.length) throw forbidden('Seuls les membres de la collectivité modifient ses fiches.');
    const t = transition({ state: row.state, revision: row.revision }, 'save', roles);
    if (!t.ok) {
      throw stateError(
        'invalid_state',
        row.state === 'submitted' || row.revision === 'submitted'
          ? 'La fiche est en relecture : retirez-la de la relecture pour la modifier.'
          : `Cette fiche ne peut pas être modifiée (${statusLabel(row).toLowerCase()}).`,
      );
    }
    if (version !== row.version) {
      throw new ConflictError(
        'Quelqu’un a modifié cette fiche pendant que vous la modifiiez. Comparez avec la version enregistrée.',
        await presentFor(user, row, true),
      );
    }
    const working = row.state === 'published' ? (row.draftContent ?? row.content) : row.content;
    const next = withDefaults({ ...working, ...patch, infoUpdatedOn: today() });
    const errors = patchErrors(next, patch);
    if (Object.keys(errors).length) throw new ValidationError(errors);
    return db.transaction().execute(async (trx) => {
      const changes =
        row.state === 'published'
          ? { draftContent: next, revision: t.next.revision, updatedBy: user.id }
          : { content: next, updatedBy: user.id };
      const newVersion = await store.update(row.id, row.version, changes, trx);
      if (newVersion === null) {
        throw new ConflictError('Quelqu’un a modifié cette fiche en même temps que vous. Rechargez la page.');
      }
      if (t.event === 'revision_started') {
        await store.insertEvent({ useCaseId: row.id, actorUserId: user.id, event: 'revision_started' }, trx);
      }
      return { version: newVersion };
    });
  }

  /** Applies a workflow action (submit, withdraw, request changes, publish, discard revision, archive, restore). */
  async function act(
    user: CurrentUser | null,
    id: number,
    action: WorkflowAction,
    input: { version?: number | null; comment?: string | null; reason?: string | null } = {},
  ) {
    if (!user) throw forbidden('Connectez-vous pour agir sur une fiche.');
    if (action === 'save') throw stateError('invalid_action', 'Action inconnue.');
    const row = await rowOrThrow(id);
    const viewer = viewerOf(user);
    const roles = workflowRoles(viewer, row.organisationId);
    const t = transition({ state: row.state, revision: row.revision }, action, roles, input);
    if (!t.ok) {
      if (t.code === 'forbidden') throw forbidden(t.message);
      if (t.code === 'comment_required') throw new ValidationError({ comment: t.message });
      if (t.code === 'reason_required') throw new ValidationError({ reason: t.message });
      throw stateError('invalid_transition', t.message);
    }
    if (input.version != null && input.version !== row.version) {
      throw new ConflictError(
        'La fiche a changé depuis que vous l’avez ouverte. Vérifiez la version enregistrée avant de recommencer.',
        await presentFor(user, row, true),
      );
    }
    const working = row.draftContent ?? row.content;
    if (action === 'submit') {
      const errors = validateContent(working, { complete: true });
      if (Object.keys(errors).length) {
        throw new ValidationError(
          errors,
          'La fiche est incomplète : complétez les informations signalées avant de la soumettre.',
        );
      }
    }
    const comment = cleanText(input.comment);
    const reason = cleanText(input.reason);
    const summary =
      (await orgs.summaries([row.organisationId])).get(row.organisationId) ?? unknownOrganisation(row.organisationId);
    const at = now();
    const title = working.title ?? 'Sans titre';
    const link = sheetUrl(row);
    const recipients =
      action === 'submit'
        ? await orgs.coordinatorEmails()
        : ['request_changes', 'publish', 'archive', 'restore'].includes(action)
          ? await orgs.memberEmails(row.organisationId)
          : [];

    await db.transaction().execute(async (trx) => {
      const changes: Parameters<typeof store.update>[2] = {
        state: t.next.state,
        revision: t.next.revision,
        updatedBy: user.id,
      };
      if (action === 'submit') changes.submittedAt = at;
      if (action === 'publish') {
        changes.content = working;
        changes.draftContent = null;
        changes.publishedAt = row.publishedAt ?? at;
        changes.contentUpdatedAt = at;
      }
      if (action === 'discard_revision') changes.draftContent = null;
      if (action === 'archive') {
        changes.draftContent = null;
        changes.archivedAt = at;
        changes.archiveReason = reason;
      }
      if (action === 'restore') {
        changes.archivedAt = null;
        changes.archiveReason = null;
        changes.contentUpdatedAt = at;
      }
      const newVersion = await store.update(row.id, row.version, changes, trx);
      if (newVersion === null) throw new ConflictError('La fiche vient de changer. Rechargez la page et recommencez.');
      const after = (await store.findById(row.id, trx))!;
      if (action === 'publish') {
        await store.insertVersion({ useCaseId: row.id, content: working, publishedBy: user.id, publishedAt: at }, trx);
      }
      await reindex(after, summary, trx);
      await store.insertEvent(
        { useCaseId: row.id, actorUserId: user.id, event: t.event, comment: comment ?? reason },
        trx,
      );
      await audit.record(
        {
          actorUserId: user.id,
          action: `use_case.${t.event}`,
          subjectType: 'use_case',
          subjectId: row.id,
          details: { organisationId: row.organisationId, title, ...(reason ? { reason } : {}) },
        },
        trx,
      );
      // Tell the people concerned.
      if (action === 'submit') {
        await mail(
          recipients,
          t.event === 'revision_submitted' ? `Révision à relire : ${title}` : `Fiche à relire : ${title}`,
          [
            'Bonjour,',
            '',
            `${summary.name} ${t.event === 'revision_submitted' ? 'propose une révision de' : 'soumet'} la fiche « ${title} » pour relecture.`,
            '',
            `${baseUrl}/coordination/fiches`,
            ...signature,
          ],
          trx,
        );
      } else if (action === 'request_changes') {
        await mail(
          recipients,
          `Modifications demandées : ${title}`,
          [
            'Bonjour,',
            '',
            `Les coordinateurs du réseau demandent des modifications sur la fiche « ${title} » :`,
            '',
            comment!.replace(/^/gm, '> '),
            '',
            `${baseUrl}/bibliotheque/${row.id}-${row.slug}/verifier`,
            ...signature,
          ],
          trx,
        );
      } else if (action === 'publish') {
        await mail(
          recipients,
          `Fiche publiée : ${title}`,
          [
            'Bonjour,',
            '',
            t.event === 'revision_published'
              ? `La révision de la fiche « ${title} » est publiée.`
              : `La fiche « ${title} » est publiée dans la bibliothèque.`,
            '',
            link,
            ...signature,
          ],
          trx,
        );
      } else if (action === 'archive' || action === 'restore') {
        await mail(
          recipients,
          action === 'archive' ? `Fiche archivée : ${title}` : `Fiche republiée : ${title}`,
          [
            'Bonjour,',
            '',
            action === 'archive'
              ? `La fiche « ${title} » a été archivée. Raison : ${reason}`
              : `La fiche « ${title} » est de nouveau publiée.`,
            '',
            link,
            ...signature,
          ],
          trx,
        );
      }
      return newVersion;
    });
    return (await store.findById(row.id))!;
  }

  // -- reading -------------------------------------------------------------------------------------------------------

  async function sheetPage(user: CurrentUser | null, id: number) {
    const row = await rowOrThrow(id);
    const viewer = viewerOf(user);
    const [record] = await records([row]);
    const sheet = present(record!, viewer);
    if (!sheet) throw notFound("Cette fiche n'existe pas (ou plus).");
    const access = accessFor(viewer, row.organisationId);
    const roles = workflowRoles(viewer, row.organisationId);
    const working =
      row.draftContent && access === 'editors' ? present(recordOf(row, record!.organisation, true), viewer) : null;
    const [similarIds, versions, events, reports] = await Promise.all([
      row.state === 'published' ? deps.search.similar(SEARCH_KIND, row.id, 5) : Promise.resolve([]),
      store.versions(row.id),
      access === 'editors' ? store.events(row.id, 50) : Promise.resolve([]),
      canHandleReports(user, row.organisationId)
        ? store.reports({ useCaseId: row.id, status: 'open' })
        : Promise.resolve([]),
    ]);
    const similarRows = await store.findByIds(similarIds);
    const similar = (await records(similarRows))
      .map((r) => present(r, viewer))
      .filter((p): p is PresentedUseCase => !!p);
    const people = await orgs.userEmails(events.map((e) => e.actorUserId).filter((x): x is number => x !== null));
    return {
      sheet,
      working,
      actions: availableActions({ state: row.state, revision: row.revision }, roles),
      similar,
      versions,
      events: events.map((e) => ({
        ...e,
        actor: e.actorUserId ? people.get(e.actorUserId)?.name || people.get(e.actorUserId)?.email || null : null,
      })),
      openReports: reports,
      path: sheetPath(row),
    };
  }

  /**
   * One sheet as the viewer may see it (404 otherwise). `working`: for the authority's editors, the pending
   * revision instead of the published content.
   */
  async function get(user: CurrentUser | null, id: number, options: { working?: boolean } = {}) {
    const row = await rowOrThrow(id);
    const viewer = viewerOf(user);
    const working = !!options.working && workflowRoles(viewer, row.organisationId).length > 0;
    const [record] = await records([row], working);
    const sheet = present(record!, viewer);
    if (!sheet) throw notFound("Cette fiche n'existe pas (ou plus).");
    return sheet;
  }

  /** The working copy for the form (editors only): the revision of a published sheet, else its content. */
  async function editable(user: CurrentUser | null, id: number) {
    const row = await rowOrThrow(id);
    const roles = workflowRoles(viewerOf(user), row.organisationId);
    if (!roles.length) throw forbidden('Seuls les membres de la collectivité modifient ses fiches.');
    const [record] = await records([row], true);
    return {
      row,
      sheet: present(record!, viewerOf(user))!,
      canSave: transition({ state: row.state, revision: row.revision }, 'save', roles).ok,
      actions: availableActions({ state: row.state, revision: row.revision }, roles),
      path: sheetPath(row),
    };
  }

  async function versions(user: CurrentUser | null, id: number) {
    const row = await rowOrThrow(id);
    const [record] = await records([row]);
    const sheet = present(record!, viewerOf(user));
    if (!sheet) throw notFound("Cette fiche n'existe pas (ou plus).");
    return { sheet, versions: await store.versions(row.id), path: sheetPath(row) };
  }

  async function compare(user: CurrentUser | null, id: number, from: number, to: number) {
    const { sheet, versions: list, path } = await versions(user, id);
    const [a, b] = await Promise.all([store.version(id, from), store.version(id, to)]);
    if (!a || !b) throw notFound('Cette version n’existe pas.');
    const access = sheet.access;
    const before = presentContent(a.content, access);
    const after = presentContent(b.content, access);
    return { sheet, versions: list, from: a, to: b, changes: diffContents(before, after, access), path };
  }

  async function versionContent(user: CurrentUser | null, id: number, number: number) {
    const { sheet, path } = await versions(user, id);
    const v = await store.version(id, number);
    if (!v) throw notFound('Cette version n’existe pas.');
    return { sheet, version: { ...v, content: presentContent(v.content, sheet.access) }, path };
  }

  // -- reports ---------------------------------------------------------------------------------------------------

  async function report(user: CurrentUser | null, id: number, input: { message?: string; email?: string }) {
    const row = await rowOrThrow(id);
    const [record] = await records([row]);
    const sheet = present(record!, viewerOf(user));
    if (!sheet || (row.state !== 'published' && row.state !== 'archived')) {
      throw notFound("Cette fiche n'existe pas (ou plus).");
    }
    const message = cleanText(input.message) ?? '';
    const email = user ? null : cleanText(input.email);
    const errors: Record<string, string> = {};
    if (message.length < REPORT_MESSAGE_MIN) {
      errors.message = `Décrivez l’erreur en quelques mots (au moins ${REPORT_MESSAGE_MIN} caractères).`;
    } else if (message.length > REPORT_MESSAGE_MAX) {
      errors.message = `Le message doit compter au plus ${REPORT_MESSAGE_MAX} caractères (${message.length} saisis).`;
    }
    if (email && !isEmail(email)) errors.email = 'Saisissez une adresse électronique valide, ou laissez le champ vide.';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const title = row.content.title ?? 'Sans titre';
    const to = [...(await orgs.memberEmails(row.organisationId)), ...(await orgs.coordinatorEmails())];
    return db.transaction().execute(async (trx) => {
      const reportId = await store.insertReport(
        { useCaseId: row.id, reporterUserId: user?.id ?? null, reporterEmail: email, message },
        trx,
      );
      const lines = [
        'Bonjour,',
        '',
        `Une erreur est signalée sur la fiche « ${title} » (${sheet.organisation.name}) :`,
        '',
        message.replace(/^/gm, '> '),
        '',
        'Pour corriger la fiche et marquer le signalement comme traité :',
        `${baseUrl}/bibliotheque/signalements`,
        ...signature,
      ];
      await mail(to, `Erreur signalée : ${title}`, lines, trx);
      await audit.record(
        {
          actorUserId: user?.id ?? null,
          action: 'use_case.error_reported',
          subjectType: 'use_case',
          subjectId: row.id,
          details: { reportId },
        },
        trx,
      );
      return reportId;
    });
  }

  async function reports(user: CurrentUser | null, status: 'open' | 'handled' = 'open') {
    if (!user) throw forbidden('Connectez-vous pour voir les signalements.');
    const organisationIds = canReview(user) ? null : user.memberships.map((m) => m.organisationId);
    const rows = await store.reports({ organisationIds, status });
    const summaries = await orgs.summaries(rows.map((r) => r.organisationId));
    return rows.map((r) => ({ ...r, organisation: summaries.get(r.organisationId)?.name ?? '' }));
  }

  async function handleReport(user: CurrentUser | null, reportId: number) {
    const r = await store.findReport(reportId);
    if (!r) throw notFound("Ce signalement n'existe pas (ou plus).");
    if (!canHandleReports(user, r.organisationId)) {
      throw forbidden('Seuls les membres de la collectivité et les coordinateurs traitent les signalements.');
    }
    await db.transaction().execute(async (trx) => {
      if (!(await store.handleReport(r.id, user!.id, trx))) throw new ConflictError('Ce signalement est déjà traité.');
      await audit.record(
        {
          actorUserId: user!.id,
          action: 'use_case.report_handled',
          subjectType: 'use_case',
          subjectId: r.useCaseId,
          details: { reportId: r.id },
        },
        trx,
      );
    });
  }

  // -- lists -----------------------------------------------------------------------------------------------------

  async function reviewQueue(user: CurrentUser | null) {
    if (!canReview(user)) throw forbidden('Seuls les coordinateurs du réseau relisent les fiches.');
    const rows = await store.reviewQueue();
    const recs = await records(rows, true);
    return recs.map((r, i) => ({ sheet: present(r, viewerOf(user))!, row: rows[i]!, path: sheetPath(rows[i]!) }));
  }

  async function mySheets(user: CurrentUser | null) {
    if (!user) throw forbidden('Connectez-vous pour voir vos fiches.');
    const ids = user.memberships.map((m) => m.organisationId);
    const rows = await store.listByOrganisations(ids);
    const recs = await records(rows, true);
    return recs.map((r, i) => ({ sheet: present(r, viewerOf(user))!, row: rows[i]!, path: sheetPath(rows[i]!) }));
  }

  /** The organisations a person may write for, with their names (the « new sheet » page). */
  async function writableFor(user: CurrentUser | null) {
    const ids = writableOrganisations(user);
    if (ids === null) return { any: true, organisations: [] as OrganisationSummary[] };
    const summaries = await orgs.summaries(ids);
    return { any: false, organisations: [...summaries.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr')) };
  }

  /**
   * The published sheets of an organisation, for its page in the organisations module: title, address, project
   * status and theme (labels), by title; `total` counts them all.
   */
  async function publishedOf(organisationId: number, limit = 50) {
    if (!Number.isSafeInteger(organisationId) || organisationId <= 0) return { total: 0, items: [], href: '' };
    const { total, rows } = await store.publishedOfOrganisation(organisationId, limit);
    return {
      total,
      /** The library filtered on this organisation. */
      href: `/bibliotheque?${FACET_PARAMS.organisation}=${organisationId}`,
      items: rows.map((r) => ({
        id: r.id,
        title: r.title || 'Sans titre',
        href: sheetPath(r),
        status: r.content.projectStatus ? projectStatuses.labelOf(r.content.projectStatus) : null,
        theme: r.content.theme ? themes.labelOf(r.content.theme) : null,
      })),
    };
  }

  // -- statistics and map -------------------------------------------------------------------------------------------

  async function statistics() {
    const idx = await ensureIndex();
    const result = idx.query({ filters: {}, matches: null, sort: 'updated', offset: 0, limit: 0 });
    const labels = await facetLabels();
    const facet = (key: FacetKey) =>
      orderFacet(
        key,
        [...result.counts[key]].map(([code, count]) => ({ code, label: labels[key](code), count, selected: false })),
      );
    return {
      total: result.total,
      theme: facet('theme'),
      status: facet('status'),
      technique: facet('technique'),
      commons: facet('commons'),
      authorityType: facet('authorityType'),
      startYear: facet('startYear').sort((a, b) => (a.code < b.code ? -1 : 1)),
      country: facet('country'),
      byState: await store.countByState(),
    };
  }

  async function mapData(filters: FacetFilters = {}) {
    const idx = await ensureIndex();
    const result = idx.query({ filters, matches: null, sort: 'name', offset: 0, limit: 0 });
    const divisions = await orgs.divisions();
    const points: { id: number; title: string; latitude: number; longitude: number }[] = [];
    for (const r of await store.findByIds(idx.withPoints(5000))) {
      const point = idx.pointOf(r.id);
      if (point) points.push({ id: r.id, title: r.content.title ?? '', latitude: point[0], longitude: point[1] });
    }
    return {
      total: result.total,
      regions: result.counts.region,
      departements: result.counts.departement,
      divisions,
      points: points.map((p) => ({ ...p, path: `/bibliotheque/${p.id}` })),
    };
  }

  // -- exports ---------------------------------------------------------------------------------------------------

  /** Every published sheet presented to an anonymous visitor, in id order. */
  async function* publicSheets(): AsyncGenerator<PresentedUseCase> {
    let after = 0;
    for (;;) {
      const rows = await store.publishedAfter(after, 1000);
      if (!rows.length) return;
      for (const r of await records(rows)) {
        const p = present(r, ANONYMOUS);
        if (p) yield p;
      }
      after = rows[rows.length - 1]!.id;
    }
  }

  async function exportFile(format: ExportFormat): Promise<ExportFile> {
    const sheets: PresentedUseCase[] = [];
    for await (const s of publicSheets()) sheets.push(s);
    const stamp = today();
    const url = (s: { id: number; slug: string }) => sheetUrl(s);
    switch (format) {
      case 'interconnectes': {
        const out = exportInterconnectes(sheets, { bom: false, defaultLogoUrl: `${baseUrl}/favicon.svg` });
        return {
          filename: `bibliotheque-ia-interconnectes-${stamp}.csv`,
          contentType: 'text/csv; charset=utf-8',
          body: out.csv,
          count: out.count,
        };
      }
      case 'ats': {
        const out = exportAts(sheets, { sheetUrl: url, generatedAt: now() });
        return {
          filename: `bibliotheque-ia-ats-${stamp}.json`,
          contentType: 'application/json; charset=utf-8',
          body: JSON.stringify(out, null, 2),
          count: out.registrations.length,
        };
      }
      case 'json': {
        const body = {
          title: 'Bibliothèque IA des territoires — fiches publiées',
          licence: LICENCE,
          generated_at: now(),
          count: sheets.length,
          fields: openDataFieldDocumentation(),
          items: sheets.map((s) => ({
            id: s.id,
            url: url(s),
            organisation: s.organisation,
            published_at: s.publishedAt,
            updated_at: s.updatedAt,
            ...s.content,
          })),
        };
        return {
          filename: `bibliotheque-ia-${stamp}.json`,
          contentType: 'application/json; charset=utf-8',
          body: JSON.stringify(body, null, 2),
          count: sheets.length,
        };
      }
      case 'xlsx': {
        // Loaded on first use: exceljs costs ~0.4 s at start-up.
        const { default: ExcelJS } = await import('exceljs');
        const workbook = new ExcelJS.Workbook();
        workbook.creator = 'Bibliothèque IA des territoires';
        workbook.created = new Date();
        const ws = workbook.addWorksheet('Fiches');
        const columns = [
          { header: 'Identifiant', key: 'id', width: 10 },
          { header: 'Adresse', key: 'url', width: 40 },
          { header: 'Collectivité ou organisme', key: 'organisation', width: 30 },
          { header: 'SIRET', key: 'siret', width: 16 },
          ...PUBLIC_FIELDS.map((f) => ({ header: f.label, key: f.key, width: f.type === 'longtext' ? 60 : 24 })),
        ];
        ws.columns = columns;
        ws.getRow(1).font = { bold: true };
        for (const s of sheets) {
          const row: Record<string, unknown> = {
            id: s.id,
            url: url(s),
            organisation: s.organisation.name,
            siret: s.organisation.siret ?? '',
          };
          for (const f of PUBLIC_FIELDS) row[f.key] = displayValue(f, s.content[f.key]);
          ws.addRow(row);
        }
        const doc = workbook.addWorksheet('Champs');
        doc.columns = [
          { header: 'Champ', key: 'label', width: 36 },
          { header: 'Description', key: 'description', width: 70 },
          { header: 'Colonne Interconnectés', key: 'ic', width: 28 },
          { header: 'Attribut ATS (Eurocities)', key: 'ats', width: 28 },
        ];
        doc.getRow(1).font = { bold: true };
        for (const d of openDataFieldDocumentation()) {
          doc.addRow({
            label: d.label,
            description: d.description,
            ic: d.interconnectesColumn ?? '',
            ats: d.atsAttribute ?? '',
          });
        }
        const body = Buffer.from(await workbook.xlsx.writeBuffer());
        return {
          filename: `bibliotheque-ia-${stamp}.xlsx`,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          body,
          count: sheets.length,
        };
      }
    }
  }

  /** Atom feed of new and updated sheets (public fields only). */
  async function feed(): Promise<string> {
    const rows = await store.recentlyPublished(50);
    const recs = await records(rows);
    const esc = (s: string) =>
      s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const updated = rows[0]?.contentUpdatedAt ?? now();
    const entries = recs
      .map((r) => present(r, ANONYMOUS)!)
      .map((s) => {
        const summary = s.content.summary ?? s.content.description ?? '';
        return [
          '  <entry>',
          `    <id>${esc(sheetUrl(s))}</id>`,
          `    <title>${esc(s.content.title ?? 'Sans titre')}</title>`,
          `    <link rel="alternate" type="text/html" href="${esc(sheetUrl(s))}"/>`,
          `    <updated>${esc(s.updatedAt)}</updated>`,
          s.publishedAt ? `    <published>${esc(s.publishedAt)}</published>` : '',
          `    <author><name>${esc(s.organisation.name)}</name></author>`,
          s.content.theme
            ? `    <category term="${esc(s.content.theme)}" label="${esc(themes.labelOf(s.content.theme))}"/>`
            : '',
          `    <summary type="text">${esc(summary.slice(0, 1000))}</summary>`,
          '  </entry>',
        ]
          .filter(Boolean)
          .join('\n');
      });
    return [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
      '  <title>Bibliothèque IA des territoires — fiches nouvelles et mises à jour</title>',
      `  <id>${esc(baseUrl)}/bibliotheque/flux.atom</id>`,
      `  <link rel="self" type="application/atom+xml" href="${esc(baseUrl)}/bibliotheque/flux.atom"/>`,
      `  <link rel="alternate" type="text/html" href="${esc(baseUrl)}/bibliotheque"/>`,
      `  <updated>${esc(updated)}</updated>`,
      `  <rights>${esc(LICENCE.name)}</rights>`,
      ...entries,
      '</feed>',
      '',
    ].join('\n');
  }

  // -- imports ---------------------------------------------------------------------------------------------------

  /**
   * Imports an Interconnectés or PSTW file. An administrator's act (or the command line: `actor` null). Nothing
   * is written when the file has errors; `dryRun` only reports. Re-importing the same file updates the same sheets
   * (stable external keys) and changes only the fields the file provides. Imported sheets are published unless
   * `asDraft`.
   */
  async function importFile(
    actor: CurrentUser | null,
    input: { format: 'interconnectes' | 'pstw'; data: string | Uint8Array; dryRun?: boolean; asDraft?: boolean },
    options: { system?: boolean } = {},
  ): Promise<ImportReport> {
    if (!options.system && !canImport(actor)) throw forbidden('Seuls les administrateurs importent des fiches.');
    const started = performance.now();
    const parsed: ImportParseResult = input.format === 'pstw' ? parsePstw(input.data) : parseInterconnectes(input.data);
    const report: ImportReport = {
      format: input.format,
      variant: parsed.variant,
      dryRun: !!input.dryRun,
      rows: parsed.rows,
      created: 0,
      updated: 0,
      unchanged: 0,
      organisationsCreated: 0,
      organisationsMatched: 0,
      errors: parsed.errors,
      warnings: parsed.warnings,
      ms: 0,
    };
    const finish = () => {
      report.ms = Math.round(performance.now() - started);
      return report;
    };
    if (parsed.errors.length) return finish();
    const keys = parsed.records.map((r) => r.externalKey);
    const existing = await store.idsByExternalKeys(keys);
    const orgKey = (o: (typeof parsed.records)[number]['organisation']) =>
      `${o.siret ?? o.siren ?? ''}|${o.country}|${o.name}`;

    // Organisations are matched before any transaction (reads of another module), many at a time.
    const distinct = [...new Map(parsed.records.map((r) => [orgKey(r.organisation), r.organisation])).entries()];
    const found = await orgs.matchMany(distinct.map(([, o]) => o));
    const matched = new Map<string, number | null>(distinct.map(([k], i) => [k, found[i]!]));

    if (input.dryRun) {
      const seen = matched;
      for (const r of parsed.records) {
        if (existing.has(r.externalKey)) report.updated++;
        else report.created++;
      }
      report.organisationsMatched = [...seen.values()].filter((v) => v !== null).length;
      report.organisationsCreated = [...seen.values()].filter((v) => v === null).length;
      return finish();
    }

    const fields = new Set<ContentKey>(parsed.fields);
    const state = input.asDraft ? 'draft' : 'published';
    // Organisations not matched are created inside the transaction.
    const summaries = await orgs.summaries([...matched.values()].filter((v): v is number => v !== null));
    await db.transaction().execute(async (trx) => {
      const orgIds = new Map<string, number>();
      for (const r of parsed.records) {
        const k = orgKey(r.organisation);
        if (orgIds.has(k)) continue;
        const found = matched.get(k);
        if (found) {
          orgIds.set(k, found);
          report.organisationsMatched++;
          continue;
        }
        const created = await orgs.create(r.organisation, trx);
        orgIds.set(k, created.id);
        if (created.created) report.organisationsCreated++;
        else report.organisationsMatched++;
        const o = r.organisation;
        summaries.set(created.id, {
          id: created.id,
          name: o.name,
          type: o.type ?? 'autre',
          siren: o.siren,
          siret: o.siret,
          country: o.country,
        });
      }
      const at = now();
      const taken = await store.slugsLike('', trx);
      /** Sheets written, for the search index: id, slug, organisation, state and visible content. */
      const touched: {
        id: number;
        slug: string;
        organisationId: number;
        state: UseCaseRow['state'];
        content: UseCaseContent;
      }[] = [];
      const fresh: Parameters<typeof store.insertMany>[0][number][] = [];
      for (const r of parsed.records) {
        const organisationId = orgIds.get(orgKey(r.organisation))!;
        const found = existing.get(r.externalKey);
        if (!found) {
          fresh.push({
            slug: await uniqueSlug(r.content.title, trx, taken),
            organisationId,
            state,
            content: r.content,
            externalKey: r.externalKey,
            createdBy: actor?.id ?? null,
            publishedAt: state === 'published' ? at : null,
          });
          report.created++;
          continue;
        }
        const row = (await store.findById(found.id, trx))!;
        const base = row.state === 'published' ? (row.draftContent ?? row.content) : row.content;
        const merged = withDefaults({ ...base });
        for (const key of fields) (merged as any)[key] = (r.content as any)[key];
        merged.commonsCategory = base.commonsCategory ?? r.content.commonsCategory;
        const publish = state === 'published' || row.state === 'published';
        const sameContent = sameJson(merged, row.content) && !row.draftContent;
        if (sameContent && row.organisationId === organisationId && (row.state === 'published' || !publish)) {
          report.unchanged++;
          continue;
        }
        const newVersion = await store.update(
          row.id,
          row.version,
          publish
            ? {
                state: 'published',
                revision: null,
                content: merged,
                draftContent: null,
                organisationId,
                publishedAt: row.publishedAt ?? at,
                contentUpdatedAt: at,
                updatedBy: actor?.id ?? null,
              }
            : { content: merged, organisationId, updatedBy: actor?.id ?? null },
          trx,
        );
        if (newVersion === null) throw new ConflictError('Une fiche a changé pendant l’import. Relancez-le.');
        if (publish && !sameJson(merged, row.content)) {
          await store.insertVersion(
            { useCaseId: row.id, content: merged, publishedBy: actor?.id ?? null, publishedAt: at },
            trx,
          );
        }
        touched.push({
          id: row.id,
          slug: row.slug,
          organisationId,
          state: publish ? 'published' : row.state,
          content: publish ? merged : row.content,
        });
        report.updated++;
      }
      const ids = await store.insertMany(fresh, trx);
      fresh.forEach((f, i) => {
        touched.push({
          id: ids[i]!,
          slug: f.slug,
          organisationId: f.organisationId,
          state: f.state,
          content: f.content,
        });
      });
      // Search index, in the same transaction.
      const search = deps.search.withDb(trx);
      const docs = [];
      for (const t of touched) {
        const org = summaries.get(t.organisationId) ?? unknownOrganisation(t.organisationId);
        const record: UseCaseRecord = {
          id: t.id,
          slug: t.slug,
          organisationId: t.organisationId,
          organisation: org,
          state: t.state,
          revision: null,
          version: 1,
          content: t.content,
          externalKey: null,
          createdAt: at,
          updatedAt: at,
          publishedAt: at,
          archivedAt: null,
          archiveReason: null,
        };
        const doc = t.state === 'published' ? searchDoc(record) : null;
        if (doc) docs.push(doc);
        else await search.remove(SEARCH_KIND, t.id);
      }
      await search.upsertMany(docs);
      await audit.record(
        {
          actorUserId: actor?.id ?? null,
          action: 'use_case.imported',
          subjectType: 'import',
          subjectId: input.format,
          details: { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged },
        },
        trx,
      );
    });
    return finish();
  }

  /** Demo content (demo mode): the sheets of seed.ts, once. */
  async function seedDemo(log: (line: string) => void = () => {}): Promise<number> {
    const { records: demo, missing } = await demoRecords({ findOrganisationByCode: (code) => orgs.byCode(code) });
    if (!demo.length) {
      log('Bibliothèque : aucune collectivité de démonstration trouvée (code géographique non chargé ?).');
      return 0;
    }
    const present = await store.idsByExternalKeys(demo.map((d) => d.key));
    const todo = demo.filter((d) => !present.has(d.key));
    if (!todo.length) return 0;
    const summaries = await orgs.summaries(todo.map((d) => d.organisationId));
    const at = now();
    await db.transaction().execute(async (trx) => {
      const taken = await store.slugsLike('', trx);
      const inputs = [];
      for (const d of todo) {
        inputs.push({
          slug: await uniqueSlug(d.content.title, trx, taken),
          organisationId: d.organisationId,
          state: d.state,
          content: d.content,
          externalKey: d.key,
          createdBy: null,
          publishedAt: d.state === 'published' ? at : null,
        });
      }
      const ids = await store.insertMany(inputs, trx);
      const docs = inputs
        .map((input, i) =>
          input.state === 'published'
            ? searchDoc({
                id: ids[i]!,
                slug: input.slug,
                organisationId: input.organisationId,
                organisation: summaries.get(input.organisationId) ?? unknownOrganisation(input.organisationId),
                state: 'published',
                revision: null,
                version: 1,
                content: input.content,
                externalKey: input.externalKey,
                createdAt: at,
                updatedAt: at,
                publishedAt: at,
                archivedAt: null,
                archiveReason: null,
              })
            : null,
        )
        .filter((d): d is NonNullable<typeof d> => !!d);
      await deps.search.withDb(trx).upsertMany(docs);
    });
    log(
      `Bibliothèque : ${todo.length} fiches de démonstration créées${missing.length ? ` (${missing.length} collectivités introuvables : ${missing.join(', ')})` : ''}.`,
    );
    return todo.length;
  }

  /** Rebuilds the search index of every published sheet (after an analyser change, or to repair). */
  async function reindexAll(log: (line: string) => void = () => {}): Promise<number> {
    await deps.search.clear(SEARCH_KIND);
    let count = 0;
    let after = 0;
    for (;;) {
      const rows = await store.publishedAfter(after, 1000);
      if (!rows.length) break;
      const docs = (await records(rows)).map(searchDoc).filter((d): d is NonNullable<typeof d> => !!d);
      count += await deps.search.upsertMany(docs);
      after = rows[rows.length - 1]!.id;
    }
    log(`Index de recherche de la bibliothèque : ${count} fiches indexées.`);
    return count;
  }

  // -- API tokens ------------------------------------------------------------------------------------------------

  async function tokens(user: CurrentUser | null, organisationId: number) {
    if (!canManageTokens(user, organisationId)) {
      throw forbidden('Seuls les responsables de la collectivité et les administrateurs gèrent ses jetons d’API.');
    }
    return store.tokens(organisationId);
  }

  async function createToken(user: CurrentUser | null, organisationId: number, nameInput: string) {
    if (!canManageTokens(user, organisationId)) {
      throw forbidden('Seuls les responsables de la collectivité et les administrateurs gèrent ses jetons d’API.');
    }
    const name = cleanText(nameInput) ?? '';
    if (!name || name.length > 100) {
      throw new ValidationError({
        name: 'Donnez un nom au jeton (100 caractères au plus), par exemple « Logiciel de suivi des projets ».',
      });
    }
    const token = `bia_${newToken()}`;
    await db.transaction().execute(async (trx) => {
      const id = await store.insertToken({ organisationId, name, hash: hashToken(token), createdBy: user!.id }, trx);
      await audit.record(
        {
          actorUserId: user!.id,
          action: 'library.token_created',
          subjectType: 'library_api_token',
          subjectId: id,
          details: { organisationId, name },
        },
        trx,
      );
    });
    return token;
  }

  async function revokeToken(user: CurrentUser | null, organisationId: number, tokenId: number) {
    if (!canManageTokens(user, organisationId)) {
      throw forbidden('Seuls les responsables de la collectivité et les administrateurs gèrent ses jetons d’API.');
    }
    await db.transaction().execute(async (trx) => {
      if (!(await store.revokeToken(tokenId, organisationId, trx)))
        throw notFound('Ce jeton n’existe pas ou est déjà révoqué.');
      await audit.record(
        {
          actorUserId: user!.id,
          action: 'library.token_revoked',
          subjectType: 'library_api_token',
          subjectId: tokenId,
          details: { organisationId },
        },
        trx,
      );
    });
  }

  /**
   * The identity behind an API token: the person who created it, acting as a member of that one authority only
   * (whatever their other roles), so that a token can write drafts and submit them — nothing else.
   */
  async function resolveToken(token: string): Promise<CurrentUser | null> {
    if (!token.startsWith('bia_')) return null;
    const row = await store.tokenByHash(hashToken(token));
    if (!row || row.revokedAt || row.createdBy === null) return null;
    const people = await orgs.userEmails([row.createdBy]);
    const person = people.get(row.createdBy);
    if (!person) return null;
    await store.touchToken(row.id);
    return {
      id: row.createdBy,
      email: person.email,
      name: `${person.name || person.email} (jeton « ${row.name} »)`,
      role: 'user',
      memberships: [{ organisationId: row.organisationId, role: 'member' }],
    };
  }

  // -- personal data -----------------------------------------------------------------------------------------------

  async function personalData(userId: number) {
    return { reports: await store.reportsBy(userId) };
  }

  return {
    sheetPath,
    sheetUrl,
    ensureIndex,
    warm,
    close,
    publishedOf,
    /** The version of the facet index (changes with every visible change of the library). */
    indexVersion: () => generation,
    /** The library's change counter (caches of exports follow it). */
    changeSeq: () => store.currentSeq(),
    search: searchLibrary,
    create,
    createDraft,
    save,
    act,
    sheetPage,
    get,
    editable,
    versions,
    compare,
    versionContent,
    report,
    reports,
    handleReport,
    reviewQueue,
    mySheets,
    writableFor,
    statistics,
    mapData,
    exportFile,
    feed,
    importFile,
    reindexAll,
    seedDemo,
    tokens,
    createToken,
    revokeToken,
    resolveToken,
    personalData,
    /** Workflow action labels (views). */
    actionLabels: WORKFLOW_ACTION_LABELS,
    /** For tests and the seed: the raw row. */
    findRow: (id: number) => store.findById(id),
  };
}

export type LibraryService = ReturnType<typeof createLibraryService>;
