/**
 * Who is answering: a respondent comes in through a personal invitation link, their account (as a member of an
 * invited organisation), or a campaign's public link (anonymous, one response per browser). Opening checks the way
 * in (unknown, revoked, expired links each get their own message) and finds the response they share.
 */
import { hashToken } from '../../../platform/auth/tokens.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { HttpError, notFound } from '../../../platform/http/errors.ts';
import { formatDate } from '../../../platform/ui/components.tsx';
import type { OrganisationLookup, OrganisationOption } from '../../forms/index.ts';
import { type CampaignState, campaignState } from '../campaigns.ts';
import { authorizeOr, type RespondentKind } from '../policy.ts';
import type { DirectoryOrganisation, OrganisationDirectory } from '../ports.ts';
import type { Campaign, Invitation, OrganisationSnapshot, QuestionnaireVersion, Response } from '../records.ts';
import { campaignOrThrow, type ServiceDeps } from './context.ts';

export type { RespondentKind };

/** Someone answering: how they came in, for which organisation, and the response they share (if started). */
export interface Respondent {
  kind: RespondentKind;
  campaign: Campaign;
  state: CampaignState;
  /** The version being answered: the response's own, or the campaign's for a response not started yet. */
  version: QuestionnaireVersion;
  organisation: OrganisationSnapshot | null;
  invitation: Invitation | null;
  response: Response | null;
  /** URL prefix of the answering pages for this respondent. */
  basePath: string;
  user: CurrentUser | null;
  /** Public link: hash of the respondent's own cookie token (their anonymous response). */
  anonymousHash: string | null;
  /**
   * Several responses per authority (one per project): the page listing them (the way in without a response
   * chosen); null when the campaign takes one response per authority.
   */
  listPath: string | null;
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** An organisation as an answer option: its name, told apart from namesakes by its postcode and SIREN. */
export function organisationOption(o: DirectoryOrganisation): OrganisationOption {
  return {
    id: o.id,
    name: o.name,
    hint: [o.postcodes[0], o.siren ? `SIREN ${o.siren}` : ''].filter(Boolean).join(' — '),
  };
}

/** The forms engine's view of the organisations directory (organisation questions). */
export function organisationLookup(directory: OrganisationDirectory): OrganisationLookup {
  return {
    byIds: async (ids) => (await directory.findByIds(ids)).map(organisationOption),
    search: async (query, limit) =>
      (await directory.list({ q: query }, { limit, offset: 0 })).rows.map(organisationOption),
  };
}

export function closedMessage(r: Pick<Respondent, 'campaign'>): string {
  const closedAt = r.campaign.closedAt ?? r.campaign.closesAt;
  return `Le recensement « ${r.campaign.title} » est clos depuis le ${formatDate(closedAt, true)} : les réponses ne peuvent plus être modifiées. Ce qui a été enregistré avant la clôture est conservé.`;
}

/** Throws the clear error of a respondent who may not write now (not open, closed, already submitted). */
export function assertWritable(r: Pick<Respondent, 'campaign' | 'state' | 'response'>): void {
  if (r.state === 'scheduled') {
    throw new HttpError(
      403,
      'campaign_not_open',
      `Le recensement « ${r.campaign.title} » ouvrira le ${formatDate(r.campaign.opensAt, true)}.`,
    );
  }
  if (r.state === 'closed') throw new HttpError(410, 'campaign_closed', closedMessage(r));
  if (r.response?.status === 'submitted') {
    throw new HttpError(409, 'response_submitted', 'Cette réponse a été envoyée. Rouvrez-la pour la modifier.');
  }
}

export function createRespondentService(deps: ServiceDeps) {
  const { store, clock, versions } = deps;

  async function respondent(
    kind: RespondentKind,
    campaign: Campaign,
    inv: Invitation | null,
    user: CurrentUser | null,
    basePath: string,
    anonymousHash: string | null,
    responseId?: number,
    /** The anonymous response, when already read with the campaign (public link). */
    known?: Response | null,
  ): Promise<Respondent> {
    const several = campaign.responsesMode === 'several' && inv !== null;
    let response: Response | null = null;
    if (known !== undefined) {
      response = known;
    } else if (several && responseId !== undefined) {
      const found = Number.isSafeInteger(responseId) && responseId > 0 ? await store.findResponse(responseId) : null;
      if (!found || found.campaignId !== campaign.id || found.organisationId !== inv.organisationId)
        throw notFound("Cette réponse n'existe pas (ou plus).");
      response = found;
    } else if (responseId !== undefined) {
      throw notFound("Cette réponse n'existe pas (ou plus).");
    } else if (several) {
      response = null;
    } else {
      response = inv
        ? await store.findResponseOf(campaign.id, inv.organisationId)
        : anonymousHash
          ? await store.findResponseByAnonymousHash(anonymousHash)
          : null;
    }
    const own = response && response.campaignId === campaign.id ? response : null;
    const version = await versions.version(own?.versionId ?? campaign.versionId);
    return {
      kind,
      campaign,
      state: campaignState(campaign, clock.now()),
      version,
      organisation: inv
        ? {
            organisationId: inv.organisationId,
            organisationName: inv.organisationName,
            organisationType: inv.organisationType,
            regionCode: inv.regionCode,
            departementCode: inv.departementCode,
          }
        : null,
      invitation: inv,
      response: own,
      basePath: responseId !== undefined ? `${basePath}/reponses/${responseId}` : basePath,
      user,
      anonymousHash,
      listPath: several ? basePath : null,
    };
  }

  return {
    /** Opens a personal invitation link: the expired, revoked or unknown link each gets its own clear message. */
    async openInvitation(token: string, user: CurrentUser | null, responseId?: number): Promise<Respondent> {
      const inv = TOKEN.test(token) ? await store.findInvitationByHash(hashToken(token)) : null;
      if (!inv) {
        throw notFound(
          "Ce lien d'invitation n'existe pas. Vérifiez qu'il a été copié en entier, ou demandez un nouveau lien au réseau.",
        );
      }
      if (inv.revokedAt) {
        throw new HttpError(
          410,
          'invitation_revoked',
          `Ce lien a été révoqué le ${formatDate(inv.revokedAt)}. Demandez un nouveau lien au réseau, ou connectez-vous avec votre compte.`,
        );
      }
      if (new Date(inv.expiresAt).getTime() <= clock.millis()) {
        throw new HttpError(
          410,
          'invitation_expired',
          `Ce lien a expiré le ${formatDate(inv.expiresAt)}. Demandez un nouveau lien au réseau.`,
        );
      }
      const campaign = await campaignOrThrow(store, inv.campaignId);
      return respondent('invitation', campaign, inv, user, `/recensements/lien/${token}`, null, responseId);
    },

    /** Opens a campaign as a member of an invited organisation, through their account. */
    async openAsMember(
      actor: CurrentUser | null,
      campaignId: number,
      organisationId: number,
      responseId?: number,
    ): Promise<Respondent> {
      if (!actor)
        throw new HttpError(401, 'unauthorized', 'Connectez-vous pour répondre au nom de votre collectivité.');
      const campaign = await campaignOrThrow(store, campaignId);
      const inv = await store.findInvitationOf(campaignId, organisationId);
      if (!inv) throw notFound("Cette collectivité n'est pas invitée à ce recensement.");
      authorizeOr(
        {
          forbidden: `Seuls les membres de ${inv.organisationName} peuvent répondre pour elle. Demandez à rejoindre la collectivité depuis sa page.`,
        },
        actor,
        'response.answer_for',
        { organisationId },
      );
      return respondent(
        'member',
        campaign,
        inv,
        actor,
        `/recensements/${campaignId}/collectivites/${organisationId}`,
        null,
        responseId,
      );
    },

    /** Opens a campaign's public link; `anonymousToken` (the browser's cookie) finds this person's own response. */
    async openPublic(token: string, anonymousToken: string | null, user: CurrentUser | null): Promise<Respondent> {
      const anonymousHash = anonymousToken && TOKEN.test(anonymousToken) ? hashToken(anonymousToken) : null;
      // One query for both (every autosave of a public respondent opens it again).
      const found = TOKEN.test(token)
        ? await store.findPublicCampaignAndResponse(hashToken(token), anonymousHash)
        : null;
      if (!found) throw notFound("Ce lien public n'est pas (ou plus) valide.");
      const { campaign, response } = found;
      return respondent(
        'public',
        campaign,
        null,
        user,
        `/recensements/public/${token}`,
        anonymousHash,
        undefined,
        response,
      );
    },

    assertWritable,

    /** The responses of the respondent's authority (several per authority: one per project). */
    async responsesOf(r: Respondent): Promise<Response[]> {
      if (!r.organisation) return [];
      return store.responsesOfOrganisation(r.campaign.id, r.organisation.organisationId);
    },

    /** Starts one more response for the respondent's authority (one per project); returns its path. */
    async addResponse(r: Respondent): Promise<{ response: Response; path: string }> {
      if (!r.listPath || !r.organisation) throw notFound('Cette campagne demande une seule réponse par collectivité.');
      authorizeOr(
        { forbidden: 'Vous ne pouvez pas répondre pour cette collectivité.' },
        r.kind === 'member' ? r.user : null,
        'response.write',
        { kind: r.kind, organisationId: r.organisation.organisationId },
      );
      assertWritable({ ...r, response: null });
      const response = await store.insertResponse({
        campaignId: r.campaign.id,
        versionId: r.campaign.versionId,
        organisation: r.organisation,
        anonymousTokenHash: null,
        userId: r.user?.id ?? null,
        currentPage: null,
        another: true,
      });
      return { response, path: `${r.listPath}/reponses/${response.id}` };
    },
  };
}

export type RespondentService = ReturnType<typeof createRespondentService>;
