/**
 * Route × role cases of consultations (src/modules/consultations): the list, a consultation, answering, the editors'
 * form (new, edit), management page and synthesis, and the API. The world gets, through the pages as A's editor does,
 * one anonymous consultation on A's published sheet, open since yesterday for a month (the system clock).
 */
import type { Case } from './cases.ts';
import type { World } from './world.ts';

const worlds = new WeakMap<World, Promise<number>>();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The id of an open consultation of A (made once per world). */
function consultationOfA(w: World): Promise<number> {
  let made = worlds.get(w);
  if (!made) {
    made = (async () => {
      const sent = await w.clients.editor.send({
        method: 'POST',
        url: '/consultations/nouvelle',
        form: {
          titre: 'Consultation de la collectivité A',
          fiche: String(w.published.id),
          ouverture: day(-1),
          cloture: day(30),
          mode: 'anonymous',
          questions: ['avis'],
        },
      });
      const m = /^\/consultations\/(\d+)\/gestion$/.exec(sent.location);
      if (!m) throw new Error(`monde de test : consultation → ${sent.status} ${sent.body.slice(0, 300)}`);
      return Number(m[1]);
    })();
    worlds.set(w, made);
  }
  return made;
}

const read = (url: string): Case => ({ module: 'consultations', request: () => ({ url }) });
const ofA = (suffix: string): Case => ({
  module: 'consultations',
  request: async (w) => ({ url: `/consultations/${await consultationOfA(w)}${suffix}` }),
});

export const CONSULTATIONS_CASES: Record<string, Case> = {
  'GET /consultations': read('/consultations'),
  'GET /consultations/:id': ofA(''),
  'POST /consultations/:id/repondre': {
    module: 'consultations',
    phase: 1,
    // Nothing answered: refused on the content (422) once allowed.
    request: async (w) => ({ method: 'POST', url: `/consultations/${await consultationOfA(w)}/repondre`, form: {} }),
  },
  'GET /consultations/nouvelle': read('/consultations/nouvelle'),
  'POST /consultations/nouvelle': {
    module: 'consultations',
    phase: 1,
    // Nothing filled in: refused on the content (422) once authorised.
    request: () => ({ method: 'POST', url: '/consultations/nouvelle', form: { titre: '' } }),
  },
  'GET /consultations/:id/modifier': ofA('/modifier'),
  'POST /consultations/:id/modifier': {
    module: 'consultations',
    phase: 1,
    // An open consultation cannot change: refused (409) once authorised.
    request: async (w) => ({
      method: 'POST',
      url: `/consultations/${await consultationOfA(w)}/modifier`,
      form: { titre: 'Changée', version: '999999' },
    }),
  },
  'GET /consultations/:id/gestion': ofA('/gestion'),
  'GET /consultations/:id/synthese': ofA('/synthese'),
  'POST /consultations/:id/synthese': {
    module: 'consultations',
    phase: 1,
    // Still open: refused (409) once authorised.
    request: async (w) => ({
      method: 'POST',
      url: `/consultations/${await consultationOfA(w)}/synthese`,
      form: { synthese: 'Synthèse', changements: 'Rien', version: '1' },
    }),
  },
  'GET /api/v1/consultations': read('/api/v1/consultations'),
  // The glossary of AI terms (pages module), linked from the sheets and the consultations.
  'GET /glossaire': { module: 'pages', request: () => ({ url: '/glossaire' }) },
  'GET /api/v1/consultations/:id': {
    module: 'consultations',
    request: async (w) => ({ url: `/api/v1/consultations/${await consultationOfA(w)}` }),
  },
};
