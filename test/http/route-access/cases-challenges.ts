/**
 * Route × role cases of challenges (src/modules/challenges): the catalogue, a challenge's page, the challenge form
 * (new, edit), stages, news, joining and leaving, contact, the open-data files, the calendar and the API. The world
 * gets, through the pages, one challenge stated by A (A leads it, so A's editor writes it) and one stated by the
 * coordination that A does not take part in (for leaving: refused on the content once authorised).
 */
import type { Case } from './cases.ts';
import type { World } from './world.ts';

const made = new WeakMap<World, Promise<{ ofA: number; network: number }>>();

const FORM = {
  titre: 'Défi de la collectivité A',
  besoin: 'Un besoin décrit pour le test des accès.',
  resultat: 'Un commun.',
};

function idIn(sent: { status: number; location: string; body: string }, what: string): number {
  const m = /^\/defis\/(\d+)$/.exec(sent.location);
  if (!m) throw new Error(`monde de test : ${what} → ${sent.status} ${sent.body.slice(0, 300)}`);
  return Number(m[1]);
}

/** The ids of the two challenges (made once per world). */
export function challengesOf(w: World): Promise<{ ofA: number; network: number }> {
  let p = made.get(w);
  if (!p) {
    p = (async () => {
      const ofA = idIn(
        await w.clients.editor.send({
          method: 'POST',
          url: '/defis/nouveau',
          form: { ...FORM, porte_par: String(w.orgA) },
        }),
        'défi de A',
      );
      const network = idIn(
        await w.clients.coordinator.send({
          method: 'POST',
          url: '/defis/nouveau',
          form: { ...FORM, titre: 'Défi du réseau', porte_par: '' },
        }),
        'défi du réseau',
      );
      return { ofA, network };
    })();
    made.set(w, p);
  }
  return p;
}

const read = (url: string): Case => ({ module: 'challenges', request: () => ({ url }) });
const ofA =
  (path: (id: number) => string): Case['request'] =>
  async (w) => ({
    url: path((await challengesOf(w)).ofA),
  });

export const CHALLENGES_CASES: Record<string, Case> = {
  'GET /defis': read('/defis?q=défi&etape=call_for_interest'),
  'GET /defis/nouveau': read('/defis/nouveau'),
  'POST /defis/nouveau': {
    module: 'challenges',
    phase: 1,
    // Nothing filled in: refused on the content (422) once authorised.
    request: () => ({ method: 'POST', url: '/defis/nouveau', form: { titre: '' } }),
  },
  'GET /defis/:id': { module: 'challenges', request: ofA((id) => `/defis/${id}`) },
  'GET /defis/:id/modifier': { module: 'challenges', request: ofA((id) => `/defis/${id}/modifier`) },
  'POST /defis/:id/modifier': {
    module: 'challenges',
    phase: 1,
    // A stale version: refused (409) once authorised.
    request: async (w) => ({
      method: 'POST',
      url: `/defis/${(await challengesOf(w)).ofA}/modifier`,
      form: { ...FORM, version: '999999' },
    }),
  },
  'POST /defis/:id/etape': {
    module: 'challenges',
    phase: 1,
    // No stage chosen: refused on the content (422) once authorised.
    request: async (w) => ({ method: 'POST', url: `/defis/${(await challengesOf(w)).ofA}/etape`, form: { etape: '' } }),
  },
  'POST /defis/:id/actualites': {
    module: 'challenges',
    phase: 1,
    // No title: refused on the content (422) once authorised.
    request: async (w) => ({ method: 'POST', url: `/defis/${(await challengesOf(w)).ofA}/actualites`, form: {} }),
  },
  'GET /defis/:id/participer': { module: 'challenges', request: ofA((id) => `/defis/${id}/participer`) },
  'POST /defis/:id/participer': {
    module: 'challenges',
    phase: 1,
    // No organisation chosen: refused on the content (422) once authorised.
    request: async (w) => ({ method: 'POST', url: `/defis/${(await challengesOf(w)).ofA}/participer`, form: {} }),
  },
  'POST /defis/:id/quitter': {
    module: 'challenges',
    phase: 1,
    // A does not take part in the network's challenge: refused on the content (back to the page) once authorised.
    request: async (w) => ({
      method: 'POST',
      url: `/defis/${(await challengesOf(w)).network}/quitter`,
      form: { organisme: String(w.orgA) },
    }),
  },
  'GET /defis/:id/contacter': { module: 'challenges', request: ofA((id) => `/defis/${id}/contacter`) },
  'POST /defis/:id/contacter': {
    module: 'challenges',
    phase: 1,
    request: async (w) => ({
      method: 'POST',
      url: `/defis/${(await challengesOf(w)).ofA}/contacter`,
      form: { objet: '', message: '' },
    }),
  },
  'GET /defis/:id/calendrier.ics': { module: 'challenges', request: ofA((id) => `/defis/${id}/calendrier.ics`) },
  'GET /defis/defis.csv': read('/defis/defis.csv'),
  'GET /defis/defis.json': read('/defis/defis.json'),
  'GET /defis/flux.atom': read('/defis/flux.atom'),
  'GET /api/v1/challenges': read('/api/v1/challenges?etape=call_for_interest'),
  'GET /api/v1/challenges/:id': { module: 'challenges', request: ofA((id) => `/api/v1/challenges/${id}`) },
};
