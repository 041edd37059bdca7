/**
 * Campaigns: creation (target organisations resolved, one invitation each, mail and reminders scheduled), settings,
 * closing, moving to the latest questionnaire version, the coordinators' list and dashboard, and « Mes recensements ».
 */
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { organisationTypeLabel } from '../../organisations/index.ts';
import { campaignState, hasTargets, parseSirenList, reminderDates, type TargetSpec } from '../campaigns.ts';
import { mapsToLibrary } from '../library-mapping.ts';
import { authorizeOr } from '../policy.ts';
import type { DirectoryFilter, DirectoryOrganisation, OrganisationDirectory } from '../ports.ts';
import type { FollowUp, QuestionnaireRecord } from '../records.ts';
import {
  campaignOrThrow,
  INVITATION_GRACE_DAYS,
  JOBS,
  questionnaireOrThrow,
  type ServiceDeps,
  who,
} from './context.ts';

const FOLLOW = { forbidden: 'Seuls les coordinateurs du réseau peuvent suivre les campagnes.' };
const MANAGE = { forbidden: 'Seuls les coordinateurs du réseau peuvent gérer les campagnes.' };
const DAY = 86_400_000;

export interface NewCampaignInput {
  questionnaireId: number;
  title: string;
  description: string;
  /** ISO instants (null: not given or unreadable). */
  opensAt: string | null;
  closesAt: string | null;
  targets: TargetSpec;
  /** SIREN (or SIRET) codes, one per line, optionally followed by contact e-mails. */
  sirenList: string;
  publicLink: boolean;
  resultsPublic: boolean;
  libraryAuto: boolean;
  /** Days before closing; null when unreadable. */
  reminderDays: number[] | null;
}

/** The organisations a campaign targets, with the contact e-mails given in its SIREN list. */
async function resolveTargets(
  directory: OrganisationDirectory,
  targets: TargetSpec,
  sirens: ReturnType<typeof parseSirenList>['entries'],
): Promise<{ found: Map<number, DirectoryOrganisation>; emails: Map<number, string[]>; unknownLines: number[] }> {
  const found = new Map<number, DirectoryOrganisation>();
  const emails = new Map<number, string[]>();
  const unknownLines: number[] = [];
  const collect = async (filter: DirectoryFilter) => {
    for (let offset = 0; ; offset += 1000) {
      const page = await directory.list(filter, { limit: 1000, offset });
      for (const o of page.rows) found.set(o.id, o);
      if (page.rows.length < 1000) break;
    }
  };
  const areas: DirectoryFilter[] = [
    ...targets.regions.map((regionCode) => ({ regionCode })),
    ...targets.departements.map((departementCode) => ({ departementCode })),
  ];
  if (targets.types.length || areas.length) {
    for (const type of targets.types.length ? targets.types : [undefined]) {
      if (areas.length) for (const area of areas) await collect({ ...area, ...(type ? { type } : {}) });
      else await collect({ type });
    }
  }
  for (const o of await directory.findByIds(targets.organisationIds)) found.set(o.id, o);
  for (const entry of sirens) {
    const orgs = await directory.findBySiren(entry.siren);
    if (!orgs.length) {
      unknownLines.push(entry.line);
      continue;
    }
    const org = orgs[0]!;
    found.set(org.id, org);
    if (entry.emails.length) emails.set(org.id, [...(emails.get(org.id) ?? []), ...entry.emails]);
  }
  return { found, emails, unknownLines };
}

/** Response rates of a group of invitations. */
function rate(rows: FollowUp[]) {
  const submitted = rows.filter((r) => r.status === 'submitted').length;
  const inProgress = rows.filter((r) => r.status === 'in_progress').length;
  return {
    invited: rows.length,
    submitted,
    inProgress,
    notStarted: rows.length - submitted - inProgress,
    percent: rows.length ? Math.round((submitted * 1000) / rows.length) / 10 : 0,
  };
}

function ratesBy(rows: FollowUp[], key: (r: FollowUp) => string) {
  const groups = new Map<string, FollowUp[]>();
  for (const r of rows) {
    const k = key(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups].map(([k, g]) => ({ key: k, ...rate(g) })).sort((a, b) => b.invited - a.invited);
}

export function createCampaignService(deps: ServiceDeps) {
  const { db, store, audit, jobs, clock, links, ports, versions } = deps;

  /** French messages of the campaign form's fields, before any organisation is looked up. */
  function checkForm(input: NewCampaignInput, q: QuestionnaireRecord | null): Record<string, string> {
    const errors: Record<string, string> = {};
    if (!q || q.archivedAt) errors.questionnaireId = 'Choisissez un questionnaire.';
    else if (q.latestVersion === 0)
      errors.questionnaireId = "Ce questionnaire n'a pas encore été publié : publiez-le d'abord.";
    const title = input.title.trim();
    if (!title) errors.title = 'Saisissez le titre de la campagne.';
    else if (title.length > 200) errors.title = 'Le titre dépasse 200 caractères.';
    if (!input.opensAt) errors.opensAt = "Saisissez la date d'ouverture, par exemple 2025-03-01.";
    if (!input.closesAt) errors.closesAt = 'Saisissez la date de clôture, par exemple 2025-04-30.';
    else if (input.opensAt && input.closesAt <= input.opensAt)
      errors.closesAt = "La clôture doit être postérieure à l'ouverture.";
    else if (new Date(input.closesAt).getTime() <= clock.millis())
      errors.closesAt = 'La date de clôture est déjà passée.';
    if (input.reminderDays === null)
      errors.reminderDays = 'Saisissez des nombres de jours séparés par des virgules, par exemple « 7, 2 ».';
    return errors;
  }

  return {
    /** Every campaign with its state and questionnaire title, latest opening first. */
    async list(actor: CurrentUser | null) {
      authorizeOr(MANAGE, actor, 'campaign.manage');
      const [campaigns, questionnaires] = await Promise.all([store.listCampaigns(), store.listQuestionnaires()]);
      const titles = new Map(questionnaires.map((q) => [q.id, q.title]));
      return campaigns.map((c) => ({
        ...c,
        state: campaignState(c, clock.now()),
        questionnaireTitle: titles.get(c.questionnaireId) ?? '',
      }));
    },

    /**
     * Creates a campaign: resolves the target organisations, creates one invitation each (mailed when the campaign
     * opens), schedules reminders. Field errors are French, SIREN list errors carry line numbers.
     */
    async create(actor: CurrentUser | null, input: NewCampaignInput): Promise<{ id: number; invited: number }> {
      authorizeOr(
        { forbidden: 'Seuls les coordinateurs du réseau peuvent créer des campagnes.' },
        actor,
        'campaign.manage',
      );
      const q =
        Number.isSafeInteger(input.questionnaireId) && input.questionnaireId > 0
          ? await store.findQuestionnaire(input.questionnaireId)
          : null;
      const errors = checkForm(input, q);
      const sirens = parseSirenList(input.sirenList);
      if (sirens.errors.length) errors.sirenList = sirens.errors.map((e) => e.message).join(' ');
      const targets: TargetSpec = {
        ...input.targets,
        sirens: sirens.entries.map((e) => ({ siren: e.siren, emails: e.emails })),
      };
      if (!hasTargets(targets) && !input.publicLink) {
        errors.targets = 'Choisissez au moins un groupe de collectivités, une liste, ou activez le lien public.';
      }
      let resolved: Awaited<ReturnType<typeof resolveTargets>> | null = null;
      if (!Object.keys(errors).length) {
        resolved = await resolveTargets(ports.organisations, targets, sirens.entries);
        const unknown = resolved.unknownLines;
        if (unknown.length) {
          errors.sirenList = `SIREN inconnu${unknown.length > 1 ? 's' : ''} de la plateforme, ligne${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} : ajoutez ces organismes ou retirez-les de la liste.`;
        }
        if (!resolved.found.size && !input.publicLink && !errors.sirenList)
          errors.targets = 'Aucune collectivité ne correspond à ces critères.';
      }
      if (Object.keys(errors).length || !resolved || !q) throw new ValidationError(errors);

      const { found, emails } = resolved;
      const version = (await store.findVersionByNumber(q.id, q.latestVersion))!;
      const opensAt = input.opensAt!;
      const closesAt = input.closesAt!;
      const title = input.title.trim();
      const expiresAt = new Date(new Date(closesAt).getTime() + INVITATION_GRACE_DAYS * DAY).toISOString();
      const id = await db.transaction().execute(async (trx) => {
        const campaignId = await store.insertCampaign(
          {
            questionnaireId: q.id,
            versionId: version.id,
            title,
            description: input.description.trim(),
            opensAt,
            closesAt,
            closedAt: null,
            targets,
            publicTokenHash: null,
            publicTokenNonce: null,
            resultsPublic: input.resultsPublic,
            libraryAuto: input.libraryAuto && mapsToLibrary(version.content),
            reminderDays: input.reminderDays ?? [],
            createdBy: who(actor),
          },
          trx,
        );
        if (input.publicLink) {
          const secret = links.newPublicSecret(campaignId);
          await store.updateCampaign(
            campaignId,
            { publicTokenNonce: secret.nonce, publicTokenHash: secret.tokenHash },
            trx,
          );
        }
        await store.insertInvitations(
          [...found.values()].map((o) => ({
            campaignId,
            organisationId: o.id,
            organisationName: o.name,
            organisationType: o.type,
            regionCode: o.regionCode,
            departementCode: o.departementCode,
            contactEmails: emails.get(o.id) ?? [],
            ...links.newInvitationSecret(campaignId, o.id),
            expiresAt,
          })),
          trx,
        );
        await jobs.enqueue(
          JOBS.sendInvitations,
          { campaignId },
          { runAt: new Date(opensAt), uniqueKey: `${JOBS.sendInvitations}:${campaignId}` },
          trx,
        );
        // Reminders after the opening, and never in the past (a campaign may open before it is created).
        const from = new Date(Math.max(new Date(opensAt).getTime(), clock.millis()));
        for (const at of reminderDates(closesAt, input.reminderDays ?? [], from)) {
          await jobs.enqueue(
            JOBS.sendReminder,
            { campaignId, scheduled: true },
            { runAt: at, uniqueKey: `${JOBS.sendReminder}:${campaignId}:${at.toISOString()}` },
            trx,
          );
        }
        await audit.record(
          {
            actorUserId: who(actor),
            action: 'campaign.created',
            subjectType: 'campaign',
            subjectId: campaignId,
            details: { title, invited: found.size },
          },
          trx,
        );
        return campaignId;
      });
      return { id, invited: found.size };
    },

    /** Everything the campaign dashboard shows: follow-up, response rates by type and région, links. */
    async dashboard(actor: CurrentUser | null, id: number) {
      authorizeOr(FOLLOW, actor, 'campaign.manage');
      const campaign = await campaignOrThrow(store, id);
      const [version, questionnaire, followUp, counts, divisions] = await Promise.all([
        versions.version(campaign.versionId),
        store.findQuestionnaire(campaign.questionnaireId),
        store.followUp(id),
        store.countResponses(id),
        ports.organisations.divisions(),
      ]);
      const active = followUp.filter((f) => !f.revokedAt);
      const anonymous = counts.reduce((s, c) => s + c.n, 0) - active.filter((f) => f.responseId).length;
      return {
        campaign,
        state: campaignState(campaign, clock.now()),
        version,
        questionnaire,
        followUp,
        overall: rate(active),
        byType: ratesBy(active, (r) => organisationTypeLabel(r.organisationType)),
        byRegion: ratesBy(active, (r) =>
          r.regionCode ? (divisions.regions.get(r.regionCode) ?? r.regionCode) : 'Sans région',
        ),
        anonymousResponses: Math.max(0, anonymous),
        publicLink: links.publicLink(campaign),
        mapsToLibrary: mapsToLibrary(version.content),
      };
    },

    /** Closes a campaign now (saved answers are kept; nothing can be written any more). */
    async close(actor: CurrentUser | null, campaignId: number): Promise<void> {
      authorizeOr(
        { forbidden: 'Seuls les coordinateurs du réseau peuvent clore les campagnes.' },
        actor,
        'campaign.manage',
      );
      const campaign = await campaignOrThrow(store, campaignId);
      if (campaignState(campaign, clock.now()) === 'closed') return;
      await db.transaction().execute(async (trx) => {
        await store.updateCampaign(campaignId, { closedAt: clock.iso() }, trx);
        await audit.record(
          { actorUserId: who(actor), action: 'campaign.closed', subjectType: 'campaign', subjectId: campaignId },
          trx,
        );
      });
    },

    /** Public results, public link (created or withdrawn), automatic draft use cases. */
    async updateSettings(
      actor: CurrentUser | null,
      campaignId: number,
      patch: { resultsPublic?: boolean; publicLink?: boolean; libraryAuto?: boolean },
    ): Promise<void> {
      authorizeOr(MANAGE, actor, 'campaign.manage');
      const campaign = await campaignOrThrow(store, campaignId);
      const set: Parameters<typeof store.updateCampaign>[1] = {};
      if (patch.resultsPublic !== undefined) set.resultsPublic = patch.resultsPublic;
      if (patch.libraryAuto !== undefined) set.libraryAuto = patch.libraryAuto;
      if (patch.publicLink === true && !campaign.publicTokenNonce) {
        const secret = links.newPublicSecret(campaignId);
        set.publicTokenNonce = secret.nonce;
        set.publicTokenHash = secret.tokenHash;
      } else if (patch.publicLink === false) {
        set.publicTokenNonce = null;
        set.publicTokenHash = null;
      }
      await db.transaction().execute(async (trx) => {
        await store.updateCampaign(campaignId, set, trx);
        await audit.record(
          {
            actorUserId: who(actor),
            action: 'campaign.settings_updated',
            subjectType: 'campaign',
            subjectId: campaignId,
            details: patch,
          },
          trx,
        );
      });
    },

    /** Moves a campaign to the questionnaire's latest version: new responses use it, started ones keep theirs. */
    async upgradeVersion(actor: CurrentUser | null, campaignId: number): Promise<number> {
      authorizeOr(MANAGE, actor, 'campaign.manage');
      const campaign = await campaignOrThrow(store, campaignId);
      const q = await questionnaireOrThrow(store, campaign.questionnaireId);
      const latest = await store.findVersionByNumber(q.id, q.latestVersion);
      if (!latest || latest.id === campaign.versionId)
        throw new ValidationError({ version: 'La campagne utilise déjà la dernière version publiée.' });
      await db.transaction().execute(async (trx) => {
        await store.updateCampaign(campaignId, { versionId: latest.id }, trx);
        await audit.record(
          {
            actorUserId: who(actor),
            action: 'campaign.version_upgraded',
            subjectType: 'campaign',
            subjectId: campaignId,
            details: { version: latest.number },
          },
          trx,
        );
      });
      return latest.number;
    },

    /** « Mes recensements »: the opened campaigns the person's organisations are invited to. */
    async myCampaigns(actor: CurrentUser) {
      const orgIds = actor.memberships.map((m) => m.organisationId);
      const invitations = await store.invitationsOfOrganisations(orgIds);
      const out = [];
      for (const inv of invitations) {
        const campaign = await store.findCampaign(inv.campaignId);
        if (!campaign) continue;
        const state = campaignState(campaign, clock.now());
        if (state === 'scheduled') continue;
        const response = await store.findResponseOf(campaign.id, inv.organisationId);
        out.push({
          campaign,
          state,
          organisationId: inv.organisationId,
          organisationName: inv.organisationName,
          response,
          href: `/recensements/${campaign.id}/collectivites/${inv.organisationId}`,
        });
      }
      return out;
    },
  };
}

export type CampaignService = ReturnType<typeof createCampaignService>;
