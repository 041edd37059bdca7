/**
 * Route × role cases of pooling (src/modules/pooling): the suggestions page and API (public), « Ouvrir un défi » from
 * a suggestion (coordinators: B's interest in A's sheet makes one), « Nous faisons pareil » on A's published sheet
 * (the form page for anyone signed in; the post for a member of ANOTHER authority only: A's own people and network
 * roles without an authority are refused; refused on the content, a note too long, once authorised) and its
 * withdrawal (the person who said it, here B's editor, and coordinators; made again before each persona).
 */
import type { Case } from './cases.ts';
import type { World } from './world.ts';

/** B's « Nous faisons pareil » on A's published sheet (made again when a case withdrew it): its id. */
async function interestOfB(w: World): Promise<number> {
  const find = () =>
    w.app.server.platform.db
      .selectFrom('pooling_interests')
      .select('id')
      .where('use_case_id', '=', w.published.id)
      .where('organisation_id', '=', w.orgB)
      .executeTakeFirst();
  let row = await find();
  if (!row) {
    const sent = await w.clients.other_editor.send({
      method: 'POST',
      url: `/mutualisation/fiches/${w.published.id}/nous-faisons-pareil`,
      form: { note: '' },
    });
    if (sent.status !== 302)
      throw new Error(`monde de test : intérêt de B → ${sent.status} ${sent.body.slice(0, 300)}`);
    row = await find();
  }
  return Number(row!.id);
}

const computed = new WeakMap<World, Promise<void>>();
/** A suggestion exists: B's interest links B to A's sheet, then the suggestions are computed (once per world). */
async function suggestionId(w: World): Promise<number> {
  let p = computed.get(w);
  if (!p) {
    p = (async () => {
      await interestOfB(w);
      const pooling = w.app.server.modules.definitions.find((d) => d.name === 'pooling')!;
      await pooling.commands!['pooling:compute']!.run({}, []);
    })();
    computed.set(w, p);
  }
  await p;
  return w.published.id;
}

export const POOLING_CASES: Record<string, Case> = {
  'GET /api/v1/pooling-suggestions': { module: 'pooling', request: () => ({ url: '/api/v1/pooling-suggestions' }) },
  'GET /mutualisation/suggestions': { module: 'pooling', request: () => ({ url: '/mutualisation/suggestions' }) },
  'POST /mutualisation/suggestions/:id/defi': {
    module: 'pooling',
    request: async (w) => ({ method: 'POST', url: `/mutualisation/suggestions/${await suggestionId(w)}/defi` }),
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
    request: async (w) => ({ method: 'POST', url: `/mutualisation/interets/${await interestOfB(w)}/retirer` }),
  },
};
