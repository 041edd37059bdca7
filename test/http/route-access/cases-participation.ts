/**
 * Route × role cases of participation (src/modules/participation): the catalogue of initiatives, an initiative's page
 * and history (a published one for everyone, a draft for A's members and the coordinators only), the form (new,
 * edit), the workflow acts, the open data, statistics and map, the Manifesto and its sheet links, the review queue,
 * the API, and questionnaires' « create the initiative » from a census response. The world gets, through the pages,
 * one published initiative of A (written by A's editor, published by the coordinator) and one draft of A.
 */
import type { Case } from './cases.ts';
import type { World } from './world.ts';

const worlds = new WeakMap<World, Promise<{ published: number; draft: number }>>();

const FORM = {
  titre: 'Initiative de la collectivité A',
  en_bref: 'Une initiative écrite pour le test des accès.',
  resume: 'Un débat public.',
  format: 'public_debate',
  sujets: ['infrastructure_5g'],
  publics: ['grand_public'],
  debut: '2025-01-15',
};

const idIn = (location: string, what: string, sent: { status: number; body: string }) => {
  const m = /^\/initiatives\/(\d+)$/.exec(location);
  if (!m) throw new Error(`monde de test : ${what} → ${sent.status} ${sent.body.slice(0, 300)}`);
  return Number(m[1]);
};

/** A published initiative of A and a draft of A (made once per world). */
export function initiativesOfA(w: World): Promise<{ published: number; draft: number }> {
  let made = worlds.get(w);
  if (!made) {
    made = (async () => {
      const sent = await w.clients.editor.send({
        method: 'POST',
        url: '/initiatives/nouvelle',
        form: { ...FORM, organisation: String(w.orgA), _etape: 'submit' },
      });
      const published = idIn(sent.location, 'initiative', sent);
      const page = await w.clients.coordinator.send({ url: `/initiatives/${published}` });
      const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '0';
      const done = await w.clients.coordinator.send({
        method: 'POST',
        url: `/initiatives/${published}/action`,
        form: { action: 'publish', version },
      });
      if (done.status !== 302)
        throw new Error(`monde de test : publication → ${done.status} ${done.body.slice(0, 300)}`);
      const draftSent = await w.clients.editor.send({
        method: 'POST',
        url: '/initiatives/nouvelle',
        form: { titre: 'Brouillon de la collectivité A', organisation: String(w.orgA) },
      });
      return { published, draft: idIn(draftSent.location, 'brouillon', draftSent) };
    })();
    worlds.set(w, made);
  }
  return made;
}

const read = (url: string): Case => ({ module: 'participation', request: () => ({ url }) });
const ofA = (make: (ids: { published: number; draft: number }, w: World) => string) => async (w: World) => ({
  url: make(await initiativesOfA(w), w),
});

export const PARTICIPATION_CASES: Record<string, Case> = {
  'GET /initiatives': read('/initiatives?q=initiative&format=public_debate'),
  'GET /initiatives/en-cours': read('/initiatives/en-cours'),
  'GET /initiatives/nouvelle': read('/initiatives/nouvelle'),
  'POST /initiatives/nouvelle': {
    module: 'participation',
    phase: 1,
    // No authority, no title: refused on the content (422) once authorised.
    request: () => ({ method: 'POST', url: '/initiatives/nouvelle', form: { titre: '' } }),
  },
  'GET /initiatives/:id': {
    module: 'participation',
    request: ofA((ids) => `/initiatives/${ids.published}`),
    also: [
      {
        label: 'un brouillon de A',
        access: ['member', 'editor', 'coordinator', 'admin'],
        accessDenied: 404,
        request: ofA((ids) => `/initiatives/${ids.draft}`),
      },
    ],
  },
  'GET /initiatives/:id/historique': {
    module: 'participation',
    request: ofA((ids) => `/initiatives/${ids.published}/historique`),
    also: [
      {
        label: 'l’historique d’un brouillon de A',
        access: ['member', 'editor', 'coordinator', 'admin'],
        accessDenied: 404,
        request: ofA((ids) => `/initiatives/${ids.draft}/historique`),
      },
    ],
  },
  'GET /initiatives/:id/modifier': {
    module: 'participation',
    request: ofA((ids) => `/initiatives/${ids.draft}/modifier`),
  },
  'POST /initiatives/:id/modifier': {
    module: 'participation',
    phase: 1,
    // A stale version: refused (409) once authorised.
    request: async (w) => ({
      method: 'POST',
      url: `/initiatives/${(await initiativesOfA(w)).draft}/modifier`,
      form: { ...FORM, version: '999999' },
    }),
  },
  'POST /initiatives/:id/action': {
    module: 'participation',
    phase: 1,
    // A stale version: refused (409) once authorised.
    request: async (w) => ({
      method: 'POST',
      url: `/initiatives/${(await initiativesOfA(w)).draft}/action`,
      form: { action: 'submit', version: '999999' },
    }),
  },
  'GET /initiatives/initiatives.csv': read('/initiatives/initiatives.csv'),
  'GET /initiatives/initiatives.json': read('/initiatives/initiatives.json'),
  'GET /initiatives/flux.atom': read('/initiatives/flux.atom'),
  'GET /initiatives/statistiques': read('/initiatives/statistiques'),
  'GET /initiatives/carte': read('/initiatives/carte'),
  'GET /manifeste': read('/manifeste'),
  'POST /manifeste/fiches': {
    module: 'participation',
    phase: 1,
    // Links A's published sheet to a commitment (again: « already linked »), harmless for the next persona.
    request: (w) => ({
      method: 'POST',
      url: '/manifeste/fiches',
      form: { fiche: String(w.published.id), engagement: 'donnees' },
    }),
  },
  'POST /manifeste/fiches/retirer': {
    module: 'participation',
    phase: 1,
    // A link made afresh by the coordinator for each persona, then unlinked (the sheet's authority decides).
    request: async (w) => {
      const form = { fiche: String(w.published.id), engagement: 'ecosysteme' };
      const linked = await w.clients.coordinator.send({ method: 'POST', url: '/manifeste/fiches', form });
      if (linked.status !== 302) throw new Error(`monde de test : lien au Manifeste → ${linked.status}`);
      return { method: 'POST', url: '/manifeste/fiches/retirer', form };
    },
  },
  'GET /coordination/initiatives': read('/coordination/initiatives'),
  'GET /api/v1/initiatives': read('/api/v1/initiatives?sujet=infrastructure_5g'),
  'GET /api/v1/initiatives/:id': {
    module: 'participation',
    request: ofA((ids) => `/api/v1/initiatives/${ids.published}`),
  },
  'POST /coordination/reponses/:id/initiative': {
    module: 'questionnaires',
    phase: 1,
    // An AI-census response: not a participation census, refused with a message (redirect) once authorised.
    request: (w) => ({ method: 'POST', url: `/coordination/reponses/${w.campaign.responseId}/initiative`, form: {} }),
  },
};
