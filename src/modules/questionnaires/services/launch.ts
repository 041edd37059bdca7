/**
 * Launching a prepared campaign: the preview (authorities targeted, how many can be mailed — recipients counted
 * again —, the page of those nobody can be mailed, the invitation e-mail), then the confirmed launch (invitations
 * queued at the opening, reminders scheduled).
 */
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { campaignState, reminderDates } from '../campaigns.ts';
import { authorizeOr } from '../policy.ts';
import { campaignOrThrow, JOBS, type ServiceDeps, who } from './context.ts';
import type { DeliveryService } from './delivery.ts';
import { invitationSubject, invitationText } from './mails.ts';

const FOLLOW = { forbidden: 'Seuls les coordinateurs du réseau peuvent suivre les campagnes.' };
const MANAGE = { forbidden: 'Seuls les coordinateurs du réseau peuvent gérer les campagnes.' };

export function createLaunchService(deps: ServiceDeps, delivery: DeliveryService) {
  const { db, store, audit, jobs, clock, links, ports } = deps;
  return {
    /**
     * Before launch: how many authorities are targeted, how many can be mailed (recipients counted again, so that a
     * contact just added counts), the page `page` of those nobody can be mailed, and the invitation e-mail.
     */
    async preview(actor: CurrentUser | null, id: number, page: number) {
      authorizeOr(FOLLOW, actor, 'campaign.manage');
      const campaign = await campaignOrThrow(store, id);
      if (!campaign.launchedAt) await delivery.refreshRecipientCounts(id);
      const perPage = 50;
      const counts = await store.recipientSummary(id);
      const without = counts.targeted - counts.withRecipient;
      const pageCount = Math.max(1, Math.ceil(without / perPage));
      const current = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount);
      const [rows, first] = await Promise.all([
        store.withoutRecipientPage(id, { limit: perPage, offset: (current - 1) * perPage }),
        store.followUpPage(id, {}, { limit: 1, offset: 0 }),
      ]);
      const sample = first.rows[0];
      const mailSample = {
        campaignId: id,
        organisationId: sample?.organisationId ?? 0,
        organisationName: sample?.organisationName ?? 'la collectivité',
        nonce: '',
      };
      return {
        campaign,
        state: campaignState(campaign, clock.now()),
        targeted: counts.targeted,
        withRecipient: counts.withRecipient,
        without: {
          total: without,
          page: current,
          pageCount,
          rows: rows.map((r) => ({ ...r, contactsPage: ports.organisations.contactsPage(r.organisationId) })),
        },
        mail: {
          subject: invitationSubject(campaign, 'invite'),
          text: invitationText(campaign, mailSample, `${links.baseUrl}/recensements/lien/…`, 'invite'),
        },
      };
    },

    /**
     * Launches a prepared campaign once the coordinator confirmed: its invitations are mailed when it opens (now if
     * it is already open), its reminders scheduled. Launching twice changes nothing.
     */
    async launch(actor: CurrentUser | null, id: number, confirmed: boolean): Promise<{ targeted: number }> {
      authorizeOr(MANAGE, actor, 'campaign.manage');
      const campaign = await campaignOrThrow(store, id);
      const counts = await store.recipientSummary(id);
      if (campaign.launchedAt) return { targeted: counts.targeted };
      if (campaignState(campaign, clock.now()) === 'closed')
        throw new ValidationError({ confirm: 'Cette campagne est close : elle ne peut plus être lancée.' });
      if (!confirmed)
        throw new ValidationError({
          confirm: 'Cochez la case pour confirmer l’envoi des invitations, puis lancez la campagne.',
        });
      await db.transaction().execute(async (trx) => {
        await store.updateCampaign(id, { launchedAt: clock.iso() }, trx);
        const opens = new Date(Math.max(new Date(campaign.opensAt).getTime(), clock.millis()));
        await jobs.enqueue(
          JOBS.sendInvitations,
          { campaignId: id },
          { runAt: opens, uniqueKey: `${JOBS.sendInvitations}:${id}` },
          trx,
        );
        // Reminders after the opening, and never in the past.
        for (const at of reminderDates(campaign.closesAt, campaign.reminderDays, opens)) {
          await jobs.enqueue(
            JOBS.sendReminder,
            { campaignId: id, scheduled: true, at: at.toISOString() },
            { runAt: at, uniqueKey: `${JOBS.sendReminder}:${id}:${at.toISOString()}` },
            trx,
          );
        }
        await audit.record(
          {
            actorUserId: who(actor),
            action: 'campaign.launched',
            subjectType: 'campaign',
            subjectId: id,
            details: counts,
          },
          trx,
        );
      });
      return { targeted: counts.targeted };
    },
  };
}
