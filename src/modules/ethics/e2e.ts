/**
 * Responsible AI pages checked in a real browser (test/e2e/page-suite.ts), on the site seeded with the demo content
 * (seed.ts: assessments on the published sheets of Nantes, the demo authority): one entry per page type.
 */
import type { E2ePage, E2eSite } from '../../platform/module.ts';
import './tables.ts';

/** The demo assessment of this kind and state (the newest). */
async function demoAssessment(
  site: E2eSite,
  kind: 'self' | 'ai_act' | 'law',
  state: 'draft' | 'published' | 'private',
): Promise<number> {
  let q = site.db.selectFrom('ethics_assessments').select('id').where('kind', '=', kind);
  if (state === 'draft') q = q.where('status', '=', 'draft');
  else q = q.where('status', '=', 'signed').where('published', '=', state === 'published' ? 1 : 0);
  const row = await q.orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The demo sheet with a notice in this state. */
async function noticeSheet(site: E2eSite, status: 'draft' | 'published'): Promise<number> {
  const row = await site.db
    .selectFrom('ethics_notices')
    .select('use_case_id')
    .where('status', '=', status)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return Number(row.use_case_id);
}

async function demoSheetPath(site: E2eSite): Promise<string> {
  const row = await site.db
    .selectFrom('ethics_assessments')
    .select('use_case_id')
    .where('published', '=', 1)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return `/bibliotheque/${row.use_case_id}/ia-responsable`;
}

export const ethicsE2ePages: E2ePage[] = [
  { name: 'IA responsable : évaluations d’une fiche', path: demoSheetPath, as: ['visitor', 'member', 'coordinator'] },
  {
    name: 'IA responsable : résultat d’une auto-évaluation (radar, écarts, comparaison)',
    path: async (site) => `/ia-responsable/evaluations/${await demoAssessment(site, 'self', 'published')}`,
    as: ['visitor', 'editor'],
  },
  {
    name: 'IA responsable : classification au titre du règlement sur l’IA',
    path: async (site) => `/ia-responsable/evaluations/${await demoAssessment(site, 'ai_act', 'published')}`,
    as: ['visitor', 'member'],
  },
  {
    name: 'IA responsable : obligations du droit français',
    path: async (site) => `/ia-responsable/evaluations/${await demoAssessment(site, 'law', 'published')}`,
    as: ['visitor'],
  },
  {
    name: 'IA responsable : une page de l’auto-évaluation en cours',
    path: async (site) => `/ia-responsable/evaluations/${await demoAssessment(site, 'self', 'draft')}/page/humain`,
    as: ['member', 'coordinator'],
  },
  {
    name: 'IA responsable : assistant de classification (première étape)',
    path: async (site) => `/ia-responsable/evaluations/${await demoAssessment(site, 'ai_act', 'draft')}/page/interdits`,
    as: ['member'],
  },
  {
    name: 'IA responsable : signature refusée (évaluation incomplète)',
    path: async (site) => `/ia-responsable/evaluations/${await demoAssessment(site, 'self', 'draft')}`,
    as: ['member'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Signer l’évaluation' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
  {
    name: 'IA responsable : évaluation non publiée (404 pour un visiteur)',
    path: async (site) => `/ia-responsable/evaluations/${await demoAssessment(site, 'law', 'private')}`,
    status: 404,
  },
  {
    name: 'IA responsable : notice de transparence publiée',
    path: async (site) => `/bibliotheque/${await noticeSheet(site, 'published')}/notice`,
    as: ['visitor', 'member'],
  },
  {
    name: 'IA responsable : préparation d’une notice de transparence',
    path: async (site) => `/bibliotheque/${await noticeSheet(site, 'draft')}/notice/modifier`,
    as: ['member', 'coordinator'],
  },
  {
    name: 'IA responsable : notice refusée (parties à compléter)',
    path: async (site) => `/bibliotheque/${await noticeSheet(site, 'draft')}/notice/modifier`,
    as: ['editor'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Publier la notice' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
  {
    name: 'IA responsable : conditions de réussite du réseau (positions et éléments de preuve)',
    path: '/ia-responsable/conditions-de-reussite',
    as: ['visitor', 'member', 'coordinator'],
  },
  {
    name: 'IA responsable : une version publiée des conditions de réussite',
    path: '/ia-responsable/conditions-de-reussite/versions/1',
    as: ['visitor'],
  },
  {
    name: 'IA responsable : version des conditions de réussite inexistante (404)',
    path: '/ia-responsable/conditions-de-reussite/versions/999',
    status: 404,
  },
  {
    name: 'IA responsable : rédaction des conditions de réussite',
    path: '/ia-responsable/conditions-de-reussite/modifier',
    as: ['coordinator'],
  },
  {
    name: 'IA responsable : conditions de réussite refusées (position sans titre)',
    path: '/ia-responsable/conditions-de-reussite/modifier',
    as: ['coordinator'],
    act: async (page) => {
      await page.fill('#champ-position_1_titre', '');
      await page.getByRole('button', { name: 'Publier cette version' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
];
