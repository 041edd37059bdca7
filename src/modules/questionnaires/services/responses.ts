/**
 * Answering: saving a page (without JavaScript), autosave (JavaScript), both with optimistic concurrency so that two
 * agents of one organisation never overwrite each other silently; files attached to answers; submission (every
 * visible question valid, hidden answers dropped, receipt mailed, `questionnaires.response_submitted` emitted);
 * reopening. A respondent (respondents.ts) is the capability: every write checks `response.write` on it.
 */
import { ConflictError, gone, HttpError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import type { UploadedFile } from '../../../platform/http/form.ts';
import {
  type Answers,
  type AnswerValue,
  allQuestions,
  type Conflict,
  MESSAGES,
  type OrganisationOption,
  pageKeys,
  pruneHidden,
  sameAnswer,
  saveShape,
  validateAnswers,
  validatePage,
} from '../../forms/index.ts';
import { authorizeOr } from '../policy.ts';
import type { Response } from '../records.ts';
import { createAnswerWriter, MAX_TEXT_ANSWER } from './answer-writer.ts';
import { queueMail, type ServiceDeps } from './context.ts';
import { automaticDraft } from './library.ts';
import { receiptText } from './mails.ts';
import { assertWritable, closedMessage, type Respondent } from './respondents.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface SaveOutcome {
  response: Response;
  conflicts: Conflict[];
  /** Page validation errors (question id or `id.other` → message). */
  errors: Record<string, string>;
  /** Organisation choices to show when a typed organisation name matched several (question id → candidates). */
  organisationChoices: Record<string, OrganisationOption[]>;
  /** The respondent, with the response as saved. */
  respondent: Respondent;
}

export function createResponseService(deps: ServiceDeps) {
  const { db, store, audit, jobs, clock, events, links } = deps;
  const { ensureResponse, persist, readPage, storeFile } = createAnswerWriter(deps);

  const mayWrite = (r: Respondent) =>
    authorizeOr(
      { forbidden: 'Vous ne pouvez pas modifier cette réponse.' },
      r.kind === 'member' ? r.user : null,
      'response.write',
      { kind: r.kind, organisationId: r.organisation?.organisationId ?? null },
    );

  return {
    /**
     * Saves one page of a form (without JavaScript, or the explicit « Enregistrer » button): only the answers the
     * person changed since `baseVersion` are written, so that two agents never overwrite each other silently.
     */
    async savePage(
      r: Respondent,
      pageId: string,
      form: Record<string, unknown>,
      options: {
        baseVersion: number;
        base: Answers | null;
        files?: UploadedFile[];
        validate: boolean;
        respondentEmail?: string;
      },
    ): Promise<SaveOutcome> {
      mayWrite(r);
      assertWritable(r);
      const questionnaire = r.version.content;
      const page = questionnaire.pages.find((p) => p.id === pageId);
      if (!page) throw notFound("Cette page du questionnaire n'existe pas.");
      const { submitted, errors: pageErrors, organisationChoices } = await readPage(r, pageId, form);
      // Only what changed since the page was displayed.
      const questions = new Map(allQuestions(questionnaire).map((q) => [q.id, q]));
      const patch: Record<string, AnswerValue | null> = {};
      for (const key of pageKeys(questionnaire, pageId)) {
        if (questions.get(key)?.type === 'file') continue;
        const mine = submitted[key];
        if (options.base && sameAnswer(mine, options.base[key])) continue;
        patch[key] = mine ?? null;
      }
      // Files: stored first, then referenced by the answer.
      for (const element of page.elements) {
        if (element.type !== 'file') continue;
        const upload = options.files?.find((f) => f.field === element.id && f.data.length > 0);
        if (upload) {
          const stored = await storeFile(r, pageId, element, upload);
          if ('error' in stored) pageErrors[element.id] = stored.error;
          else patch[element.id] = stored.answer;
        } else if (typeof form[`${element.id}.remove`] === 'string') patch[element.id] = null;
      }
      const saved = await persist(r, options.baseVersion, patch, {
        currentPage: pageId,
        respondentEmail: options.respondentEmail,
      });
      let errors = { ...pageErrors };
      if (options.validate)
        errors = { ...validatePage(questionnaire, pageId, saved.response.answers).errors, ...pageErrors };
      for (const c of saved.conflicts) delete errors[c.key];
      return {
        response: saved.response,
        conflicts: saved.conflicts,
        errors,
        organisationChoices,
        respondent: { ...r, response: saved.response },
      };
    },

    /** Autosave (JavaScript): a patch of changed answers on top of `baseVersion`. */
    async autosave(
      r: Respondent,
      input: { baseVersion: number; answers: Record<string, AnswerValue | null>; page?: string },
    ): Promise<{ version: number; conflicts: Conflict[]; progress: number; savedAt: string; answers: Answers }> {
      mayWrite(r);
      assertWritable(r);
      // The keys and pages of the version, worked out once per version (not on each save).
      const shape = saveShape(r.version.content);
      const allowed = shape.writableKeys;
      const patch: Record<string, AnswerValue | null> = {};
      const fields: Record<string, string> = {};
      for (const [key, value] of Object.entries(input.answers ?? {})) {
        if (!allowed.has(key)) {
          fields[key] = "Cette question n'existe pas dans ce questionnaire.";
          continue;
        }
        if (typeof value === 'string' && value.length > MAX_TEXT_ANSWER) {
          fields[key] = MESSAGES.maxLength(MAX_TEXT_ANSWER);
          continue;
        }
        patch[key] = value;
      }
      if (Object.keys(fields).length)
        throw new ValidationError(fields, 'Certaines réponses ne peuvent pas être enregistrées.');
      const page = input.page && shape.pageIds.has(input.page) ? input.page : undefined;
      const saved = await persist(r, input.baseVersion, patch, { currentPage: page });
      return {
        version: saved.response.version,
        conflicts: saved.conflicts,
        progress: saved.response.progress,
        savedAt: saved.response.updatedAt,
        answers: saved.response.answers,
      };
    },

    /** Sends the response: every visible question valid; hidden answers dropped; receipt mailed; event emitted. */
    async submit(r: Respondent, input: { baseVersion: number; email?: string | null }): Promise<Response> {
      mayWrite(r);
      assertWritable(r);
      const response = r.response ? await store.findResponse(r.response.id) : null;
      if (!response) throw new ValidationError({ questionnaire: "Vous n'avez encore répondu à aucune question." });
      if (response.version !== input.baseVersion) {
        throw new ConflictError(
          "Quelqu'un a modifié les réponses depuis que vous avez affiché ce récapitulatif. Relisez-les avant d'envoyer.",
          response.answers,
        );
      }
      const questionnaire = r.version.content;
      const checked = validateAnswers(questionnaire, response.answers);
      if (!checked.valid)
        throw new ValidationError(checked.errors, 'Certaines réponses sont à compléter avant l’envoi.');
      const email = input.email?.trim().toLowerCase() || null;
      if (email && !EMAIL.test(email)) throw new ValidationError({ email: MESSAGES.email });
      const kept = pruneHidden(questionnaire, response.answers);
      const at = clock.iso();
      const actorUserId = r.user?.id ?? null;
      return db.transaction().execute(async (trx) => {
        const ok = await store.saveAnswers(
          response.id,
          response.version,
          {
            answers: kept,
            revisions: response.revisions,
            progress: 100,
            userId: actorUserId,
            status: 'submitted',
            submittedAt: at,
            submittedBy: actorUserId,
            respondentEmail: email ?? response.respondentEmail,
          },
          trx,
        );
        if (!ok) throw new ConflictError("Quelqu'un vient de modifier les réponses. Relisez-les avant d'envoyer.");
        await deps.aggregates.sync(response.id, trx);
        const to = [...new Set([r.user?.email, email].filter(Boolean) as string[])];
        const link =
          r.kind === 'invitation' && r.invitation ? links.invitation(r.invitation) : `${links.baseUrl}${r.basePath}`;
        const receipt = receiptText({
          campaign: r.campaign,
          organisationName: r.organisation?.organisationName ?? null,
          canReopen: r.kind !== 'public',
          link,
          at,
        });
        await queueMail(jobs, to, `Accusé de réception : ${r.campaign.title}`, receipt, trx);
        await events.emit(
          'questionnaires.response_submitted',
          {
            responseId: response.id,
            campaignId: r.campaign.id,
            organisationId: response.organisationId,
            actorUserId,
            ...automaticDraft(r.campaign, questionnaire, { ...response, answers: kept }),
          },
          trx,
        );
        await audit.record(
          {
            actorUserId,
            action: 'response.submitted',
            subjectType: 'response',
            subjectId: response.id,
            details: { campaignId: r.campaign.id },
          },
          trx,
        );
        return (await store.findResponse(response.id, trx))!;
      });
    },

    /** After submission, the organisation may reopen its response until the campaign closes. */
    async reopen(r: Respondent): Promise<Response> {
      mayWrite(r);
      // Not a matter of who asks (the link is the credential): an anonymous response, once sent, is final.
      if (r.kind === 'public')
        throw new HttpError(409, 'response_final', 'Une réponse anonyme envoyée ne peut pas être rouverte.');
      if (r.state !== 'open') throw gone(closedMessage(r));
      const response = r.response ? await store.findResponse(r.response.id) : null;
      if (response?.status !== 'submitted') return response ?? (await ensureResponse(r, null));
      // The results stop counting the response in the same transaction (results-aggregates.ts).
      const ok = await db.transaction().execute(async (trx) => {
        const saved = await store.saveAnswers(
          response.id,
          response.version,
          {
            answers: response.answers,
            revisions: response.revisions,
            progress: response.progress,
            userId: r.user?.id ?? null,
            status: 'in_progress',
            reopenedAt: clock.iso(),
          },
          trx,
        );
        if (saved) await deps.aggregates.sync(response.id, trx);
        return saved;
      });
      if (!ok) throw new ConflictError("Quelqu'un vient de modifier cette réponse. Rechargez la page.");
      await audit.record({
        actorUserId: r.user?.id ?? null,
        action: 'response.reopened',
        subjectType: 'response',
        subjectId: response.id,
      });
      return (await store.findResponse(response.id))!;
    },

    /** A file attached to the respondent's own response. */
    async file(r: Respondent, fileId: string) {
      const file = /^[A-Za-z0-9_-]{10,60}$/.test(fileId) ? await store.findFile(fileId) : null;
      if (!file || !r.response || r.response.id !== file.responseId) throw notFound('Ce fichier est introuvable.');
      return file;
    },
  };
}

export type ResponseService = ReturnType<typeof createResponseService>;
