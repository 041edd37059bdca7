/**
 * The review reminders sent (migration 0018): one row per published sheet and due date, so that a reminder is never
 * sent twice for the same date, whatever the number of sweeps, retries or server instances.
 */
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';

export function createReviewReminderStore(db: Db, clock: Clock) {
  return {
    /** Records the reminder of `useCaseId` for `dueOn`, in the caller's transaction; false when already recorded. */
    async claimReviewReminder(useCaseId: number, dueOn: string, recipients: number, trx: Db): Promise<boolean> {
      const row = await trx
        .insertInto('use_case_review_reminders')
        .values({ use_case_id: useCaseId, due_on: dueOn, recipients, sent_at: clock.iso() })
        .onConflict((oc) => oc.columns(['use_case_id', 'due_on']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** How many reminders were recorded for a sheet, by due date (tests and the sheet's history). */
    async reviewRemindersOf(useCaseId: number): Promise<{ dueOn: string; sentAt: string; recipients: number }[]> {
      const rows = await db
        .selectFrom('use_case_review_reminders')
        .select(['due_on', 'sent_at', 'recipients'])
        .where('use_case_id', '=', useCaseId)
        .orderBy('due_on')
        .execute();
      return rows.map((r) => ({ dueOn: r.due_on, sentAt: r.sent_at, recipients: Number(r.recipients) }));
    },
  };
}
