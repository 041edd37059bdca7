/**
 * Meetings' pages checked in a real browser (test/e2e/page-suite.ts), on the site seeded with the demo content
 * (seed.ts): the agenda, a past meeting with its minutes, the upcoming one (registration form, full with a waiting
 * list), a refused registration, the meeting form and its errors, the minutes editor and history, « Mon agenda ».
 */
import type { E2ePage, E2eSite } from '../../platform/module.ts';
import './tables.ts';

async function meetingId(site: E2eSite, upcoming: boolean): Promise<number> {
  const now = new Date().toISOString();
  const row = await site.db
    .selectFrom('meetings')
    .select(['id', 'group_id'])
    .where('starts_at', upcoming ? '>' : '<', now)
    .orderBy('starts_at', upcoming ? 'asc' : 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function groupOf(site: E2eSite, id: number): Promise<number> {
  const row = await site.db.selectFrom('meetings').select('group_id').where('id', '=', id).executeTakeFirstOrThrow();
  return Number(row.group_id);
}

export const meetingsE2ePages: E2ePage[] = [
  { name: 'Réunions : agenda du réseau', path: '/agenda', as: ['visitor', 'member'] },
  {
    name: 'Réunions : réunion passée avec son compte rendu',
    path: async (site) => `/reunions/${await meetingId(site, false)}`,
    as: ['visitor', 'coordinator'],
  },
  {
    name: 'Réunions : réunion à venir (inscription, liste d’attente)',
    path: async (site) => `/reunions/${await meetingId(site, true)}`,
    as: ['visitor', 'member'],
  },
  {
    name: 'Réunions : inscription refusée (choix manquant)',
    path: async (site) => `/reunions/${await meetingId(site, true)}`,
    as: ['member'],
    act: async (page) => {
      await page
        .locator('input[name="mode"]')
        .first()
        .evaluate((el) => {
          for (const input of document.querySelectorAll<HTMLInputElement>('input[name="mode"]')) input.checked = false;
          void el;
        });
      await page.getByRole('button', { name: /M’inscrire/ }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
  {
    name: 'Réunions : nouvelle réunion (formulaire)',
    path: async (site) => `/groupes/${await groupOf(site, await meetingId(site, true))}/reunions/nouvelle`,
    as: ['coordinator'],
  },
  {
    name: 'Réunions : formulaire refusé (erreurs des champs)',
    path: async (site) => `/groupes/${await groupOf(site, await meetingId(site, true))}/reunions/nouvelle`,
    as: ['coordinator'],
    act: async (page) => {
      await page.getByRole('button', { name: 'Enregistrer et envoyer les invitations' }).click();
      await page.waitForSelector('[data-error-summary]');
    },
  },
  {
    name: 'Réunions : éditeur du compte rendu',
    path: async (site) => `/reunions/${await meetingId(site, false)}/compte-rendu`,
    as: ['coordinator'],
  },
  {
    name: 'Réunions : historique du compte rendu',
    path: async (site) => `/reunions/${await meetingId(site, false)}/compte-rendu/historique`,
  },
  { name: 'Réunions : mon agenda (abonnement, actions)', path: '/mon-agenda', as: ['member', 'editor'] },
];
