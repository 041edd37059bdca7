/**
 * Route × role cases of commons (src/modules/commons): the catalogue, an entry's page, the entry form (new, edit),
 * news, the open-data files and the API. The world gets, through the pages as A's editor does, one entry maintained
 * by A.
 */
import type { Case } from './cases.ts';
import type { World } from './world.ts';

const worlds = new WeakMap<World, Promise<number>>();

const FORM = {
  nom: 'Commun de la collectivité A',
  resume: 'Un commun décrit pour le test des accès.',
  type: 'code',
  statut: 'available',
};

/** The id of an entry maintained by A (made once per world). */
export function entryOfA(w: World): Promise<number> {
  let made = worlds.get(w);
  if (!made) {
    made = (async () => {
      const sent = await w.clients.editor.send({
        method: 'POST',
        url: '/communs/nouveau',
        form: { ...FORM, mainteneurs: String(w.orgA) },
      });
      const m = /^\/communs\/(\d+)$/.exec(sent.location);
      if (!m) throw new Error(`monde de test : commun → ${sent.status} ${sent.body.slice(0, 300)}`);
      return Number(m[1]);
    })();
    worlds.set(w, made);
  }
  return made;
}

const read = (url: string): Case => ({ module: 'commons', request: () => ({ url }) });

export const COMMONS_CASES: Record<string, Case> = {
  'GET /communs': read('/communs?q=commun&type=code'),
  'GET /communs/nouveau': read('/communs/nouveau'),
  'POST /communs/nouveau': {
    module: 'commons',
    phase: 1,
    // Nothing filled in: refused on the content (422) once authorised.
    request: () => ({ method: 'POST', url: '/communs/nouveau', form: { nom: '' } }),
  },
  'GET /communs/:id': { module: 'commons', request: async (w) => ({ url: `/communs/${await entryOfA(w)}` }) },
  'GET /communs/:id/modifier': {
    module: 'commons',
    request: async (w) => ({ url: `/communs/${await entryOfA(w)}/modifier` }),
  },
  'POST /communs/:id/modifier': {
    module: 'commons',
    phase: 1,
    // A stale version: refused (409) once authorised.
    request: async (w) => ({
      method: 'POST',
      url: `/communs/${await entryOfA(w)}/modifier`,
      form: { ...FORM, mainteneurs: String(w.orgA), version: '999999' },
    }),
  },
  'POST /communs/:id/actualites': {
    module: 'commons',
    phase: 1,
    // No title: refused on the content (422) once authorised.
    request: async (w) => ({
      method: 'POST',
      url: `/communs/${await entryOfA(w)}/actualites`,
      form: { date: '2026-01-01' },
    }),
  },
  'GET /communs/importer-publiccode': read('/communs/importer-publiccode'),
  'POST /communs/importer-publiccode': {
    module: 'commons',
    phase: 1,
    // Nothing pasted: refused on the content (422) once authorised.
    request: () => ({ method: 'POST', url: '/communs/importer-publiccode', form: { contenu: '' } }),
  },
  'GET /communs/communs.csv': read('/communs/communs.csv'),
  'GET /communs/communs.json': read('/communs/communs.json'),
  'GET /communs/flux.atom': read('/communs/flux.atom'),
  'GET /api/v1/commons': read('/api/v1/commons?statut=available'),
  'GET /api/v1/commons/:id': {
    module: 'commons',
    request: async (w) => ({ url: `/api/v1/commons/${await entryOfA(w)}` }),
  },
};
