/**
 * Finding commons: every entry as a catalogue (platform/catalogue) with facets (kind, status, theme, commons
 * category, licence, maintainer type), French full-text search through the SearchIndex (kind « commons »), and two
 * orders (latest change first, by name). Maintainer types come from the organisations module through the ports,
 * read before each page of rows is indexed.
 */
import {
  type CatalogueEntity,
  type CatalogueResult,
  createCatalogue,
  indexedText,
} from '../../../platform/catalogue/index.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { SearchIndex } from '../../../platform/search/index.ts';
import {
  CATEGORY_CODES,
  type CommonsRecord,
  categoryLabel,
  KIND_CODES,
  kindLabel,
  STATUS_CODES,
  statusLabel,
  THEME_CODES,
  themeLabel,
} from '../model.ts';
import type { CommonsPorts } from '../ports.ts';
import { spdxName } from '../spdx.ts';
import type { CommonsStore } from '../store.ts';

export const FACETS = ['kind', 'status', 'theme', 'category', 'licence', 'maintainerType'] as const;
export type CommonsFacet = (typeof FACETS)[number];
export type CommonsOrder = 'updated' | 'name';

/** The query-string name of each facet (French URLs). */
export const FACET_PARAMS: Record<CommonsFacet, string> = {
  kind: 'type',
  status: 'statut',
  theme: 'theme',
  category: 'categorie',
  licence: 'licence',
  maintainerType: 'mainteneur',
};

export const FACET_LABELS: Record<CommonsFacet, string> = {
  kind: 'Type de commun',
  status: 'Statut',
  theme: 'Thème',
  category: 'Catégorie de commun',
  licence: 'Licence',
  maintainerType: 'Type de mainteneur',
};

export interface CommonsQuery {
  q: string;
  filters: Partial<Record<CommonsFacet, string[]>>;
  sort: CommonsOrder | 'relevance' | null;
  page: number;
  perPage: number;
}

export function createSearchService(deps: {
  platform: Platform;
  store: CommonsStore;
  ports: CommonsPorts;
  search: SearchIndex;
}) {
  const { store, ports } = deps;
  /** Organisation id → type, for the maintainer-type facet. */
  const types = new Map<number, string>();

  const entity: CatalogueEntity<CommonsRecord, CommonsFacet, CommonsOrder> = {
    kind: 'commons',
    id: (r) => r.id,
    facets: {
      kind: { values: (r) => [r.kind], order: KIND_CODES },
      status: { values: (r) => [r.status], order: STATUS_CODES },
      theme: { values: (r) => r.themes, order: THEME_CODES },
      category: { values: (r) => (r.commonsCategory ? [r.commonsCategory] : []), order: CATEGORY_CODES },
      licence: { values: (r) => (r.licence ? [r.licence] : []) },
      maintainerType: {
        values: (r) => [...new Set(r.maintainerIds.map((id) => types.get(id)).filter((t): t is string => !!t))],
      },
    },
    sorts: {
      updated: { keys: [{ number: (r) => Date.parse(r.updatedAt) || 0, direction: 'desc' }] },
      name: { keys: [{ text: (r) => r.name.toLocaleLowerCase('fr'), direction: 'asc' }], ids: 'asc' },
    },
    defaultSort: 'updated',
    search: indexedText(deps.search, 'commons'),
    reader: {
      version: () => store.version(),
      rowsAfter: (afterId, limit) => store.rowsAfter(afterId, limit),
    },
    async beforeApply(rows) {
      const missing = [...new Set(rows.flatMap((r) => r.maintainerIds))].filter((id) => !types.has(id));
      if (missing.length) for (const o of await ports.organisations.findByIds(missing)) types.set(o.id, o.type);
    },
    async labels() {
      return {
        kind: (c) => kindLabel(c),
        status: (c) => statusLabel(c),
        theme: (c) => themeLabel(c),
        category: (c) => categoryLabel(c),
        licence: (c) => c,
        maintainerType: (c) => ports.organisations.typeLabel(c),
      };
    },
  };
  const catalogue = createCatalogue(entity, { dialect: deps.platform.dialect, trustMs: 0 });

  return {
    catalogue,
    touched: () => catalogue.touched(),
    async search(query: CommonsQuery): Promise<CatalogueResult<CommonsFacet, CommonsOrder>> {
      return catalogue.search({
        q: query.q,
        filters: query.filters,
        sort: query.sort,
        page: query.page,
        perPage: query.perPage,
        correct: true,
      });
    },
    /** Every entry in the catalogue's order (open data), public by construction: nothing is private but contacts. */
    async all(): Promise<CommonsRecord[]> {
      const result = await catalogue.search({ q: '', filters: {}, sort: 'name', page: 1, perPage: 100_000 });
      return store.findByIds(result.ids);
    },
    licenceName: spdxName,
    close: () => catalogue.close(),
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
