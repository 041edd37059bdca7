/**
 * The services of pooling: the computation (compute.ts), « Nous faisons pareil » (interests.ts), and reading the
 * stored suggestions (here: the page, the API, a challenge opened from a suggestion).
 */
import { type Actor, authorize, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { notFound } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { PoolingOptions } from '../model/similarity.ts';
import type { PoolingPorts } from '../ports.ts';
import { createPoolingStore, type RunRecord } from '../store.ts';
import { createComputeService } from './compute.ts';
import { createInterestService } from './interests.ts';

export const PER_PAGE = 20;

/** A suggestion as the page shows it. */
export interface SuggestionView {
  id: number;
  label: string;
  score: number;
  authorities: { id: number; name: string; interested: boolean }[];
  sheets: { id: number; title: string; path: string; authority: string }[];
}

export interface SuggestionsPage {
  run: RunRecord | null;
  items: SuggestionView[];
  page: number;
  pageCount: number;
  total: number;
  /** Coordinators see « Ouvrir un défi » (when the challenges module is there). */
  canOpenChallenge: boolean;
}

export function createPoolingServices(platform: Platform, ports: PoolingPorts, options?: Partial<PoolingOptions>) {
  const store = createPoolingStore(platform.db);
  const compute = createComputeService({ platform, store, ports, options });

  async function groupOf(useCaseId: number) {
    const run = await store.latestRun();
    return run ? store.suggestionOfSheet(run.id, useCaseId) : null;
  }
  const interests = createInterestService({ platform, store, ports, compute, groupOf });

  return {
    store,
    compute,
    interests,

    /** The API's list: best first, every group of the latest computation (`limit` at most). */
    async list(page: { offset: number; limit: number }) {
      const run = await store.latestRun();
      if (!run) return { run: null, total: 0, items: [] };
      return { run, total: run.groups, items: await store.suggestions(run.id, page) };
    },

    /** The page /mutualisation/suggestions. */
    async page(actor: Actor, page: number): Promise<SuggestionsPage> {
      const canOpenChallenge = !!ports.challenges && can(actor, 'pooling.coordinate');
      // One query: the latest run and the page asked for (a page past the last: the last page, read again).
      const asked = Math.max(1, page);
      const first = await store.latestPage({ offset: (asked - 1) * PER_PAGE, limit: PER_PAGE });
      const run = first.run;
      let rows = first.items;
      if (!run) return { run: null, items: [], page: 1, pageCount: 1, total: 0, canOpenChallenge };
      const pageCount = Math.max(1, Math.ceil(run.groups / PER_PAGE));
      const current = Math.min(asked, pageCount);
      if (current !== asked)
        rows = await store.suggestions(run.id, { offset: (current - 1) * PER_PAGE, limit: PER_PAGE });
      const names = await ports.organisations.names([...new Set(rows.flatMap((r) => r.authorityIds))]);
      const nameOf = (id: number) => names.get(id) ?? `Organisation n° ${id}`;
      const items = rows.map((r) => ({
        id: r.id,
        label: r.label,
        score: r.score,
        authorities: r.authorityIds.map((id) => ({
          id,
          name: nameOf(id),
          interested: r.interestedAuthorityIds.includes(id) && !r.sheets.some((s) => s.authorityId === id),
        })),
        sheets: r.sheets.map((s) => ({ id: s.id, title: s.title, path: s.path, authority: nameOf(s.authorityId) })),
      }));
      return { run, items, page: current, pageCount, total: run.groups, canOpenChallenge };
    },

    /** « Ouvrir un défi à partir de cette suggestion » (coordinators): the challenge's address. */
    async openChallenge(actor: Actor, groupId: number): Promise<string> {
      authorize(actor, 'pooling.coordinate');
      if (!ports.challenges) throw notFound('Les défis ne sont pas disponibles sur ce site.');
      const run = await store.latestRun();
      const s = run ? await store.suggestion(run.id, groupId) : null;
      if (!s) throw notFound('Cette suggestion n’existe plus : les suggestions ont été recalculées.');
      const names = await ports.organisations.names(s.authorityIds);
      const context = [
        `Suggestion de mutualisation calculée à partir de la bibliothèque : ${s.label}.`,
        '',
        'Fiches qui travaillent sur le même sujet :',
        ...s.sheets.map((sh) => `- ${sh.title} (${names.get(sh.authorityId) ?? 'collectivité'})`),
      ].join('\n');
      const created = await ports.challenges.createFromSuggestion(actor as CurrentUser, {
        title: s.label,
        context,
        useCaseIds: s.useCaseIds,
        authorityIds: s.authorityIds,
      });
      return created.path;
    },
  };
}

export type PoolingServices = ReturnType<typeof createPoolingServices>;
