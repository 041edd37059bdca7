/**
 * What the library needs of responsible AI for its sheets kept alive (issue 11 #7): per sheet, whether a
 * self-assessment is signed, whether one is published, whether a transparency notice is published; and a cheap
 * version that changes whenever one of these answers may change (signing, publishing or withdrawing an assessment,
 * publishing a notice), which the library's catalogue adds to its own change counter so that its « notice publiée »
 * and « auto-évaluation réalisée » filters follow at the next query on every instance. Read-only aggregates of this
 * module's tables, kept apart from store.ts (which holds the writes and moves the counter read by `version`).
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { statusChanges } from './store.ts';

export interface SheetEthicsStatus {
  assessmentSigned: boolean;
  assessmentPublished: boolean;
  noticePublished: boolean;
}

export function createLibraryStatus(db: Db) {
  return {
    /** The status of the sheets that have something (absent: nothing signed or published); all sheets without ids. */
    async statusOf(useCaseIds?: readonly number[]): Promise<Map<number, SheetEthicsStatus>> {
      const out = new Map<number, SheetEthicsStatus>();
      if (useCaseIds && !useCaseIds.length) return out;
      const entry = (id: number) => {
        let s = out.get(id);
        if (!s) {
          s = { assessmentSigned: false, assessmentPublished: false, noticePublished: false };
          out.set(id, s);
        }
        return s;
      };
      let assessments = db
        .selectFrom('ethics_assessments')
        .select(['use_case_id', sql<number>`max(published)`.as('published')])
        .where('kind', '=', 'self')
        .where('status', '=', 'signed')
        .groupBy('use_case_id');
      if (useCaseIds) assessments = assessments.where('use_case_id', 'in', [...useCaseIds]);
      for (const r of await assessments.execute()) {
        const s = entry(r.use_case_id);
        s.assessmentSigned = true;
        s.assessmentPublished = Number(r.published) === 1;
      }
      let notices = db.selectFrom('ethics_notices').select('use_case_id').distinct().where('status', '=', 'published');
      if (useCaseIds) notices = notices.where('use_case_id', 'in', [...useCaseIds]);
      for (const r of await notices.execute()) entry(r.use_case_id).noticePublished = true;
      return out;
    },

    /**
     * Moves whenever `statusOf` may answer differently: the store's status counter (one key lookup), as a scalar
     * subquery that the library reads with its own counter in one statement.
     */
    versionQuery: () => statusChanges(db).query(),
  };
}
