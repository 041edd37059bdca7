/**
 * What the library asks of a person (« Mon espace »): sheets whose changes were requested (with the reviewer's
 * words), drafts to finish, and for those who may: sheets to review and reported errors to handle.
 */
import { can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { WorkGroup } from '../../../platform/module.ts';
import type { LibraryContext } from './context.ts';
import type { ReadingService } from './reading.ts';
import type { ReportsService } from './reports.ts';
import type { WorkflowService } from './workflow.ts';

const SHOWN = 5;
const excerpt = (text: string | null, max = 160) =>
  !text ? null : text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

export function createWorkService(
  ctx: LibraryContext & { reading: ReadingService; workflow: WorkflowService; reports: ReportsService },
) {
  const { store, reading, workflow, reports } = ctx;

  return {
    async work(user: CurrentUser): Promise<WorkGroup[]> {
      const groups: WorkGroup[] = [];
      if (user.memberships.length > 0) {
        const mine = await reading.myUseCases(user);
        const waiting = mine.filter(
          (m) => m.useCase.state === 'changes_requested' || m.useCase.revision === 'changes_requested',
        );
        const comments = await Promise.all(waiting.slice(0, SHOWN).map((m) => store.lastReview(m.useCase.id)));
        groups.push({
          key: 'modifications-demandees',
          label: 'Modifications demandées sur vos fiches',
          count: waiting.length,
          href: '/bibliotheque/mes-fiches',
          urgency: 1,
          items: waiting.slice(0, SHOWN).map((m, i) => ({
            title: m.useCase.content.title ?? 'Sans titre',
            href: `${m.path}/verifier`,
            detail: excerpt(comments[i]?.event === 'changes_requested' ? comments[i]!.comment : null),
          })),
        });
        const drafts = mine.filter((m) => m.useCase.state === 'draft' || m.useCase.revision === 'draft');
        groups.push({
          key: 'brouillons',
          label: 'Brouillons de fiches à terminer',
          count: drafts.length,
          href: '/bibliotheque/mes-fiches',
          urgency: 3,
          items: drafts.slice(0, SHOWN).map((m) => ({
            title: m.useCase.content.title ?? 'Sans titre',
            href: `${m.path}/verifier`,
            detail: `${m.useCase.organisation.name}${m.useCase.revision === 'draft' ? ' · révision d’une fiche publiée' : ''}`,
          })),
        });
      }
      if (can(user, 'use_case.review')) {
        const queue = await workflow.reviewQueue(user);
        groups.push({
          key: 'fiches-a-relire',
          label: 'Fiches à relire',
          count: queue.length,
          href: '/coordination/fiches',
          urgency: 2,
          items: queue.slice(0, SHOWN).map((q) => ({
            title: q.useCase.content.title ?? 'Sans titre',
            href: q.path,
            detail: q.useCase.organisation.name,
          })),
        });
      }
      if (can(user, 'use_case_report.list')) {
        const open = await reports.reports(user, 'open');
        groups.push({
          key: 'erreurs-signalees',
          label: 'Erreurs signalées à traiter',
          count: open.length,
          href: '/bibliotheque/signalements',
          urgency: 2,
          items: open.slice(0, SHOWN).map((r) => ({
            title: r.title || 'Sans titre',
            href: `/bibliotheque/${r.useCaseId}`,
            detail: excerpt(r.message),
          })),
        });
      }
      return groups;
    },
  };
}
