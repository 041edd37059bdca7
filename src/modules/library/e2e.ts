/**
 * The library's pages checked in a real browser (test/e2e/page-suite.ts): one entry per page TYPE (one use case's
 * page, not every use case), on the site seeded with the demo content. Use cases of Nantes, the demo editor's
 * authority, give the pages that need one.
 */
import type { E2ePage, E2eSite } from '../../platform/module.ts';

/** The demo authority of the editor persona (accounts' demo accounts). */
const DEMO_AUTHORITY_CODE = 'commune:44109';

/** What the page checks use of the organisations module's api. */
interface OrganisationsLookup {
  findByCode(code: string): Promise<{ id: number } | null>;
}

async function demoAuthorityId(site: E2eSite): Promise<number> {
  const org = await (site.api('organisations') as OrganisationsLookup).findByCode(DEMO_AUTHORITY_CODE);
  if (!org) throw new Error(`collectivité de démonstration absente : ${DEMO_AUTHORITY_CODE}`);
  return org.id;
}

/** A published demo use case of Nantes, with a path suffix. */
async function nantesUseCase(site: E2eSite, suffix: string): Promise<string> {
  const row = await site.db
    .selectFrom('use_cases')
    .select('id')
    .where('organisation_id', '=', await demoAuthorityId(site))
    .where('state', '=', 'published')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return `/bibliotheque/${row.id}${suffix}`;
}

export const libraryE2ePages: E2ePage[] = [
  { name: 'bibliothèque', path: '/bibliotheque', as: ['visitor', 'editor'] },
  { name: 'bibliothèque : recherche et facettes', path: '/bibliotheque?q=transport' },
  {
    name: 'fiche publiée',
    path: async (site) => {
      const row = await site.db
        .selectFrom('use_cases')
        .select('id')
        .where('state', '=', 'published')
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow();
      return `/bibliotheque/${row.id}`;
    },
    as: ['visitor', 'coordinator'],
  },
  // Sheets kept alive (issue 11 #7): « informations vérifiées le … » for everyone, completeness for its editors.
  {
    name: 'fiche publiée vue par ses éditeurs (complétude, réexamen)',
    path: (site) => nantesUseCase(site, ''),
    as: ['editor'],
  },
  {
    name: 'bibliothèque : filtres notice publiée, auto-évaluation, règlement IA',
    path: '/bibliotheque?notice=publiee&auto_evaluation=realisee',
  },
  { name: 'bibliothèque : filtre notice sans résultat', path: '/bibliotheque?notice=publiee&q=zzzzqqq' },
  { name: 'version archivée d’une fiche', path: (site) => nantesUseCase(site, '/historique/1'), as: ['visitor'] },
  {
    name: 'comparaison de versions',
    path: (site) => nantesUseCase(site, '/historique/comparer?de=1&a=1'),
    as: ['visitor'],
  },
  { name: 'signaler une erreur', path: (site) => nantesUseCase(site, '/signaler'), as: ['visitor'] },
  { name: 'contacter l’équipe d’une fiche', path: (site) => nantesUseCase(site, '/contacter'), as: ['member'] },
  {
    name: 'contacter l’équipe : message refusé (objet et texte manquants)',
    path: (site) => nantesUseCase(site, '/contacter'),
    as: ['member'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Envoyer le message' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
  {
    name: 'synthèse imprimable d’une fiche',
    path: (site) => nantesUseCase(site, '/synthese'),
    as: ['visitor', 'member'],
  },
  {
    name: 'modifier une fiche (étape projet)',
    path: (site) => nantesUseCase(site, '/modifier/projet'),
    as: ['editor'],
  },
  { name: 'vérifier une fiche avant envoi', path: (site) => nantesUseCase(site, '/verifier'), as: ['editor'] },
  {
    name: "jetons d'API de la collectivité",
    path: async (site) => `/bibliotheque/jetons?organisation=${await demoAuthorityId(site)}`,
    as: ['editor'],
  },
  { name: 'carte', path: '/carte' },
  { name: 'statistiques', path: '/statistiques' },
  { name: 'données ouvertes', path: '/donnees-ouvertes' },
  { name: "documentation de l'API", path: '/api' },
  { name: 'les fiches de ma collectivité', path: '/bibliotheque/mes-fiches', as: ['editor'] },
  { name: 'nouvelle fiche', path: '/bibliotheque/nouvelle', as: ['editor'] },
  { name: 'fiches à relire', path: '/coordination/fiches', as: ['coordinator'] },
  { name: 'erreurs signalées', path: '/bibliotheque/signalements', as: ['coordinator'] },
  { name: 'import de fiches', path: '/admin/bibliotheque/import', as: ['admin'] },
];
