/** Route × role cases of the census results (publication threshold, public results as data, two campaigns compared). */
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
  // Two campaigns compared (both with public results in the world): the public page and file, the coordinators' ones.
  'GET /recensements/comparer': {
    module: 'questionnaires',
    request: (w) => ({ url: `/recensements/comparer?a=${w.campaign.id}&b=${w.campaign2.id}` }),
  },
  'GET /recensements/comparer.csv': {
    module: 'questionnaires',
    request: (w) => ({ url: `/recensements/comparer.csv?a=${w.campaign.id}&b=${w.campaign2.id}` }),
  },
  'GET /coordination/campagnes/comparer': {
    module: 'questionnaires',
    request: (w) => ({ url: `/coordination/campagnes/comparer?a=${w.campaign.id}&b=${w.campaign2.id}` }),
  },
  'GET /coordination/campagnes/comparer.csv': {
    module: 'questionnaires',
    request: (w) => ({ url: `/coordination/campagnes/comparer.csv?a=${w.campaign.id}&b=${w.campaign2.id}` }),
  },
};
