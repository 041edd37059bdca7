/**
 * What the library's tables hold about a person (RGPD export and erasure): the use cases they created or last
 * changed, the versions they published, the history entries they acted in. Reports and tokens: their own stores.
 */
import type { Db } from '../../../platform/db/database.ts';

export function createPersonalDataStore(db: Db) {
  return {
    /** The person's part in the library's content, for their export. */
    async authoredBy(userId: number) {
      const useCases = await db
        .selectFrom('use_cases')
        .select(['id', 'title', 'state', 'created_by', 'updated_by', 'created_at', 'updated_at'])
        .where((eb) => eb.or([eb('created_by', '=', userId), eb('updated_by', '=', userId)]))
        .orderBy('id')
        .execute();
      const versions = await db
        .selectFrom('use_case_versions')
        .select(['use_case_id', 'number', 'published_at'])
        .where('published_by', '=', userId)
        .orderBy('id')
        .execute();
      const events = await db
        .selectFrom('use_case_events')
        .select(['use_case_id', 'at', 'event', 'comment'])
        .where('actor_user_id', '=', userId)
        .orderBy('id')
        .execute();
      return {
        useCases: useCases.map((u) => ({
          id: Number(u.id),
          title: u.title,
          state: u.state,
          createdByYou: Number(u.created_by) === userId,
          lastChangedByYou: Number(u.updated_by) === userId,
          createdAt: u.created_at,
          updatedAt: u.updated_at,
        })),
        publishedVersions: versions.map((v) => ({
          useCaseId: Number(v.use_case_id),
          number: Number(v.number),
          publishedAt: v.published_at,
        })),
        history: events.map((e) => ({
          useCaseId: Number(e.use_case_id),
          at: e.at,
          event: e.event,
          comment: e.comment,
        })),
      };
    },

    /** The reports the person sent lose their author and reply address (the report itself stays, it is about a sheet). */
    async forgetReporterAddress(userId: number, trx: Db): Promise<void> {
      await trx
        .updateTable('use_case_reports')
        .set({ reporter_email: null })
        .where('reporter_user_id', '=', userId)
        .execute();
    },
  };
}
