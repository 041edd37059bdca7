/** `use_case_versions` (every published version) and `use_case_events` (the workflow log and review comments). */
import type { Selectable } from 'kysely';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { UseCaseContent } from '../model.ts';
import type { UseCaseEventsTable, UseCaseVersionsTable } from '../tables.ts';
import { parseContent } from './use-cases.ts';

export interface VersionRow {
  id: number;
  useCaseId: number;
  number: number;
  content: UseCaseContent;
  publishedAt: string;
  publishedBy: number | null;
}

export interface EventRow {
  id: number;
  useCaseId: number;
  at: string;
  actorUserId: number | null;
  event: string;
  comment: string | null;
  /** The field keys a review decision concerns. */
  fields: string[];
}

const nullableId = (v: number | null) => (v == null ? null : Number(v));

/** THE mapper of `use_case_versions` rows (without the content when it was not selected). */
function toVersionRow(r: Omit<Selectable<UseCaseVersionsTable>, 'content'>): Omit<VersionRow, 'content'> {
  return {
    id: Number(r.id),
    useCaseId: Number(r.use_case_id),
    number: Number(r.number),
    publishedAt: r.published_at,
    publishedBy: nullableId(r.published_by),
  };
}

/** THE mapper of `use_case_events` rows. */
function toEventRow(r: Omit<Selectable<UseCaseEventsTable>, 'snapshot'>): EventRow {
  return {
    id: Number(r.id),
    useCaseId: Number(r.use_case_id),
    at: r.at,
    actorUserId: nullableId(r.actor_user_id),
    event: r.event,
    comment: r.comment ?? null,
    fields: r.fields ? (JSON.parse(r.fields) as string[]) : [],
  };
}

export function createHistoryStore(db: Db, clock: Clock) {
  return {
    /**
     * Records a new published version (numbered after the last one) of the content the use case now holds: call it
     * after `update` wrote that content (the version holds no copy of it until the content next changes). Its number.
     */
    async insertVersion(
      input: { useCaseId: number; publishedBy: number | null; publishedAt?: string },
      trx: Db = db,
    ): Promise<number> {
      const last = await trx
        .selectFrom('use_case_versions')
        .select((eb) => eb.fn.max('number').as('n'))
        .where('use_case_id', '=', input.useCaseId)
        .executeTakeFirst();
      const number = Number(last?.n ?? 0) + 1;
      await trx
        .insertInto('use_case_versions')
        .values({
          use_case_id: input.useCaseId,
          number,
          content: null,
          published_at: input.publishedAt ?? clock.iso(),
          published_by: input.publishedBy,
        })
        .execute();
      return number;
    },

    /** The published versions of a use case, newest first (without their content). */
    async versions(useCaseId: number): Promise<Omit<VersionRow, 'content'>[]> {
      const rows = await db
        .selectFrom('use_case_versions')
        .select(['id', 'use_case_id', 'number', 'published_at', 'published_by'])
        .where('use_case_id', '=', useCaseId)
        .orderBy('number', 'desc')
        .execute();
      return rows.map(toVersionRow);
    },

    /** A published version with its content (the use case's own when the version holds no copy). */
    async version(useCaseId: number, number: number): Promise<VersionRow | null> {
      const r = await db
        .selectFrom('use_case_versions as v')
        .innerJoin('use_cases as u', 'u.id', 'v.use_case_id')
        .select(['v.id', 'v.use_case_id', 'v.number', 'v.published_at', 'v.published_by'])
        .select((eb) => eb.fn.coalesce('v.content', 'u.content').as('content'))
        .where('v.use_case_id', '=', useCaseId)
        .where('v.number', '=', number)
        .executeTakeFirst();
      return r ? { ...toVersionRow(r), content: parseContent(r.content)! } : null;
    },

    async insertEvent(
      input: {
        useCaseId: number;
        actorUserId: number | null;
        event: string;
        comment?: string | null;
        fields?: string[];
        snapshot?: UseCaseContent | null;
      },
      trx: Db = db,
    ): Promise<void> {
      await trx
        .insertInto('use_case_events')
        .values({
          use_case_id: input.useCaseId,
          at: clock.iso(),
          actor_user_id: input.actorUserId,
          event: input.event,
          comment: input.comment ?? null,
          fields: input.fields?.length ? JSON.stringify(input.fields) : null,
          snapshot: input.snapshot ? JSON.stringify(input.snapshot) : null,
        })
        .execute();
    },

    /** The latest review decision of a use case (changes requested or publication), with what it judged. */
    async lastReview(
      useCaseId: number,
      trx: Db = db,
    ): Promise<(EventRow & { snapshot: UseCaseContent | null }) | null> {
      const r = await trx
        .selectFrom('use_case_events')
        .selectAll()
        .where('use_case_id', '=', useCaseId)
        .where('event', 'in', ['changes_requested', 'published', 'revision_published'])
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r ? { ...toEventRow(r), snapshot: r.snapshot ? parseContent(r.snapshot) : null } : null;
    },

    /** The workflow log of a use case, newest first. */
    async events(useCaseId: number, limit = 200): Promise<EventRow[]> {
      const rows = await db
        .selectFrom('use_case_events')
        .select(['id', 'use_case_id', 'at', 'actor_user_id', 'event', 'comment', 'fields'])
        .where('use_case_id', '=', useCaseId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toEventRow);
    },
  };
}
