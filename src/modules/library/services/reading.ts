/**
 * Reading use cases, always through the presenter: a use case's page (with its working revision, workflow actions,
 * similar use cases, history, review log and open reports for those who may see them), one use case for the API, the
 * public history and comparisons, an authority's own list, and the published use cases of an organisation (its page
 * in the organisations module).
 */
import type { Actor } from '../../../platform/auth/authorize.ts';
import { authorize, can } from '../../../platform/auth/authorize.ts';
import { notFound } from '../../../platform/http/errors.ts';
import {
  accessFor,
  availableActions,
  diffContents,
  type PresentedUseCase,
  present,
  presentContent,
  viewerOf,
  workflowRoles,
} from '../model.ts';
import { projectStatuses, themes } from '../reference.ts';
import type { UseCaseRow } from '../store.ts';
import { type LibraryContext, listed, type Records, recordOf, useCasePath } from './context.ts';
import { type LibrarySearch, organisationFilterPath } from './search.ts';

const gone = () => notFound("Cette fiche n'existe pas (ou plus).");

export function createReadingService(ctx: LibraryContext & { records: Records; search: LibrarySearch }) {
  const { store, ports, records, search } = ctx;

  /** A use case presented to `actor`, or 404 (absent, or a draft they may not see). */
  async function visible(actor: Actor, id: number, working = false) {
    const row = await records.rowOrThrow(id);
    const useCase = await records.presentFor(actor, row, working);
    if (!useCase) throw gone();
    return { row, useCase };
  }

  /** The published versions of a use case (view-model), newest first. */
  async function versionList(useCaseId: number) {
    return (await store.versions(useCaseId)).map((v) => ({ number: v.number, publishedAt: v.publishedAt }));
  }

  /** Everything a use case's page shows, as the viewer may see it. */
  async function useCasePage(actor: Actor, id: number) {
    const row = await records.rowOrThrow(id);
    const viewer = viewerOf(actor);
    const [record] = await records.records([row]);
    const useCase = present(record!, viewer);
    if (!useCase) throw gone();
    const access = accessFor(viewer, row.organisationId);
    const roles = workflowRoles(viewer, row.organisationId);
    const working =
      row.draftContent && access === 'editors' ? present(recordOf(row, record!.organisation, true), viewer) : null;
    const [similarIds, versions, events, reports] = await Promise.all([
      row.state === 'published' ? search.similar(row.id, 5) : Promise.resolve([]),
      versionList(row.id),
      access === 'editors' ? store.events(row.id, 50) : Promise.resolve([]),
      can(actor, 'use_case_report.handle', { organisationId: row.organisationId })
        ? store.reports({ useCaseId: row.id, status: 'open' })
        : Promise.resolve([]),
    ]);
    const similar = await records.presentAll(actor, await store.findByIds(similarIds));
    const people = await ports.people.userEmails(
      events.map((e) => e.actorUserId).filter((x): x is number => x !== null),
    );
    const actions = availableActions({ state: row.state, revision: row.revision }, roles);
    const review = actions.includes('publish') ? await reviewChanges(row) : null;
    return {
      useCase,
      working,
      actions,
      /** The page offers to edit (or to take back from review, or to submit). */
      canEdit: actions.includes('save') || actions.includes('withdraw') || actions.includes('submit'),
      similar,
      versions,
      events: events.map((e) => {
        const person = e.actorUserId ? people.get(e.actorUserId) : undefined;
        return { id: e.id, at: e.at, event: e.event, comment: e.comment, actor: person?.name || person?.email || null };
      }),
      openReports: reports.map((r) => ({ id: r.id, createdAt: r.createdAt, message: r.message })),
      review,
      path: useCasePath(row),
    };
  }

  /**
   * For a reviewer: what changed in the submitted content, against the published version (a revision) or against
   * the content judged at the last « changes requested » (a resubmitted draft); null for a first submission.
   */
  async function reviewChanges(row: UseCaseRow) {
    const submitted = row.draftContent ?? row.content;
    if (row.draftContent && (row.state === 'published' || row.state === 'archived')) {
      return {
        baseline: 'published' as const,
        at: row.publishedAt,
        changes: diffContents(row.content, submitted, 'editors'),
      };
    }
    const last = await store.lastReview(row.id);
    if (last?.event === 'changes_requested' && last.snapshot) {
      return { baseline: 'reviewed' as const, at: last.at, changes: diffContents(last.snapshot, submitted, 'editors') };
    }
    return null;
  }

  /**
   * One use case as the viewer may see it (404 otherwise). `working`: for the authority's writers, the pending
   * revision instead of the published content.
   */
  async function get(actor: Actor, id: number, options: { working?: boolean } = {}): Promise<PresentedUseCase> {
    const row = await records.rowOrThrow(id);
    const working = !!options.working && workflowRoles(viewerOf(actor), row.organisationId).length > 0;
    const useCase = await records.presentFor(actor, row, working);
    if (!useCase) throw gone();
    return useCase;
  }

  /** The latest published use cases, for the home page: title, address, authority, summary. */
  async function recent(limit: number) {
    const result = await search.query(null, { q: '', filters: {}, sort: 'updated', page: 1, perPage: limit });
    return {
      total: result.total,
      items: result.items.map(({ useCase }) => ({
        title: useCase.content.title ?? 'Sans titre',
        href: useCasePath(useCase),
        organisation: useCase.organisation.name,
        summary: useCase.content.summary ?? null,
      })),
    };
  }

  /** Published use cases by month of first publication, every month from the first to the last (zeros kept). */
  async function publicationMonths(): Promise<{ month: string; count: number }[]> {
    const rows = await store.publishedPerMonth();
    if (!rows.length) return [];
    const counts = new Map(rows.map((r) => [r.month, r.count]));
    const out: { month: string; count: number }[] = [];
    let [y, m] = rows[0]!.month.split('-').map(Number) as [number, number];
    const last = rows[rows.length - 1]!.month;
    for (;;) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      out.push({ month: key, count: counts.get(key) ?? 0 });
      if (key >= last) break;
      m = m === 12 ? 1 : m + 1;
      if (m === 1) y++;
    }
    return out;
  }

  /** The public history of a use case: its published versions. */
  async function versions(actor: Actor, id: number) {
    const { row, useCase } = await visible(actor, id);
    return { useCase, versions: await versionList(row.id), path: useCasePath(row) };
  }

  /** Two published versions compared field by field (the fields the viewer may read). */
  async function compare(actor: Actor, id: number, from: number, to: number) {
    const { useCase, versions: list, path } = await versions(actor, id);
    const [a, b] = await Promise.all([store.version(id, from), store.version(id, to)]);
    if (!a || !b) throw notFound('Cette version n’existe pas.');
    const before = presentContent(a.content, useCase.access);
    const after = presentContent(b.content, useCase.access);
    return {
      useCase,
      versions: list,
      from: { number: a.number, publishedAt: a.publishedAt },
      to: { number: b.number, publishedAt: b.publishedAt },
      changes: diffContents(before, after, useCase.access),
      path,
    };
  }

  /** One published version, as the viewer may read it. */
  async function versionContent(actor: Actor, id: number, number: number) {
    const { useCase, path } = await versions(actor, id);
    const v = await store.version(id, number);
    if (!v) throw notFound('Cette version n’existe pas.');
    return {
      useCase,
      version: { number: v.number, publishedAt: v.publishedAt, content: presentContent(v.content, useCase.access) },
      path,
    };
  }

  /** The use cases of the person's authorities (drafts and revisions included), newest change first. */
  async function myUseCases(actor: Actor) {
    authorize(actor, 'use_case.list_own');
    const rows = await store.listByOrganisations(actor!.memberships.map((m) => m.organisationId));
    const list = await records.records(rows, true);
    const viewer = viewerOf(actor);
    return list.map((r, i) => listed(r, rows[i]!, viewer));
  }

  /**
   * The published use cases of an organisation, for its page in the organisations module: title, address, project
   * status and theme (labels), by title; `total` counts them all; `href` is the library filtered on it.
   */
  async function useCasesOf(organisationId: number, limit = 50) {
    if (!Number.isSafeInteger(organisationId) || organisationId <= 0) return { total: 0, items: [], href: '' };
    const { total, rows } = await store.publishedOfOrganisation(organisationId, limit);
    return {
      total,
      href: organisationFilterPath(organisationId),
      items: rows.map((r) => ({
        id: r.id,
        title: r.title || 'Sans titre',
        href: useCasePath(r),
        status: r.content.projectStatus ? projectStatuses.labelOf(r.content.projectStatus) : null,
        theme: r.content.theme ? themes.labelOf(r.content.theme) : null,
      })),
    };
  }

  /** A use case's stored record, whatever its state (other modules' checks and tests; not for display). */
  function findUseCase(id: number): Promise<UseCaseRow | null> {
    return store.findById(id);
  }

  /** The published use cases among `ids`, in their order, as other modules link to them (one read). */
  async function publishedRefs(
    ids: readonly number[],
  ): Promise<{ id: number; title: string; path: string; organisationId: number }[]> {
    return (await store.findByIds(ids))
      .filter((r) => r.state === 'published')
      .map((r) => ({
        id: r.id,
        title: r.content.title ?? `Fiche n° ${r.id}`,
        path: useCasePath(r),
        organisationId: r.organisationId,
      }));
  }

  return {
    /** Published use cases by organisation (the authority directory's counts). */
    publishedCounts: () => store.publishedCountsByOrganisation(),
    /** The change counter (moves with every change of a use case). */
    changeVersion: () => store.currentSeq(),
    useCasePage,
    get,
    versions,
    compare,
    versionContent,
    myUseCases,
    useCasesOf,
    findUseCase,
    publishedRefs,
    publicationMonths,
    recent,
  };
}

export type ReadingService = ReturnType<typeof createReadingService>;
