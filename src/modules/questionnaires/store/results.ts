/**
 * The results counters (tables-results.ts): what each submitted response added, summed per campaign, breakdown
 * (authority type × région), question and cell; the free texts; the state of the counters. Every write takes the
 * `trx` of the response change it follows, so that counters and responses commit together.
 */
import { sql } from 'kysely';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Form, ResultCell, ResultText } from '../../forms/index.ts';
import type {} from '../tables-results.ts';

/** A breakdown of the results: authority type and région ('' for « unknown »). */
export interface Breakdown {
  organisationType: string;
  regionCode: string;
}

export interface CountedResponse extends Breakdown {
  responseId: number;
  campaignId: number;
  versionId: number;
  organisationId: number | null;
  answers: string;
}

export interface SubmittedRow extends Breakdown {
  id: number;
  versionId: number;
  organisationId: number | null;
  answers: string;
}

const CHUNK = 200;

/** The breakdowns a response counts in: its type × région, its type, its région, all ('*': every value). */
export const rollups = (b: Breakdown): Breakdown[] => [
  b,
  { organisationType: b.organisationType, regionCode: '*' },
  { organisationType: '*', regionCode: b.regionCode },
  { organisationType: '*', regionCode: '*' },
];

/** The stored breakdown that answers a filter (undefined: every value). */
const keyOf = (f: Partial<Breakdown>): Breakdown => ({
  organisationType: f.organisationType ?? '*',
  regionCode: f.regionCode ?? '*',
});

/** Writing the counters (inside the transaction of a response change, or of a rebuild). */
function createCounterWrites(db: Db, clock: Clock) {
  /**
   * Adds `cells` (counts may be negative) to one breakdown's counters exactly as given ('*' stands for every
   * value); counters back to zero are removed.
   */
  async function putCells(campaignId: number, b: Breakdown, cells: ResultCell[], trx: Db): Promise<void> {
    if (!cells.length) return;
    // One order for every writer: two transactions never wait for each other's rows in opposite orders.
    const sorted = [...cells].sort((x, y) =>
      x.questionId === y.questionId ? (x.cell < y.cell ? -1 : 1) : x.questionId < y.questionId ? -1 : 1,
    );
    for (let i = 0; i < sorted.length; i += CHUNK) {
      await trx
        .insertInto('results_cells')
        .values(
          sorted.slice(i, i + CHUNK).map((c) => ({
            campaign_id: campaignId,
            organisation_type: b.organisationType,
            region_code: b.regionCode,
            question_id: c.questionId,
            cell: c.cell,
            count: c.count,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['campaign_id', 'organisation_type', 'region_code', 'question_id', 'cell'])
            .doUpdateSet({ count: sql`results_cells.count + excluded.count` }),
        )
        .execute();
    }
    if (cells.some((c) => c.count < 0))
      await trx
        .deleteFrom('results_cells')
        .where('campaign_id', '=', campaignId)
        .where('organisation_type', '=', b.organisationType)
        .where('region_code', '=', b.regionCode)
        .where('count', '=', 0)
        .execute();
  }

  return {
    /**
     * Serialises the changes of one campaign's counters (PostgreSQL: a row lock on the campaign, held until the
     * transaction ends; SQLite: the write lock), so that a rebuild never misses a response sent meanwhile.
     */
    async lockResults(campaignId: number, trx: Db): Promise<void> {
      await trx
        .updateTable('campaigns')
        .set((eb) => ({ results_min_cell: eb.ref('results_min_cell') }))
        .where('id', '=', campaignId)
        .execute();
    },

    async resultsState(campaignId: number, trx: Db = db): Promise<{ versions: number[] } | null> {
      const row = await trx
        .selectFrom('results_state')
        .select('versions')
        .where('campaign_id', '=', campaignId)
        .executeTakeFirst();
      return row ? { versions: JSON.parse(row.versions) as number[] } : null;
    },

    async setResultsState(campaignId: number, versions: number[], trx: Db): Promise<void> {
      await trx.deleteFrom('results_state').where('campaign_id', '=', campaignId).execute();
      await trx
        .insertInto('results_state')
        .values({ campaign_id: campaignId, versions: JSON.stringify(versions), built_at: clock.iso() })
        .execute();
    },

    /** Forgets every counter of a campaign (the next read rebuilds them). */
    async clearResults(campaignId: number, trx: Db): Promise<void> {
      await trx.deleteFrom('results_state').where('campaign_id', '=', campaignId).execute();
      await trx.deleteFrom('results_cells').where('campaign_id', '=', campaignId).execute();
      await trx.deleteFrom('results_texts').where('campaign_id', '=', campaignId).execute();
      await trx.deleteFrom('results_counted').where('campaign_id', '=', campaignId).execute();
    },

    putCells,

    /** Adds `cells` to a response's breakdown and to its roll-ups (its type, its région, everything). */
    async addCells(campaignId: number, b: Breakdown, cells: ResultCell[], trx: Db): Promise<void> {
      for (const key of rollups(b)) await putCells(campaignId, key, cells, trx);
    },

    async replaceTexts(
      campaignId: number,
      responseId: number,
      b: Breakdown | null,
      texts: ResultText[],
      trx: Db,
    ): Promise<void> {
      await trx.deleteFrom('results_texts').where('response_id', '=', responseId).execute();
      if (!b || !texts.length) return;
      for (let i = 0; i < texts.length; i += CHUNK)
        await trx
          .insertInto('results_texts')
          .values(
            texts.slice(i, i + CHUNK).map((t) => ({
              campaign_id: campaignId,
              response_id: responseId,
              organisation_type: b.organisationType,
              region_code: b.regionCode,
              question_id: t.questionId,
              kind: t.kind,
              value: t.value,
            })),
          )
          .execute();
    },

    /** Texts of many responses at once (rebuild). */
    async insertTexts(
      campaignId: number,
      rows: (Breakdown & ResultText & { responseId: number })[],
      trx: Db,
    ): Promise<void> {
      for (let i = 0; i < rows.length; i += CHUNK)
        await trx
          .insertInto('results_texts')
          .values(
            rows.slice(i, i + CHUNK).map((t) => ({
              campaign_id: campaignId,
              response_id: t.responseId,
              organisation_type: t.organisationType,
              region_code: t.regionCode,
              question_id: t.questionId,
              kind: t.kind,
              value: t.value,
            })),
          )
          .execute();
    },

    async counted(responseId: number, trx: Db): Promise<CountedResponse | null> {
      const r = await trx
        .selectFrom('results_counted')
        .selectAll()
        .where('response_id', '=', responseId)
        .executeTakeFirst();
      return r
        ? {
            responseId: Number(r.response_id),
            campaignId: Number(r.campaign_id),
            versionId: Number(r.version_id),
            organisationId: r.organisation_id === null ? null : Number(r.organisation_id),
            organisationType: r.organisation_type,
            regionCode: r.region_code,
            answers: r.answers,
          }
        : null;
    },

    async setCounted(responseId: number, row: Omit<CountedResponse, 'responseId'> | null, trx: Db): Promise<void> {
      await trx.deleteFrom('results_counted').where('response_id', '=', responseId).execute();
      if (!row) return;
      await trx
        .insertInto('results_counted')
        .values({
          response_id: responseId,
          campaign_id: row.campaignId,
          version_id: row.versionId,
          organisation_id: row.organisationId,
          organisation_type: row.organisationType,
          region_code: row.regionCode,
          answers: row.answers,
        })
        .execute();
    },

    /** Many counted responses at once (rebuild). */
    async insertCounted(rows: CountedResponse[], trx: Db): Promise<void> {
      for (let i = 0; i < rows.length; i += CHUNK)
        await trx
          .insertInto('results_counted')
          .values(
            rows.slice(i, i + CHUNK).map((r) => ({
              response_id: r.responseId,
              campaign_id: r.campaignId,
              version_id: r.versionId,
              organisation_id: r.organisationId,
              organisation_type: r.organisationType,
              region_code: r.regionCode,
              answers: r.answers,
            })),
          )
          .execute();
    },
  };
}

/** Reading what the counters and the responses say (results pages, rebuilds, the full computation). */
function createCounterReads(db: Db) {
  return {
    /** Submitted responses of a campaign after `afterId`, in id order (rebuild, keyset pagination). */
    async submittedAfter(campaignId: number, afterId: number, limit: number, trx: Db): Promise<SubmittedRow[]> {
      const rows = await trx
        .selectFrom('responses')
        .select(['id', 'version_id', 'organisation_id', 'organisation_type', 'region_code', 'answers'])
        .where('campaign_id', '=', campaignId)
        .where('status', '=', 'submitted')
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        versionId: Number(r.version_id),
        organisationId: r.organisation_id === null ? null : Number(r.organisation_id),
        organisationType: r.organisation_type ?? '',
        regionCode: r.region_code ?? '',
        answers: r.answers,
      }));
    },

    /** The answers of a filter's submitted responses, in id order (full computation). */
    async submittedAnswers(
      campaignId: number,
      f: Partial<Breakdown>,
    ): Promise<{ versionId: number; organisationId: number | null; answers: string }[]> {
      let q = db
        .selectFrom('responses')
        .select(['version_id', 'organisation_id', 'answers'])
        .where('campaign_id', '=', campaignId)
        .where('status', '=', 'submitted');
      if (f.organisationType !== undefined)
        q = f.organisationType
          ? q.where('organisation_type', '=', f.organisationType)
          : q.where('organisation_type', 'is', null);
      if (f.regionCode !== undefined)
        q = f.regionCode ? q.where('region_code', '=', f.regionCode) : q.where('region_code', 'is', null);
      const rows = await q.orderBy('id').execute();
      return rows.map((r) => ({
        versionId: Number(r.version_id),
        organisationId: r.organisation_id === null ? null : Number(r.organisation_id),
        answers: r.answers,
      }));
    },

    /** Every published version of a questionnaire (id, number, content), inside `trx`. */
    async versionsOf(questionnaireId: number, trx: Db = db): Promise<{ id: number; number: number; content: Form }[]> {
      const rows = await trx
        .selectFrom('questionnaire_versions')
        .select(['id', 'number', 'content'])
        .where('questionnaire_id', '=', questionnaireId)
        .orderBy('number', 'desc')
        .execute();
      return rows.map((r) => ({ id: Number(r.id), number: Number(r.number), content: JSON.parse(r.content) as Form }));
    },

    /** The counters of a filter (its roll-up), without the per-authority ones: one row per question and cell. */
    async sumCells(campaignId: number, f: Partial<Breakdown>): Promise<ResultCell[]> {
      const k = keyOf(f);
      const rows = await db
        .selectFrom('results_cells')
        .select(['question_id', 'cell', 'count'])
        .where('campaign_id', '=', campaignId)
        .where('organisation_type', '=', k.organisationType)
        .where('region_code', '=', k.regionCode)
        .where((eb) => eb.or([eb('question_id', '<>', ''), eb('cell', 'not like', 'o:%')]))
        .execute();
      return rows.map((r) => ({ questionId: r.question_id, cell: r.cell, count: Number(r.count) }));
    },

    /** Distinct authorities counted in a filter. */
    async authoritiesCounted(campaignId: number, f: Partial<Breakdown>): Promise<number> {
      const k = keyOf(f);
      const r = await db
        .selectFrom('results_cells')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('campaign_id', '=', campaignId)
        .where('organisation_type', '=', k.organisationType)
        .where('region_code', '=', k.regionCode)
        .where('question_id', '=', '')
        .where('cell', 'like', 'o:%')
        .where('count', '>', 0)
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },

    /**
     * Per breakdown (authority type × région): responses, and respondents (distinct authorities plus anonymous
     * responses), for the small-number protection of public results.
     */
    async breakdownCounts(campaignId: number): Promise<(Breakdown & { responses: number; respondents: number })[]> {
      const rows = await db
        .selectFrom('results_cells')
        .select((eb) => [
          'organisation_type',
          'region_code',
          eb.fn.sum<number>(sql`case when cell like 'v:%' then count else 0 end`).as('responses'),
          eb.fn.sum<number>(sql`case when cell like 'o:%' then count else 0 end`).as('of_authorities'),
          eb.fn.sum<number>(sql`case when cell like 'o:%' and count > 0 then 1 else 0 end`).as('authorities'),
        ])
        .where('campaign_id', '=', campaignId)
        .where('organisation_type', '<>', '*')
        .where('region_code', '<>', '*')
        .where('question_id', '=', '')
        .groupBy(['organisation_type', 'region_code'])
        .execute();
      return rows
        .map((r) => ({
          organisationType: r.organisation_type,
          regionCode: r.region_code,
          responses: Number(r.responses),
          respondents: Number(r.authorities) + Number(r.responses) - Number(r.of_authorities),
        }))
        .filter((r) => r.responses > 0);
    },

    /** The newest `limit` free texts of each question and kind asked, in a filter, newest first. */
    async latestTexts(
      campaignId: number,
      f: Partial<Breakdown>,
      limit: number,
      wanted: { questionId: string; kind: 't' | 'o' }[],
    ): Promise<ResultText[]> {
      const out: ResultText[] = [];
      for (const w of wanted) {
        let q = db
          .selectFrom('results_texts')
          .select('value')
          .where('campaign_id', '=', campaignId)
          .where('question_id', '=', w.questionId)
          .where('kind', '=', w.kind);
        if (f.organisationType !== undefined) q = q.where('organisation_type', '=', f.organisationType);
        if (f.regionCode !== undefined) q = q.where('region_code', '=', f.regionCode);
        const rows = await q.orderBy('response_id', 'desc').limit(limit).execute();
        for (const r of rows) out.push({ questionId: w.questionId, kind: w.kind, value: r.value });
      }
      return out;
    },

    async resultsMinCell(campaignId: number): Promise<number> {
      const r = await db
        .selectFrom('campaigns')
        .select('results_min_cell')
        .where('id', '=', campaignId)
        .executeTakeFirst();
      return Number(r?.results_min_cell ?? 5);
    },

    async setResultsMinCell(campaignId: number, value: number): Promise<void> {
      await db.updateTable('campaigns').set({ results_min_cell: value }).where('id', '=', campaignId).execute();
    },
  };
}

export function createResultsStore(db: Db, clock: Clock) {
  return { ...createCounterWrites(db, clock), ...createCounterReads(db) };
}

export type ResultsStore = ReturnType<typeof createResultsStore>;
