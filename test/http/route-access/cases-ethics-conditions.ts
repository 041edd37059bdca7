/**
 * Route × role cases of the network's « conditions de réussite » (issue 11 #6, ethics module): the public page, a
 * published version (version 1, published once per world by the coordinator), the coordinators' edit page and its
 * form (each allowed persona saves the draft: the first creates it, the next ones are refused on their stale version
 * with a 409, which still shows they got through).
 */
import type { Case } from './cases.ts';
import type { World } from './world.ts';

const PATH = '/ia-responsable/conditions-de-reussite';
const POSITION = {
  intro: 'Introduction du monde de test.',
  position_1_titre: 'Une position',
  position_1_texte: 'Le texte de la position.',
  position_1_preuves: 'exigences',
};

const published = new WeakMap<World, Promise<void>>();
function publishedVersion(w: World): Promise<void> {
  let made = published.get(w);
  if (!made) {
    made = (async () => {
      const r = await w.clients.coordinator.send({
        method: 'POST',
        url: `${PATH}/modifier`,
        form: { ...POSITION, version: '0', action: 'publish' },
      });
      if (r.status !== 302) throw new Error(`monde de test : conditions de réussite → ${r.status}`);
    })();
    published.set(w, made);
  }
  return made;
}

export const ETHICS_CONDITIONS_CASES: Record<string, Case> = {
  'GET /ia-responsable/conditions-de-reussite': { module: 'ethics', request: () => ({ url: PATH }) },
  'GET /ia-responsable/conditions-de-reussite/versions/:number': {
    module: 'ethics',
    request: async (w) => {
      await publishedVersion(w);
      return { url: `${PATH}/versions/1` };
    },
  },
  'GET /ia-responsable/conditions-de-reussite/modifier': {
    module: 'ethics',
    request: () => ({ url: `${PATH}/modifier` }),
  },
  'POST /ia-responsable/conditions-de-reussite/modifier': {
    module: 'ethics',
    request: async (w) => {
      await publishedVersion(w);
      return { method: 'POST', url: `${PATH}/modifier`, form: { ...POSITION, version: '0', action: 'save' } };
    },
  },
};
