/**
 * Campaigns: creation (target organisations resolved — types, areas, networks, lists —, one invitation each with
 * its recipients counted; prepared for a preview, or launched at once from the command line), preview and launch
 * (launch.ts), settings, closing, moving to the latest questionnaire version, the coordinators' list and dashboard
 * (follow-up.ts), and « Mes recensements ».
 */

import type { CurrentUser } from '../../../platform/auth/user.ts';
import { BULK_ROWS, refreshStatistics } from '../../../platform/db/statistics.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { campaignState, hasTargets, parseSirenList, type TargetSpec } from '../campaigns.ts';
import { mapsToLibrary } from '../library-mapping.ts';
import { authorizeOr } from '../policy.ts';
import type { DirectoryFilter, DirectoryOrganisation, OrganisationDirectory } from '../ports.ts';
import type { QuestionnaireRecord, ResponsesMode } from '../records.ts';
import { campaignOrThrow, INVITATION_GRACE_DAYS, questionnaireOrThrow, type ServiceDeps, who } from './context.ts';
import type { DeliveryService } from './delivery.ts';
import { createFollowUpService } from './follow-up.ts';
import { createLaunchService } from './launch.ts';

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
  /** One response per authority, or several (one per project); default: several for the AI census. */
  responsesMode?: ResponsesMode;
  /** Prepared only (the coordinator previews, then launches); otherwise launched at once (command line, seed). */
  prepareOnly?: boolean;
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
  const byIds = async (ids: number[]) => {
    for (let i = 0; i < ids.length; i += 1000)
      for (const o of await directory.findByIds(ids.slice(i, i + 1000))) found.set(o.id, o);
  };
  await byIds(targets.organisationIds);
  for (const network of targets.networks ?? []) await byIds(await directory.networkMemberIds(network));
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

/** The networks each organisation belongs to (the invitations' snapshot: the dashboard filters on it). */
async function networksOf(directory: OrganisationDirectory): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (const network of await directory.networks()) {
    for (const id of await directory.networkMemberIds(network.id)) out.set(id, [...(out.get(id) ?? []), network.id]);
  }
  return out;
}

export function createCampaignService(deps: ServiceDeps, delivery: DeliveryService) {
  const { db, store, audit, clock, links, ports } = deps;

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

  const launching = createLaunchService(deps, delivery);

  return {
    /** The dashboard and the follow-up export (services/follow-up.ts). */
    ...createFollowUpService(deps),

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
      const organisations = [...found.values()];
      // Read before the transaction (SQLite: a read outside it would wait for it): networks and recipients.
      const networks = await networksOf(ports.organisations);
      const recipientCounts = new Map<number, number>();
      for (let i = 0; i < organisations.length; i += 1000) {
        const chunk = organisations.slice(i, i + 1000);
        const to = await delivery.recipientsOf(
          chunk.map((o) => ({ id: o.id, organisationId: o.id, contactEmails: emails.get(o.id) ?? [] })),
        );
        for (const o of chunk) recipientCounts.set(o.id, (to.get(o.id) ?? []).length);
      }
      const responsesMode = input.responsesMode ?? (mapsToLibrary(version.content) ? 'several' : 'one');
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
            responsesMode,
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
        // A chunk at a time: the rows of 35,000 invitations are never all in memory together.
        for (let i = 0; i < organisations.length; i += 500) {
          await store.insertInvitations(
            organisations.slice(i, i + 500).map((o) => ({
              campaignId,
              organisationId: o.id,
              organisationName: o.name,
              organisationType: o.type,
              regionCode: o.regionCode,
              departementCode: o.departementCode,
              contactEmails: emails.get(o.id) ?? [],
              networks: networks.get(o.id) ?? [],
              recipientCount: recipientCounts.get(o.id) ?? 0,
              ...links.newInvitationSecret(campaignId, o.id),
              expiresAt,
            })),
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
      // 35,000 invitations at once: PostgreSQL's planner must know it before the dashboard's first page.
      if (organisations.length >= BULK_ROWS) await refreshStatistics(db, ['invitations']);
      if (!input.prepareOnly) await launching.launch(actor, id, true);
      return { id, invited: found.size };
    },

    ...launching,

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
