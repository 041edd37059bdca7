/**
 * Invitations: personal links (shown, revoked, renewed), the mail that announces a campaign when it opens and the
 * reminders (scheduled jobs, or a coordinator's « relancer »).
 */
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { notFound, ValidationError } from '../../../platform/http/errors.ts';
import { campaignState } from '../campaigns.ts';
import { authorizeOr } from '../policy.ts';
import type { Campaign, Invitation } from '../records.ts';
import { campaignOrThrow, INVITATION_GRACE_DAYS, queueMail, type ServiceDeps, who } from './context.ts';
import { invitationSubject, invitationText } from './mails.ts';

const MANAGE = { forbidden: 'Seuls les coordinateurs du réseau peuvent gérer les invitations.' };
const FOLLOW = { forbidden: 'Seuls les coordinateurs du réseau peuvent suivre les campagnes.' };

export function createInvitationService(deps: ServiceDeps) {
  const { db, store, audit, jobs, clock, links, ports } = deps;

  async function invitationOrThrow(id: number): Promise<Invitation> {
    const inv = Number.isSafeInteger(id) && id > 0 ? await store.findInvitation(id) : null;
    if (!inv) throw notFound("Cette invitation n'existe pas.");
    return inv;
  }

  /** Where each invitation is mailed: its listed contacts and its organisation's active members. */
  async function recipients(invitations: Invitation[]): Promise<Map<number, string[]>> {
    const members = await ports.organisations.contactEmails([...new Set(invitations.map((i) => i.organisationId))]);
    return new Map(
      invitations.map((i) => [i.id, [...new Set([...i.contactEmails, ...(members.get(i.organisationId) ?? [])])]]),
    );
  }

  /** Mails a reminder to the selected invitations that have not submitted (all of them when `ids` is null). */
  async function sendReminders(campaign: Campaign, ids: number[] | null): Promise<number> {
    const followUp = await store.followUp(campaign.id);
    const targets = followUp.filter(
      (f) => !f.revokedAt && f.status !== 'submitted' && (!ids || ids.includes(f.invitationId)),
    );
    if (!targets.length) return 0;
    const invitations = await store.listInvitations(
      campaign.id,
      targets.map((t) => t.invitationId),
    );
    const to = await recipients(invitations);
    let sent = 0;
    await db.transaction().execute(async (trx) => {
      for (const inv of invitations) {
        const addresses = to.get(inv.id) ?? [];
        if (!addresses.length) continue;
        const text = invitationText(campaign, inv, links.invitation(inv), 'remind');
        await queueMail(jobs, addresses, invitationSubject(campaign, 'remind'), text, trx);
        sent++;
      }
      await store.markReminded(
        invitations.filter((i) => (to.get(i.id) ?? []).length).map((i) => i.id),
        trx,
      );
    });
    return sent;
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
      return { campaign, invitation, link: links.invitation(invitation) };
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
      // Read everything before the transaction: on SQLite, a query outside it would wait for it forever.
      const to = campaignState(campaign, clock.now()) === 'open' ? await recipients([renewed]) : null;
      await db.transaction().execute(async (trx) => {
        await store.updateInvitation(
          invitationId,
          { nonce: secret.nonce, tokenHash: secret.tokenHash, revokedAt: null, expiresAt },
          trx,
        );
        if (to) {
          const text = invitationText(campaign, renewed, links.invitation(renewed), 'renew');
          await queueMail(jobs, to.get(inv.id) ?? [], invitationSubject(campaign, 'renew'), text, trx);
        }
        await audit.record(
          { actorUserId: who(actor), action: 'invitation.renewed', subjectType: 'invitation', subjectId: invitationId },
          trx,
        );
      });
      return links.invitation(renewed);
    },

    /** Mails a reminder to the selected organisations that have not submitted (all of them when `ids` is null). */
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
      const sent = await sendReminders(campaign, ids);
      await audit.record({
        actorUserId: who(actor),
        action: 'campaign.reminded',
        subjectType: 'campaign',
        subjectId: campaignId,
        details: { sent },
      });
      return sent;
    },

    /** Job: mails every invitation of a campaign once it is open (once). */
    async sendInvitations({ campaignId }: { campaignId: number }): Promise<void> {
      const campaign = await store.findCampaign(campaignId);
      if (!campaign || campaign.invitationsSentAt || campaignState(campaign, clock.now()) !== 'open') return;
      const invitations = (await store.listInvitations(campaignId)).filter((i) => !i.revokedAt);
      const to = await recipients(invitations);
      await db.transaction().execute(async (trx) => {
        for (const inv of invitations) {
          const text = invitationText(campaign, inv, links.invitation(inv), 'invite');
          await queueMail(jobs, to.get(inv.id) ?? [], invitationSubject(campaign, 'invite'), text, trx);
        }
        await store.markSent(campaignId, trx);
      });
    },

    /** Job: the scheduled reminder of a campaign (only while it is open). */
    async sendScheduledReminder({ campaignId }: { campaignId: number }): Promise<void> {
      const campaign = await store.findCampaign(campaignId);
      if (!campaign || campaignState(campaign, clock.now()) !== 'open') return;
      await sendReminders(campaign, null);
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
