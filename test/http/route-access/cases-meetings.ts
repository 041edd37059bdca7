/**
 * Route × role cases of meetings (src/modules/meetings). The world gets, through the pages: a public group and a
 * members-only group made by the coordinator, each led by A's « responsable » with A's member as a member
 * (MEETING_LEADS, ACTION_UPDATERS); a public meeting and a members-only one, made by the lead a year ahead; an
 * action owned by A's member; a private calendar address of A's member. The cancellation consumes a meeting: each
 * request gets a fresh one.
 */
import type { Case } from './cases.ts';
import type { World } from './world.ts';

interface MeetingsWorld {
  group: number;
  publicMeeting: number;
  membersMeeting: number;
  actionId: number;
  feedPath: string;
}
const worlds = new WeakMap<World, Promise<MeetingsWorld>>();

const nextYear = () => `${new Date().getUTCFullYear() + 1}-06-15`;

/** The meeting form as the lead sends it. */
const form = (over: Record<string, string> = {}) => ({
  titre: 'Réunion du groupe de A',
  date: nextYear(),
  heure: '10:00',
  heure_fin: '12:00',
  lieu: 'Salle du conseil',
  visibilite: 'public',
  ...over,
});

async function newMeeting(w: World, group: number, over: Record<string, string> = {}): Promise<number> {
  const sent = await w.clients.editor.send({
    method: 'POST',
    url: `/groupes/${group}/reunions/nouvelle`,
    form: form(over),
  });
  const m = /^\/reunions\/(\d+)$/.exec(sent.location);
  if (!m) throw new Error(`monde de test : réunion → ${sent.status} ${sent.body.slice(0, 300)}`);
  return Number(m[1]);
}

function meetingsOf(w: World): Promise<MeetingsWorld> {
  let made = worlds.get(w);
  if (!made) {
    made = (async () => {
      const coordinator = w.clients.coordinator;
      const create = async (nom: string, visibilite: string) => {
        const sent = await coordinator.send({ method: 'POST', url: '/groupes/nouveau', form: { nom, visibilite } });
        const m = /^\/groupes\/(\d+)/.exec(sent.location);
        if (!m) throw new Error(`monde de test : groupe → ${sent.status} ${sent.body.slice(0, 300)}`);
        const group = Number(m[1]);
        for (const [email, role] of [
          ['responsable@a.fr', 'lead'],
          ['membre@a.fr', 'member'],
        ]) {
          const added = await coordinator.send({
            method: 'POST',
            url: `/groupes/${group}/membres`,
            form: { email: email!, role: role!, function: '' },
          });
          if (added.status !== 302)
            throw new Error(`monde de test : membre → ${added.status} ${added.body.slice(0, 300)}`);
        }
        return group;
      };
      const group = await create('Groupe des réunions de A', 'public');
      const publicMeeting = await newMeeting(w, group);
      const membersMeeting = await newMeeting(w, group, { titre: 'Réunion interne de A', visibilite: 'members' });
      const added = await w.clients.editor.send({
        method: 'POST',
        url: `/reunions/${publicMeeting}/actions`,
        form: {
          action_titre: 'Préparer la note',
          action_responsable: String(w.userIds.member),
          action_echeance: nextYear(),
        },
      });
      const actionId = Number(/#action-(\d+)$/.exec(added.location)?.[1]);
      if (!actionId) throw new Error(`monde de test : action → ${added.status} ${added.body.slice(0, 300)}`);
      const token = await w.clients.member.send({ method: 'POST', url: '/mon-agenda/jeton' });
      const feedPath = /http:\/\/[^/]+(\/agenda\/personnel\/[^<]+)</.exec(token.body)?.[1];
      if (!feedPath) throw new Error(`monde de test : calendrier personnel → ${token.status}`);
      return { group, publicMeeting, membersMeeting, actionId, feedPath };
    })();
    worlds.set(w, made);
  }
  return made;
}

const read = (url: (m: MeetingsWorld) => string): Case => ({
  module: 'meetings',
  request: async (w) => ({ url: url(await meetingsOf(w)) }),
});
const post = (
  phase: Case['phase'],
  url: (m: MeetingsWorld) => string,
  body: (m: MeetingsWorld) => Record<string, string> = () => ({}),
): Case => ({
  module: 'meetings',
  phase,
  request: async (w) => {
    const m = await meetingsOf(w);
    return { method: 'POST', url: url(m), form: body(m) };
  },
});

export const MEETINGS_CASES: Record<string, Case> = {
  'GET /agenda': read((m) => `/agenda?groupe=${m.group}`),
  'GET /agenda.ics': read(() => '/agenda.ics'),
  'GET /groupes/:id/agenda.ics': read((m) => `/groupes/${m.group}/agenda.ics`),
  'GET /api/v1/meetings': read((m) => `/api/v1/meetings?group=${m.group}`),
  'GET /reunions/:id': {
    ...read((m) => `/reunions/${m.publicMeeting}`),
    also: [
      {
        label: 'réunion réservée aux membres du groupe',
        access: ['member', 'editor', 'coordinator', 'admin'],
        accessDenied: 404,
        request: async (w) => ({ url: `/reunions/${(await meetingsOf(w)).membersMeeting}` }),
      },
    ],
  },
  'GET /reunions/:id/reunion.ics': read((m) => `/reunions/${m.publicMeeting}/reunion.ics`),
  'GET /reunions/:id/compte-rendu/historique': read((m) => `/reunions/${m.publicMeeting}/compte-rendu/historique`),
  'GET /agenda/personnel/:token/agenda.ics': {
    module: 'meetings',
    request: async (w) => ({ url: (await meetingsOf(w)).feedPath }),
    wrongLink: () => ({ url: '/agenda/personnel/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/agenda.ics' }),
  },
  'GET /groupes/:id/reunions/nouvelle': read((m) => `/groupes/${m.group}/reunions/nouvelle`),
  // Nothing filled in: refused on the content (422) once authorised.
  'POST /groupes/:id/reunions/nouvelle': post(
    1,
    (m) => `/groupes/${m.group}/reunions/nouvelle`,
    () => ({ titre: '' }),
  ),
  'GET /reunions/:id/modifier': read((m) => `/reunions/${m.publicMeeting}/modifier`),
  // A stale version: refused (409) once authorised.
  'POST /reunions/:id/modifier': post(
    1,
    (m) => `/reunions/${m.publicMeeting}/modifier`,
    () => ({ ...form(), version: '999999' }),
  ),
  'POST /reunions/:id/annuler': {
    module: 'meetings',
    phase: 2,
    request: async (w) => {
      const m = await meetingsOf(w);
      return {
        method: 'POST',
        url: `/reunions/${await newMeeting(w, m.group, { titre: 'Réunion à annuler' })}/annuler`,
      };
    },
  },
  // No attendance mode: refused on the content (422) once authorised.
  'POST /reunions/:id/inscription': post(1, (m) => `/reunions/${m.publicMeeting}/inscription`),
  // Not registered: refused on the content (409) once authorised.
  'POST /reunions/:id/desinscription': post(1, (m) => `/reunions/${m.publicMeeting}/desinscription`),
  // Nobody registered: nothing to record.
  'POST /reunions/:id/presences': post(1, (m) => `/reunions/${m.publicMeeting}/presences`),
  'GET /reunions/:id/compte-rendu': read((m) => `/reunions/${m.publicMeeting}/compte-rendu`),
  // Empty minutes: refused on the content (422) once authorised.
  'POST /reunions/:id/compte-rendu': post(
    1,
    (m) => `/reunions/${m.publicMeeting}/compte-rendu`,
    () => ({ base: '0', texte: '', publication: 'draft' }),
  ),
  // No title: refused on the content (422) once authorised.
  'POST /reunions/:id/actions': post(
    1,
    (m) => `/reunions/${m.publicMeeting}/actions`,
    () => ({ action_titre: '' }),
  ),
  // A stale version: refused (409) once authorised.
  'POST /reunions/actions/:id/etat': post(
    1,
    (m) => `/reunions/actions/${m.actionId}/etat`,
    () => ({ statut: 'done', version: '999999' }),
  ),
  'GET /mon-agenda': read(() => '/mon-agenda'),
  'POST /mon-agenda/jeton': post(1, () => '/mon-agenda/jeton'),
  'POST /mon-agenda/jeton/revoquer': post(3, () => '/mon-agenda/jeton/revoquer'),
};
