/**
 * Delivering invitations and reminders to people: the recipients of an invitation (the authority's contacts, its
 * registered members, the addresses given with a SIREN list), one delivery row per invitation, mail and recipient
 * (the idempotence key), one job per delivery queued at the configured rate, retried with exponential backoff by the
 * job queue; each failure is recorded on the delivery and its invitation (the dashboard shows it per authority).
 */

import type { Db } from '../../../platform/db/database.ts';
import { BULK_ROWS, refreshStatistics } from '../../../platform/db/statistics.ts';
import type { Campaign, Invitation } from '../records.ts';
import type { Delivery, InvitationTarget } from '../store/deliveries.ts';
import { JOBS, type ServiceDeps } from './context.ts';
import { type InvitationMailKind, invitationSubject, invitationText } from './mails.ts';

/** Attempts of one delivery before it is recorded as failed for good (the queue waits 1, 2, 4, 8 minutes between). */
export const MAX_DELIVERY_ATTEMPTS = 5;

/** Invitations read, counted and queued this many at a time (memory stays flat at 35,000 authorities). */
const BATCH = 500;

const kindOf = (mail: string): InvitationMailKind => (mail.split(':')[0] as InvitationMailKind) ?? 'invite';

/** What an SMTP error says, short enough for a table cell. */
export function deliveryError(e: unknown): string {
  const err = e as { response?: string; message?: string; code?: string };
  const text = err?.response || err?.message || String(e);
  return text.replace(/\s+/g, ' ').trim().slice(0, 300) || 'erreur inconnue';
}

export function createDelivery(deps: ServiceDeps) {
  const { db, store, jobs, clock, links, ports } = deps;
  const perMinute = Math.max(1, deps.mailsPerMinute);

  /** Every address an invitation is mailed to, lower-case, each once. */
  async function recipientsOf(targets: Pick<InvitationTarget, 'id' | 'organisationId' | 'contactEmails'>[]) {
    const orgIds = [...new Set(targets.map((t) => t.organisationId))];
    const [contacts, members] = orgIds.length
      ? await Promise.all([ports.organisations.contactAddresses(orgIds), ports.organisations.contactEmails(orgIds)])
      : [new Map<number, string[]>(), new Map<number, string[]>()];
    return new Map(
      targets.map((t) => [
        t.id,
        [
          ...new Set(
            [...t.contactEmails, ...(contacts.get(t.organisationId) ?? []), ...(members.get(t.organisationId) ?? [])]
              .map((e) => e.trim().toLowerCase())
              .filter(Boolean),
          ),
        ],
      ]),
    );
  }

  /**
   * Records the deliveries of `mail` to every recipient of `targets` and queues one job per new delivery, spaced at
   * the configured rate from `start` (ms). Returns how many invitations have at least one recipient, and the rate
   * slot after the last one queued.
   */
  async function queue(
    campaignId: number,
    mail: (t: InvitationTarget) => string,
    targets: InvitationTarget[],
    start: number,
    trx: Db,
    to: Map<number, string[]>,
  ): Promise<{ reached: number[]; next: number }> {
    const rows = targets.flatMap((t) =>
      (to.get(t.id) ?? []).map((email) => ({ invitationId: t.id, campaignId, mail: mail(t), email })),
    );
    const ids = await store.insertDeliveries(rows, trx);
    // One multi-row insert per 500 jobs (jobs.enqueueMany), in the transaction of their deliveries.
    await jobs.enqueueMany(
      JOBS.deliverMail,
      ids.map((id, i) => ({
        payload: { deliveryId: id },
        options: {
          // Whole seconds: the first `perMinute / 60` deliveries are due at once, the next ones a second later…
          runAt: new Date(clock.millis() + Math.floor(((start + i) * 60) / perMinute) * 1000),
          uniqueKey: `${JOBS.deliverMail}:${id}`,
          // The delivery counts its own attempts (MAX_DELIVERY_ATTEMPTS); the queue only needs to keep retrying.
          maxAttempts: MAX_DELIVERY_ATTEMPTS + 1,
        },
      })),
      trx,
    );
    const slot = start + ids.length;
    return { reached: targets.filter((t) => (to.get(t.id) ?? []).length).map((t) => t.id), next: slot };
  }

  return {
    recipientsOf,

    /**
     * Counts again the recipients of the active invitations that had none (the preview reads the counts: a contact
     * added meanwhile counts at once). Counts are taken for every invitation at creation and again when sending.
     */
    async refreshRecipientCounts(campaignId: number): Promise<void> {
      for (let after = 0; ; ) {
        const batch = await store.invitationBatch(campaignId, after, 2000, undefined, true);
        if (!batch.length) return;
        const to = await recipientsOf(batch);
        const changed = new Map<number, number>();
        for (const t of batch) {
          const n = (to.get(t.id) ?? []).length;
          if (n !== t.recipientCount) changed.set(t.id, n);
        }
        if (changed.size) await store.setRecipientCounts(changed);
        after = batch[batch.length - 1]!.id;
      }
    },

    /**
     * Mails `mail` to the active invitations of a campaign (`ids`: only those), batch by batch, each batch in one
     * transaction (deliveries, their jobs and the recipient counts together). Returns the invitations reached.
     */
    async deliverToInvitations(
      campaign: Campaign,
      mail: string | ((t: InvitationTarget) => string),
      ids: number[] | null,
      after?: (reached: number[], trx: Db) => Promise<void>,
    ): Promise<number> {
      const mailOf = typeof mail === 'string' ? () => mail : mail;
      let slot = 0;
      let reachedCount = 0;
      const chunks: (number[] | null)[] = [];
      if (ids) for (let i = 0; i < ids.length; i += BATCH) chunks.push(ids.slice(i, i + BATCH));
      let afterId = 0;
      for (let c = 0; ids ? c < chunks.length : true; c++) {
        const batch = await store.invitationBatch(campaign.id, ids ? 0 : afterId, BATCH, chunks[c] ?? undefined);
        if (!batch.length) {
          if (ids) continue;
          break;
        }
        afterId = batch[batch.length - 1]!.id;
        // Read before the transaction: on SQLite a read outside it would wait for it.
        const to = await recipientsOf(batch);
        await db.transaction().execute(async (trx) => {
          const n = (t: InvitationTarget) => (to.get(t.id) ?? []).length;
          const changed = batch.filter((t) => n(t) !== t.recipientCount);
          await store.setRecipientCounts(new Map(changed.map((t) => [t.id, n(t)])), trx);
          const queued = await queue(campaign.id, mailOf, batch, slot, trx, to);
          slot = queued.next;
          reachedCount += queued.reached.length;
          if (after) await after(queued.reached, trx);
        });
      }
      // A campaign's launch queues as many deliveries and jobs as it has recipients: the planner must know it (the
      // worker's lease of the next job, the dashboard's counts).
      if (slot >= BULK_ROWS) await refreshStatistics(db, ['invitation_deliveries', 'jobs', 'invitations']);
      return reachedCount;
    },

    /** Job: sends one delivery once; a failure is recorded, then retried by the queue until the last attempt. */
    async deliver({ deliveryId }: { deliveryId: number }): Promise<void> {
      const delivery = await store.findDelivery(deliveryId);
      if (delivery?.status !== 'pending') return;
      const [invitation, campaign] = await Promise.all([
        store.findInvitation(delivery.invitationId),
        store.findCampaign(delivery.campaignId),
      ]);
      if (!invitation || !campaign) return;
      if (invitation.revokedAt) {
        await store.markAttemptFailed(delivery, 'lien révoqué avant l’envoi', true);
        return;
      }
      try {
        await deps.mailer.send(mailOf(campaign, invitation, delivery));
      } catch (e) {
        const final = delivery.attempts + 1 >= MAX_DELIVERY_ATTEMPTS;
        await store.markAttemptFailed(delivery, deliveryError(e), final);
        if (!final) throw e;
        return;
      }
      await store.markDelivered(delivery);
    },
  };

  function mailOf(campaign: Campaign, invitation: Invitation, delivery: Delivery) {
    const kind = kindOf(delivery.mail);
    return {
      to: delivery.email,
      subject: invitationSubject(campaign, kind),
      text: invitationText(campaign, invitation, links.invitation(invitation), kind),
    };
  }
}

export type DeliveryService = ReturnType<typeof createDelivery>;
