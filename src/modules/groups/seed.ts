/**
 * Demo content of working groups (demo mode only), in our own words: the « Numérique et innovation » commission, its
 * « Intelligence artificielle » group and its « Participation citoyenne & politiques numériques » sub-commission
 * (reserved to its members), led by elected officials, with members from demo authorities and the reference State
 * labs, followed sheets and campaigns, and join requests waiting. Every demo role can try it at once: the coordinator
 * leads the commission, the authority's editor leads the AI group (and has requests to decide), the agent is a member
 * of it (digest, addresses), the inhabitant has asked to join it. The other people are fictitious
 * (@demo.bibliotheque-ia.fr, sign-in by link only). Run once: nothing is done when the commission exists.
 */
import type { CurrentUser } from '../../platform/auth/user.ts';
import { DEMO_ACCOUNTS, DEMO_AUTHORITY_CODE } from '../accounts/index.ts';
import type { GroupsServices } from './services/index.ts';

const COMMISSION = 'Numérique et innovation';
/** The demo accounts' addresses: administrator, coordinator, the authority's editor and agent, the inhabitant. */
const demoEmail = (who: 'admin' | 'coordinator' | 'editor' | 'member' | 'inhabitant') =>
  DEMO_ACCOUNTS.find((a) =>
    who === 'admin' || who === 'coordinator'
      ? a.role === who
      : who === 'inhabitant'
        ? a.role === 'user' && a.membership === null
        : a.membership === who,
  )!.email;

/** Fictitious people of the demo: elected officials and agents of other authorities, staff of State labs. */
const PEOPLE = [
  { key: 'elue-lyon', name: 'Martine Lefort', code: 'commune:69123' },
  { key: 'elu-rennes', name: 'Karim Benali', code: 'commune:35238' },
  { key: 'agente-bordeaux', name: 'Sophie Garnier', code: 'commune:33063' },
  { key: 'agent-toulouse', name: 'Julien Roche', code: 'commune:31555' },
  { key: 'lab-etalab', name: 'Léa Marchand', lab: 0 },
  { key: 'lab-insee', name: 'Thomas Nguyen', lab: 1 },
  { key: 'lab-peren', name: 'Nadia Haddad', lab: 2 },
] as const;

export async function seedDemo(services: GroupsServices, log: (line: string) => void): Promise<void> {
  const { groups, membership, follows, store, ports } = services;
  if ((await store.allGroups()).some((g) => g.name === COMMISSION)) return;
  // The demo administrator acts (the records name a real account).
  const admin = await ports.people.findByEmail(demoEmail('admin'));
  if (!admin) {
    log('Groupes de travail de démonstration : compte administrateur de démonstration introuvable.');
    return;
  }
  const SEED_ACTOR: CurrentUser = {
    id: admin.id,
    email: admin.email,
    name: admin.name,
    role: 'admin',
    memberships: [],
  };
  const labs = await ports.demo.organisationsOfType('laboratoire_etat', 10);
  const person = new Map<string, { id: number; email: string }>();
  for (const p of PEOPLE) {
    const body = 'code' in p ? await ports.demo.organisationByCode(p.code) : (labs[p.lab] ?? null);
    if (!body) continue;
    const email = `${p.key}@demo.bibliotheque-ia.fr`;
    const id = await ports.demo.ensurePerson(email, p.name);
    await ports.demo.ensureMembership(id, body.id);
    person.set(p.key, { id, email });
  }
  const add = async (groupId: number, email: string | undefined, role: 'lead' | 'member', fn: string | null) => {
    if (!email) return;
    await membership.addMember(SEED_ACTOR, groupId, { email, role, function: fn ?? '' });
  };

  const commission = await groups.create(SEED_ACTOR, {
    name: COMMISSION,
    purpose:
      'La commission prépare les positions du réseau sur le numérique public : usage des algorithmes et de l’intelligence artificielle par les collectivités, données, sobriété, inclusion.\n\nElle réunit des élus et des agents des collectivités membres, avec les laboratoires de l’État qui les accompagnent, et rend compte au bureau du réseau.',
    visibility: 'public',
  });
  await add(commission, demoEmail('coordinator'), 'lead', 'Coordinatrice du réseau');
  await add(commission, person.get('elue-lyon')?.email, 'lead', 'Vice-présidente déléguée au numérique');
  await add(commission, person.get('agente-bordeaux')?.email, 'member', 'Cheffe de projet données');

  const ai = await groups.create(SEED_ACTOR, {
    name: 'Intelligence artificielle',
    parentId: commission,
    purpose:
      'Le groupe recense les usages de l’intelligence artificielle dans les collectivités, compare les retours d’expérience et rédige les « conditions de réussite » d’un usage responsable.\n\nIl suit les fiches de la bibliothèque et les recensements qui le concernent, et prépare chaque réunion à partir de la synthèse de ce qui a changé.',
    visibility: 'public',
  });
  await add(ai, demoEmail('editor'), 'lead', 'Élue référente intelligence artificielle');
  await add(ai, person.get('elue-lyon')?.email, 'lead', 'Vice-présidente déléguée au numérique');
  await add(ai, demoEmail('member'), 'member', 'Chef de projet innovation');
  await add(ai, person.get('agent-toulouse')?.email, 'member', 'Responsable des données');
  await add(ai, person.get('lab-etalab')?.email, 'member', 'Experte en apprentissage automatique');
  await add(ai, person.get('lab-insee')?.email, 'member', 'Statisticien, méthodes de traitement du texte');

  const participation = await groups.create(SEED_ACTOR, {
    name: 'Participation citoyenne & politiques numériques',
    parentId: commission,
    purpose:
      'La sous-commission travaille sur la place des habitants dans les choix numériques des collectivités : consultations avant un déploiement, transparence des algorithmes, débat public.\n\nSes travaux sont réservés à ses membres jusqu’à la publication de ses recommandations.',
    visibility: 'members',
  });
  await add(participation, person.get('elu-rennes')?.email, 'lead', 'Adjoint au maire chargé de la participation');
  await add(participation, demoEmail('coordinator'), 'member', 'Coordinatrice du réseau');
  await add(participation, person.get('lab-peren')?.email, 'member', 'Analyste de la régulation des plateformes');
  await add(participation, person.get('agente-bordeaux')?.email, 'member', 'Cheffe de projet données');

  // What the AI group follows: published sheets of the demo authority and the first campaigns.
  const nantes = await ports.demo.organisationByCode(DEMO_AUTHORITY_CODE);
  const sheets = nantes ? await ports.sheets.changedSince('0000-01-01', { ids: [], organisationIds: [nantes.id] }) : [];
  for (const s of sheets.slice(0, 3)) await follows.follow(SEED_ACTOR, ai, { kind: 'sheet', reference: String(s.id) });
  const campaigns = await ports.campaigns.list();
  for (const c of campaigns.slice(0, 2)) {
    await follows.follow(SEED_ACTOR, ai, { kind: 'campaign', reference: String(c.id) });
    await follows.follow(SEED_ACTOR, commission, { kind: 'campaign', reference: String(c.id) });
  }

  // Join requests waiting for the AI group's leads (the demo editor decides them).
  const inhabitant = await ports.people.findByEmail(demoEmail('inhabitant'));
  const asks = [
    inhabitant && {
      id: inhabitant.id,
      message:
        'Habitant de Nantes et développeur, je souhaite suivre vos travaux sur la transparence des algorithmes et contribuer aux retours d’usagers.',
    },
    person.get('lab-peren') && {
      id: person.get('lab-peren')!.id,
      message:
        'Notre pôle évalue des systèmes algorithmiques pour l’État : nous pouvons partager nos méthodes d’audit avec le groupe.',
    },
  ];
  for (const a of asks) {
    if (!a) continue;
    const [p] = await ports.people.findUsers([a.id]);
    if (!p) continue;
    await membership.requestJoin({ id: p.id, email: p.email, name: p.name, role: 'user', memberships: [] }, ai, {
      message: a.message,
    });
  }
  log(`Groupes de travail de démonstration : 3 groupes, ${person.size} personnes fictives, demandes en attente.`);
}
