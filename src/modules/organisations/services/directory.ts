/**
 * The authority directory: every organisation as a catalogue (platform/catalogue) filtered by type, région and
 * département, found by the start of the words of its name and codes (search-text.ts), ordered by relevance, by
 * population or by name. Serves the list page, the picker's JSON API and the other modules' `list`.
 *
 * The catalogue holds about 40,000 small rows (a few MB). It looks at the store's version (change counter and
 * largest id, one indexed read) before every query on both databases, so that a body added by an administrator, an
 * import or a test factory is found at once.
 */
import {
  type CatalogueEntity,
  type CatalogueResult,
  createCatalogue,
  memoryText,
} from '../../../platform/catalogue/index.ts';
import { notFound } from '../../../platform/http/errors.ts';
import {
  type DivisionMaps,
  directoryMatcher,
  type Organisation,
  type OrganisationFilter,
  type OrganisationJson,
  organisationContext,
  organisationTypeLabel,
  parseOrganisationQuery,
} from '../model.ts';
import { parseDirectoryVersion } from '../store/organisations.ts';
import type { OrganisationsContext } from './context.ts';
import { type CountedRow, createSheetCounts, type SheetCounts } from './sheet-counts.ts';

type DirectoryFacet = 'type' | 'region' | 'departement' | 'sheets';
type DirectoryOrder = 'population' | 'nom' | 'fiches';

const one = (v: string | null) => (v ? [v] : []);
/** The value of the « sheets » facet of authorities with at least one published sheet. */
const WITH_SHEETS = 'avec';

/** The directory as a catalogue entity: what the platform's read-model needs to know about organisations. */
export function directoryEntity(
  store: OrganisationsContext['organisations'],
  sheets: SheetCounts = createSheetCounts(undefined),
): CatalogueEntity<CountedRow, DirectoryFacet, DirectoryOrder> {
  return {
    kind: 'organisation',
    id: (r) => r.id,
    // Lists show no counts (selects with every value): the facets only filter; « avec des fiches » is counted.
    facets: {
      type: { values: (r) => one(r.type), counted: false },
      region: { values: (r) => one(r.regionCode), counted: false },
      departement: { values: (r) => one(r.departementCode), counted: false },
      sheets: { values: (r) => (r.sheets > 0 ? [WITH_SHEETS] : []) },
    },
    sorts: {
      // Most published sheets first, then as by population.
      fiches: {
        keys: [
          { number: (r) => r.sheets, direction: 'desc' },
          { number: (r) => r.population ?? -1, direction: 'desc' },
          { text: (r) => r.code, direction: 'asc' },
        ],
        ids: 'asc',
      },
      // Largest first; ties by code (ASCII), as both databases agree on it.
      population: {
        keys: [
          { number: (r) => r.population ?? -1, direction: 'desc' },
          { text: (r) => r.code, direction: 'asc' },
        ],
        ids: 'asc',
      },
      // By the folded name (the search text starts with it), then code.
      nom: {
        keys: [
          { text: (r) => r.searchText, direction: 'asc' },
          { text: (r) => r.code, direction: 'asc' },
        ],
        ids: 'asc',
      },
    },
    defaultSort: 'population',
    searchText: (r) => r.searchText,
    // Relevance: exact name, name start, name word, other match; within a tier, by population.
    search: memoryText({ compile: directoryMatcher, within: 'population' }),
    reader: {
      // « seq:maxId|library version »: the directory's own version, then the library's (published sheets).
      async version() {
        const [own, library] = await Promise.all([store.directoryVersion(), sheets.version()]);
        return `${own}|${library}`;
      },
      rowsAfter: async (afterId, limit) =>
        sheets.fullPage(await store.directoryRowsAfter(afterId, limit), afterId === 0),
      // Rows added since (ids committed in order) and rows whose count of sheets changed; a changed counter of the
      // directory means rows changed: reload everything.
      async changesSince(from, to, afterId, limit) {
        const [ownFrom = '', libraryFrom] = String(from).split('|');
        const [ownTo = '', libraryTo] = String(to).split('|');
        const before = parseDirectoryVersion(ownFrom);
        if (before.seq !== parseDirectoryVersion(ownTo).seq) return null;
        const added = await store.directoryRowsAfter(Math.max(afterId, before.maxId), limit);
        const recounted =
          libraryFrom === libraryTo
            ? []
            : await store.directoryRowsByIds(sheets.changedAfter(afterId, limit).filter((id) => id <= before.maxId));
        const rows = [...recounted, ...added].sort((a, b) => a.id - b.id).slice(0, limit);
        return sheets.withCounts(rows);
      },
    },
  };
}

export function createDirectoryService(context: OrganisationsContext) {
  const store = context.organisations;
  const sheets = createSheetCounts(context.ports.sheets);
  const catalogue = createCatalogue(directoryEntity(store, sheets), { dialect: context.dialect, trustMs: 0 });
  let divisionsCache: DivisionMaps | null = null;

  async function divisions(): Promise<DivisionMaps> {
    if (divisionsCache) return divisionsCache;
    const list = await store.divisions();
    const maps: DivisionMaps = {
      departements: new Map(list.departements.map((d) => [d.code, d.name])),
      regions: new Map(list.regions.map((r) => [r.code, r.name])),
      list,
    };
    // Only cache once the geographic code is loaded (it never changes while the server runs).
    if (list.departements.length) divisionsCache = maps;
    return maps;
  }

  /** Ids matching a filter, in its order, and their total (the catalogue's answer). */
  function query(
    filter: OrganisationFilter,
    page: { limit: number; offset: number },
    count: readonly DirectoryFacet[] = [],
  ): Promise<CatalogueResult<DirectoryFacet, DirectoryOrder>> {
    const text = filter.q ? parseOrganisationQuery(filter.q) : null;
    return catalogue.search({
      q: text ? filter.q! : '',
      filters: {
        ...(filter.type ? { type: [filter.type] } : {}),
        ...(filter.regionCode ? { region: [filter.regionCode] } : {}),
        ...(filter.departementCode ? { departement: [filter.departementCode] } : {}),
        ...(filter.withSheets ? { sheets: [WITH_SHEETS] } : {}),
      },
      sort: text ? 'relevance' : (filter.sort ?? 'population'),
      page: 1,
      perPage: Math.max(0, page.limit),
      offset: Math.max(0, page.offset),
      count,
    });
  }

  return {
    divisions,

    /**
     * Organisations matching a filter. With a query: every term must start a word of the name or codes; ranked
     * exact name, name prefix, name word, other match; then largest population; then code. Without: by population
     * (or by name with `sort: 'nom'`).
     */
    async list(
      filter: OrganisationFilter,
      page: { limit: number; offset: number },
    ): Promise<{ total: number; rows: Organisation[] }> {
      if (filter.networkId !== undefined) {
        // A network has a few hundred members: every match of the other criteria, kept when a member, then paged.
        const members = new Set(await context.networks.memberIds(filter.networkId));
        if (!members.size) return { total: 0, rows: [] };
        const all = await query({ ...filter, networkId: undefined }, { limit: 1_000_000, offset: 0 });
        const ids = all.ids.filter((id) => members.has(id));
        const offset = Math.max(0, page.offset);
        return { total: ids.length, rows: await store.findByIds(ids.slice(offset, offset + Math.max(0, page.limit))) };
      }
      const result = await query(filter, page);
      return { total: result.total, rows: await store.findByIds(result.ids) };
    },

    /**
     * How many of the authorities matching a filter (« avec des fiches » aside) have published sheets: the number
     * beside the filter.
     */
    async withSheetsCount(filter: OrganisationFilter): Promise<number> {
      if (filter.networkId !== undefined) {
        const members = await context.networks.memberIds(filter.networkId);
        const all = await query({ ...filter, networkId: undefined, withSheets: true }, { limit: 1_000_000, offset: 0 });
        const ids = new Set(all.ids);
        return members.filter((id) => ids.has(id)).length;
      }
      const result = await query({ ...filter, withSheets: false }, { limit: 0, offset: 0 }, ['sheets']);
      return result.counts.sheets.get(WITH_SHEETS) ?? 0;
    },

    /** An authority's published sheets, as of the directory's last look at the library (after `list`: exact). */
    publishedSheets: (id: number) => sheets.of(id),

    async get(id: number): Promise<Organisation> {
      const org = Number.isSafeInteger(id) && id > 0 ? await store.findById(id) : null;
      if (!org) throw notFound("Cette collectivité ou cet organisme n'existe pas (ou plus).");
      return org;
    },

    /** By id (digits) or stable code (« commune:75056 »). */
    async findByRef(ref: string): Promise<Organisation> {
      const org = /^[1-9][0-9]{0,15}$/.test(ref) ? await store.findById(Number(ref)) : await store.findByCode(ref);
      if (!org) {
        throw /^[1-9][0-9]{0,15}$/.test(ref)
          ? notFound("Cette collectivité ou cet organisme n'existe pas (ou plus).")
          : notFound(`Aucune collectivité ni aucun organisme n'a le code « ${ref} ».`);
      }
      return org;
    },

    toJson(org: Organisation, maps: DivisionMaps): OrganisationJson {
      return {
        id: org.id,
        code: org.code,
        name: org.name,
        type: org.type,
        typeLabel: organisationTypeLabel(org.type),
        context: organisationContext(org, maps),
        inseeCode: org.inseeCode,
        siren: org.siren,
        siret: org.siret,
        population: org.population,
        departementCode: org.departementCode,
        regionCode: org.regionCode,
        postcodes: org.postcodes,
        website: org.website,
        country: org.country,
        url: `/collectivites/${org.id}`,
      };
    },

    /** The geographic code was (re)loaded: divisions are read again. */
    forgetDivisions() {
      divisionsCache = null;
    },

    /** Waits for the catalogue's background work (none today; kept for the module's `close`). */
    close: () => catalogue.close(),
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
