/**
 * Transparency notices of a sheet: a draft generated from the sheet's public fields and its signed assessments,
 * edited by the authority's members (or the coordinators), then published. A published notice never changes: the
 * next change is a new version (a new draft, from the published text). Everyone reads the latest published version
 * of a public sheet; a draft exists only for the authority and the coordinators (404 for the others).
 */
import { type Actor, authorize, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ConflictError, HttpError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { FIELDS } from '../../library/index.ts';
import { classify } from '../ai-act.ts';
import { lawChecklist } from '../law.ts';
import { generateNotice, incompleteSections, NOTICE_SECTIONS, readNoticeForm } from '../notice.ts';
import type { EthicsPorts, SheetRef } from '../ports.ts';
import { requirementScores } from '../scoring.ts';
import type { EthicsStore, Notice } from '../store.ts';
import { isPublicSheet } from './assessments.ts';

const PUBLIC_KEYS = FIELDS.filter((f) => f.access === 'public').map((f) => f.key as string);

export interface NoticeView {
  sheet: SheetRef;
  /** The latest published version, if any. */
  published: Notice | null;
  /** The draft being prepared (only for those who may read it). */
  draft: Notice | null;
  canWrite: boolean;
}

export function createNoticeService(deps: { platform: Platform; store: EthicsStore; ports: EthicsPorts }) {
  const { platform, store, ports } = deps;
  const { db, audit, clock } = platform;

  async function sheetOrThrow(useCaseId: number): Promise<SheetRef> {
    const sheet = await ports.useCases.find(useCaseId);
    if (!sheet) throw notFound("Cette fiche n'existe pas (ou plus).");
    return sheet;
  }

  /** What `actor` may see of a sheet's notices; 404 when there is nothing they may see. */
  async function view(actor: Actor, useCaseId: number): Promise<NoticeView> {
    const sheet = await sheetOrThrow(useCaseId);
    const all = await store.notices(useCaseId);
    const privateReader = can(actor, 'ethics.read_private', { organisationId: sheet.organisationId });
    const published =
      isPublicSheet(sheet) || privateReader ? (all.find((n) => n.status === 'published') ?? null) : null;
    const draft = privateReader ? (all.find((n) => n.status === 'draft') ?? null) : null;
    return { sheet, published, draft, canWrite: can(actor, 'ethics.write', { organisationId: sheet.organisationId }) };
  }

  /** The latest published notice of a public sheet (404 until there is one): the public page and the API. */
  async function publishedOf(actor: Actor, useCaseId: number): Promise<{ sheet: SheetRef; notice: Notice }> {
    const v = await view(actor, useCaseId);
    if (!v.published || !isPublicSheet(v.sheet))
      throw notFound('Aucune notice de transparence n’est publiée pour cette fiche.');
    return { sheet: v.sheet, notice: v.published };
  }

  /** A notice generated from the sheet's public fields and its latest signed assessments. */
  async function generate(actor: CurrentUser, sheet: SheetRef) {
    const presented = await ports.useCases.present(actor, sheet.id);
    const content = Object.fromEntries(PUBLIC_KEYS.map((k) => [k, presented.content[k]]));
    const assessments = await store.ofUseCase(sheet.id);
    const latest = (kind: 'self' | 'ai_act' | 'law') =>
      assessments.find((a) => a.kind === kind && a.status === 'signed') ?? null;
    const self = latest('self');
    const aiAct = latest('ai_act');
    const law = latest('law');
    return generateNotice({
      title: sheet.title,
      organisationName: presented.organisation.name,
      content,
      selfScores: self ? requirementScores(self.answers) : null,
      aiAct: aiAct ? classify(aiAct.answers) : null,
      law: law ? lawChecklist(law.answers) : null,
      today: clock.iso().slice(0, 10),
    });
  }

  /**
   * The draft to edit: the current one, or a new version (from the published text when there is one, generated
   * otherwise).
   */
  async function startDraft(actor: CurrentUser, useCaseId: number): Promise<Notice> {
    const sheet = await sheetOrThrow(useCaseId);
    authorize(actor, 'ethics.write', { organisationId: sheet.organisationId });
    const all = await store.notices(useCaseId);
    const draft = all.find((n) => n.status === 'draft');
    if (draft) return draft;
    const published = all.find((n) => n.status === 'published');
    const content = published?.content ?? (await generate(actor, sheet));
    return db.transaction().execute(async (trx) => {
      const created = await store.insertNotice(
        { useCaseId, organisationId: sheet.organisationId, content, userId: actor.id },
        trx,
      );
      await audit.record(
        {
          actorUserId: actor.id,
          action: 'ethics_notice.drafted',
          subjectType: 'use_case',
          subjectId: useCaseId,
          details: { number: created.number },
        },
        trx,
      );
      return created;
    });
  }

  async function draftOf(actor: CurrentUser, useCaseId: number): Promise<{ sheet: SheetRef; draft: Notice }> {
    const v = await view(actor, useCaseId);
    authorize(actor, 'ethics.write', { organisationId: v.sheet.organisationId });
    if (!v.draft) throw notFound('Aucune notice en préparation pour cette fiche.');
    return { sheet: v.sheet, draft: v.draft };
  }

  /** Saves the edited texts (ValidationError with French messages; ConflictError when someone saved meanwhile). */
  async function save(actor: CurrentUser, useCaseId: number, version: number, body: Record<string, unknown>) {
    const { draft } = await draftOf(actor, useCaseId);
    const { content, errors } = readNoticeForm(body);
    if (Object.keys(errors).length)
      throw new ValidationError(errors, 'Certaines parties de la notice sont à corriger.');
    if (version !== draft.version || !(await store.saveNotice(draft.id, version, content, actor.id)))
      throw new ConflictError('Quelqu’un a modifié la notice pendant que vous la modifiiez. Rechargez la page.', draft);
    return { ...draft, content, version: version + 1 };
  }

  /** Writes the draft again from the sheet and the assessments (the edits are replaced). */
  async function regenerate(actor: CurrentUser, useCaseId: number, version: number) {
    const { sheet, draft } = await draftOf(actor, useCaseId);
    const content = await generate(actor, sheet);
    if (version !== draft.version || !(await store.saveNotice(draft.id, version, content, actor.id)))
      throw new ConflictError('Quelqu’un a modifié la notice pendant que vous la modifiiez. Rechargez la page.', draft);
  }

  /** Saves then publishes the draft: the sheet must be public and no part left « à compléter ». */
  async function publish(actor: CurrentUser, useCaseId: number, version: number, body: Record<string, unknown>) {
    const saved = await save(actor, useCaseId, version, body);
    const { sheet } = await draftOf(actor, useCaseId);
    if (!isPublicSheet(sheet))
      throw new HttpError(409, 'sheet_not_public', 'Publiez d’abord la fiche : la notice se lit avec elle.');
    const missing = incompleteSections(saved.content);
    if (missing.length) {
      const titles = new Map<string, string>(NOTICE_SECTIONS.map((s) => [s.key, s.title]));
      throw new ValidationError(
        Object.fromEntries(
          missing.map((k) => [`section_${k}`, `Complétez la partie « ${titles.get(k)} » avant de publier la notice.`]),
        ),
        'La notice a des parties à compléter.',
      );
    }
    await db.transaction().execute(async (trx) => {
      if (!(await store.publishNotice(saved.id, saved.version, actor.id, trx)))
        throw new ConflictError('Quelqu’un a modifié la notice en même temps. Rechargez la page.');
      await audit.record(
        {
          actorUserId: actor.id,
          action: 'ethics_notice.published',
          subjectType: 'use_case',
          subjectId: useCaseId,
          details: { number: saved.number },
        },
        trx,
      );
    });
    return saved;
  }

  return { view, publishedOf, startDraft, draftOf, save, regenerate, publish };
}

export type NoticeService = ReturnType<typeof createNoticeService>;
