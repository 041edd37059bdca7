/**
 * Finding initiatives: the published ones as a catalogue (platform/catalogue) with facets — format, topic, public
 * reached, Manifesto commitment, région, département, authority type, year, authority — French full-text search
 * through the SearchIndex (kind « initiative »), and two orders. The authorities' places and types come from the
 * organisations module through the ports, read before each page of rows is indexed. The statistics, the map and the
 * Manifesto's counts are read from the same index.
 */
import { type CatalogueEntity, createCatalogue, indexedText } from '../../../platform/catalogue/index.ts';
import { regionName } from '../../../platform/geo/places.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { SearchIndex } from '../../../platform/search/index.ts';
import { COMMITMENT_CODES, commitmentLabel } from '../commitments.ts';
import { FORMAT_CODES, formatLabel, PUBLIC_CODES, publicLabel, TOPIC_CODES, topicLabel, yearOf } from '../model.ts';
import type { OrganisationRef, ParticipationPorts } from '../ports.ts';
import type { InitiativeRecord, ParticipationStore } from '../store.ts';

export const FACETS = [
  'format',
  'topic',
  'public',
  'commitment',
  'region',
  'departement',
  'authorityType',
  'year',
  'organisation',
] as const;
export type InitiativeFacet = (typeof FACETS)[number];
export type InitiativeOrder = 'date' | 'title';

/** The query-string name of each facet (French URLs). */
export const FACET_PARAMS: Record<InitiativeFacet, string> = {
  format: 'format',
  topic: 'sujet',
  public: 'public',
  commitment: 'engagement',
  region: 'region',
  departement: 'departement',
  authorityType: 'type',
  year: 'annee',
  organisation: 'collectivite',
};

export const FACET_LABELS: Record<InitiativeFacet, string> = {
  format: 'Format',
  topic: 'Sujet',
  public: 'Public touché',
  commitment: 'Engagement du Manifeste',
  region: 'Région',
  departement: 'Département',
  authorityType: 'Type de collectivité',
  year: 'Année',
  organisation: 'Collectivité',
};

/** The address of the catalogue filtered on one value. */
export const facetPath = (facet: InitiativeFacet, code: string) =>
  `/initiatives?${FACET_PARAMS[facet]}=${encodeURIComponent(code)}`;

export interface InitiativeQuery {
  q: string;
  filters: Partial<Record<InitiativeFacet, string[]>>;
  sort: InitiativeOrder | 'relevance' | null;
  page: number;
  perPage: number;
}

export function createSearchService(deps: {
  platform: Platform;
  store: ParticipationStore;
  ports: ParticipationPorts;
  search: SearchIndex;
}) {
  const { store, ports } = deps;
  /** Organisation id → what the facets read of it. */
  const orgs = new Map<number, OrganisationRef>();
  let departements = new Map<string, string>();

  const pub = (r: InitiativeRecord) => r.published!;
  const entity: CatalogueEntity<InitiativeRecord, InitiativeFacet, InitiativeOrder> = {
    kind: 'initiative',
    id: (r) => r.id,
    isPublic: (r) => r.state === 'published' && r.published !== null,
    facets: {
      format: { values: (r) => (pub(r).format ? [pub(r).format!] : []), order: FORMAT_CODES },
      topic: { values: (r) => pub(r).topics, order: TOPIC_CODES },
      public: { values: (r) => pub(r).publics, order: PUBLIC_CODES },
      commitment: { values: (r) => pub(r).commitments, order: COMMITMENT_CODES },
      region: { values: (r) => [orgs.get(r.organisationId)?.regionCode ?? ''].filter(Boolean) },
      departement: { values: (r) => [orgs.get(r.organisationId)?.departementCode ?? ''].filter(Boolean) },
      authorityType: { values: (r) => [orgs.get(r.organisationId)?.type ?? ''].filter(Boolean) },
      year: { values: (r) => [yearOf(pub(r)) ?? ''].filter(Boolean), order: 'code-desc' },
      organisation: { values: (r) => [String(r.organisationId)], counted: false },
    },
    sorts: {
      date: {
        keys: [
          { text: (r) => pub(r).startDate ?? '', direction: 'desc' },
          { number: (r) => Date.parse(r.publishedAt ?? '') || 0, direction: 'desc' },
        ],
      },
      title: { keys: [{ text: (r) => pub(r).title.toLocaleLowerCase('fr'), direction: 'asc' }], ids: 'asc' },
    },
    defaultSort: 'date',
    search: indexedText(deps.search, 'initiative'),
    reader: {
      version: () => store.version(),
      rowsAfter: (afterId, limit) => store.rowsAfter(afterId, limit),
    },
    async beforeApply(rows) {
      const missing = [...new Set(rows.map((r) => r.organisationId))].filter((id) => !orgs.has(id));
      if (missing.length) for (const o of await ports.organisations.findByIds(missing)) orgs.set(o.id, o);
    },
    async labels() {
      departements = (await ports.organisations.divisions()).departements;
      return {
        format: (c) => formatLabel(c),
        topic: (c) => topicLabel(c),
        public: (c) => publicLabel(c),
        commitment: (c) => commitmentLabel(c),
        region: (c) => regionName(c) ?? c,
        departement: (c) => `${departements.get(c) ?? c} (${c})`,
        authorityType: (c) => ports.organisations.typeLabel(c),
        year: (c) => c,
        organisation: (c) => orgs.get(Number(c))?.name ?? c,
      };
    },
  };
  const catalogue = createCatalogue(entity, { dialect: deps.platform.dialect, trustMs: 0 });

  return {
    catalogue,
    touched: () => catalogue.touched(),
    search(query: InitiativeQuery) {
      return catalogue.search({ ...query, correct: true });
    },
    /** Counts of every facet over the published initiatives (statistics, map, Manifesto page). */
    async counts(filters: Partial<Record<InitiativeFacet, string[]>> = {}) {
      const result = await catalogue.search({
        q: '',
        filters,
        sort: null,
        page: 1,
        perPage: 1,
        count: FACETS,
      });
      return { total: result.total, facets: result.facets, counts: result.counts };
    },
    /** Every published initiative in the catalogue's order (open data). */
    async all(sort: InitiativeOrder = 'title'): Promise<InitiativeRecord[]> {
      const result = await catalogue.search({ q: '', filters: {}, sort, page: 1, perPage: 100_000 });
      return store.findByIds(result.ids);
    },
    /** The places of authorities read by the facets (the map). */
    organisation: (id: number) => orgs.get(id) ?? null,
    close: () => catalogue.close(),
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
