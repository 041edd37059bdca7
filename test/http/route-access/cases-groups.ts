/**
 * Route × role cases of working groups (src/modules/groups). The world gets, through the pages as the coordinator
 * does: a public group led by A's « responsable » with A's member as a member (the personas of GROUP_LEADS and
 * GROUP_INSIDERS), a members-only group with the same people, a third public group without members (for asking to
 * join, refused on the content for everyone signed in), and one pending join request of a fresh person. Removing a
 * member, leaving and unfollowing act on things made afresh for each request.
 */
import type { Case } from './cases.ts';
import type { Persona } from './client.ts';
import type { World } from './world.ts';

interface GroupsWorld {
  led: number;
  reserved: number;
  empty: number;
  requestId: number;
}
const worlds = new WeakMap<World, Promise<GroupsWorld>>();

/** The personas' addresses in the world (test/http/route-access/world.ts). */
const EMAILS: Record<Exclude<Persona, 'visitor'>, string> = {
  member: 'membre@a.fr',
  editor: 'responsable@a.fr',
  other_editor: 'responsable@b.fr',
  coordinator: 'coordination@reseau.fr',
  admin: 'admin@reseau.fr',
};
let fresh = 0;

/** A group made through the page by the coordinator; its id. */
async function createAs(w: World, nom: string, visibilite: string): Promise<number> {
  const sent = await w.clients.coordinator.send({ method: 'POST', url: '/groupes/nouveau', form: { nom, visibilite } });
  const m = /^\/groupes\/(\d+)\/membres$/.exec(sent.location);
  if (!m) throw new Error(`monde de test : groupe → ${sent.status} ${sent.body.slice(0, 300)}`);
  return Number(m[1]);
}

/** Someone added to a group by the coordinator, through the directory page. */
async function addAs(w: World, group: number, email: string, role: string): Promise<void> {
  const sent = await w.clients.coordinator.send({
    method: 'POST',
    url: `/groupes/${group}/membres`,
    form: { email, role, function: '' },
  });
  if (sent.status !== 302) throw new Error(`monde de test : membre → ${sent.status} ${sent.body.slice(0, 300)}`);
}

function groupsOf(w: World): Promise<GroupsWorld> {
  let made = worlds.get(w);
  if (!made) {
    made = (async () => {
      const create = (nom: string, visibilite: string) => createAs(w, nom, visibilite);
      const add = (group: number, email: string, role: string) => addAs(w, group, email, role);
      const led = await create('Groupe de la collectivité A', 'public');
      const reserved = await create('Groupe réservé de A', 'members');
      const empty = await create('Groupe sans membre', 'public');
      for (const g of [led, reserved]) {
        await add(g, 'responsable@a.fr', 'lead');
        await add(g, 'membre@a.fr', 'member');
      }
      const asker = await w.freshUser('groupes');
      const asked = await asker.client.send({
        method: 'POST',
        url: `/groupes/${led}/rejoindre`,
        form: { message: 'Je voudrais suivre les travaux du groupe.' },
      });
      if (asked.status !== 302)
        throw new Error(`monde de test : demande → ${asked.status} ${asked.body.slice(0, 300)}`);
      const page = await w.clients.editor.send({ url: `/groupes/${led}/demandes` });
      const requestId = Number(new RegExp(`/groupes/${led}/demandes/(\\d+)`).exec(page.body)?.[1]);
      if (!requestId) throw new Error('monde de test : demande introuvable');
      return { led, reserved, empty, requestId };
    })();
    worlds.set(w, made);
  }
  return made;
}

const at =
  (path: (g: GroupsWorld) => string, method = 'GET', form?: Record<string, string>) =>
  async (w: World) => ({ method, url: path(await groupsOf(w)), ...(form ? { form } : {}) });
const read = (path: (g: GroupsWorld) => string): Case => ({ module: 'groups', request: at(path) });
const write = (path: (g: GroupsWorld) => string, form: Record<string, string>): Case => ({
  module: 'groups',
  phase: 1,
  request: at(path, 'POST', form),
});
const INSIDERS = ['member', 'editor', 'coordinator', 'admin'] as const;

export const GROUPS_CASES: Record<string, Case> = {
  'GET /groupes': { module: 'groups', request: () => ({ url: '/groupes' }) },
  'GET /groupes/nouveau': { module: 'groups', request: () => ({ url: '/groupes/nouveau' }) },
  // Nothing filled in: refused on the content (422) once authorised.
  'POST /groupes/nouveau': {
    module: 'groups',
    phase: 1,
    request: () => ({ method: 'POST', url: '/groupes/nouveau', form: { nom: '' } }),
  },
  'GET /groupes/:id': {
    ...read((g) => `/groupes/${g.led}`),
    also: [
      { label: 'un groupe réservé à ses membres', access: INSIDERS, request: at((g) => `/groupes/${g.reserved}`) },
    ],
  },
  'GET /groupes/:id/modifier': read((g) => `/groupes/${g.led}/modifier`),
  // A stale version: refused (409) once authorised.
  'POST /groupes/:id/modifier': write((g) => `/groupes/${g.led}/modifier`, {
    nom: 'Groupe de la collectivité A',
    visibilite: 'public',
    version: '999999',
  }),
  'GET /groupes/:id/membres': {
    ...read((g) => `/groupes/${g.led}/membres`),
    also: [
      {
        label: 'l’annuaire d’un groupe réservé',
        access: INSIDERS,
        request: at((g) => `/groupes/${g.reserved}/membres`),
      },
    ],
  },
  // No address: refused on the content (422).
  'POST /groupes/:id/membres': write((g) => `/groupes/${g.led}/membres`, { email: '', role: 'member' }),
  // A fresh person, added by the coordinator, removed by the persona (made afresh for each request).
  'POST /groupes/:id/membres/:userId/retirer': {
    module: 'groups',
    phase: 2,
    request: async (w) => {
      const { led } = await groupsOf(w);
      const person = await w.freshUser('membre-groupe');
      await addAs(w, led, person.email, 'member');
      return { method: 'POST', url: `/groupes/${led}/membres/${person.id}/retirer`, form: {} };
    },
  },
  // A fresh group of which the persona is a member: it leaves it (the visitor is asked to sign in).
  'POST /groupes/:id/quitter': {
    module: 'groups',
    phase: 2,
    request: async (w, persona) => {
      const { empty } = await groupsOf(w);
      if (persona === 'visitor') return { method: 'POST', url: `/groupes/${empty}/quitter`, form: {} };
      const group = await createAs(w, `Groupe à quitter ${++fresh}`, 'public');
      await addAs(w, group, EMAILS[persona], 'member');
      return { method: 'POST', url: `/groupes/${group}/quitter`, form: {} };
    },
  },
  'GET /groupes/:id/rejoindre': read((g) => `/groupes/${g.empty}/rejoindre`),
  // No message: refused on the content (422).
  'POST /groupes/:id/rejoindre': write((g) => `/groupes/${g.empty}/rejoindre`, { message: '' }),
  'GET /groupes/:id/demandes': read((g) => `/groupes/${g.led}/demandes`),
  // No decision: refused on the content (422), the request stays pending.
  'POST /groupes/:id/demandes/:requestId': write((g) => `/groupes/${g.led}/demandes/${g.requestId}`, {
    decision: '',
  }),
  'GET /groupes/:id/suivis': read((g) => `/groupes/${g.led}/suivis`),
  // Nothing chosen: refused on the content (422).
  'POST /groupes/:id/suivis': write((g) => `/groupes/${g.led}/suivis`, { kind: '', reference: '' }),
  // The group follows A's published sheet again before each request; the persona stops following it.
  'POST /groupes/:id/suivis/retirer': {
    module: 'groups',
    phase: 2,
    request: async (w) => {
      const { led } = await groupsOf(w);
      const sent = await w.clients.coordinator.send({
        method: 'POST',
        url: `/groupes/${led}/suivis`,
        form: { kind: 'sheet', reference: String(w.published.id) },
      });
      if (sent.status !== 302) throw new Error(`monde de test : suivi → ${sent.status} ${sent.body.slice(0, 300)}`);
      return {
        method: 'POST',
        url: `/groupes/${led}/suivis/retirer`,
        form: { kind: 'sheet', id: String(w.published.id) },
      };
    },
  },
  'GET /groupes/:id/synthese': read((g) => `/groupes/${g.led}/synthese`),
  // Mails the digest to the person asking: harmless.
  'POST /groupes/:id/synthese/envoyer': write((g) => `/groupes/${g.led}/synthese/envoyer`, {}),
  'GET /api/v1/groups': { module: 'groups', request: () => ({ url: '/api/v1/groups' }) },
  'GET /api/v1/groups/:id': {
    ...read((g) => `/api/v1/groups/${g.led}`),
    also: [
      {
        label: 'un groupe réservé à ses membres',
        access: INSIDERS,
        accessDenied: 404,
        request: at((g) => `/api/v1/groups/${g.reserved}`),
      },
    ],
  },
};
