/**
 * The library as a catalogue of the platform's read-model (src/platform/catalogue): the facets, orders and text
 * search of published use cases, and the vocabulary the library page and the API speak (facet keys, their French
 * query-string parameters, sort keys). Only the search service (search.ts) builds the catalogue; the store writes the
 * sorting and facet columns this file derives from a use case's visible content (`indexColumns`).
 *
 * Four facets come from the use case's organisation (type, région, département, country): they are read from the
 * organisations module when rows are indexed, and followed every minute (organisations change rarely and outside
 * the library's change counter).
 */
import {
  type Catalogue,
  type CatalogueOptions,
  createCatalogue,
  type FacetIndex,
  type TextSearch,
} from '../../../platform/catalogue/index.ts';
import type { UseCaseContent } from '../fields.ts';
import type { EthicsStatus } from '../model/upkeep.ts';
import { type OrganisationSummary, yearOf } from '../model.ts';
import type { LibraryEthics, LibraryOrganisations } from '../ports.ts';
import {
  aiActRiskCategories,
  audiences,
  authorityTypes,
  commonsCategories,
  countries,
  normaliseLabel,
  projectStatuses,
  subThemes,
  techniques,
  themes,
} from '../reference.ts';
import type { IndexColumns, IndexRow, LibraryStore } from '../store.ts';
import { unknownOrganisation } from './context.ts';

// ---------------------------------------------------------------------------------------------------------------
// The vocabulary (same names for the library page, the API and the statistics)
// ---------------------------------------------------------------------------------------------------------------

/** Kind of the library's documents in the search index. */
export const SEARCH_KIND = 'use_case';

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
  'aiAct',
  'notice',
  'assessment',
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
  aiAct: 'reglement_ia',
  notice: 'notice',
  assessment: 'auto_evaluation',
  organisation: 'organisation',
};

export type FacetFilters = Partial<Record<FacetKey, readonly string[]>>;

export type SortKey = 'relevance' | 'updated' | 'start' | 'name';
/** The orders of the index (relevance is the text search's own). */
export type OrderKey = Exclude<SortKey, 'relevance'>;
export const SORT_KEYS: readonly SortKey[] = ['relevance', 'updated', 'start', 'name'];
export const SORT_LABELS: Record<SortKey, string> = {
  relevance: 'Pertinence',
  updated: 'Dernière mise à jour',
  start: 'Date de démarrage',
  name: 'Nom',
};

/** The facet values a use case's visible content gives (stored with the row as JSON). */
export interface ContentFacets {
  theme: string | null;
  subThemes: string[];
  status: string | null;
  techniques: string[];
  commons: string | null;
  audiences: string[];
  startYear: number | null;
  /** AI Act risk category (absent from rows indexed before it was a facet: they get it at their next change). */
  aiAct?: string | null;
  /** The use case's own point [latitude, longitude] (map), null when it has none. */
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
    aiAct: c.aiActRiskCategory ?? null,
    point: c.latitude != null && c.longitude != null ? [c.latitude, c.longitude] : null,
  };
}

/** The key use cases are sorted by name on: folded, so that « Écoles » sorts with « ecoles ». */
export function sortTitle(title: string | null | undefined): string {
  return normaliseLabel(title ?? '');
}

/** A partial ISO date as a number that sorts the same way: « 2021 » 20210000, « 2021-03 » 20210300; '' -> -1. */
export function startKey(date: string): number {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date);
  if (!m) return -1;
  return Number(m[1]) * 10_000 + Number(m[2] ?? 0) * 100 + Number(m[3] ?? 0);
}

/** The sorting and facet columns of a use case's row, derived from its visible content (given to the store). */
export const indexColumns: IndexColumns = (content: UseCaseContent) => ({
  sort_title: sortTitle(content.title),
  facets: JSON.stringify(contentFacets(content)),
});

// ---------------------------------------------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------------------------------------------

/** A row of the index as the catalogue reads it: the stored row with its facet values parsed, and what responsible
 * AI says of it (public: a published notice, a published self-assessment). */
export type UseCaseEntry = IndexRow & { f: ContentFacets; e: EthicsStatus | null };

/** The value of the « notice publiée » facet. */
export const NOTICE_PUBLISHED = 'publiee';
/** The value of the « auto-évaluation réalisée » facet (a signed self-assessment the authority published). */
export const ASSESSMENT_DONE = 'realisee';
export type UseCaseCatalogue = Catalogue<UseCaseEntry, FacetKey, OrderKey> & {
  /**
   * The organisations of these ids as the index knows them: read with their use cases' rows, then followed every
   * `ORGANISATIONS_REFRESH_MS` like the facets they give. Ids the index holds no organisation for are left out.
   */
  knownOrganisations(ids: readonly number[]): Map<number, OrganisationSummary>;
};

/** How often the organisations of indexed use cases are read again (their type and place are facets). */
export const ORGANISATIONS_REFRESH_MS = 60_000;

const one = (v: unknown) => (v == null || v === '' ? [] : [String(v)]);

type OrganisationFacets = Pick<OrganisationSummary, 'type' | 'regionCode' | 'departementCode' | 'country'>;
const sameOrganisationFacets = (a: OrganisationFacets, b: OrganisationFacets) =>
  a.type === b.type &&
  (a.regionCode ?? null) === (b.regionCode ?? null) &&
  (a.departementCode ?? null) === (b.departementCode ?? null) &&
  a.country === b.country;

/** The facets a use case takes from its organisation. */
const organisationValues = (o: OrganisationFacets) => ({
  authorityType: one(o.type),
  region: one(o.regionCode),
  departement: one(o.departementCode),
  country: one(o.country),
});

export interface UseCaseCatalogueDeps {
  store: Pick<LibraryStore, 'currentSeqWith' | 'indexRowsAfter' | 'indexChanges'>;
  organisations: Pick<LibraryOrganisations, 'summaries' | 'divisions'>;
  /** The text search (indexedText over the platform's SearchIndex; tests give their own). */
  search: TextSearch<OrderKey>;
  /** Responsible AI's published notices and assessments (absent: none). */
  ethics?: LibraryEthics;
}

export function createUseCaseCatalogue(
  { store, organisations, search, ethics }: UseCaseCatalogueDeps,
  options: CatalogueOptions,
): UseCaseCatalogue {
  /**
   * Responsible AI's status of every sheet, read again whenever its version moves; the catalogue's version is
   * « library counter|ethics version » (both counters read in one statement), and a move of the ethics part reloads
   * the index (publications of notices and assessments are rare; the library's own changes stay incremental).
   */
  let ethicsState = { version: '', status: new Map<number, EthicsStatus>() };
  async function currentVersion(): Promise<string> {
    const [seq, status] = await store.currentSeqWith(ethics ? [ethics.versionQuery()] : []);
    if (!ethics) return `${seq}|`;
    const version = String(status);
    if (version !== ethicsState.version) ethicsState = { version, status: await ethics.statusOf() };
    return `${seq}|${version}`;
  }
  const parsed = (r: IndexRow): UseCaseEntry => ({
    ...r,
    f: JSON.parse(r.facets) as ContentFacets,
    e: ethicsState.status.get(r.id) ?? null,
  });

  /**
   * The organisations of indexed use cases (their facet values; their summaries for the pages found), null for ids
   * the organisations module did not know when read (their use cases show « Organisation inconnue »).
   */
  const organisationFacets = new Map<number, OrganisationSummary | null>();
  const org = (id: number) => organisationFacets.get(id) ?? unknownOrganisation(id);

  async function organisationsOf(rows: readonly UseCaseEntry[]): Promise<void> {
    const missing = [...new Set(rows.map((r) => r.organisationId))].filter((id) => !organisationFacets.has(id));
    if (!missing.length) return;
    const found = await organisations.summaries(missing);
    for (const id of missing) organisationFacets.set(id, found.get(id) ?? null);
  }

  function knownOrganisations(ids: readonly number[]): Map<number, OrganisationSummary> {
    const out = new Map<number, OrganisationSummary>();
    for (const id of ids) {
      const o = organisationFacets.get(id);
      if (o) out.set(id, o);
    }
    return out;
  }

  /** Organisations whose type or place changed since they were read: their use cases follow. */
  async function refreshOrganisations(index: FacetIndex<UseCaseEntry, FacetKey, OrderKey>): Promise<boolean> {
    const ids = [...organisationFacets.keys()];
    const found = await organisations.summaries(ids);
    let changed = 0;
    for (const id of ids) {
      const before = org(id);
      organisationFacets.set(id, found.get(id) ?? null);
      const current = org(id);
      if (!sameOrganisationFacets(before, current)) {
        changed += index.setGroupFacets(id, organisationValues(current));
      }
    }
    return changed > 0;
  }

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
      aiAct: (c) => aiActRiskCategories.labelOf(c),
      notice: () => 'Notice de transparence publiée',
      assessment: () => 'Auto-évaluation « IA responsable » réalisée et publiée',
      organisation: (c) => c,
    };
  }

  const catalogue = createCatalogue<UseCaseEntry, FacetKey, OrderKey>(
    {
      kind: 'use_case',
      id: (r) => r.id,
      isPublic: (r) => r.state === 'published',
      // Display order: reference lists in their order, years newest first, places by count then name.
      facets: {
        theme: { values: (r) => one(r.f.theme), order: themes.codes },
        subTheme: { values: (r) => r.f.subThemes ?? [], order: subThemes.codes },
        status: { values: (r) => one(r.f.status), order: projectStatuses.codes },
        technique: { values: (r) => r.f.techniques ?? [], order: techniques.codes },
        commons: { values: (r) => one(r.f.commons), order: commonsCategories.codes },
        audience: { values: (r) => r.f.audiences ?? [], order: audiences.codes },
        authorityType: { values: (r) => one(org(r.organisationId).type), order: authorityTypes.codes },
        region: { values: (r) => one(org(r.organisationId).regionCode) },
        departement: { values: (r) => one(org(r.organisationId).departementCode) },
        startYear: { values: (r) => one(r.f.startYear), order: 'code-desc' },
        country: { values: (r) => one(org(r.organisationId).country) },
        aiAct: { values: (r) => one(r.f.aiAct), order: aiActRiskCategories.codes },
        notice: { values: (r) => (r.e?.noticePublished ? [NOTICE_PUBLISHED] : []) },
        assessment: { values: (r) => (r.e?.assessmentPublished ? [ASSESSMENT_DONE] : []) },
        organisation: { values: (r) => one(r.organisationId), counted: false },
      },
      // Ties by id, newest use case first.
      sorts: {
        updated: { keys: [{ number: (r) => Date.parse(r.updatedAt) || 0, direction: 'desc' }] },
        start: { keys: [{ number: (r) => startKey(r.startDate ?? ''), direction: 'desc' }] },
        name: { keys: [{ text: (r) => r.sortTitle, direction: 'asc' }] },
      },
      defaultSort: 'updated',
      group: (r) => r.organisationId,
      point: (r) => r.f.point ?? null,
      search,
      reader: {
        version: currentVersion,
        rowsAfter: async (afterId, limit) => (await store.indexRowsAfter(afterId, limit)).map(parsed),
        changesSince: async (from, to, afterId, limit) => {
          const [seqFrom = '0', evFrom = ''] = String(from).split('|');
          const [, evTo = ''] = String(to).split('|');
          // What responsible AI says changed: reload (the status of any sheet may have moved).
          if (evFrom !== evTo) return null;
          return (await store.indexChanges(Number(seqFrom), afterId, limit)).map(parsed);
        },
      },
      beforeApply: organisationsOf,
      labels: facetLabels,
      refresh: { everyMs: ORGANISATIONS_REFRESH_MS, run: refreshOrganisations },
    },
    options,
  );
  return Object.assign(catalogue, { knownOrganisations });
}
