/**
 * Route × role cases of citizens' voice (src/modules/voice): threads of a sheet and of an initiative, posting,
 * following, reporting, the pseudonym, the charter, the moderation queue and its decisions, the pre-moderation
 * setting, unblocking, the blocklist of words and the API. Writes are refused on their content once authorised
 * (422 empty field, 404 unknown word or person not blocked) or are harmless (unfollowing): the world stays the same.
 * The world gets one published message: an official answer of A's editor on A's published sheet.
 */
import type { Case } from './cases.ts';
import { initiativesOfA } from './cases-participation.ts';
import type { World } from './world.ts';

const messages = new WeakMap<World, Promise<number>>();

/** The id of a published message on A's sheet (A's official answer, made once per world). */
export function messageOfA(w: World): Promise<number> {
  let made = messages.get(w);
  if (!made) {
    made = (async () => {
      const sent = await w.clients.editor.send({
        method: 'POST',
        url: `/contributions/fiches/${w.published.id}`,
        form: { type: 'official', message: 'Réponse officielle pour le test des accès.', pseudonyme: 'Équipe A' },
        headers: { 'x-forwarded-for': '10.77.0.1' },
      });
      if (sent.status !== 302)
        throw new Error(`monde de test : contribution → ${sent.status} ${sent.body.slice(0, 300)}`);
      const thread = await w.clients.visitor.send({ url: `/api/v1/use-cases/${w.published.id}/contributions` });
      return (JSON.parse(thread.body) as { items: { id: number }[] }).items[0]!.id;
    })();
    messages.set(w, made);
  }
  return made;
}

const read = (url: (w: World) => string | Promise<string>): Case => ({
  module: 'voice',
  request: async (w) => ({ url: await url(w) }),
});
const write = (url: (w: World) => string | Promise<string>, form: Record<string, string>): Case => ({
  module: 'voice',
  phase: 1,
  request: async (w) => ({ method: 'POST', url: await url(w), form }),
});
const initiative = async (w: World) => (await initiativesOfA(w)).published;

export const VOICE_CASES: Record<string, Case> = {
  'GET /contributions/fiches/:id': read((w) => `/contributions/fiches/${w.published.id}`),
  'POST /contributions/fiches/:id': write((w) => `/contributions/fiches/${w.published.id}`, {
    type: 'question',
    message: '',
  }),
  'POST /contributions/fiches/:id/suivre': write((w) => `/contributions/fiches/${w.published.id}/suivre`, {
    suivre: '0',
  }),
  'GET /contributions/initiatives/:id': read(async (w) => `/contributions/initiatives/${await initiative(w)}`),
  'POST /contributions/initiatives/:id': write(async (w) => `/contributions/initiatives/${await initiative(w)}`, {
    type: 'question',
    message: '',
  }),
  'POST /contributions/initiatives/:id/suivre': write(
    async (w) => `/contributions/initiatives/${await initiative(w)}/suivre`,
    { suivre: '0' },
  ),
  'GET /contributions/messages/:id/signaler': read(
    async (w) => `/contributions/messages/${await messageOfA(w)}/signaler`,
  ),
  'POST /contributions/messages/:id/signaler': write(
    async (w) => `/contributions/messages/${await messageOfA(w)}/signaler`,
    { motif: '' },
  ),
  'GET /participation/charte': read(() => '/participation/charte'),
  'GET /participation/pseudonyme': read(() => '/participation/pseudonyme'),
  'POST /participation/pseudonyme': write(() => '/participation/pseudonyme', { pseudonyme: '' }),
  'GET /moderation': read(() => '/moderation'),
  'POST /moderation/messages/:id': write(async (w) => `/moderation/messages/${await messageOfA(w)}`, {
    decision: 'hide',
    raison: '',
  }),
  'POST /moderation/reglages': {
    module: 'voice',
    phase: 1,
    request: (w) => ({
      method: 'POST',
      url: '/moderation/reglages',
      form: { organisation: String(w.orgA), mode: 'inconnu' },
    }),
  },
  'POST /moderation/personnes/:id/debloquer': write((w) => `/moderation/personnes/${w.bystander.id}/debloquer`, {}),
  'GET /moderation/mots': read(() => '/moderation/mots'),
  'POST /moderation/mots': write(() => '/moderation/mots', { mot: '' }),
  'POST /moderation/mots/:id/supprimer': {
    module: 'voice',
    phase: 2,
    // A word added afresh by the coordinator for each request (the removal consumes it).
    request: async (w) => {
      const word = `terme${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
      await w.clients.coordinator.send({ method: 'POST', url: '/moderation/mots', form: { mot: word } });
      const list = await w.clients.coordinator.send({ url: '/moderation/mots' });
      const m = new RegExp(`/moderation/mots/(\\d+)/supprimer"[^>]*Retirer « ${word} »`).exec(list.body);
      if (!m) throw new Error(`monde de test : terme ${word} introuvable`);
      return { method: 'POST', url: `/moderation/mots/${m[1]}/supprimer`, form: {} };
    },
  },
  'GET /api/v1/use-cases/:id/contributions': read((w) => `/api/v1/use-cases/${w.published.id}/contributions`),
  'GET /api/v1/initiatives/:id/contributions': read(
    async (w) => `/api/v1/initiatives/${await initiative(w)}/contributions`,
  ),
};
