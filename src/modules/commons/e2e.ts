/**
 * Commons pages checked in a real browser (test/e2e/page-suite.ts), on the site seeded with the demo content
 * (seed.ts: four entries maintained by Nantes, the demo authority): one entry per page type, with the error and
 * empty states.
 */
import type { E2ePage, E2eSite } from '../../platform/module.ts';
import './tables.ts';

/** The demo entry with news (the water forecasting model). */
async function demoEntry(site: E2eSite): Promise<number> {
  const row = await site.db
    .selectFrom('commons')
    .select('id')
    .where('kind', '=', 'model')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export const commonsE2ePages: E2ePage[] = [
  { name: 'Communs : catalogue avec facettes', path: '/communs', as: ['visitor', 'member'] },
  { name: 'Communs : recherche sans résultat', path: '/communs?q=zzzqqqxxx' },
  {
    name: 'Communs : page d’un commun (liens, mainteneurs, actualités)',
    path: async (site) => `/communs/${await demoEntry(site)}`,
    as: ['visitor', 'editor'],
  },
  { name: 'Communs : description d’un nouveau commun', path: '/communs/nouveau', as: ['member', 'coordinator'] },
  {
    name: 'Communs : formulaire refusé (erreurs des champs)',
    path: '/communs/nouveau',
    as: ['member'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Enregistrer le commun' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
  {
    name: 'Communs : modification d’un commun',
    path: async (site) => `/communs/${await demoEntry(site)}/modifier`,
    as: ['editor'],
  },
  {
    name: 'Communs : contacter l’équipe d’un commun',
    path: async (site) => `/communs/${await demoEntry(site)}/contacter`,
    as: ['member'],
  },
  {
    name: 'Communs : message refusé (objet et texte manquants)',
    path: async (site) => `/communs/${await demoEntry(site)}/contacter`,
    as: ['member'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Envoyer le message' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
  { name: 'Communs : import d’un fichier publiccode.yml', path: '/communs/importer-publiccode', as: ['member'] },
  {
    name: 'Communs : import refusé (rien de collé)',
    path: '/communs/importer-publiccode',
    as: ['member'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Importer' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
];
