/**
 * Finding challenges: every challenge as a catalogue (platform/catalogue) with facets (stage, theme, commons category,
 * type of the participating organisations, open to join), French full-text search through the SearchIndex (kind
 * « challenge »), and two orders (latest change first, by title). « Open to join » depends on the day: the version the
 * catalogue follows is the change counter and the day in Paris, so the facet is right the morning after a deadline.
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
  type ChallengeRecord,
  categoryLabel,
  isOpenToJoin,
  STAGE_CODES,
  stageLabel,
  THEME_CODES,
  themeLabel,
} from '../model.ts';
import type { ChallengesPorts } from '../ports.ts';
import type { ChallengesStore } from '../store.ts';
import { parisDay } from './writing.ts';

export const FACETS = ['stage', 'theme', 'category', 'participantType', 'open'] as const;
export type ChallengeFacet = (typeof FACETS)[number];
export type ChallengeOrder = 'updated' | 'title';

/** The query-string name of each facet (French URLs). */
export const FACET_PARAMS: Record<ChallengeFacet, string> = {
  stage: 'etape',
  theme: 'theme',
  category: 'categorie',
  participantType: 'participant',
  open: 'inscriptions',
};

export const FACET_LABELS: Record<ChallengeFacet, string> = {
  stage: 'Étape',
  theme: 'Thème',
  category: 'Catégorie de commun',
  participantType: 'Type d’organisme participant',
  open: 'Inscriptions',
};

const OPEN_LABELS: Record<string, string> = { ouvertes: 'Ouvertes', closes: 'Closes' };

export interface ChallengeQuery {
  q: string;
  filters: Partial<Record<ChallengeFacet, string[]>>;
  sort: ChallengeOrder | 'relevance' | null;
  page: number;
  perPage: number;
}

export function createSearchService(deps: {
  platform: Platform;
  store: ChallengesStore;
  ports: ChallengesPorts;
  search: SearchIndex;
}) {
  const { store, ports, platform } = deps;
  /** Organisation id → type, for the participant-type facet. */
  const types = new Map<number, string>();
  const today = () => parisDay(platform.clock.now());

  const entity: CatalogueEntity<ChallengeRecord, ChallengeFacet, ChallengeOrder> = {
    kind: 'challenge',
    id: (r) => r.id,
    facets: {
      stage: { values: (r) => [r.stage], order: STAGE_CODES },
      theme: { values: (r) => r.themes, order: THEME_CODES },
      category: { values: (r) => (r.commonsCategory ? [r.commonsCategory] : []), order: CATEGORY_CODES },
      participantType: {
        values: (r) => [
          ...new Set(r.participants.map((p) => types.get(p.organisationId)).filter((t): t is string => !!t)),
        ],
      },
      open: { values: (r) => [isOpenToJoin(r, today()) ? 'ouvertes' : 'closes'], order: ['ouvertes', 'closes'] },
    },
    sorts: {
      updated: { keys: [{ number: (r) => Date.parse(r.updatedAt) || 0, direction: 'desc' }] },
      title: { keys: [{ text: (r) => r.title.toLocaleLowerCase('fr'), direction: 'asc' }], ids: 'asc' },
    },
    defaultSort: 'updated',
    search: indexedText(deps.search, 'challenge'),
    reader: {
      version: async () => `${await store.version()}:${today()}`,
      rowsAfter: (afterId, limit) => store.rowsAfter(afterId, limit),
    },
    async beforeApply(rows) {
      const missing = [...new Set(rows.flatMap((r) => r.participants.map((p) => p.organisationId)))].filter(
        (id) => !types.has(id),
      );
      if (missing.length) for (const o of await ports.organisations.findByIds(missing)) types.set(o.id, o.type);
    },
    async labels() {
      return {
        stage: (c) => stageLabel(c),
        theme: (c) => themeLabel(c),
        category: (c) => categoryLabel(c),
        participantType: (c) => ports.organisations.typeLabel(c),
        open: (c) => OPEN_LABELS[c] ?? c,
      };
    },
  };
  const catalogue = createCatalogue(entity, { dialect: platform.dialect, trustMs: 0 });

  return {
    catalogue,
    touched: () => catalogue.touched(),
    async search(query: ChallengeQuery): Promise<CatalogueResult<ChallengeFacet, ChallengeOrder>> {
      return catalogue.search({ ...query, correct: true });
    },
    /** Every challenge in the catalogue's order (open data): nothing in a challenge is private. */
    async all(): Promise<ChallengeRecord[]> {
      const result = await catalogue.search({ q: '', filters: {}, sort: 'title', page: 1, perPage: 100_000 });
      return store.findByIds(result.ids);
    },
    close: () => catalogue.close(),
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
