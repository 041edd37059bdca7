/**
 * The only code that reads or writes the questionnaires module's tables (tables.ts): questionnaires and versions
 * (store/questionnaires.ts), campaigns and invitations (store/campaigns.ts), responses and their files
 * (store/responses.ts). Typed on `Kysely<DB>`; every timestamp comes from the clock.
 */
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { createCampaignStore } from './store/campaigns.ts';
import { createDeliveryStore } from './store/deliveries.ts';
import { createFollowUpStore, type FollowUpRow } from './store/follow-up.ts';
import { createQuestionnaireStore } from './store/questionnaires.ts';
import { createResponseStore } from './store/responses.ts';
import { createResultsStore } from './store/results.ts';
import { createResultsReads } from './store/results-reads.ts';

export function createQuestionnairesStore(db: Db, clock: Clock) {
  const followUp = createFollowUpStore(db);
  return {
    ...createQuestionnaireStore(db, clock),
    ...createCampaignStore(db, clock),
    ...createDeliveryStore(db, clock),
    ...followUp,
    /** Every invited organisation with where its responses stand, in French order. */
    async followUp(campaignId: number): Promise<FollowUpRow[]> {
      const rows: FollowUpRow[] = [];
      for await (const row of followUp.iterateFollowUp(campaignId, {})) rows.push(row);
      return rows;
    },
    ...createResponseStore(db, clock),
    ...createResultsStore(db, clock),
    ...createResultsReads(db),
  };
}

export type QuestionnairesStore = ReturnType<typeof createQuestionnairesStore>;
