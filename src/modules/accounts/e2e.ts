/**
 * The accounts pages checked in a real browser (test/e2e/page-suite.ts): one entry per page TYPE, with the error
 * states worth seeing. Pages opened by a one-time link ask the module for one, mailed to the demo member.
 */
import type { Page } from 'playwright-core';
import type { E2ePage, E2eSite } from '../../platform/module.ts';
import type { AccountsApi } from './index.ts';

const signedIn = ['member', 'editor', 'coordinator', 'admin'] as const;

/** Submits the form whose action is `action` without the browser's own validation, to get the server's errors. */
function submitEmpty(action: string) {
  return async (page: Page) => {
    await Promise.all([
      page.waitForNavigation(),
      page.locator(`form[action="${action}"]`).evaluate((form: HTMLFormElement) => {
        form.noValidate = true;
        form.requestSubmit();
      }),
    ]);
  };
}

/** A one-time link mailed by this module to the demo member, as a path. */
async function mailedLink(
  site: E2eSite,
  send: (accounts: AccountsApi, email: string) => Promise<unknown>,
  fragment: string,
): Promise<string> {
  const { email } = await site.persona('member');
  const before = site.outbox().length;
  await send(site.api('accounts') as AccountsApi, email);
  const mail = await site.waitForMail(
    (m) => m.to.includes(email) && site.outbox().length > before && m.text.includes(fragment),
    `contenant ${fragment}`,
  );
  const url = mail.text.match(/https?:\/\/\S+/g)?.find((u) => u.includes(fragment));
  if (!url) throw new Error(`aucun lien contenant « ${fragment} » dans le message « ${mail.subject} »`);
  return new URL(url).pathname + new URL(url).search;
}

export const accountsE2ePages: E2ePage[] = [
  { name: 'accès refusé (403)', path: '/admin', status: 403, as: ['member'] },
  { name: 'création de compte', path: '/inscription' },
  { name: 'création de compte avec erreurs', path: '/inscription', act: submitEmpty('/inscription') },
  { name: 'nouveau lien de confirmation', path: '/inscription/renvoyer' },
  { name: 'connexion', path: '/connexion' },
  { name: 'connexion avec erreurs', path: '/connexion', act: submitEmpty('/connexion') },
  { name: 'demande de lien de connexion', path: '/connexion/lien' },
  { name: 'mot de passe oublié', path: '/mot-de-passe-oublie' },
  {
    name: 'nouveau mot de passe (lien reçu)',
    path: (site) => mailedLink(site, (a, email) => a.requestPasswordReset(email), '/mot-de-passe/nouveau'),
  },
  {
    name: 'connexion par lien (lien reçu)',
    path: (site) => mailedLink(site, (a, email) => a.requestMagicLink(email), '/connexion/lien/utiliser'),
  },
  { name: 'lien expiré (410)', path: '/mot-de-passe/nouveau?jeton=perime', status: 410 },
  { name: 'mon compte', path: '/compte', as: [...signedIn] },
  { name: 'suppression du compte', path: '/compte/supprimer', as: ['member'] },
  { name: 'administration', path: '/admin', as: ['admin'] },
  { name: 'utilisateurs', path: '/admin/utilisateurs', as: ['admin'] },
  {
    name: 'fiche utilisateur',
    path: async (site) => `/admin/utilisateurs/${(await site.persona('editor')).id}`,
    as: ['admin'],
  },
  { name: 'journal des actions', path: '/admin/journal', as: ['admin'] },
  { name: 'courriels envoyés', path: '/admin/courriels', as: ['admin'] },
  {
    name: 'un courriel envoyé',
    path: async (site) => {
      await mailedLink(site, (a, email) => a.requestMagicLink(email), '/connexion/lien/utiliser');
      return `/admin/courriels/${encodeURIComponent(site.outbox()[0]!.id)}`;
    },
    as: ['admin'],
  },
];
