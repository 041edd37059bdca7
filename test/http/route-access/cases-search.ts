/**
 * Route × role cases of the search's synonyms (/coordination/synonymes, coordinators only). Writes are refused on
 * their content once authorised (an empty group, a stale version): the world stays the same for the next persona.
 */
import type { Case } from './cases.ts';
import type { World } from './world.ts';

const STALE = '999999';
const groups = new WeakMap<World, Promise<number>>();

/** A synonym group made once per world by the coordinator, read back from the list page. */
function groupOf(w: World): Promise<number> {
  let id = groups.get(w);
  if (!id) {
    id = (async () => {
      const coordinator = w.clients.coordinator;
      const made = await coordinator.send({
        method: 'POST',
        url: '/coordination/synonymes',
        form: { expressions: 'borne interactive\nkiosque numérique' },
      });
      if (made.status !== 302) throw new Error(`monde de test : groupe de synonymes → ${made.status}`);
      const list = await coordinator.send({ url: '/coordination/synonymes' });
      const found = /borne interactive[^<]*<\/th>.*?href="\/coordination\/synonymes\/(\d+)"/s.exec(list.body);
      if (!found) throw new Error('monde de test : le groupe de synonymes n’est pas dans la liste');
      return Number(found[1]);
    })();
    groups.set(w, id);
  }
  return id;
}

export const SEARCH_CASES: Record<string, Case> = {
  'GET /coordination/synonymes': { module: 'library', request: () => ({ url: '/coordination/synonymes' }) },
  'POST /coordination/synonymes': {
    module: 'library',
    phase: 1,
    // No expression: refused on the content (422) once authorised.
    request: () => ({ method: 'POST', url: '/coordination/synonymes', form: { expressions: '' } }),
  },
  'GET /coordination/synonymes/:id': {
    module: 'library',
    request: async (w) => ({ url: `/coordination/synonymes/${await groupOf(w)}` }),
  },
  'POST /coordination/synonymes/:id': {
    module: 'library',
    phase: 1,
    // A stale version: a conflict (409), nothing saved.
    request: async (w) => ({
      method: 'POST',
      url: `/coordination/synonymes/${await groupOf(w)}`,
      form: { expressions: 'borne interactive\nkiosque', version: STALE },
    }),
  },
  'POST /coordination/synonymes/:id/supprimer': {
    module: 'library',
    phase: 1,
    request: async (w) => ({
      method: 'POST',
      url: `/coordination/synonymes/${await groupOf(w)}/supprimer`,
      form: { version: STALE },
    }),
  },
};
