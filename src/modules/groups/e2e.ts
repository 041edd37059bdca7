/**
 * Working groups' pages checked in a real browser (test/e2e/page-suite.ts), on the site seeded with the demo content
 * (seed.ts: the commission, the AI group led by the demo editor with the demo agent as a member, the members-only
 * participation sub-commission): one page per type, with the error and empty states.
 */
import type { E2ePage, E2eSite, Persona } from '../../platform/module.ts';
import './tables.ts';

async function groupNamed(site: E2eSite, name: string): Promise<string> {
  const row = await site.db.selectFrom('work_groups').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return `/groupes/${Number(row.id)}`;
}
const aiGroup = (site: E2eSite) => groupNamed(site, 'Intelligence artificielle');

/**
 * The AI group's page `suffix`, after placing the browser persona in the group with `role` (the test personas are
 * not the demo accounts): added through the groups api by the coordinator persona.
 */
function inAiGroup(suffix: string, role: 'lead' | 'member') {
  return async (site: E2eSite, persona: Persona): Promise<string> => {
    const path = await aiGroup(site);
    if (persona !== 'visitor') {
      const me = await site.persona(persona);
      const coordinator = await site.persona('coordinator');
      const actor = { id: coordinator.id, email: coordinator.email, name: '', role: 'coordinator', memberships: [] };
      await site.api('groups').addMember(actor, Number(path.split('/').pop()), { email: me.email, role });
    }
    return `${path}${suffix}`;
  };
}

export const e2ePages: E2ePage[] = [
  { name: 'Groupes de travail : liste (arborescence)', path: '/groupes', as: ['visitor', 'member'] },
  {
    name: 'Groupes de travail : page d’un groupe',
    path: aiGroup,
    as: ['visitor', 'editor', 'member'],
  },
  {
    name: 'Groupes de travail : commission et ses sous-groupes',
    path: (site) => groupNamed(site, 'Numérique et innovation'),
    as: ['coordinator'],
  },
  {
    name: 'Groupes de travail : annuaire des membres (sans puis avec adresses)',
    path: async (site) => `${await aiGroup(site)}/membres`,
    as: ['visitor', 'member', 'editor'],
  },
  {
    name: 'Groupes de travail : demande pour rejoindre',
    path: async (site) => `${await aiGroup(site)}/rejoindre`,
    as: ['coordinator'],
  },
  {
    name: 'Groupes de travail : demande refusée (message manquant)',
    path: async (site) => `${await aiGroup(site)}/rejoindre`,
    as: ['coordinator'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
  {
    name: 'Groupes de travail : demandes à décider',
    path: inAiGroup('/demandes', 'lead'),
    as: ['editor'],
  },
  {
    name: 'Groupes de travail : ce que suit le groupe',
    path: inAiGroup('/suivis?q=donn%C3%A9es', 'lead'),
    as: ['editor'],
  },
  {
    name: 'Groupes de travail : synthèse pour la prochaine réunion',
    path: inAiGroup('/synthese', 'member'),
    as: ['member'],
  },
  {
    name: 'Groupes de travail : synthèse vue par un pilote (bouton d’envoi)',
    path: inAiGroup('/synthese', 'lead'),
    as: ['editor'],
  },
  { name: 'Groupes de travail : création d’un groupe', path: '/groupes/nouveau', as: ['coordinator'] },
  {
    name: 'Groupes de travail : création refusée (nom manquant)',
    path: '/groupes/nouveau',
    as: ['coordinator'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
];
