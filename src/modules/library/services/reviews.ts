/**
 * Sheets kept alive (issue 11 #7): the next-review date of published sheets, the reminder the authority's members get
 * once per due date when it passes, the overdue sheets listed on the coordinators' « Mon espace », and each sheet's
 * upkeep as its page shows it (« informations vérifiées le … », next review, completeness for its editors).
 *
 * Reminders: a sweep job reads the published sheets, and for each one whose review date is today or past records a
 * reminder for that date (a unique row: never twice) and queues its mail in the same transaction. The sweep runs on
 * the due date of each published sheet (queued when the sheet is published) and then every day at 06:00 UTC
 * (it queues its next run), so imported sheets and changed dates are caught too.
 */

import { can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { WorkGroup } from '../../../platform/module.ts';
import {
  type Completeness,
  completeness,
  type EthicsStatus,
  NO_ETHICS,
  nextReviewOn,
  reviewOverdue,
  verifiedOn,
} from '../model/upkeep.ts';
import type { UseCaseRow } from '../store.ts';
import { type LibraryContext, type Mail, useCasePath, useCaseUrl } from './context.ts';

export const REVIEW_SWEEP_JOB = 'library.send_review_reminders';
/** The hour (UTC) of the daily sweep. */
const SWEEP_HOUR = 'T06:00:00.000Z';

export interface SheetUpkeep {
  verifiedOn: string | null;
  nextReviewOn: string | null;
  overdue: boolean;
  /** For the sheet's editors only (null for other readers). */
  completeness: Completeness | null;
}

const sheetOf = (row: UseCaseRow) => ({ state: row.state, publishedAt: row.publishedAt, content: row.content });

export function createReviewService({ platform, store, ports, mail }: LibraryContext & { mail: Mail }) {
  const { clock } = platform;
  const today = () => clock.iso().slice(0, 10);

  async function ethicsOf(ids: readonly number[]): Promise<Map<number, EthicsStatus>> {
    return ports.ethics ? ports.ethics.statusOf(ids) : new Map();
  }

  /** Queues a sweep for `day` (YYYY-MM-DD) at 06:00 UTC, at most one per day. */
  async function scheduleSweep(day: string): Promise<void> {
    await platform.jobs.enqueue(
      REVIEW_SWEEP_JOB,
      {},
      { runAt: new Date(`${day}${SWEEP_HOUR}`), uniqueKey: `${REVIEW_SWEEP_JOB}:${day}` },
    );
  }

  /** Every published sheet whose review is due, in id order. */
  async function* overdueRows(): AsyncGenerator<UseCaseRow> {
    const day = today();
    let after = 0;
    for (;;) {
      const rows = await store.publishedAfter(after, 1000);
      if (!rows.length) return;
      for (const r of rows) if (reviewOverdue(sheetOf(r), day)) yield r;
      after = rows[rows.length - 1]!.id;
    }
  }

  return {
    /**
     * The upkeep of a sheet for its page; `editing`: the reader is one of its editors (completeness of the working
     * content, the pending revision included, is shown).
     */
    async upkeep(useCaseId: number, editing: boolean): Promise<SheetUpkeep | null> {
      const row = await store.findById(useCaseId);
      if (!row) return null;
      const sheet = sheetOf(row);
      const ethics = editing ? ((await ethicsOf([row.id])).get(row.id) ?? NO_ETHICS) : null;
      return {
        verifiedOn: row.state === 'published' || row.state === 'archived' ? verifiedOn(sheet) : null,
        nextReviewOn: nextReviewOn(sheet),
        overdue: reviewOverdue(sheet, today()),
        completeness: ethics ? completeness(row.draftContent ?? row.content, ethics) : null,
      };
    },

    /** At start-up (reference seed): today's sweep, which then queues the next day's (the daily chain). */
    async start(): Promise<void> {
      await scheduleSweep(today());
    },

    /** After a publication: a sweep on the sheet's due date (`library.use_case_published`). */
    async published(useCaseId: number): Promise<void> {
      const row = await store.findById(useCaseId);
      const due = row ? nextReviewOn(sheetOf(row)) : null;
      // biome-ignore lint/complexity/useMathMinMax: ISO dates (strings), which Math.max does not compare.
      if (due) await scheduleSweep(due > today() ? due : today());
    },

    /** The sweep: one reminder per overdue sheet and due date, then the next day's sweep. How many were sent. */
    async sweep(): Promise<number> {
      let sent = 0;
      for await (const row of overdueRows()) {
        const due = nextReviewOn(sheetOf(row))!;
        const to = await ports.organisations.memberEmails(row.organisationId);
        const title = row.content.title ?? 'Sans titre';
        const claimed = await platform.db.transaction().execute(async (trx) => {
          if (!(await store.claimReviewReminder(row.id, due, to.length, trx))) return false;
          await mail(
            to,
            `Fiche à réexaminer : ${title}`,
            [
              'Bonjour,',
              '',
              `La date de réexamen de la fiche « ${title} » est arrivée (${due.split('-').reverse().join('/')}).`,
              'Vérifiez que ses informations sont toujours exactes, complétez-la si besoin et choisissez la date du',
              'prochain réexamen (étape « Risques et droits » du formulaire), puis soumettez la révision.',
              '',
              `${useCaseUrl(platform, row)}/verifier`,
            ],
            trx,
          );
          return true;
        });
        if (claimed) sent++;
      }
      const tomorrow = new Date(clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
      await scheduleSweep(tomorrow);
      return sent;
    },

    /** The coordinators' « Mon espace »: published sheets whose review date has passed. */
    async work(user: CurrentUser): Promise<WorkGroup[]> {
      if (!can(user, 'use_case.review')) return [];
      const overdue: UseCaseRow[] = [];
      for await (const row of overdueRows()) overdue.push(row);
      if (!overdue.length) return [];
      overdue.sort((a, b) => nextReviewOn(sheetOf(a))!.localeCompare(nextReviewOn(sheetOf(b))!) || a.id - b.id);
      return [
        {
          key: 'fiches-a-reexaminer',
          label: 'Fiches publiées à réexaminer (date de réexamen passée)',
          count: overdue.length,
          href: '/bibliotheque',
          urgency: 2,
          items: overdue.slice(0, 10).map((row) => ({
            title: row.content.title ?? 'Sans titre',
            href: useCasePath(row),
            detail: `Réexamen prévu le ${nextReviewOn(sheetOf(row))!.split('-').reverse().join('/')}`,
            due: nextReviewOn(sheetOf(row)),
          })),
        },
      ];
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
