/**
 * Reads of the results counters that other breakdowns than type × région need (tables-results.ts): the authorities
 * counted with their type and région (the small-number protection of networks), the answers as counted of some authorities (the
 * results of a network: its members' responses), and the authorities counted (two campaigns compared). Read only
 * once the counters are built (the results service reads a campaign's counters first).
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
    /** The authorities counted in a campaign, each with its type and région (once per distinct pair). */
    async countedAuthorityBreakdowns(campaignId: number): Promise<CountedAuthority[]> {
      const rows = await db
        .selectFrom('results_counted')
        .select(['organisation_id', 'organisation_type', 'region_code'])
        .distinct()
        .where('campaign_id', '=', campaignId)
        .where('organisation_id', 'is not', null)
        .execute();
      return rows.map((r) => ({
        organisationId: Number(r.organisation_id),
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

    /** The distinct authorities a campaign's counted responses come from, ascending. */
    async countedAuthorities(campaignId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('results_counted')
        .select('organisation_id')
        .distinct()
        .where('campaign_id', '=', campaignId)
        .where('organisation_id', 'is not', null)
        .orderBy('organisation_id')
        .execute();
      return rows.map((r) => Number(r.organisation_id));
    },
  };
}
