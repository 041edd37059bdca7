/** `use_case_reports`: « signaler une erreur » reports. */
import type { Selectable } from 'kysely';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { UseCaseReportsTable } from '../tables.ts';

export interface ReportRow {
  id: number;
  useCaseId: number;
  createdAt: string;
  reporterUserId: number | null;
  reporterEmail: string | null;
  message: string;
  status: 'open' | 'handled';
  handledAt: string | null;
  handledBy: number | null;
}

/** A report with the title and the organisation of its use case. */
export interface ListedReportRow extends ReportRow {
  title: string;
  organisationId: number;
}

const nullableId = (v: number | null) => (v == null ? null : Number(v));

/** THE mapper of `use_case_reports` rows. */
function toReportRow(r: Selectable<UseCaseReportsTable>): ReportRow {
  return {
    id: Number(r.id),
    useCaseId: Number(r.use_case_id),
    createdAt: r.created_at,
    reporterUserId: nullableId(r.reporter_user_id),
    reporterEmail: r.reporter_email ?? null,
    message: r.message,
    status: r.status,
    handledAt: r.handled_at ?? null,
    handledBy: nullableId(r.handled_by),
  };
}

export function createReportStore(db: Db, clock: Clock) {
  return {
    async insertReport(
      input: { useCaseId: number; reporterUserId: number | null; reporterEmail: string | null; message: string },
      trx: Db = db,
    ): Promise<number> {
      const row = await trx
        .insertInto('use_case_reports')
        .values({
          use_case_id: input.useCaseId,
          created_at: clock.iso(),
          reporter_user_id: input.reporterUserId,
          reporter_email: input.reporterEmail,
          message: input.message,
          status: 'open',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    /** Reports, newest first (at most 500), filtered by authority (null: all), status or use case. */
    async reports(filter: {
      organisationIds?: readonly number[] | null;
      status?: 'open' | 'handled';
      useCaseId?: number;
    }): Promise<ListedReportRow[]> {
      let q = db
        .selectFrom('use_case_reports as r')
        .innerJoin('use_cases as u', 'u.id', 'r.use_case_id')
        .selectAll('r')
        .select(['u.title', 'u.organisation_id']);
      if (filter.organisationIds) {
        if (!filter.organisationIds.length) return [];
        q = q.where('u.organisation_id', 'in', [...filter.organisationIds]);
      }
      if (filter.status) q = q.where('r.status', '=', filter.status);
      if (filter.useCaseId) q = q.where('r.use_case_id', '=', filter.useCaseId);
      const rows = await q.orderBy('r.id', 'desc').limit(500).execute();
      return rows.map((r) => ({ ...toReportRow(r), title: r.title, organisationId: Number(r.organisation_id) }));
    },

    async findReport(id: number): Promise<(ReportRow & { organisationId: number }) | null> {
      if (!Number.isSafeInteger(id) || id <= 0) return null;
      const r = await db
        .selectFrom('use_case_reports as r')
        .innerJoin('use_cases as u', 'u.id', 'r.use_case_id')
        .selectAll('r')
        .select('u.organisation_id')
        .where('r.id', '=', id)
        .executeTakeFirst();
      return r ? { ...toReportRow(r), organisationId: Number(r.organisation_id) } : null;
    },

    /** Marks a report handled; false when it already was. */
    async handleReport(id: number, by: number, trx: Db = db): Promise<boolean> {
      const r = await trx
        .updateTable('use_case_reports')
        .set({ status: 'handled', handled_at: clock.iso(), handled_by: by })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Forgets who wrote reports (RGPD erasure of an account): the reports stay, anonymous. */
    async forgetReporter(userId: number, trx: Db = db): Promise<void> {
      await trx
        .updateTable('use_case_reports')
        .set({ reporter_user_id: null })
        .where('reporter_user_id', '=', userId)
        .execute();
    },

    /** Personal data of a person (RGPD export): their reports. */
    async reportsBy(userId: number) {
      const rows = await db
        .selectFrom('use_case_reports')
        .selectAll()
        .where('reporter_user_id', '=', userId)
        .orderBy('id')
        .execute();
      return rows.map(toReportRow).map((r) => ({
        useCaseId: r.useCaseId,
        createdAt: r.createdAt,
        message: r.message,
        status: r.status,
      }));
    },
  };
}
