/**
 * Reads of the results counters that other breakdowns than type × région need (tables-results.ts): the authorities
 * counted with their type and région (the small-number protection of networks), the answers as counted of some
 * authorities (the results of a network: its members' responses), and the authorities counted (two campaigns
 * compared). Read only once the counters are built (the results service reads a campaign's counters first).
 */
import type { Db } from '../../../platform/db/database.ts';
import type {} from '../tables-results.ts';

/** An authority counted in a campaign, with the type and région its responses count under. */
export interface CountedAuthority {
  organisationId: number;
  organisationType: string;
  regionCode: string;
}

const CHUNK = 500;

export function createResultsReads(db: Db) {
  return {
    /**
     * The authorities counted in a campaign, each with its type and région (once per distinct pair): the counters'
     * per-authority cells of each type × région (primary key order, no response read).
     */
    async countedAuthorityBreakdowns(campaignId: number): Promise<CountedAuthority[]> {
      const rows = await db
        .selectFrom('results_cells')
        .select(['organisation_type', 'region_code', 'cell'])
        .where('campaign_id', '=', campaignId)
        .where('organisation_type', '<>', '*')
        .where('region_code', '<>', '*')
        .where('question_id', '=', '')
        .where('cell', 'like', 'o:%')
        .where('count', '>', 0)
        .execute();
      return rows.map((r) => ({
        organisationId: Number(r.cell.slice(2)),
        organisationType: r.organisation_type,
        regionCode: r.region_code,
      }));
    },

    /** The answers as counted of the responses of these authorities, in response order. */
    async countedAnswersOf(
      campaignId: number,
      organisationIds: readonly number[],
    ): Promise<{ versionId: number; organisationId: number; answers: string }[]> {
      const out: { responseId: number; versionId: number; organisationId: number; answers: string }[] = [];
      for (let i = 0; i < organisationIds.length; i += CHUNK) {
        const rows = await db
          .selectFrom('results_counted')
          .select(['response_id', 'version_id', 'organisation_id', 'answers'])
          .where('campaign_id', '=', campaignId)
          .where('organisation_id', 'in', organisationIds.slice(i, i + CHUNK))
          .execute();
        for (const r of rows)
          out.push({
            responseId: Number(r.response_id),
            versionId: Number(r.version_id),
            organisationId: Number(r.organisation_id),
            answers: r.answers,
          });
      }
      return out
        .sort((a, b) => a.responseId - b.responseId)
        .map(({ versionId, organisationId, answers }) => ({ versionId, organisationId, answers }));
    },

    /** The distinct authorities a campaign's counted responses come from, ascending (the counters' overall cells). */
    async countedAuthorities(campaignId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('results_cells')
        .select('cell')
        .where('campaign_id', '=', campaignId)
        .where('organisation_type', '=', '*')
        .where('region_code', '=', '*')
        .where('question_id', '=', '')
        .where('cell', 'like', 'o:%')
        .where('count', '>', 0)
        .execute();
      return rows.map((r) => Number(r.cell.slice(2))).sort((a, b) => a - b);
    },
  };
}
