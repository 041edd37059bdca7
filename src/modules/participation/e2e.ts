/**
 * Participation pages checked in a real browser (test/e2e/page-suite.ts), on the site seeded with the demo content
 * (seed.ts): the catalogue, an initiative (published, and the submitted one a coordinator reviews), the form and its
 * errors, the statistics, the map, the Manifesto, the review queue and an empty search.
 */
import type { E2ePage, E2eSite } from '../../platform/module.ts';
import './tables.ts';

async function initiativeIn(site: E2eSite, state: 'published' | 'submitted'): Promise<number> {
  const row = await site.db
    .selectFrom('initiatives')
    .select('id')
    .where('state', '=', state)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export const participationE2ePages: E2ePage[] = [
  { name: 'Initiatives : catalogue avec facettes', path: '/initiatives', as: ['visitor', 'member'] },
  { name: 'Initiatives : recherche sans résultat', path: '/initiatives?q=zzzqqqxxx' },
  {
    name: 'Initiatives : page d’une initiative publiée',
    path: async (site) => `/initiatives/${await initiativeIn(site, 'published')}`,
    as: ['visitor', 'editor'],
  },
  {
    name: 'Initiatives : initiative en relecture (boutons du coordinateur)',
    path: async (site) => `/initiatives/${await initiativeIn(site, 'submitted')}`,
    as: ['coordinator'],
  },
  {
    name: 'Initiatives : historique',
    path: async (site) => `/initiatives/${await initiativeIn(site, 'published')}/historique`,
    as: ['editor'],
  },
  {
    name: 'Initiatives : description d’une nouvelle initiative',
    path: '/initiatives/nouvelle',
    as: ['member', 'coordinator'],
  },
  {
    name: 'Initiatives : formulaire refusé (erreurs des champs)',
    path: '/initiatives/nouvelle',
    as: ['member'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Enregistrer et envoyer en relecture' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
  { name: 'Initiatives : en cours de rédaction', path: '/initiatives/en-cours', as: ['editor'] },
  { name: 'Initiatives : statistiques', path: '/initiatives/statistiques' },
  { name: 'Initiatives : carte', path: '/initiatives/carte' },
  { name: 'Manifeste : engagements, initiatives et fiches', path: '/manifeste', as: ['visitor', 'member'] },
  {
    name: 'Manifeste : lien refusé (fiche manquante)',
    path: '/manifeste',
    as: ['member'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Relier la fiche' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
  { name: 'Initiatives : relecture des coordinateurs', path: '/coordination/initiatives', as: ['coordinator'] },
];
