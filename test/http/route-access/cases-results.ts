/** Route × role cases of the census results (publication threshold, public results as data). */
import type { Case } from './cases.ts';

export const RESULTS_CASES: Record<string, Case> = {
  'POST /coordination/campagnes/:id/resultats/seuil': {
    module: 'questionnaires',
    phase: 1,
    // An empty number: refused on the content (nothing changes) once the coordinator is authorised.
    request: (w) => ({
      method: 'POST',
      url: `/coordination/campagnes/${w.campaign.id}/resultats/seuil`,
      form: { minCell: '' },
    }),
  },
  'GET /api/v1/campaigns/:id/results': {
    module: 'questionnaires',
    request: (w) => ({ url: `/api/v1/campaigns/${w.campaign.id}/results` }),
  },
};
