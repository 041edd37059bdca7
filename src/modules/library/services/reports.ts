/**
 * « Signaler une erreur »: anyone reports an error on a published (or archived) use case; the authority's members
 * and the coordinators are told, list the reports of their use cases and mark them handled.
 */
import type { Actor } from '../../../platform/auth/authorize.ts';
import { authorize, can } from '../../../platform/auth/authorize.ts';
import { ConflictError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import { cleanText, isEmail } from '../model.ts';
import { authorizeOr } from '../policy.ts';
import { baseUrlOf, type LibraryContext, type Mail, type Records, useCaseUrl } from './context.ts';

export const REPORT_MESSAGE_MIN = 10;
export const REPORT_MESSAGE_MAX = 5000;

export function createReportsService(ctx: LibraryContext & { records: Records; mail: Mail }) {
  const { platform, store, ports, records, mail } = ctx;
  const { db, audit } = platform;

  /** Records a report and tells the authority and the coordinators; its id. */
  async function report(actor: Actor, id: number, input: { message?: string; email?: string }): Promise<number> {
    authorize(actor, 'use_case_report.create');
    const row = await records.rowOrThrow(id);
    const useCase = await records.presentFor(actor, row);
    if (!useCase || (row.state !== 'published' && row.state !== 'archived')) {
      throw notFound("Cette fiche n'existe pas (ou plus).");
    }
    const message = cleanText(input.message) ?? '';
    const email = actor ? null : cleanText(input.email);
    const errors: Record<string, string> = {};
    if (message.length < REPORT_MESSAGE_MIN) {
      errors.message = `Décrivez l’erreur en quelques mots (au moins ${REPORT_MESSAGE_MIN} caractères).`;
    } else if (message.length > REPORT_MESSAGE_MAX) {
      errors.message = `Le message doit compter au plus ${REPORT_MESSAGE_MAX} caractères (${message.length} saisis).`;
    }
    if (email && !isEmail(email)) errors.email = 'Saisissez une adresse électronique valide, ou laissez le champ vide.';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const title = row.content.title ?? 'Sans titre';
    const to = [
      ...(await ports.organisations.memberEmails(row.organisationId)),
      ...(await ports.people.coordinatorEmails()),
    ];
    return db.transaction().execute(async (trx) => {
      const reportId = await store.insertReport(
        { useCaseId: row.id, reporterUserId: actor?.id ?? null, reporterEmail: email, message },
        trx,
      );
      const lines = [
        'Bonjour,',
        '',
        `Une erreur est signalée sur la fiche « ${title} » (${useCase.organisation.name}) :`,
        '',
        message.replace(/^/gm, '> '),
        '',
        'Pour corriger la fiche et marquer le signalement comme traité :',
        `${baseUrlOf(platform)}/bibliotheque/signalements`,
      ];
      await mail(to, `Erreur signalée : ${title}`, lines, trx);
      await audit.record(
        {
          actorUserId: actor?.id ?? null,
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

  /** The reports a person handles (their authorities'; every one for coordinators), newest first (view-model). */
  async function reports(actor: Actor, status: 'open' | 'handled' = 'open') {
    authorize(actor, 'use_case_report.list');
    const organisationIds = can(actor, 'use_case.review') ? null : actor!.memberships.map((m) => m.organisationId);
    const rows = await store.reports({ organisationIds, status });
    const summaries = await ports.organisations.summaries(rows.map((r) => r.organisationId));
    return rows.map((r) => ({
      id: r.id,
      useCaseId: r.useCaseId,
      title: r.title,
      organisation: summaries.get(r.organisationId)?.name ?? '',
      createdAt: r.createdAt,
      message: r.message,
      reporterEmail: r.reporterEmail,
      status: r.status,
    }));
  }

  async function handleReport(actor: Actor, reportId: number): Promise<void> {
    const r = await store.findReport(reportId);
    if (!r) throw notFound("Ce signalement n'existe pas (ou plus).");
    authorizeOr(
      'Seuls les membres de la collectivité et les coordinateurs traitent les signalements.',
      actor,
      'use_case_report.handle',
      { organisationId: r.organisationId },
    );
    // The person who reported hears that it was handled, when they left a way to reach them.
    const reporter = r.reporterUserId
      ? (await ports.people.userEmails([r.reporterUserId])).get(r.reporterUserId)
      : null;
    const reporterAddress = reporter?.email ?? r.reporterEmail;
    const useCase = await records.rowOrThrow(r.useCaseId).catch(() => null);
    await db.transaction().execute(async (trx) => {
      if (!(await store.handleReport(r.id, actor!.id, trx))) throw new ConflictError('Ce signalement est déjà traité.');
      if (reporterAddress && useCase) {
        const title = useCase.content.title ?? 'Sans titre';
        await mail(
          [reporterAddress],
          `Votre signalement est traité : ${title}`,
          [
            'Bonjour,',
            '',
            `Vous aviez signalé une erreur sur la fiche « ${title} ». La collectivité ou le réseau l’a examinée et a`,
            'marqué votre signalement comme traité. Merci pour votre aide.',
            '',
            'Votre message :',
            r.message.replace(/^/gm, '> '),
            '',
            `La fiche : ${useCaseUrl(platform, useCase)}`,
          ],
          trx,
        );
      }
      await audit.record(
        {
          actorUserId: actor!.id,
          action: 'use_case.report_handled',
          subjectType: 'use_case',
          subjectId: r.useCaseId,
          details: { reportId: r.id },
        },
        trx,
      );
    });
  }

  return { report, reports, handleReport };
}

export type ReportsService = ReturnType<typeof createReportsService>;
