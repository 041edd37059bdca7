/**
 * Writing use cases: creating one for an authority, saving form steps, autosaves and API patches on the version the
 * writer started from (a published use case gets a revision), the working copy for the form, and drafts created on
 * behalf of an authority by another module (an AI-census response, through `questionnaires.response_submitted`).
 */

import { type Actor, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { EventMap } from '../../../platform/events/events.ts';
import {
  ConflictError,
  forbidden,
  HttpError,
  notFound,
  unauthorized,
  ValidationError,
} from '../../../platform/http/errors.ts';
import type { ContentKey } from '../fields.ts';
import {
  availableActions,
  type FieldErrors,
  type OrganisationSummary,
  readContentPatch,
  requiredKeys,
  statusLabel,
  transition,
  type UseCaseContent,
  validateContent,
  viewerOf,
  withDefaults,
  workflowRoles,
} from '../model.ts';
import { authorizeOr, writableOrganisations } from '../policy.ts';
import type { UseCaseRow } from '../store.ts';
import { baseUrlOf, type LibraryContext, type Mail, type Records, uniqueSlug, useCasePath } from './context.ts';
import { LOGO_JOB } from './logos.ts';

/** The external key of a draft made from an AI-census response (one draft per response, whatever the retries). */
export const censusResponseKey = (responseId: number) => `census_response:${responseId}`;

/** A draft created by another module on behalf of an authority. */
export interface DraftInput {
  organisationId: number;
  content: Partial<UseCaseContent>;
  actorUserId: number | null;
  /** Where it comes from, for its history (« Recensement 2025, réponse n° 12 »). */
  source: string;
  /** What it was made from: reported with `library.use_case_drafted`, and at most one draft per origin. */
  origin?: EventMap['library.use_case_drafted']['origin'];
}

/** Validates only what the patch touches (imported legacy values elsewhere never block a save). */
function patchErrors(next: UseCaseContent, patch: Partial<UseCaseContent>): FieldErrors {
  const all = validateContent(next, { complete: false });
  const keys = new Set(Object.keys(patch));
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(all) as [ContentKey, string][]) if (keys.has(k)) out[k] = v;
  return out;
}

const stateError = (code: string, message: string) => new HttpError(409, code, message);

export function createWritingService(ctx: LibraryContext & { records: Records; mail: Mail }) {
  const { platform, store, ports, records, mail } = ctx;
  const { db, audit, clock } = platform;
  const today = () => clock.iso().slice(0, 10);

  async function organisationOrThrow(organisationId: number): Promise<OrganisationSummary> {
    const summary = (await ports.organisations.summaries([organisationId])).get(organisationId);
    if (!summary) throw notFound("Cette collectivité n'existe pas (ou plus).");
    return summary;
  }

  /** A new draft for an authority the writer belongs to (or any, for coordinators), with its initial content. */
  async function create(
    actor: Actor,
    organisationId: number,
    initial: Record<string, unknown> = {},
  ): Promise<UseCaseRow> {
    if (!actor) throw unauthorized('Connectez-vous pour rédiger une fiche.');
    const refusal = 'Seuls les membres de la collectivité rédigent ses fiches.';
    if (!Number.isSafeInteger(organisationId)) throw forbidden(refusal);
    authorizeOr(refusal, actor, 'use_case.write', { organisationId });
    await organisationOrThrow(organisationId);
    const { values, errors } = readContentPatch(initial);
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const content = withDefaults({ ...values, language: 'fr', infoUpdatedOn: today() });
    const formatErrors = patchErrors(content, values);
    if (Object.keys(formatErrors).length) throw new ValidationError(formatErrors);
    const id = await db.transaction().execute(async (trx) => {
      const slug = await uniqueSlug(store, content.title, trx);
      const newId = await store.insert(
        { slug, organisationId, state: 'draft', content, externalKey: null, createdBy: actor.id },
        trx,
      );
      await store.insertEvent({ useCaseId: newId, actorUserId: actor.id, event: 'created' }, trx);
      await audit.record(
        {
          actorUserId: actor.id,
          action: 'use_case.created',
          subjectType: 'use_case',
          subjectId: newId,
          details: { organisationId, title: content.title },
        },
        trx,
      );
      return newId;
    });
    return (await store.findById(id))!;
  }

  /**
   * A draft created by another module on behalf of an authority (an AI-census response becoming a use case). The
   * caller has authorised the act; the draft then follows the normal review workflow. The authority's members are
   * told. With an `origin`, at most one draft per origin (a retried delivery finds the first one), reported with
   * `library.use_case_drafted` in the same transaction.
   */
  async function createDraft(input: DraftInput): Promise<{ id: number; url: string }> {
    const summary = await organisationOrThrow(input.organisationId);
    const externalKey = input.origin ? censusResponseKey(input.origin.id) : null;
    if (externalKey) {
      const existing = (await store.idsByExternalKeys([externalKey])).get(externalKey);
      const row = existing ? await store.findById(existing.id) : null;
      if (row) return { id: row.id, url: `${baseUrlOf(platform)}${useCasePath(row)}` };
    }
    const content = withDefaults({ ...input.content, language: 'fr', infoUpdatedOn: today() });
    const members = await ports.organisations.memberEmails(input.organisationId);
    const created = await db.transaction().execute(async (trx) => {
      const slug = await uniqueSlug(store, content.title, trx);
      const newId = await store.insert(
        {
          slug,
          organisationId: input.organisationId,
          state: 'draft',
          content,
          externalKey,
          createdBy: input.actorUserId,
        },
        trx,
      );
      await store.insertEvent(
        {
          useCaseId: newId,
          actorUserId: input.actorUserId,
          event: 'created',
          comment: `Créée à partir de : ${input.source}`,
        },
        trx,
      );
      await audit.record(
        {
          actorUserId: input.actorUserId,
          action: 'use_case.created',
          subjectType: 'use_case',
          subjectId: newId,
          details: { organisationId: input.organisationId, title: content.title, source: input.source },
        },
        trx,
      );
      await mail(
        members,
        `Nouveau brouillon de fiche : ${content.title ?? 'Sans titre'}`,
        [
          'Bonjour,',
          '',
          `Un brouillon de fiche a été préparé pour ${summary.name} à partir de : ${input.source}.`,
          'Relisez-le, complétez-le puis soumettez-le pour publication :',
          `${baseUrlOf(platform)}/bibliotheque/${newId}-${slug}/verifier`,
        ],
        trx,
      );
      if (input.origin) {
        await platform.events.emit('library.use_case_drafted', { useCaseId: newId, origin: input.origin }, trx);
      }
      return { id: newId, slug };
    });
    return { id: created.id, url: `${baseUrlOf(platform)}${useCasePath(created)}` };
  }

  /**
   * Saves content (a form step, an autosave, an API patch) on the version the writer started from. Editing a
   * published use case writes its revision; the published version stays visible until the revision is published.
   */
  async function save(
    actor: Actor,
    id: number,
    version: number,
    patch: Partial<UseCaseContent>,
  ): Promise<{ version: number; savedAt: string }> {
    if (!actor) throw unauthorized('Connectez-vous pour modifier une fiche.');
    const row = await records.rowOrThrow(id);
    authorizeOr('Seuls les membres de la collectivité modifient ses fiches.', actor, 'use_case.write', {
      organisationId: row.organisationId,
    });
    const roles = workflowRoles(viewerOf(actor), row.organisationId);
    const t = transition({ state: row.state, revision: row.revision }, 'save', roles);
    if (!t.ok) {
      throw stateError(
        'invalid_state',
        row.state === 'submitted' || row.revision === 'submitted'
          ? 'La fiche est en relecture : retirez-la de la relecture pour la modifier.'
          : `Cette fiche ne peut pas être modifiée (${statusLabel(row).toLowerCase()}).`,
      );
    }
    if (version !== row.version) {
      throw new ConflictError(
        'Quelqu’un a modifié cette fiche pendant que vous la modifiiez. Comparez avec la version enregistrée.',
        await records.presentFor(actor, row, true),
      );
    }
    const working = row.state === 'published' ? (row.draftContent ?? row.content) : row.content;
    const next = withDefaults({ ...working, ...patch, infoUpdatedOn: today() });
    const errors = patchErrors(next, patch);
    if (Object.keys(errors).length) throw new ValidationError(errors);
    return db.transaction().execute(async (trx) => {
      const changes =
        row.state === 'published'
          ? { draftContent: next, revision: t.next.revision, updatedBy: actor.id }
          : { content: next, updatedBy: actor.id };
      const newVersion = await store.update(row.id, row.version, changes, trx);
      if (newVersion === null) {
        throw new ConflictError('Quelqu’un a modifié cette fiche en même temps que vous. Rechargez la page.');
      }
      if (t.event === 'revision_started') {
        await store.insertEvent({ useCaseId: row.id, actorUserId: actor.id, event: 'revision_started' }, trx);
      }
      // A new logo address: the server fetches the image once (never hot-linked by the page).
      if (patch.logoUrl && patch.logoUrl !== working.logoUrl) {
        await platform.jobs.enqueue(LOGO_JOB, { url: patch.logoUrl }, { uniqueKey: `logo:${patch.logoUrl}` }, trx);
      }
      return { version: newVersion, savedAt: clock.iso() };
    });
  }

  /**
   * The working copy for the form and the check page (the authority's writers and coordinators): what is missing
   * for submission, and which fields are required given the content (with `pending`, what the person just typed).
   */
  async function editable(actor: Actor, id: number, pending: Partial<UseCaseContent> = {}) {
    if (!actor) throw unauthorized('Connectez-vous pour modifier une fiche.');
    const row = await records.rowOrThrow(id);
    authorizeOr('Seuls les membres de la collectivité modifient ses fiches.', actor, 'use_case.write', {
      organisationId: row.organisationId,
    });
    const roles = workflowRoles(viewerOf(actor), row.organisationId);
    const useCase = (await records.presentFor(actor, row, true))!;
    const working = withDefaults({ ...(row.draftContent ?? row.content) });
    const waitingForChanges = row.state === 'changes_requested' || row.revision === 'changes_requested';
    const review = waitingForChanges ? await store.lastReview(row.id) : null;
    return {
      useCase,
      /** The reviewer's request, shown at the top of the check page while the changes are pending. */
      changesRequested:
        review?.event === 'changes_requested'
          ? { at: review.at, comment: review.comment, fields: review.fields }
          : null,
      /** What prevents submission (the check page). */
      missing: validateContent(working, { complete: true }),
      /** Fields required at submission, given the content and what was just typed (form steps). */
      required: requiredKeys(withDefaults({ ...working, ...pending })),
      canSave: transition({ state: row.state, revision: row.revision }, 'save', roles).ok,
      actions: availableActions({ state: row.state, revision: row.revision }, roles),
      path: useCasePath(row),
    };
  }

  /** The organisations a person may write for, with their names (the « new use case » page). */
  async function writableFor(actor: CurrentUser | null) {
    const ids = writableOrganisations(actor);
    if (ids === null) return { any: true, organisations: [] as OrganisationSummary[] };
    const summaries = await ports.organisations.summaries(ids);
    return { any: false, organisations: [...summaries.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr')) };
  }

  /** Handler of `questionnaires.response_submitted`: the census response with mapped content becomes a draft. */
  async function draftFromCensusResponse(payload: EventMap['questionnaires.response_submitted']): Promise<void> {
    if (!payload.content || payload.organisationId == null) return;
    await createDraft({
      organisationId: payload.organisationId,
      content: payload.content,
      actorUserId: payload.actorUserId ?? null,
      source: payload.source ?? `réponse n° ${payload.responseId} au recensement`,
      origin: { kind: 'census_response', id: payload.responseId },
    });
  }

  /** Whether the library page offers to write a use case (members of an authority, coordinators). */
  function canWrite(actor: Actor): boolean {
    return !!actor && (actor.memberships.length > 0 || can(actor, 'use_case.review'));
  }

  return { create, createDraft, save, editable, writableFor, canWrite, draftFromCensusResponse };
}

export type WritingService = ReturnType<typeof createWritingService>;
