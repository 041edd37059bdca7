/**
 * Writing a response's answers: creating it on the first save, merging a patch with optimistic concurrency (several
 * agents of one organisation never overwrite each other silently), reading one page of a posted form, storing an
 * uploaded file. Used by the responses service, which checks who may write first.
 */
import { randomBytes } from 'node:crypto';
import { ConflictError, HttpError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import type { UploadedFile } from '../../../platform/http/form.ts';
import {
  type Answers,
  type AnswerValue,
  type Conflict,
  type FileAnswer,
  type FileQuestion,
  formValue,
  MESSAGES,
  mergeConcurrent,
  mimeAccepted,
  type OrganisationOption,
  otherKey,
  progress,
  readOrganisationAnswer,
} from '../../forms/index.ts';
import { campaignState } from '../campaigns.ts';
import type { Response } from '../records.ts';
import type { ServiceDeps } from './context.ts';
import { assertWritable, organisationLookup, type Respondent } from './respondents.ts';

const MAX_ANSWERS_BYTES = 1_000_000;
export const MAX_TEXT_ANSWER = 20_000;

/** A file name safe to show back and offer for download: no path separators or control characters. */
const safeFileName = (name: string) =>
  [...name]
    .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch))
    .join('')
    .slice(0, 200) || 'fichier';

export function createAnswerWriter(deps: Pick<ServiceDeps, 'store' | 'clock' | 'ports'>) {
  const { store, clock, ports } = deps;
  const lookup = organisationLookup(ports.organisations);

  async function ensureResponse(r: Respondent, page: string | null): Promise<Response> {
    if (r.response) return r.response;
    if (r.kind === 'public' && !r.anonymousHash)
      throw new HttpError(400, 'bad_request', 'Session de réponse anonyme manquante : rechargez la page.');
    const created = await store.insertResponse({
      campaignId: r.campaign.id,
      versionId: r.campaign.versionId,
      organisation: r.organisation,
      anonymousTokenHash: r.kind === 'public' ? r.anonymousHash : null,
      userId: r.user?.id ?? null,
      currentPage: page,
    });
    r.response = created;
    return created;
  }

  /**
   * Writes a patch with optimistic concurrency: re-reads the response, merges (conflicting keys are left as they
   * are and reported), then updates only if nobody wrote in between; retries a few times under contention. The
   * campaign is re-read first, so that a save arriving after the closing is refused and nothing saved is lost.
   */
  async function persist(
    r: Respondent,
    baseVersion: number,
    patch: Record<string, AnswerValue | null>,
    options: { currentPage?: string; respondentEmail?: string },
  ): Promise<{ response: Response; conflicts: Conflict[] }> {
    const fresh = await store.findCampaign(r.campaign.id);
    if (!fresh) throw notFound("Cette campagne n'existe plus.");
    const state = campaignState(fresh, clock.now());
    if (state !== 'open') assertWritable({ ...r, campaign: fresh, state });
    const questionnaire = r.version.content;
    for (let attempt = 0; attempt < 8; attempt++) {
      const current = r.response
        ? await store.findResponse(r.response.id)
        : await ensureResponse(r, options.currentPage ?? null);
      if (!current) throw notFound("Cette réponse n'existe plus.");
      if (current.status === 'submitted')
        throw new HttpError(409, 'response_submitted', 'Cette réponse a été envoyée. Rouvrez-la pour la modifier.');
      const merged = mergeConcurrent(current, Math.min(baseVersion, current.version), patch);
      const pageChanged = options.currentPage !== undefined && options.currentPage !== current.currentPage;
      if (!merged.changed.length && !pageChanged && options.respondentEmail === undefined) {
        r.response = current;
        return { response: current, conflicts: merged.conflicts };
      }
      if (JSON.stringify(merged.answers).length > MAX_ANSWERS_BYTES)
        throw new ValidationError({ questionnaire: 'Les réponses dépassent la taille autorisée (1 Mo).' });
      const pct = progress(questionnaire, merged.answers).percent;
      const ok = await store.saveAnswers(current.id, current.version, {
        answers: merged.answers,
        revisions: merged.revisions,
        currentPage: options.currentPage,
        progress: pct,
        userId: r.user?.id ?? null,
        ...(options.respondentEmail !== undefined ? { respondentEmail: options.respondentEmail || null } : {}),
      });
      if (ok) {
        const saved: Response = {
          ...current,
          answers: merged.answers,
          revisions: merged.revisions,
          version: current.version + 1,
          progress: pct,
          currentPage: options.currentPage ?? current.currentPage,
          updatedAt: clock.iso(),
        };
        r.response = saved;
        return { response: saved, conflicts: merged.conflicts };
      }
    }
    throw new ConflictError('Trop de modifications simultanées sur cette réponse : réessayez dans un instant.');
  }

  /** Reads the answers of one page of a posted form (files apart), with the organisation questions resolved. */
  async function readPage(r: Respondent, pageId: string, form: Record<string, unknown>) {
    const page = r.version.content.pages.find((p) => p.id === pageId)!;
    const organisationChoices: Record<string, OrganisationOption[]> = {};
    const errors: Record<string, string> = {};
    const submitted: Answers = {};
    for (const q of page.elements) {
      if (q.type === 'info' || q.type === 'file') continue;
      let value = formValue(q, form);
      if (q.type === 'organisation') {
        const resolved = await readOrganisationAnswer(q, form, lookup);
        value = resolved.value;
        if (resolved.choices) organisationChoices[q.id] = resolved.choices;
        if (resolved.error) errors[q.id] = resolved.error;
      }
      if (typeof value === 'string' && value.length > MAX_TEXT_ANSWER) {
        errors[q.id] = MESSAGES.maxLength(MAX_TEXT_ANSWER);
        value = value.slice(0, MAX_TEXT_ANSWER);
      }
      submitted[q.id] = value;
      if ('allowOther' in q && q.allowOther) {
        const raw = form[otherKey(q.id)];
        const other = (Array.isArray(raw) ? raw[raw.length - 1] : raw) as string | undefined;
        submitted[otherKey(q.id)] =
          typeof other === 'string' && other.trim() ? other.trim().slice(0, MAX_TEXT_ANSWER) : undefined;
      }
    }
    return { submitted, errors, organisationChoices };
  }

  /** Stores the uploaded file of a file question; returns the answer, or the French reason it was refused. */
  async function storeFile(
    r: Respondent,
    pageId: string,
    question: FileQuestion,
    upload: UploadedFile,
  ): Promise<{ answer: FileAnswer } | { error: string }> {
    if (upload.data.length > question.maxSizeBytes) return { error: MESSAGES.fileSize(question.maxSizeBytes) };
    if (!mimeAccepted(upload.mimetype, question.accept)) return { error: MESSAGES.fileType(question.accept) };
    const response = await ensureResponse(r, pageId);
    const id = randomBytes(18).toString('base64url');
    const name = safeFileName(upload.filename);
    await store.insertFile({
      id,
      responseId: response.id,
      questionId: question.id,
      name,
      type: upload.mimetype,
      content: upload.data,
    });
    return { answer: { id, name, size: upload.data.length, type: upload.mimetype } };
  }

  return { ensureResponse, persist, readPage, storeFile };
}

export type AnswerWriter = ReturnType<typeof createAnswerWriter>;
