/**
 * Invitations: personal links (shown, revoked, renewed), the mail that announces a campaign when it opens and the
 * reminders (scheduled jobs, or a coordinator's « relancer »).
 */
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { notFound, ValidationError } from '../../../platform/http/errors.ts';
import { campaignState } from '../campaigns.ts';
import { authorizeOr } from '../policy.ts';
import type { Campaign, Invitation } from '../records.ts';
import { campaignOrThrow, INVITATION_GRACE_DAYS, JOBS, type ServiceDeps, who } from './context.ts';
import type { DeliveryService } from './delivery.ts';

const MANAGE = { forbidden: 'Seuls les coordinateurs du réseau peuvent gérer les invitations.' };
const FOLLOW = { forbidden: 'Seuls les coordinateurs du réseau peuvent suivre les campagnes.' };

export function createInvitationService(deps: ServiceDeps, delivery: DeliveryService) {
  const { db, store, audit, clock, links } = deps;

  async function invitationOrThrow(id: number): Promise<Invitation> {
    const inv = Number.isSafeInteger(id) && id > 0 ? await store.findInvitation(id) : null;
    if (!inv) throw notFound("Cette invitation n'existe pas.");
    return inv;
  }

  /**
   * Mails a reminder to the selected invitations that have not submitted (all of them when `ids` is null); `key`
   * names this reminder (a scheduled one is sent once even if its job runs again).
   */
  async function sendReminders(campaign: Campaign, ids: number[] | null, key: string): Promise<number> {
    const wanted = ids ? new Set(ids) : null;
    const targets: number[] = [];
    for await (const f of store.iterateFollowUp(campaign.id, {})) {
      if (!f.revokedAt && f.status !== 'submitted' && (!wanted || wanted.has(f.invitationId)))
        targets.push(f.invitationId);
    }
    if (!targets.length) return 0;
    return delivery.deliverToInvitations(campaign, `remind:${key}`, targets, (reached, trx) =>
      store.markReminded(reached, trx),
    );
  }

  return {
    /** The personal link of one invitation (shown to coordinators who want to pass it on themselves). */
    async linkOf(actor: CurrentUser | null, invitationId: number): Promise<string> {
      authorizeOr(FOLLOW, actor, 'campaign.manage');
      return links.invitation(await invitationOrThrow(invitationId));
    },

    /** An invitation of a campaign, with its campaign and personal link (the invitation page). */
    async get(actor: CurrentUser | null, campaignId: number, invitationId: number) {
      authorizeOr(FOLLOW, actor, 'campaign.manage');
      const campaign = await campaignOrThrow(store, campaignId);
      const invitation = await invitationOrThrow(invitationId);
      if (invitation.campaignId !== campaignId) throw notFound("Cette invitation n'existe pas.");
      const [deliveries, recipients] = await Promise.all([
        store.deliveriesOf(invitationId),
        delivery.recipientsOf([invitation]),
      ]);
      return {
        campaign,
        invitation,
        link: links.invitation(invitation),
        deliveries,
        recipients: recipients.get(invitation.id) ?? [],
        contactsPage: deps.ports.organisations.contactsPage(invitation.organisationId),
      };
    },

    async revoke(actor: CurrentUser | null, invitationId: number): Promise<Invitation> {
      authorizeOr(MANAGE, actor, 'campaign.manage');
      const inv = await invitationOrThrow(invitationId);
      await db.transaction().execute(async (trx) => {
        await store.updateInvitation(invitationId, { revokedAt: clock.iso() }, trx);
        await audit.record(
          { actorUserId: who(actor), action: 'invitation.revoked', subjectType: 'invitation', subjectId: invitationId },
          trx,
        );
      });
      return inv;
    },

    /** A new personal link for an organisation (the old one stops working), mailed to its contacts. */
    async renew(actor: CurrentUser | null, invitationId: number): Promise<string> {
      authorizeOr(MANAGE, actor, 'campaign.manage');
      const inv = await invitationOrThrow(invitationId);
      const campaign = await campaignOrThrow(store, inv.campaignId);
      const secret = links.newInvitationSecret(inv.campaignId, inv.organisationId);
      const renewed = { ...inv, nonce: secret.nonce };
      const expiresAt = new Date(
        new Date(campaign.closesAt).getTime() + INVITATION_GRACE_DAYS * 86_400_000,
      ).toISOString();
      await db.transaction().execute(async (trx) => {
        await store.updateInvitation(
          invitationId,
          { nonce: secret.nonce, tokenHash: secret.tokenHash, revokedAt: null, expiresAt },
          trx,
        );
        await audit.record(
          { actorUserId: who(actor), action: 'invitation.renewed', subjectType: 'invitation', subjectId: invitationId },
          trx,
        );
      });
      if (campaign.launchedAt && campaignState(campaign, clock.now()) === 'open')
        await delivery.deliverToInvitations(campaign, `renew:${secret.nonce}`, [invitationId]);
      return links.invitation(renewed);
    },

    /**
     * Mails a reminder to the selected organisations that have not submitted; all of them when `ids` is null (then
     * through a job). Returns how many authorities the reminder goes to.
     */
    async remind(actor: CurrentUser | null, campaignId: number, ids: number[] | null): Promise<number> {
      authorizeOr(
        { forbidden: 'Seuls les coordinateurs du réseau peuvent relancer les collectivités.' },
        actor,
        'campaign.manage',
      );
      const campaign = await campaignOrThrow(store, campaignId);
      if (campaignState(campaign, clock.now()) !== 'open')
        throw new ValidationError({ selection: 'On ne relance que pendant une campagne ouverte.' });
      if (ids && !ids.length) throw new ValidationError({ selection: 'Cochez au moins une collectivité à relancer.' });
      let sent: number;
      if (ids) sent = await sendReminders(campaign, ids, clock.iso());
      else {
        // Every authority that has not sent (up to every commune of France): prepared by a job, so that the
        // coordinator's request returns at once; the figure is those that can be mailed.
        const at = clock.iso();
        const groups = await store.followUpGroups(campaignId);
        sent = groups.reduce((n, g) => n + Math.max(0, g.invited - g.submitted - g.withoutRecipient), 0);
        await deps.jobs.enqueue(
          JOBS.sendReminder,
          { campaignId, at },
          { uniqueKey: `${JOBS.sendReminder}:${campaignId}:relance:${at}` },
        );
      }
      await audit.record({
        actorUserId: who(actor),
        action: 'campaign.reminded',
        subjectType: 'campaign',
        subjectId: campaignId,
        details: { sent },
      });
      return sent;
    },

    /**
     * Job: mails every invitation of a launched campaign once it is open: one delivery per recipient, queued at the
     * configured rate (a job that runs again queues nothing twice).
     */
    async sendInvitations({ campaignId }: { campaignId: number }): Promise<void> {
      const campaign = await store.findCampaign(campaignId);
      if (!campaign?.launchedAt || campaign.invitationsSentAt || campaignState(campaign, clock.now()) !== 'open')
        return;
      await delivery.deliverToInvitations(campaign, 'invite', null);
      await store.updateCampaign(campaignId, { invitationsSentAt: clock.iso() });
    },

    /** Job: the scheduled reminder of a campaign (only while it is open), sent once per scheduled date. */
    async sendScheduledReminder({ campaignId, at }: { campaignId: number; at?: string }): Promise<void> {
      const campaign = await store.findCampaign(campaignId);
      if (!campaign?.launchedAt || campaignState(campaign, clock.now()) !== 'open') return;
      await sendReminders(campaign, null, at ?? clock.iso().slice(0, 10));
    },

    /** Job: one mail to one recipient. */
    deliver: delivery.deliver,
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
