/**
 * Route × role cases of responsible AI (src/modules/ethics): a sheet's assessments page, starting an assessment,
 * filling, autosaving, signing, publishing, abandoning, applying the AI Act category, and the API. The world gets,
 * through the pages as the authority's editor does: a self-assessment left as a draft (private) and an AI Act
 * classification signed and published on A's published sheet.
 */
import { ACCESS } from '../../../src/platform/http/access.ts';
import type { Case } from './cases.ts';
import type { Req } from './client.ts';
import type { World } from './world.ts';

interface EthicsWorld {
  /** A self-assessment draft of A's published sheet (private to A and the coordinators). */
  draftId: number;
  /** An AI Act classification of the same sheet, signed and published. */
  publishedId: number;
  draftVersion: number;
}

const worlds = new WeakMap<World, Promise<EthicsWorld>>();

function idIn(location: string, what: string): number {
  const m = /\/ia-responsable\/evaluations\/(\d+)/.exec(location);
  if (!m) throw new Error(`monde de test : ${what} → ${location}`);
  return Number(m[1]);
}

function ethicsWorld(w: World): Promise<EthicsWorld> {
  let made = worlds.get(w);
  if (!made) {
    made = (async () => {
      const editor = w.clients.editor;
      const base = `${w.published.path}/ia-responsable`;
      const draft = await editor.send({ method: 'POST', url: `${base}/auto-evaluation` });
      const draftId = idIn(draft.location, 'auto-évaluation commencée');
      const wizard = await editor.send({ method: 'POST', url: `${base}/reglement-ia` });
      const publishedId = idIn(wizard.location, 'classification commencée');
      const saved = await editor.send({
        method: 'POST',
        url: `/ia-responsable/evaluations/${publishedId}/enregistrer`,
        json: {
          baseVersion: 1,
          answers: { pratiques_interdites: ['aucun'], domaines: ['aucun'], cas_transparence: ['dialogue'] },
        },
      });
      if (saved.status !== 200) throw new Error(`monde de test : enregistrement → ${saved.status} ${saved.body}`);
      const version = String(JSON.parse(saved.body).version);
      const signed = await editor.send({
        method: 'POST',
        url: `/ia-responsable/evaluations/${publishedId}/signer`,
        form: { version },
      });
      if (signed.status !== 302) throw new Error(`monde de test : signature → ${signed.status}`);
      await editor.send({
        method: 'POST',
        url: `/ia-responsable/evaluations/${publishedId}/publier`,
        form: { publier: '1' },
      });
      // A published notice (version 1), then a draft of version 2.
      await editor.send({ method: 'POST', url: `${w.published.path}/notice/brouillon` });
      const edit = await editor.send({ url: `${w.published.path}/notice/modifier` });
      const form: Record<string, string> = { action: 'publish' };
      for (const m of edit.body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
        form[m[1]!] = m[2]!.replace(/À compléter[^.]*\./g, 'Texte de la collectivité.') || 'Texte de la collectivité.';
      form.version = /name="version" value="(\d+)"/.exec(edit.body)?.[1] ?? '0';
      const noticePublished = await editor.send({ method: 'POST', url: `${w.published.path}/notice/modifier`, form });
      if (noticePublished.status !== 302)
        throw new Error(`monde de test : notice → ${noticePublished.status} ${noticePublished.body.slice(0, 300)}`);
      await editor.send({ method: 'POST', url: `${w.published.path}/notice/brouillon` });
      return { draftId, publishedId, draftVersion: 1 };
    })();
    worlds.set(w, made);
  }
  return made;
}

const evaluation =
  (pick: (e: EthicsWorld) => number, suffix = '', extra: Omit<Req, 'url'> = {}) =>
  async (w: World): Promise<Req> => ({
    url: `/ia-responsable/evaluations/${pick(await ethicsWorld(w))}${suffix}`,
    ...extra,
  });
const draft = (e: EthicsWorld) => e.draftId;
const published = (e: EthicsWorld) => e.publishedId;

export const ETHICS_CASES: Record<string, Case> = {
  'GET /bibliotheque/:ref/ia-responsable': {
    module: 'ethics',
    request: (w) => ({ url: `${w.published.path}/ia-responsable` }),
    also: [
      {
        label: 'fiche en brouillon',
        access: ACCESS.authorityMembers,
        accessDenied: 404,
        request: (w) => ({ url: `${w.draft.path}/ia-responsable` }),
      },
    ],
  },
  'POST /bibliotheque/:ref/ia-responsable/:kind': {
    module: 'ethics',
    phase: 1,
    // Starting the French-law checklist: the same draft is continued by each allowed persona.
    request: (w) => ({ method: 'POST', url: `${w.published.path}/ia-responsable/obligations` }),
  },
  'GET /ia-responsable/evaluations/:id': {
    module: 'ethics',
    request: evaluation(published),
    also: [
      {
        label: 'auto-évaluation en brouillon',
        access: ACCESS.authorityMembers,
        accessDenied: 404,
        request: evaluation(draft),
      },
    ],
  },
  'GET /ia-responsable/evaluations/:id/reprendre': { module: 'ethics', request: evaluation(draft, '/reprendre') },
  'GET /ia-responsable/evaluations/:id/page/:pageId': { module: 'ethics', request: evaluation(draft, '/page/humain') },
  'POST /ia-responsable/evaluations/:id/page/:pageId': {
    module: 'ethics',
    phase: 1,
    // Nothing changed on the page: saved as it is.
    request: evaluation(draft, '/page/humain', { method: 'POST', form: { _version: '1', action: 'save' } }),
  },
  'POST /ia-responsable/evaluations/:id/enregistrer': {
    module: 'ethics',
    phase: 1,
    request: evaluation(draft, '/enregistrer', { method: 'POST', json: { baseVersion: 1, answers: {} } }),
  },
  'POST /ia-responsable/evaluations/:id/signer': {
    module: 'ethics',
    phase: 1,
    // A stale version: refused on the content (409) once authorised.
    request: evaluation(draft, '/signer', { method: 'POST', form: { version: '999999' } }),
  },
  'POST /ia-responsable/evaluations/:id/publier': {
    module: 'ethics',
    phase: 1,
    // Publishing what is published: nothing changes.
    request: evaluation(published, '/publier', { method: 'POST', form: { publier: '1' } }),
  },
  'POST /ia-responsable/evaluations/:id/abandonner': {
    module: 'ethics',
    phase: 1,
    // A signed assessment is never abandoned: refused on its state (409) once authorised.
    request: evaluation(published, '/abandonner', { method: 'POST' }),
  },
  'POST /ia-responsable/evaluations/:id/appliquer': {
    module: 'ethics',
    phase: 1,
    // Minimal risk reported in the published sheet's revision (the same value each time).
    request: evaluation(published, '/appliquer', { method: 'POST' }),
  },
  'GET /bibliotheque/:ref/notice': {
    module: 'ethics',
    request: async (w) => {
      await ethicsWorld(w);
      return { url: `${w.published.path}/notice` };
    },
  },
  'POST /bibliotheque/:ref/notice/brouillon': {
    module: 'ethics',
    phase: 1,
    // The draft of version 2 exists: it is continued.
    request: async (w) => {
      await ethicsWorld(w);
      return { method: 'POST', url: `${w.published.path}/notice/brouillon` };
    },
  },
  'GET /bibliotheque/:ref/notice/modifier': {
    module: 'ethics',
    request: async (w) => {
      await ethicsWorld(w);
      return { url: `${w.published.path}/notice/modifier` };
    },
  },
  'POST /bibliotheque/:ref/notice/modifier': {
    module: 'ethics',
    phase: 1,
    // Nothing written: refused on the content (422) once authorised.
    request: async (w) => {
      await ethicsWorld(w);
      return {
        method: 'POST',
        url: `${w.published.path}/notice/modifier`,
        form: { version: '999999', action: 'save' },
      };
    },
  },
  'POST /bibliotheque/:ref/notice/regenerer': {
    module: 'ethics',
    phase: 1,
    // A stale version: refused (409) once authorised.
    request: async (w) => {
      await ethicsWorld(w);
      return { method: 'POST', url: `${w.published.path}/notice/regenerer`, form: { version: '999999' } };
    },
  },
  'GET /api/v1/use-cases/:ref/transparency-notice': {
    module: 'ethics',
    request: async (w) => {
      await ethicsWorld(w);
      return { url: `/api/v1/use-cases/${w.published.id}/transparency-notice` };
    },
  },
  'GET /api/v1/use-cases/:ref/assessments': {
    module: 'ethics',
    request: (w) => ({ url: `/api/v1/use-cases/${w.published.id}/assessments` }),
    also: [
      {
        label: 'fiche en brouillon',
        access: ACCESS.authorityMembers,
        accessDenied: 404,
        request: (w) => ({ url: `/api/v1/use-cases/${w.draft.id}/assessments` }),
      },
    ],
  },
};
