/**
 * The follow-up of a campaign at the scale of every commune of France (35,000 invitations): one page at a time in
 * French order (the stored sort key), filtered in SQL, summed up in one grouped query, streamed for the CSV export.
 * Where a response stands comes from the authority's responses (several per authority when the campaign collects
 * one per project): « envoyée » when one was sent, « en cours » when one was started.
 */
import { type SelectQueryBuilder, sql } from 'kysely';
import type { DB, Db } from '../../../platform/db/database.ts';

export type FollowUpStatus = 'not_started' | 'in_progress' | 'submitted';

export interface FollowUpFilter {
  status?: FollowUpStatus;
  type?: string;
  regionCode?: string;
  networkId?: number;
  /** Authorities nobody could be mailed (no contact, no member), or whose mail failed for good. */
  delivery?: 'without_recipient' | 'failed';
}

/** One invited authority: its snapshot, its recipients and deliveries, where its responses stand. */
export interface FollowUpRow {
  invitationId: number;
  organisationId: number;
  organisationName: string;
  organisationType: string;
  regionCode: string | null;
  departementCode: string | null;
  revokedAt: string | null;
  sentAt: string | null;
  remindersSent: number;
  lastReminderAt: string | null;
  /** -1: not counted (invitation made before recipients were counted). */
  recipientCount: number;
  deliveredCount: number;
  failedCount: number;
  lastError: string | null;
  status: FollowUpStatus;
  responses: number;
  submittedResponses: number;
  /** The latest response (the coordinators' link). */
  responseId: number | null;
  progress: number;
  submittedAt: string | null;
}

/** Counts of one group of invitations (one type in one région). */
export interface FollowUpGroup {
  type: string;
  regionCode: string | null;
  /** Every invitation of the group, revoked ones included (the rows of the follow-up list). */
  rows: number;
  /** The active invitations (not revoked): the counts below are theirs. */
  invited: number;
  reached: number;
  started: number;
  submitted: number;
  withoutRecipient: number;
  failed: number;
  /** A delivery failed and is being retried. */
  retrying: number;
  responses: number;
  submittedResponses: number;
}

const INVITATION_COLUMNS = [
  'i.id as invitation_id',
  'i.organisation_id',
  'i.organisation_name',
  'i.organisation_type',
  'i.region_code',
  'i.departement_code',
  'i.revoked_at',
  'i.sent_at',
  'i.reminders_sent',
  'i.last_reminder_at',
  'i.recipient_count',
  'i.delivered_count',
  'i.failed_count',
  'i.last_error',
] as const;

export function createFollowUpStore(db: Db) {
  /** Each authority's responses to the campaign, counted: one row per organisation (the follow-up's status). */
  function responseCounts(campaignId: number, trx: Db = db) {
    return trx
      .selectFrom('responses')
      .select((x) => [
        'organisation_id',
        x.fn.countAll<number>().as('n'),
        x.fn.sum<number>(sql`case when status = 'submitted' then 1 else 0 end`).as('s'),
        x.fn.max('id').as('last_id'),
        x.fn.max('progress').as('progress'),
        x.fn.max('submitted_at').as('submitted_at'),
      ])
      .where('campaign_id', '=', campaignId)
      .where('organisation_id', 'is not', null)
      .groupBy('organisation_id');
  }

  /** Invitations of a campaign with the counts of each authority's responses (a grouped derived table). */
  function base(campaignId: number, trx: Db = db) {
    return trx
      .selectFrom('invitations as i')
      .leftJoin(
        () => responseCounts(campaignId, trx).as('r'),
        (j) => j.onRef('r.organisation_id', '=', 'i.organisation_id'),
      )
      .where('i.campaign_id', '=', campaignId);
  }
  type Source = ReturnType<typeof base>;

  /** The filters on the invitation's own columns. */
  function invitationFilter<Q>(q: Q, f: FollowUpFilter): Q {
    let x = q as unknown as SelectQueryBuilder<DB & { i: DB['invitations'] }, 'i', object>;
    if (f.type) x = x.where('i.organisation_type', '=', f.type);
    if (f.regionCode) x = x.where('i.region_code', '=', f.regionCode);
    if (f.networkId) x = x.where('i.networks', 'like', `%,${f.networkId},%`);
    if (f.delivery === 'without_recipient') x = x.where('i.recipient_count', '=', 0);
    if (f.delivery === 'failed') x = x.where('i.failed_count', '>', 0);
    return x as unknown as Q;
  }

  function filtered(q: Source, f: FollowUpFilter): Source {
    q = invitationFilter(q, f);
    if (f.status === 'submitted') q = q.where('r.s', '>', 0);
    if (f.status === 'in_progress') q = q.where('r.n', '>', 0).where('r.s', '=', 0);
    if (f.status === 'not_started') q = q.where('r.n', 'is', null);
    return q;
  }

  function toRow(r: Record<string, unknown>): FollowUpRow {
    const n = Number(r.n ?? 0);
    const s = Number(r.s ?? 0);
    return {
      invitationId: Number(r.invitation_id),
      organisationId: Number(r.organisation_id),
      organisationName: String(r.organisation_name),
      organisationType: String(r.organisation_type),
      regionCode: (r.region_code as string | null) ?? null,
      departementCode: (r.departement_code as string | null) ?? null,
      revokedAt: (r.revoked_at as string | null) ?? null,
      sentAt: (r.sent_at as string | null) ?? null,
      remindersSent: Number(r.reminders_sent ?? 0),
      lastReminderAt: (r.last_reminder_at as string | null) ?? null,
      recipientCount: Number(r.recipient_count ?? -1),
      deliveredCount: Number(r.delivered_count ?? 0),
      failedCount: Number(r.failed_count ?? 0),
      lastError: (r.last_error as string | null) ?? null,
      status: s > 0 ? 'submitted' : n > 0 ? 'in_progress' : 'not_started',
      responses: n,
      submittedResponses: s,
      responseId: r.last_id === null || r.last_id === undefined ? null : Number(r.last_id),
      progress: Number(r.progress ?? 0),
      submittedAt: (r.submitted_at as string | null) ?? null,
    };
  }

  function selectRows(q: Source) {
    return q
      .select([...INVITATION_COLUMNS, 'r.n', 'r.s', 'r.last_id', 'r.progress', 'r.submitted_at'])
      .orderBy('i.sort_key')
      .orderBy('i.id');
  }

  return {
    /**
     * One page of the follow-up, in French order, with the number of rows the filter keeps. Without a status filter
     * the page is read from the invitations alone (their sort-key index), then the responses of its 50 authorities.
     */
    async followUpPage(
      campaignId: number,
      filter: FollowUpFilter,
      page: { limit: number; offset: number },
      /** The number of rows the filter keeps, when the caller knows it already (then it is not counted again). */
      knownTotal?: number,
    ): Promise<{ total: number; rows: FollowUpRow[] }> {
      if (filter.status) {
        const counted = await filtered(base(campaignId), filter)
          .select((eb) => eb.fn.countAll<number>().as('total'))
          .executeTakeFirst();
        const rows = await selectRows(filtered(base(campaignId), filter))
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return { total: Number(counted?.total ?? 0), rows: rows.map((r) => toRow(r as Record<string, unknown>)) };
      }
      const invitations = () =>
        invitationFilter(db.selectFrom('invitations as i').where('i.campaign_id', '=', campaignId), filter);
      const counted =
        knownTotal !== undefined
          ? { total: knownTotal }
          : await invitations()
              .select((eb) => eb.fn.countAll<number>().as('total'))
              .executeTakeFirst();
      const rows = await invitations()
        .select(INVITATION_COLUMNS)
        .orderBy('i.sort_key')
        .orderBy('i.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      const ids = rows.map((r) => Number(r.organisation_id));
      const responses = ids.length
        ? await responseCounts(campaignId).where('organisation_id', 'in', ids).execute()
        : [];
      const byOrg = new Map(responses.map((r) => [Number(r.organisation_id), r]));
      return {
        total: Number(counted?.total ?? 0),
        rows: rows.map((r) => toRow({ ...r, ...(byOrg.get(Number(r.organisation_id)) ?? {}) })),
      };
    },

    /** Every row the filter keeps, `batch` at a time in French order (the CSV export: memory stays flat). */
    async *iterateFollowUp(campaignId: number, filter: FollowUpFilter, batch = 1000): AsyncGenerator<FollowUpRow> {
      for (let offset = 0; ; offset += batch) {
        const rows = await selectRows(filtered(base(campaignId), filter))
          .limit(batch)
          .offset(offset)
          .execute();
        for (const r of rows) yield toRow(r as Record<string, unknown>);
        if (rows.length < batch) return;
      }
    },

    /**
     * The campaign's active invitations counted by type and région (the summary and the rate tables): one grouped
     * scan of the invitations, one of the responses (which keep the same snapshot of type and région).
     */
    async followUpGroups(campaignId: number): Promise<FollowUpGroup[]> {
      // Revoked invitations are counted apart (`rows`), in the same scan: the list's total needs no scan of its own.
      const invitations = await db
        .selectFrom('invitations as i')
        .where('i.campaign_id', '=', campaignId)
        .select((eb) => [
          'i.organisation_type as type',
          'i.region_code as region_code',
          eb.fn.countAll<number>().as('rows'),
          eb.fn.sum<number>(sql`case when i.revoked_at is null then 1 else 0 end`).as('invited'),
          eb.fn
            .sum<number>(sql`case when i.revoked_at is null and i.delivered_count > 0 then 1 else 0 end`)
            .as('reached'),
          eb.fn
            .sum<number>(sql`case when i.revoked_at is null and i.recipient_count = 0 then 1 else 0 end`)
            .as('without_recipient'),
          eb.fn.sum<number>(sql`case when i.revoked_at is null and i.failed_count > 0 then 1 else 0 end`).as('failed'),
          eb.fn
            .sum<number>(
              sql`case when i.revoked_at is null and i.last_error is not null and i.failed_count = 0 and i.delivered_count = 0 then 1 else 0 end`,
            )
            .as('retrying'),
        ])
        .groupBy(['i.organisation_type', 'i.region_code'])
        .execute();
      const responses = await db
        .selectFrom('responses')
        .where('campaign_id', '=', campaignId)
        .where('organisation_id', 'is not', null)
        .select((eb) => [
          'organisation_type as type',
          'region_code',
          eb.fn.count<number>('organisation_id').distinct().as('started'),
          eb.fn.count<number>(sql`case when status = 'submitted' then organisation_id end`).distinct().as('submitted'),
          eb.fn.countAll<number>().as('responses'),
          eb.fn.sum<number>(sql`case when status = 'submitted' then 1 else 0 end`).as('submitted_responses'),
        ])
        .groupBy(['organisation_type', 'region_code'])
        .execute();
      const key = (type: unknown, region: unknown) => `${type}|${region ?? ''}`;
      const answered = new Map(responses.map((r) => [key(r.type, r.region_code), r]));
      return invitations.map((r) => {
        const a = answered.get(key(r.type, r.region_code));
        return {
          type: String(r.type),
          regionCode: (r.region_code as string | null) ?? null,
          rows: Number(r.rows),
          invited: Number(r.invited ?? 0),
          reached: Number(r.reached ?? 0),
          started: Number(a?.started ?? 0),
          submitted: Number(a?.submitted ?? 0),
          withoutRecipient: Number(r.without_recipient ?? 0),
          failed: Number(r.failed ?? 0),
          retrying: Number(r.retrying ?? 0),
          responses: Number(a?.responses ?? 0),
          submittedResponses: Number(a?.submitted_responses ?? 0),
        };
      });
    },
  };
}

export type FollowUpStore = ReturnType<typeof createFollowUpStore>;
