/**
 * Assessments of a sheet (self-assessment, AI Act wizard, French-law checklist): starting a version, filling it page
 * by page or by autosave (optimistic concurrency with per-answer merging: two members never overwrite each other
 * silently), signing it (dated, who), publishing or withdrawing it, and reading it as the reader may.
 *
 * Private by default: a draft, or a signed assessment the authority did not publish, exists only for the authority's
 * members and the coordinators; anyone else gets the same 404 as for an assessment that does not exist.
 */
import { type Actor, authorize, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ConflictError, HttpError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import {
  type Answers,
  type AnswerValue,
  allQuestions,
  type Conflict,
  type FormBody,
  formValue,
  MESSAGES,
  mergeConcurrent,
  otherKey,
  questionErrors,
  sameAnswer,
  validateAnswers,
  visibleElementIds,
} from '../../forms/index.ts';
import { classify } from '../ai-act.ts';
import { type Assessment, type AssessmentKind, FORMS } from '../model.ts';
import type { EthicsPorts, SheetRef } from '../ports.ts';
import type { EthicsStore } from '../store.ts';

const MAX_TEXT_ANSWER = 5_000;
const MAX_ANSWERS_BYTES = 200_000;

/** Whether everyone may see the sheet itself (the library's rule: published and archived sheets are public). */
export const isPublicSheet = (sheet: Pick<SheetRef, 'state'>) =>
  sheet.state === 'published' || sheet.state === 'archived';

/** Whether `actor` may read this assessment: published on a public sheet, or the authority's and coordinators'. */
export function mayRead(actor: Actor, a: Assessment, sheet: SheetRef): boolean {
  if (a.published && a.status === 'signed' && isPublicSheet(sheet)) return true;
  return can(actor, 'ethics.read_private', { organisationId: a.organisationId });
}

export interface Opened {
  assessment: Assessment;
  sheet: SheetRef;
  canWrite: boolean;
}

export function createAssessmentService(deps: { platform: Platform; store: EthicsStore; ports: EthicsPorts }) {
  const { platform, store, ports } = deps;
  const { db, audit } = platform;

  async function sheetOrThrow(useCaseId: number): Promise<SheetRef> {
    const sheet = await ports.useCases.find(useCaseId);
    if (!sheet) throw notFound("Cette fiche n'existe pas (ou plus).");
    return sheet;
  }

  /** The assessment as `actor` may read it, or 404 (absent, or private to others). */
  async function open(actor: Actor, id: number): Promise<Opened> {
    const assessment = await store.find(id);
    const sheet = assessment ? await ports.useCases.find(assessment.useCaseId) : null;
    if (!assessment || !sheet || !mayRead(actor, assessment, sheet))
      throw notFound('Cette évaluation n’existe pas, ou elle n’est pas publiée.');
    return { assessment, sheet, canWrite: can(actor, 'ethics.write', { organisationId: assessment.organisationId }) };
  }

  /** A draft the actor may fill (a signed one is frozen: start a new version). */
  async function openDraft(actor: CurrentUser, id: number): Promise<Opened> {
    const opened = await open(actor, id);
    authorize(actor, 'ethics.write', { organisationId: opened.assessment.organisationId });
    if (opened.assessment.status !== 'draft')
      throw new HttpError(
        409,
        'assessment_signed',
        'Cette évaluation est signée : elle ne change plus. Commencez une nouvelle version pour la mettre à jour.',
      );
    return opened;
  }

  /** The sheet's assessments that `actor` may read, newest first within each kind. */
  async function ofSheet(actor: Actor, useCaseId: number) {
    const sheet = await sheetOrThrow(useCaseId);
    const all = await store.ofUseCase(useCaseId);
    const readable = all.filter((a) => mayRead(actor, a, sheet));
    if (!isPublicSheet(sheet) && !can(actor, 'ethics.read_private', { organisationId: sheet.organisationId }))
      throw notFound("Cette fiche n'existe pas (ou plus).");
    return {
      sheet,
      assessments: readable,
      canWrite: can(actor, 'ethics.write', { organisationId: sheet.organisationId }),
    };
  }

  /**
   * Starts a version of an assessment of this kind, from the answers of the latest signed one; the current draft when
   * there is one (one draft per sheet and kind).
   */
  async function start(actor: CurrentUser, useCaseId: number, kind: AssessmentKind): Promise<Assessment> {
    const sheet = await sheetOrThrow(useCaseId);
    authorize(actor, 'ethics.write', { organisationId: sheet.organisationId });
    const existing = await store.ofUseCase(useCaseId, kind);
    const draft = existing.find((a) => a.status === 'draft');
    if (draft) return draft;
    const previous = existing.find((a) => a.status === 'signed');
    return db.transaction().execute(async (trx) => {
      const created = await store.insert(
        { useCaseId, organisationId: sheet.organisationId, kind, answers: previous?.answers ?? {}, userId: actor.id },
        trx,
      );
      await audit.record(
        {
          actorUserId: actor.id,
          action: 'ethics_assessment.started',
          subjectType: 'use_case',
          subjectId: useCaseId,
          details: { kind, number: created.number },
        },
        trx,
      );
      return created;
    });
  }

  /** Merges a patch of answers made on `baseVersion`; retries under contention. */
  async function persist(
    actor: CurrentUser,
    a: Assessment,
    baseVersion: number,
    patch: Record<string, AnswerValue | null>,
    currentPage?: string,
  ): Promise<{ assessment: Assessment; conflicts: Conflict[] }> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const current = attempt === 0 ? a : await store.find(a.id);
      if (!current) throw notFound('Cette évaluation n’existe plus.');
      if (current.status !== 'draft')
        throw new HttpError(409, 'assessment_signed', 'Cette évaluation vient d’être signée : elle ne change plus.');
      const merged = mergeConcurrent(current, Math.min(baseVersion, current.version), patch);
      if (!merged.changed.length && (currentPage === undefined || currentPage === current.currentPage))
        return { assessment: current, conflicts: merged.conflicts };
      if (JSON.stringify(merged.answers).length > MAX_ANSWERS_BYTES)
        throw new ValidationError({ evaluation: 'Les réponses dépassent la taille autorisée (200 Ko).' });
      const ok = await store.saveAnswers(current.id, current.version, {
        answers: merged.answers,
        revisions: merged.revisions,
        currentPage,
        userId: actor.id,
      });
      if (ok) {
        const saved: Assessment = {
          ...current,
          answers: merged.answers,
          revisions: merged.revisions,
          version: current.version + 1,
          currentPage: currentPage ?? current.currentPage,
          updatedAt: platform.clock.iso(),
        };
        return { assessment: saved, conflicts: merged.conflicts };
      }
    }
    throw new ConflictError('Trop de modifications simultanées de cette évaluation : réessayez dans un instant.');
  }

  /** Format errors of what is answered on a page (a draft keeps partial answers: « required » is for signing). */
  function formatErrors(kind: AssessmentKind, pageId: string, answers: Answers): Record<string, string> {
    const form = FORMS[kind];
    const page = form.pages.find((p) => p.id === pageId);
    const visible = visibleElementIds(form, answers);
    const errors: Record<string, string> = {};
    for (const e of page?.elements ?? []) {
      if (e.type === 'info' || !visible.has(e.id) || answers[e.id] === undefined) continue;
      Object.assign(errors, questionErrors(e, answers));
    }
    return errors;
  }

  /** Saves one page of a posted form: answers kept even when some are wrong (the page shows them with errors). */
  async function savePage(
    actor: CurrentUser,
    id: number,
    pageId: string,
    body: FormBody,
    baseVersion: number,
    base: Answers | null = null,
  ) {
    const { assessment, sheet } = await openDraft(actor, id);
    const form = FORMS[assessment.kind];
    const page = form.pages.find((p) => p.id === pageId);
    if (!page) throw notFound("Cette page de l'évaluation n'existe pas.");
    const patch: Record<string, AnswerValue | null> = {};
    const tooLong: Record<string, string> = {};
    for (const q of page.elements) {
      if (q.type === 'info' || q.type === 'file' || q.type === 'organisation') continue;
      let value = formValue(q, body);
      if (typeof value === 'string' && value.length > MAX_TEXT_ANSWER) {
        tooLong[q.id] = MESSAGES.maxLength(MAX_TEXT_ANSWER);
        value = value.slice(0, MAX_TEXT_ANSWER);
      }
      // Only what the person changed on the page is written (with `base`, the answers the page showed).
      if (base && sameAnswer(value ?? null, base[q.id] ?? null)) continue;
      patch[q.id] = value ?? null;
    }
    const saved = await persist(actor, assessment, baseVersion, patch, pageId);
    const errors = { ...formatErrors(assessment.kind, pageId, saved.assessment.answers), ...tooLong };
    return { assessment: saved.assessment, sheet, conflicts: saved.conflicts, errors };
  }

  /** Autosave (the browser island): JSON patch in, the new version and conflicts out. */
  async function autosave(
    actor: CurrentUser,
    id: number,
    input: { baseVersion: number; answers: Record<string, AnswerValue | null>; page?: string },
  ) {
    const { assessment } = await openDraft(actor, id);
    const form = FORMS[assessment.kind];
    const allowed = new Set(allQuestions(form).flatMap((q) => [q.id, otherKey(q.id)]));
    const fields: Record<string, string> = {};
    const patch: Record<string, AnswerValue | null> = {};
    for (const [key, value] of Object.entries(input.answers ?? {})) {
      if (!allowed.has(key)) fields[key] = "Cette question n'existe pas dans cette évaluation.";
      else if (typeof value === 'string' && value.length > MAX_TEXT_ANSWER)
        fields[key] = MESSAGES.maxLength(MAX_TEXT_ANSWER);
      else patch[key] = value;
    }
    if (Object.keys(fields).length)
      throw new ValidationError(fields, 'Certaines réponses ne peuvent pas être enregistrées.');
    const page = input.page && form.pages.some((p) => p.id === input.page) ? input.page : undefined;
    const saved = await persist(actor, assessment, input.baseVersion, patch, page);
    return {
      version: saved.assessment.version,
      conflicts: saved.conflicts,
      savedAt: saved.assessment.updatedAt,
      answers: saved.assessment.answers,
    };
  }

  /** Signs a draft: every visible question answered and valid; hidden answers dropped; dated and signed by `actor`. */
  async function sign(actor: CurrentUser, id: number, version: number): Promise<Assessment> {
    const { assessment } = await openDraft(actor, id);
    if (version !== assessment.version)
      throw new ConflictError(
        'Quelqu’un a modifié l’évaluation pendant que vous la relisiez : relisez-la avant de la signer.',
      );
    const checked = validateAnswers(FORMS[assessment.kind], assessment.answers);
    if (!checked.valid)
      throw new ValidationError(
        checked.errors,
        'L’évaluation n’est pas complète : répondez aux questions signalées avant de la signer.',
      );
    const name = actor.name?.trim() || actor.email;
    await db.transaction().execute(async (trx) => {
      if (!(await store.sign(id, version, { answers: checked.answers, userId: actor.id, name }, trx)))
        throw new ConflictError('Quelqu’un a modifié l’évaluation en même temps : relisez-la avant de la signer.');
      await audit.record(
        {
          actorUserId: actor.id,
          action: 'ethics_assessment.signed',
          subjectType: 'use_case',
          subjectId: assessment.useCaseId,
          details: { kind: assessment.kind, number: assessment.number },
        },
        trx,
      );
    });
    return (await store.find(id))!;
  }

  /** Publishes (or withdraws) a signed assessment: the authority's choice. */
  async function setPublished(actor: CurrentUser, id: number, published: boolean): Promise<Assessment> {
    const { assessment } = await open(actor, id);
    authorize(actor, 'ethics.write', { organisationId: assessment.organisationId });
    if (assessment.status !== 'signed')
      throw new HttpError(409, 'assessment_not_signed', 'Seule une évaluation signée peut être publiée.');
    await db.transaction().execute(async (trx) => {
      await store.setPublished(id, published, actor.id, trx);
      await audit.record(
        {
          actorUserId: actor.id,
          action: published ? 'ethics_assessment.published' : 'ethics_assessment.withdrawn',
          subjectType: 'use_case',
          subjectId: assessment.useCaseId,
          details: { kind: assessment.kind, number: assessment.number },
        },
        trx,
      );
    });
    return (await store.find(id))!;
  }

  /** Abandons a draft (a signed assessment is never deleted). */
  async function discard(actor: CurrentUser, id: number): Promise<Assessment> {
    const { assessment } = await openDraft(actor, id);
    await store.deleteDraft(id);
    return assessment;
  }

  /** The AI Act wizard's result fills the sheet's AI Act field (the library authorises and keeps its workflow). */
  async function applyAiAct(actor: CurrentUser, id: number) {
    const { assessment, sheet } = await open(actor, id);
    authorize(actor, 'ethics.write', { organisationId: assessment.organisationId });
    if (assessment.kind !== 'ai_act' || assessment.status !== 'signed')
      throw new HttpError(
        409,
        'assessment_not_signed',
        'Signez d’abord la classification pour l’appliquer à la fiche.',
      );
    const result = classify(assessment.answers);
    await ports.useCases.setAiActCategory(actor, sheet.id, result.category);
    return { result, sheet };
  }

  /** The signed assessment of the same sheet and kind just before this one that `actor` may read (comparison). */
  async function previousOf(actor: Actor, a: Assessment, sheet: SheetRef): Promise<Assessment | null> {
    const all = await store.ofUseCase(a.useCaseId, a.kind);
    return all.find((x) => x.status === 'signed' && x.number < a.number && mayRead(actor, x, sheet)) ?? null;
  }

  return { open, openDraft, ofSheet, start, savePage, autosave, sign, setPublished, discard, applyAiAct, previousOf };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
