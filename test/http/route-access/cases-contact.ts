/**
 * Route × role cases of « Contacter l'équipe » (issue 12, point 4): the form of a published sheet and of a commons
 * entry, for signed-in people only. The post is refused on the content (422, nothing sent, nothing counted) once authorised.
 */
import type { Case } from './cases.ts';
import { entryOfA } from './cases-commons.ts';

export const CONTACT_CASES: Record<string, Case> = {
  'GET /bibliotheque/:ref/contacter': { module: 'library', request: (w) => ({ url: `${w.published.path}/contacter` }) },
  'POST /bibliotheque/:ref/contacter': {
    module: 'library',
    phase: 1,
    request: (w) => ({ method: 'POST', url: `${w.published.path}/contacter`, form: { objet: '', message: '' } }),
  },
  'GET /communs/:id/contacter': {
    module: 'commons',
    request: async (w) => ({ url: `/communs/${await entryOfA(w)}/contacter` }),
  },
  'POST /communs/:id/contacter': {
    module: 'commons',
    phase: 1,
    request: async (w) => ({
      method: 'POST',
      url: `/communs/${await entryOfA(w)}/contacter`,
      form: { objet: '', message: '' },
    }),
  },
};
