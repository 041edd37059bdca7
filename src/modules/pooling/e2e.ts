/**
 * Pooling pages checked in a real browser (test/e2e/page-suite.ts), on the site seeded with the demo content: the
 * suggestions page (computed by its job at start), « Nous faisons pareil » on a sheet of another authority than the
 * demo one, and its form page with an error.
 */
import type { E2ePage, E2eSite } from '../../platform/module.ts';

/** A published sheet of another authority than the demo personas' (Nantes): they may say « Nous faisons pareil ». */
async function otherAuthoritySheet(site: E2eSite): Promise<{ id: number; path: string }> {
  const nantes = await site.db
    .selectFrom('organisations')
    .select('id')
    .where('code', '=', 'commune:44109')
    .executeTakeFirst();
  const row = await site.db
    .selectFrom('use_cases')
    .select(['id', 'slug'])
    .where('state', '=', 'published')
    .where('organisation_id', '<>', nantes?.id ?? 0)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), path: `/bibliotheque/${row.id}-${row.slug}` };
}

export const poolingE2ePages: E2ePage[] = [
  {
    name: 'Mutualisation : suggestions (groupes, organisations, fiches)',
    path: '/mutualisation/suggestions',
    as: ['visitor', 'coordinator'],
  },
  {
    name: 'Mutualisation : bloc « Nous faisons pareil » sur une fiche',
    path: async (site) => (await otherAuthoritySheet(site)).path,
    as: ['member'],
  },
  {
    name: 'Mutualisation : « Nous faisons pareil » refusé (mot trop long)',
    path: async (site) => `/mutualisation/fiches/${(await otherAuthoritySheet(site)).id}/nous-faisons-pareil`,
    as: ['member'],
    act: async (page) => {
      await page.locator('#champ-note').fill('x'.repeat(300));
      await page.getByRole('button', { name: /Nous faisons pareil/ }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
];
