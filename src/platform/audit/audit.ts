import type { Selectable } from 'kysely';
import { type Clock, systemClock } from '../clock.ts';
import type { AuditLogTable, Db } from '../db/database.ts';

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  details?: Record<string, unknown>;
}

export interface AuditRow {
  id: number;
  at: string;
  actorUserId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
}

function toAuditRow(r: Selectable<AuditLogTable>): AuditRow {
  return {
    id: Number(r.id),
    at: r.at,
    actorUserId: r.actor_user_id == null ? null : Number(r.actor_user_id),
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
  };
}

/** The audit log: who did what to whom. Write it inside the same transaction as the act it records. */
export function createAuditLog(db: Db, clock: Clock = systemClock) {
  return {
    async record(entry: AuditEntry, trx: Db = db): Promise<void> {
      await trx
        .insertInto('audit_log')
        .values({
          at: clock.iso(),
          actor_user_id: entry.actorUserId,
          action: entry.action,
          subject_type: entry.subjectType,
          subject_id: entry.subjectId == null ? null : String(entry.subjectId),
          details: JSON.stringify(entry.details ?? {}),
        })
        .execute();
    },
    /** How many entries of this action this person caused since `since` (ISO): per-person limits. */
    async countSince(options: { actorUserId: number; action: string; since: string }): Promise<number> {
      const row = await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('actor_user_id', '=', options.actorUserId)
        .where('action', '=', options.action)
        .where('at', '>=', options.since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async list(options: { limit: number; offset: number; subjectType?: string }): Promise<{
      total: number;
      rows: AuditRow[];
    }> {
      let q = db.selectFrom('audit_log');
      if (options.subjectType) q = q.where('subject_type', '=', options.subjectType);
      const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
      const rows = await q.selectAll().orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute();
      return { total: Number(total), rows: rows.map(toAuditRow) };
    },
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
