/**
 * Challenges pages checked in a real browser (test/e2e/page-suite.ts), on the site seeded with the demo content
 * (seed.ts: four challenges at different stages): one page per type, with the error and empty states.
 */
import type { E2ePage, E2eSite } from '../../platform/module.ts';
import './tables.ts';

/** A demo challenge at this stage. */
async function demoChallenge(site: E2eSite, stage: string): Promise<number> {
  const row = await site.db
    .selectFrom('challenges')
    .select('id')
    .where('stage', '=', stage)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export const challengesE2ePages: E2ePage[] = [
  { name: 'Défis : catalogue avec facettes', path: '/defis', as: ['visitor', 'editor'] },
  { name: 'Défis : recherche sans résultat', path: '/defis?q=zzzqqqxxx' },
  {
    name: 'Défis : page d’un défi publié (étapes, participants, partenaires, actualités)',
    path: async (site) => `/defis/${await demoChallenge(site, 'published')}`,
    as: ['visitor', 'editor'],
  },
  {
    name: 'Défis : page d’un défi ouvert, vue par un coordinateur (formulaires d’étape et d’actualité)',
    path: async (site) => `/defis/${await demoChallenge(site, 'call_for_interest')}`,
    as: ['coordinator'],
  },
  { name: 'Défis : ouverture d’un défi', path: '/defis/nouveau', as: ['editor', 'coordinator'] },
  {
    name: 'Défis : ouverture refusée (erreurs des champs)',
    path: '/defis/nouveau',
    as: ['coordinator'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Ouvrir le défi' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
  {
    name: 'Défis : modification d’un défi',
    path: async (site) => `/defis/${await demoChallenge(site, 'published')}/modifier`,
    as: ['editor'],
  },
  {
    name: 'Défis : rejoindre un défi',
    path: async (site) => `/defis/${await demoChallenge(site, 'call_for_interest')}/participer`,
    as: ['editor'],
  },
  {
    name: 'Défis : inscriptions closes (la page dit pourquoi, sans formulaire)',
    path: async (site) => `/defis/${await demoChallenge(site, 'published')}/participer`,
    as: ['editor'],
  },
  {
    name: 'Défis : inscription refusée (rôle manquant)',
    path: async (site) => `/defis/${await demoChallenge(site, 'call_for_interest')}/participer`,
    as: ['editor'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Rejoindre le défi' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
  {
    name: 'Défis : contacter l’équipe d’un défi',
    path: async (site) => `/defis/${await demoChallenge(site, 'scoping')}/contacter`,
    as: ['member'],
  },
];
