/**
 * Writing a response's answers: creating it on the first save, merging a patch with optimistic concurrency (several
 * agents of one organisation never overwrite each other silently), reading one page of a posted form, storing an
 * uploaded file. Used by the responses service, which checks who may write first.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../platform/db/database.ts';
import { sqlitePath } from '../../../platform/db/index.ts';
import { walFlusher } from '../../../platform/db/wal-flush.ts';
import { createWriteBatcher } from '../../../platform/db/write-batcher.ts';
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
  saveShape,
} from '../../forms/index.ts';
import { campaignState } from '../campaigns.ts';
import type { Campaign, Response } from '../records.ts';
import type { AutosaveWrite } from '../store/responses.ts';
import type { ServiceDeps } from './context.ts';
import { assertWritable, organisationLookup, type Respondent } from './respondents.ts';

const MAX_ANSWERS_BYTES = 1_000_000;
export const MAX_TEXT_ANSWER = 20_000;
/** Saves written by one statement at most (14 parameters each: 2,800, under both databases' limits). */
const MAX_GROUP = 200;

interface QueuedSave {
  write: AutosaveWrite;
  /** Whether the save was written (false: the response changed meanwhile, or the campaign is no longer open). */
  resolve(saved: boolean): void;
  reject(error: unknown): void;
}

/** A file name safe to show back and offer for download: no path separators or control characters. */
const safeFileName = (name: string) =>
  [...name]
    .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch))
    .join('')
    .slice(0, 200) || 'fichier';

export function createAnswerWriter(deps: Pick<ServiceDeps, 'db' | 'store' | 'clock' | 'ports' | 'answersFile'>) {
  const { store, clock, ports } = deps;
  // One group commit for the module's answer writes (built once with the service, not per request). On SQLite the
  // WAL is flushed off the event loop: a commit's fsync no longer stops every other request (wal-flush.ts).
  const batcher = createWriteBatcher(deps.db, {
    wal: deps.answersFile ? walFlusher(sqlitePath(deps.answersFile)) : null,
  });
  // Without a WAL to flush (PostgreSQL; an in-memory SQLite database), a group of saves is ONE statement that commits
  // by itself: no BEGIN and COMMIT round trips around it. The groups still go one at a time, in order.
  let direct: Promise<unknown> = Promise.resolve();
  const runGroup = <T>(work: (trx: Db) => Promise<T>): Promise<T> => {
    if (deps.answersFile) return batcher.run(work);
    // Like the write batcher: let the requests already read from the network join the group first.
    const result = direct.then(() => new Promise((resolve) => setImmediate(resolve))).then(() => work(deps.db));
    direct = result.catch(() => {});
    return result;
  };
  const lookup = organisationLookup(ports.organisations);

  // The saves waiting for their group: those that arrive together are written by ONE statement (store.saveAutosaves),
  // instead of one update (one round trip to PostgreSQL) each, one after the other, while every save queued behind
  // them waits; the campaign is checked by the same statement (no read of it before).
  let waiting: QueuedSave[] = [];

  /** Queues a save; settles once the statement (or transaction) holding it has committed. */
  function queueSave(write: AutosaveWrite): Promise<boolean> {
    return new Promise((resolve, reject) => {
      waiting.push({ write, resolve, reject });
      if (waiting.length === 1) writeWaiting();
    });
  }

  /**
   * Writes the saves waiting when its transaction starts (those queued meanwhile join it). A second save of a response
   * already in the group waits for the next one. If the group fails, each of its saves is tried again alone.
   */
  function writeWaiting(only?: QueuedSave) {
    let group: QueuedSave[] | null = only ? [only] : null;
    const take = () => {
      const ids = new Set<number>();
      const taken: QueuedSave[] = [];
      const left: QueuedSave[] = [];
      for (const save of waiting) {
        if (ids.has(save.write.id) || taken.length >= MAX_GROUP) left.push(save);
        else {
          ids.add(save.write.id);
          taken.push(save);
        }
      }
      waiting = left;
      if (left.length) writeWaiting();
      return taken;
    };
    runGroup(async (trx) => {
      // Taken once: a retry of this work (write-batcher.ts) writes the same saves again.
      group ??= take();
      // Each save checks its campaign (as read when the request opened it) is open now; the statement writes it only
      // if the campaign is still so in the database (not closed meanwhile, same dates).
      const now = clock.now();
      const written = await store.saveAutosaves(
        group.filter((save) => campaignState(save.write.campaign, now) === 'open').map((save) => save.write),
        trx,
      );
      return group.map((save) => written.has(save.write.id));
    }).then(
      (outcomes) => {
        for (const [i, save] of group!.entries()) save.resolve(outcomes[i]!);
      },
      (e) => {
        // Failed before its work ran (no connection): the saves it was to take are still waiting.
        const failed = group ?? take();
        if (failed.length > 1) for (const save of failed) writeWaiting(save);
        else for (const save of failed) save.reject(e);
      },
    );
  }

  async function ensureResponse(r: Respondent, page: string | null): Promise<Response> {
    if (r.response) return r.response;
    if (r.kind === 'public' && !r.anonymousHash)
      throw new HttpError(400, 'bad_request', 'Session de réponse anonyme manquante : rechargez la page.');
    // Deadline day: hundreds of people start at once; their first saves share commits too (write-batcher.ts).
    const created = await batcher.run((trx) =>
      store.insertResponse(
        {
          campaignId: r.campaign.id,
          versionId: r.campaign.versionId,
          organisation: r.organisation,
          anonymousTokenHash: r.kind === 'public' ? r.anonymousHash : null,
          userId: r.user?.id ?? null,
          currentPage: page,
        },
        trx,
      ),
    );
    r.response = created;
    return created;
  }

  /** Throws the clear error when the campaign (as just read) takes no more answers. */
  function assertOpen(r: Respondent, fresh: Campaign | undefined | null) {
    if (!fresh) throw notFound("Cette campagne n'existe plus.");
    const state = campaignState(fresh, clock.now());
    if (state !== 'open') assertWritable({ ...r, campaign: fresh, state });
  }

  /**
   * Writes a patch with optimistic concurrency: merges it on the response as last read (conflicting keys are left as
   * they are and reported), then updates only if nobody wrote in between; otherwise re-reads and tries again, a few
   * times under contention. The write shares one statement with the saves that arrive together (on a SQLite file, in
   * the group commit's transaction: write-batcher.ts), and resolves once it has committed. That statement writes only
   * while the campaign is still open in the database, so that a save arriving after the closing is refused (with the
   * campaign read again for the message) and nothing saved is lost.
   */
  async function persist(
    r: Respondent,
    baseVersion: number,
    patch: Record<string, AnswerValue | null>,
    options: { currentPage?: string; respondentEmail?: string },
  ): Promise<{ response: Response; conflicts: Conflict[] }> {
    const questionnaire = r.version.content;
    // The response was read when the respondent was opened, in this request: the first attempt merges on it.
    let current: Response | null = r.response ?? (await ensureResponse(r, options.currentPage ?? null));
    for (let attempt = 0; attempt < 8; attempt++) {
      if (attempt > 0) current = await store.findResponse(current!.id);
      if (!current) throw notFound("Cette réponse n'existe plus.");
      if (current.status === 'submitted')
        throw new HttpError(409, 'response_submitted', 'Cette réponse a été envoyée. Rouvrez-la pour la modifier.');
      const merged = mergeConcurrent(current, Math.min(baseVersion, current.version), patch);
      const pageChanged = options.currentPage !== undefined && options.currentPage !== current.currentPage;
      if (!merged.changed.length && !pageChanged && options.respondentEmail === undefined) {
        assertOpen(r, await store.findCampaign(r.campaign.id));
        r.response = current;
        return { response: current, conflicts: merged.conflicts };
      }
      if (JSON.stringify(merged.answers).length > MAX_ANSWERS_BYTES)
        throw new ValidationError({ questionnaire: 'Les réponses dépassent la taille autorisée (1 Mo).' });
      const pct = progress(questionnaire, merged.answers, saveShape(questionnaire).questions).percent;
      const write: AutosaveWrite = {
        id: current.id,
        expectedVersion: current.version,
        answers: merged.answers,
        revisions: merged.revisions,
        currentPage: options.currentPage,
        progress: pct,
        userId: r.user?.id ?? null,
        ...(options.respondentEmail !== undefined ? { respondentEmail: options.respondentEmail || null } : {}),
        updatedAt: clock.iso(),
        campaign: r.campaign,
      };
      if (await queueSave(write)) {
        const saved: Response = {
          ...current,
          answers: merged.answers,
          revisions: merged.revisions,
          version: current.version + 1,
          progress: pct,
          currentPage: options.currentPage ?? current.currentPage,
          updatedAt: write.updatedAt,
        };
        r.response = saved;
        return { response: saved, conflicts: merged.conflicts };
      }
      // Not written: the campaign closed (or changed) meanwhile, or someone saved in between (then try again).
      const fresh = await store.findCampaign(r.campaign.id);
      assertOpen(r, fresh);
      r.campaign = fresh!;
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
