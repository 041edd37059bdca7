/**
 * Consultation pages checked in a real browser (test/e2e/page-suite.ts), on the site seeded with the demo content
 * (seed.ts: an open consultation and a closed one with its synthesis, on Nantes' sheets): the list, the answer form
 * and its errors, the results and synthesis, and the editors' pages.
 */
import type { E2ePage, E2eSite } from '../../platform/module.ts';
import './tables.ts';

/** The demo consultation still open (`open`) or the closed one with its synthesis. */
async function demoConsultation(site: E2eSite, which: 'open' | 'closed'): Promise<number> {
  const row = await site.db
    .selectFrom('consultations')
    .select('id')
    .where('synthesis_published_at', which === 'closed' ? 'is not' : 'is', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export const consultationsE2ePages: E2ePage[] = [
  { name: 'Consultations : ouvertes, à venir et passées', path: '/consultations', as: ['visitor', 'editor'] },
  {
    name: 'Consultations : formulaire de réponse',
    path: async (site) => `/consultations/${await demoConsultation(site, 'open')}`,
    as: ['visitor'],
  },
  {
    name: 'Consultations : réponse refusée (questions obligatoires)',
    path: async (site) => `/consultations/${await demoConsultation(site, 'open')}`,
    as: ['visitor'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
  {
    name: 'Consultations : résultats et synthèse publiée',
    path: async (site) => `/consultations/${await demoConsultation(site, 'closed')}`,
    as: ['visitor'],
  },
  {
    name: 'Consultations : gestion (résultats complets)',
    path: async (site) => `/consultations/${await demoConsultation(site, 'open')}/gestion`,
    as: ['editor'],
  },
  { name: 'Consultations : ouvrir une consultation', path: '/consultations/nouvelle', as: ['editor'] },
  {
    name: 'Consultations : formulaire refusé (erreurs des champs)',
    path: '/consultations/nouvelle',
    as: ['editor'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Programmer la consultation' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
  {
    name: 'Consultations : synthèse à publier',
    path: async (site) => `/consultations/${await demoConsultation(site, 'closed')}/synthese`,
    as: ['editor'],
  },
];
