/**
 * Deliveries: one row per invitation, mail and recipient — the key that makes sending idempotent (a worker killed
 * and restarted never mails the same recipient the same mail twice) — and the recipients counted per invitation
 * (the preview's « without recipient » list).
 */
import { sql } from 'kysely';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';

export interface Delivery {
  id: number;
  invitationId: number;
  campaignId: number;
  /** `invite` | `remind:<key>` | `renew:<key>`. */
  mail: string;
  email: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

/** An invitation as the sending and counting code reads it, a batch at a time. */
export interface InvitationTarget {
  id: number;
  organisationId: number;
  contactEmails: string[];
  recipientCount: number;
}

export function createDeliveryStore(db: Db, clock: Clock) {
  return {
    /**
     * Records deliveries (those already recorded are left alone) and returns the ids of the new ones only: each new
     * one gets its job, an old one already has its own.
     */
    async insertDeliveries(
      rows: { invitationId: number; campaignId: number; mail: string; email: string }[],
      trx: Db = db,
    ): Promise<number[]> {
      const ids: number[] = [];
      const at = clock.iso();
      for (let i = 0; i < rows.length; i += 500) {
        const inserted = await trx
          .insertInto('invitation_deliveries')
          .values(
            rows.slice(i, i + 500).map((r) => ({
              invitation_id: r.invitationId,
              campaign_id: r.campaignId,
              mail: r.mail,
              email: r.email,
              created_at: at,
              updated_at: at,
            })),
          )
          .onConflict((oc) => oc.columns(['invitation_id', 'mail', 'email']).doNothing())
          .returning('id')
          .execute();
        for (const r of inserted) ids.push(Number(r.id));
      }
      return ids;
    },

    async findDelivery(id: number, trx: Db = db): Promise<Delivery | null> {
      const r = await trx.selectFrom('invitation_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
      return r
        ? {
            id: Number(r.id),
            invitationId: Number(r.invitation_id),
            campaignId: Number(r.campaign_id),
            mail: r.mail,
            email: r.email,
            status: r.status,
            attempts: Number(r.attempts),
            lastError: r.last_error ?? null,
            sentAt: r.sent_at ?? null,
          }
        : null;
    },

    /** Marks a pending delivery sent (false when it was not pending: nothing to count again). */
    async markDelivered(delivery: Delivery, trx: Db = db): Promise<boolean> {
      const at = clock.iso();
      const done = await trx
        .updateTable('invitation_deliveries')
        .set({ status: 'sent', sent_at: at, updated_at: at, attempts: sql<number>`attempts + 1` })
        .where('id', '=', delivery.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return false;
      await trx
        .updateTable('invitations')
        .set({
          delivered_count: sql<number>`delivered_count + 1`,
          last_error: null,
          sent_at: sql<string>`coalesce(sent_at, ${at})`,
        })
        .where('id', '=', delivery.invitationId)
        .execute();
      return true;
    },

    /** Records a failed attempt; `final`: no more retries (the invitation counts one failed delivery). */
    async markAttemptFailed(delivery: Delivery, error: string, final: boolean, trx: Db = db): Promise<void> {
      const at = clock.iso();
      const done = await trx
        .updateTable('invitation_deliveries')
        .set({
          status: final ? 'failed' : 'pending',
          attempts: sql<number>`attempts + 1`,
          last_error: error,
          updated_at: at,
        })
        .where('id', '=', delivery.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return;
      await trx
        .updateTable('invitations')
        .set({
          last_error: `${delivery.email} : ${error}`,
          ...(final ? { failed_count: sql<number>`failed_count + 1` } : {}),
        })
        .where('id', '=', delivery.invitationId)
        .execute();
    },

    /** The deliveries of one invitation, newest first (the invitation page). */
    async deliveriesOf(invitationId: number): Promise<Delivery[]> {
      const rows = await db
        .selectFrom('invitation_deliveries')
        .selectAll()
        .where('invitation_id', '=', invitationId)
        .orderBy('id', 'desc')
        .limit(200)
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        invitationId: Number(r.invitation_id),
        campaignId: Number(r.campaign_id),
        mail: r.mail,
        email: r.email,
        status: r.status,
        attempts: Number(r.attempts),
        lastError: r.last_error ?? null,
        sentAt: r.sent_at ?? null,
      }));
    },

    /**
     * Active invitations of a campaign after `afterId` (only `ids` when given), in id order (keyset batches: memory
     * stays flat).
     */
    async invitationBatch(
      campaignId: number,
      afterId: number,
      limit: number,
      ids?: number[],
      /** Only those counted without recipient (or never counted). */
      uncounted = false,
    ): Promise<InvitationTarget[]> {
      let q = db
        .selectFrom('invitations')
        .select(['id', 'organisation_id', 'contact_emails', 'recipient_count'])
        .where('campaign_id', '=', campaignId)
        .where('id', '>', afterId)
        .where('revoked_at', 'is', null);
      if (uncounted) q = q.where('recipient_count', '<=', 0);
      if (ids) {
        if (!ids.length) return [];
        q = q.where('id', 'in', ids);
      }
      const rows = await q.orderBy('id').limit(limit).execute();
      return rows.map((r) => ({
        id: Number(r.id),
        organisationId: Number(r.organisation_id),
        contactEmails: JSON.parse(r.contact_emails || '[]') as string[],
        recipientCount: Number(r.recipient_count),
      }));
    },

    /** Stores recipient counts (grouped by value: one statement per distinct count). */
    async setRecipientCounts(counts: Map<number, number>, trx: Db = db): Promise<void> {
      const byCount = new Map<number, number[]>();
      for (const [id, n] of counts) byCount.set(n, [...(byCount.get(n) ?? []), id]);
      for (const [n, ids] of byCount) {
        for (let i = 0; i < ids.length; i += 500) {
          await trx
            .updateTable('invitations')
            .set({ recipient_count: n })
            .where('id', 'in', ids.slice(i, i + 500))
            .execute();
        }
      }
    },

    /** Invitations of a campaign counted by whether someone can be mailed. */
    async recipientSummary(campaignId: number): Promise<{ targeted: number; withRecipient: number }> {
      const r = await db
        .selectFrom('invitations')
        .select((eb) => [
          eb.fn.countAll<number>().as('targeted'),
          eb.fn.sum<number>(sql`case when recipient_count > 0 then 1 else 0 end`).as('with_recipient'),
        ])
        .where('campaign_id', '=', campaignId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return { targeted: Number(r?.targeted ?? 0), withRecipient: Number(r?.with_recipient ?? 0) };
    },

    /** One page of the invitations nobody can be mailed, in French order. */
    async withoutRecipientPage(
      campaignId: number,
      page: { limit: number; offset: number },
    ): Promise<{ id: number; organisationId: number; organisationName: string; organisationType: string }[]> {
      const rows = await db
        .selectFrom('invitations')
        .select(['id', 'organisation_id', 'organisation_name', 'organisation_type'])
        .where('campaign_id', '=', campaignId)
        .where('revoked_at', 'is', null)
        .where('recipient_count', '=', 0)
        .orderBy('sort_key')
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        organisationId: Number(r.organisation_id),
        organisationName: r.organisation_name,
        organisationType: r.organisation_type,
      }));
    },
  };
}

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;
