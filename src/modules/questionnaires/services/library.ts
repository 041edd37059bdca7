/**
 * The bridge to the library: an AI-census response becomes a draft use case of its organisation.
 * - Automatically, when the campaign asks for it: submission emits `questionnaires.response_submitted` with the
 *   mapped content (`automaticDraft`); the library creates the draft and emits `library.use_case_drafted`, which this
 *   module handles by linking the response to the use case (`recordDraft`).
 * - On a coordinator's click: `createDraft` calls the library through the port, once per response.
 */
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { HttpError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import type { Form } from '../../forms/index.ts';
import type { ResponseSubmitted } from '../events.ts';
import { libraryContent, mapsToLibrary } from '../library-mapping.ts';
import { authorizeOr } from '../policy.ts';
import type { Campaign, Response } from '../records.ts';
import { campaignOrThrow, type ServiceDeps, who } from './context.ts';

/** Where a draft comes from, for the use case's history. */
const sourceOf = (campaign: Campaign, responseId: number) => `${campaign.title}, réponse n° ${responseId}`;

/**
 * The automatic draft carried by `questionnaires.response_submitted`: present when the campaign turns responses into
 * draft use cases, the response belongs to an organisation and the questionnaire maps to the library.
 */
export function automaticDraft(
  campaign: Campaign,
  questionnaire: Form,
  response: Pick<Response, 'id' | 'organisationId' | 'answers'>,
): Pick<ResponseSubmitted, 'content' | 'source'> {
  if (!campaign.libraryAuto || !response.organisationId || !mapsToLibrary(questionnaire)) return {};
  return {
    content: libraryContent(questionnaire, response.answers).content,
    source: sourceOf(campaign, response.id),
  };
}

export function createLibraryBridge(deps: ServiceDeps) {
  const { db, store, audit, versions, ports } = deps;

  /** Links a response to the use case drafted from it (once) and records it in the audit log. */
  async function recordDraft(
    responseId: number,
    useCaseId: number,
    actorUserId: number | null,
    skipped: unknown[] = [],
  ): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const linked = await store.setLibraryUseCase(responseId, useCaseId, trx);
      if (linked)
        await audit.record(
          {
            actorUserId,
            action: 'response.use_case_drafted',
            subjectType: 'response',
            subjectId: responseId,
            details: { useCaseId, skipped },
          },
          trx,
        );
      return linked;
    });
  }

  /** Turns an AI-census response into a draft use case of its organisation, through the library (once). */
  async function createDraft(actor: CurrentUser | null, responseId: number, options: { system?: boolean } = {}) {
    if (!options.system)
      authorizeOr(
        { forbidden: 'Seuls les coordinateurs du réseau peuvent créer une fiche à partir d’une réponse.' },
        actor,
        'response.draft_use_case',
      );
    const response = Number.isSafeInteger(responseId) && responseId > 0 ? await store.findResponse(responseId) : null;
    if (!response) throw notFound("Cette réponse n'existe pas.");
    if (response.libraryUseCaseId)
      return {
        id: response.libraryUseCaseId,
        url: `/bibliotheque/${response.libraryUseCaseId}`,
        created: false,
        skipped: [],
      };
    if (!response.organisationId)
      throw new ValidationError({
        response: 'Une réponse anonyme ne peut pas devenir une fiche : elle n’est rattachée à aucune collectivité.',
      });
    const [campaign, version] = await Promise.all([
      campaignOrThrow(store, response.campaignId),
      versions.version(response.versionId),
    ]);
    if (!mapsToLibrary(version.content))
      throw new ValidationError({
        response:
          "Ce questionnaire n'alimente pas la bibliothèque (aucune question n'y est associée au nom du projet).",
      });
    if (!ports.library)
      throw new HttpError(
        503,
        'library_unavailable',
        "La bibliothèque n'est pas disponible pour le moment : réessayez plus tard.",
      );
    const mapping = libraryContent(version.content, response.answers);
    const created = await ports.library.createDraft({
      organisationId: response.organisationId,
      content: mapping.content,
      actorUserId: who(actor),
      source: sourceOf(campaign, response.id),
      origin: { kind: 'census_response', id: response.id },
    });
    await recordDraft(response.id, created.id, who(actor), mapping.skipped);
    return { ...created, created: true, skipped: mapping.skipped };
  }

  /** Turns a participation census response into a draft initiative of its organisation (once), through participation. */
  async function createInitiative(actor: CurrentUser | null, responseId: number) {
    authorizeOr(
      { forbidden: 'Seuls les coordinateurs du réseau peuvent créer une initiative à partir d’une réponse.' },
      actor,
      'response.draft_use_case',
    );
    const response = Number.isSafeInteger(responseId) && responseId > 0 ? await store.findResponse(responseId) : null;
    if (!response) throw notFound("Cette réponse n'existe pas.");
    if (!response.organisationId)
      throw new ValidationError({
        response:
          'Une réponse anonyme ne peut pas devenir une initiative : elle n’est rattachée à aucune collectivité.',
      });
    const [campaign, version] = await Promise.all([
      campaignOrThrow(store, response.campaignId),
      versions.version(response.versionId),
    ]);
    if (!ports.participation?.mapsToInitiative(version.content))
      throw new ValidationError({
        response: "Ce questionnaire n'est pas un recensement des démarches de participation.",
      });
    return ports.participation.draftFromCensus({
      responseId: response.id,
      organisationId: response.organisationId,
      form: version.content,
      answers: response.answers,
      actorUserId: who(actor),
      source: sourceOf(campaign, response.id),
    });
  }

  return {
    createDraft,
    createInitiative,

    /** Event `library.use_case_drafted`: a use case drafted from a census response is linked to it. */
    async onUseCaseDrafted(payload: { useCaseId: number; origin?: { kind: string; id: number } | null }) {
      if (payload.origin?.kind !== 'census_response') return;
      const response = await store.findResponse(payload.origin.id);
      if (!response) return;
      await recordDraft(response.id, payload.useCaseId, null);
    },

    /** Job queued before automatic drafts became an event: creates the draft directly (once). */
    async draftQueuedBeforeEvents({ responseId }: { responseId: number }) {
      if (!ports.library) return;
      await createDraft(null, responseId, { system: true });
    },
  };
}

export type LibraryBridge = ReturnType<typeof createLibraryBridge>;
