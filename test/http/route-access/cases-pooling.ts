/**
 * Route × role cases of pooling (src/modules/pooling): the suggestions page and API (public), « Ouvrir un défi » from
 * a suggestion (coordinators; a stale suggestion is 404 once authorised), « Nous faisons pareil » on A's published
 * sheet (the form page for anyone signed in; the post for a member of ANOTHER authority only: A's own people and
 * network roles without an authority are refused; refused on the content, a note too long, once authorised) and its
 * withdrawal (signed in; a stale one is 404 once authorised).
 */
import type { Case } from './cases.ts';

const STALE = '999999';

export const POOLING_CASES: Record<string, Case> = {
  'GET /api/v1/pooling-suggestions': { module: 'pooling', request: () => ({ url: '/api/v1/pooling-suggestions' }) },
  'GET /mutualisation/suggestions': { module: 'pooling', request: () => ({ url: '/mutualisation/suggestions' }) },
  'POST /mutualisation/suggestions/:id/defi': {
    module: 'pooling',
    request: () => ({ method: 'POST', url: `/mutualisation/suggestions/${STALE}/defi` }),
  },
  'GET /mutualisation/fiches/:id/nous-faisons-pareil': {
    module: 'pooling',
    request: (w) => ({ url: `/mutualisation/fiches/${w.published.id}/nous-faisons-pareil` }),
  },
  'POST /mutualisation/fiches/:id/nous-faisons-pareil': {
    module: 'pooling',
    phase: 1,
    request: (w) => ({
      method: 'POST',
      url: `/mutualisation/fiches/${w.published.id}/nous-faisons-pareil`,
      form: { note: 'x'.repeat(300) },
    }),
  },
  'POST /mutualisation/interets/:id/retirer': {
    module: 'pooling',
    request: () => ({ method: 'POST', url: `/mutualisation/interets/${STALE}/retirer` }),
  },
};
