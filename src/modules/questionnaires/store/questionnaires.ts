/** Questionnaires (with the builder's draft) and their published, immutable versions. */
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Form } from '../../forms/index.ts';
import type { QuestionnaireRecord, QuestionnaireVersion } from '../records.ts';
import { toQuestionnaire, toVersion } from './mappers.ts';

/** A questionnaire already validated and serialised: its title and its JSON text. */
export interface SerialisedForm {
  title: string;
  json: string;
}

export function createQuestionnaireStore(db: Db, clock: Clock) {
  return {
    /** `draft` is a form, or one already serialised (a large import, serialised in a worker thread). */
    async insertQuestionnaire(
      input: { catalogueKey?: string | null; draft: Form | SerialisedForm; createdBy: number | null },
      trx: Db = db,
    ): Promise<number> {
      const at = clock.iso();
      const row = await trx
        .insertInto('questionnaires')
        .values({
          catalogue_key: input.catalogueKey ?? null,
          title: input.draft.title,
          draft: 'json' in input.draft ? input.draft.json : JSON.stringify(input.draft),
          draft_revision: 1,
          latest_version: 0,
          created_by: input.createdBy,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async findQuestionnaire(id: number, trx: Db = db): Promise<QuestionnaireRecord | null> {
      const row = await trx.selectFrom('questionnaires').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toQuestionnaire(row) : null;
    },

    async findByCatalogueKey(key: string): Promise<QuestionnaireRecord | null> {
      const row = await db.selectFrom('questionnaires').selectAll().where('catalogue_key', '=', key).executeTakeFirst();
      return row ? toQuestionnaire(row) : null;
    },

    async listQuestionnaires(
      options: { publishedOnly?: boolean } = {},
    ): Promise<(QuestionnaireRecord & { campaignCount: number })[]> {
      let q = db
        .selectFrom('questionnaires as q')
        .selectAll('q')
        .select((eb) =>
          eb
            .selectFrom('campaigns as c')
            .whereRef('c.questionnaire_id', '=', 'q.id')
            .select(eb.fn.countAll().as('n'))
            .as('campaign_count'),
        )
        .where('q.archived_at', 'is', null);
      if (options.publishedOnly) q = q.where('q.latest_version', '>', 0);
      const rows = await q.orderBy('q.updated_at', 'desc').orderBy('q.id', 'desc').execute();
      return rows.map(({ campaign_count, ...r }) => ({
        ...toQuestionnaire(r),
        campaignCount: Number(campaign_count ?? 0),
      }));
    },

    /** Saves the builder's working copy if nobody saved since `expectedRevision`. */
    async updateDraft(id: number, draft: Form, expectedRevision: number, trx: Db = db): Promise<boolean> {
      const result = await trx
        .updateTable('questionnaires')
        .set({
          draft: JSON.stringify(draft),
          title: draft.title,
          draft_revision: expectedRevision + 1,
          updated_at: clock.iso(),
        })
        .where('id', '=', id)
        .where('draft_revision', '=', expectedRevision)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async archiveQuestionnaire(id: number, trx: Db = db): Promise<void> {
      const at = clock.iso();
      await trx.updateTable('questionnaires').set({ archived_at: at, updated_at: at }).where('id', '=', id).execute();
    },

    // -- versions -------------------------------------------------------------------------------------------------

    /** Publishes a version and makes it the questionnaire's latest. */
    async insertVersion(
      input: { questionnaireId: number; number: number; content: Form; publishedBy: number | null },
      trx: Db = db,
    ): Promise<number> {
      const at = clock.iso();
      const row = await trx
        .insertInto('questionnaire_versions')
        .values({
          questionnaire_id: input.questionnaireId,
          number: input.number,
          content: JSON.stringify(input.content),
          published_at: at,
          published_by: input.publishedBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('questionnaires')
        .set({ latest_version: input.number, updated_at: at })
        .where('id', '=', input.questionnaireId)
        .execute();
      return Number(row.id);
    },

    async findVersion(id: number, trx: Db = db): Promise<QuestionnaireVersion | null> {
      const row = await trx.selectFrom('questionnaire_versions').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toVersion(row) : null;
    },

    async findVersionByNumber(questionnaireId: number, number: number): Promise<QuestionnaireVersion | null> {
      const row = await db
        .selectFrom('questionnaire_versions')
        .selectAll()
        .where('questionnaire_id', '=', questionnaireId)
        .where('number', '=', number)
        .executeTakeFirst();
      return row ? toVersion(row) : null;
    },

    /** Every version of a questionnaire, newest first. */
    async listVersions(questionnaireId: number): Promise<QuestionnaireVersion[]> {
      const rows = await db
        .selectFrom('questionnaire_versions')
        .selectAll()
        .where('questionnaire_id', '=', questionnaireId)
        .orderBy('number', 'desc')
        .execute();
      return rows.map(toVersion);
    },

    async findVersions(ids: number[]): Promise<QuestionnaireVersion[]> {
      if (!ids.length) return [];
      const rows = await db.selectFrom('questionnaire_versions').selectAll().where('id', 'in', ids).execute();
      return rows.map(toVersion);
    },
  };
}
