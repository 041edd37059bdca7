/**
 * Pages of citizens' voice checked in a real browser (test/e2e/page-suite.ts), on the site seeded with the demo
 * content (seed.ts: a thread on a published sheet of Nantes with an official answer, messages waiting and reported).
 */
import type { E2ePage, E2eSite } from '../../platform/module.ts';
import './tables.ts';

/** The demo sheet that has the thread with the official answer. */
async function demoSheet(site: E2eSite): Promise<number> {
  const row = await site.db
    .selectFrom('voice_messages')
    .select('target_id')
    .where('target_kind', '=', 'use_case')
    .where('official', '=', 1)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return Number(row.target_id);
}

async function publishedMessage(site: E2eSite): Promise<number> {
  const row = await site.db
    .selectFrom('voice_messages')
    .select('id')
    .where('status', '=', 'published')
    .where('official', '=', 0)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export const voiceE2ePages: E2ePage[] = [
  {
    name: 'Contributions : fiche avec sa discussion (réponse officielle, formulaire)',
    path: async (site) => `/bibliotheque/${await demoSheet(site)}`,
    as: ['visitor', 'member', 'editor'],
  },
  {
    name: 'Contributions : page de la discussion',
    path: async (site) => `/contributions/fiches/${await demoSheet(site)}`,
    as: ['visitor', 'member'],
  },
  {
    name: 'Contributions : message refusé (erreurs du formulaire)',
    path: async (site) => `/contributions/fiches/${await demoSheet(site)}`,
    as: ['member'],
    act: async (page) => {
      await page.locator('#champ-type-1').check();
      await page.getByRole('button', { name: 'Publier ma contribution' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
  {
    name: 'Contributions : signaler un message',
    path: async (site) => `/contributions/messages/${await publishedMessage(site)}/signaler`,
    as: ['member'],
  },
  { name: 'Contributions : charte', path: '/participation/charte' },
  { name: 'Contributions : mon pseudonyme', path: '/participation/pseudonyme', as: ['member'] },
  { name: 'Contributions : file de modération', path: '/moderation', as: ['editor', 'coordinator'] },
  { name: 'Contributions : termes refusés d’office', path: '/moderation/mots', as: ['coordinator'] },
  {
    name: 'Contributions : terme refusé (champ vide)',
    path: '/moderation/mots',
    as: ['coordinator'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Ajouter' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
];
