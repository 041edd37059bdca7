/**
 * The organisations pages checked in a real browser (test/e2e/pages.test.ts): one entry per page TYPE, with the
 * error states worth seeing. Pages that need an authority find one through the module's api on the demo site.
 */
import type { Page } from 'playwright-core';
import type { E2ePage, E2eSite, Persona } from '../../platform/module.ts';
import type { OrganisationsApi } from './index.ts';

const everyone: Persona[] = ['visitor', 'member', 'editor', 'coordinator', 'admin'];

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

const api = (site: E2eSite) => site.api('organisations') as OrganisationsApi;

/** The id of an authority `persona` belongs to (member or editor), or of any authority for the others. */
async function organisationOf(site: E2eSite, persona: Persona): Promise<string> {
  if (persona === 'member' || persona === 'editor') {
    const { id } = await site.persona(persona);
    const roles = await api(site).activeRolesOfUser(id);
    const mine = roles.find((m) => m.role === persona);
    if (!mine) throw new Error(`la personne de démonstration « ${persona} » n'est ${persona} d'aucune collectivité`);
    return String(mine.organisationId);
  }
  const { rows } = await api(site).list({}, { limit: 1, offset: 0 });
  if (!rows[0]) throw new Error('aucune collectivité sur le site de test');
  return String(rows[0].id);
}

export const organisationsE2ePages: E2ePage[] = [
  { name: 'collectivités', path: '/collectivites', as: ['visitor', 'coordinator'] },
  { name: 'recherche de collectivités', path: '/collectivites?q=lyon' },
  {
    name: "page d'une collectivité",
    path: async (site, p) => `/collectivites/${await organisationOf(site, p)}`,
    as: everyone,
  },
  { name: 'rejoindre ma collectivité', path: '/collectivites/rejoindre', as: ['member'] },
  { name: 'rejoindre : résultats sans JavaScript', path: '/collectivites/rejoindre?q=saint', as: ['member'] },
  {
    name: "demande d'adhésion",
    // A région: the demo member belongs to a commune only.
    path: async (site) => {
      const { rows } = await api(site).list({ type: 'region' }, { limit: 1, offset: 0 });
      if (!rows[0]) throw new Error('aucune région sur le site de test');
      return `/collectivites/${rows[0].id}/rejoindre`;
    },
    as: ['member'],
  },
  {
    name: 'membres de la collectivité',
    path: async (site, p) => `/collectivites/${await organisationOf(site, p)}/membres`,
    as: ['editor', 'coordinator'],
  },
  { name: "demandes d'adhésion en attente", path: '/collectivites/demandes', as: ['editor', 'coordinator'] },
  { name: 'ajout d’un organisme', path: '/admin/collectivites/nouvelle', as: ['admin'] },
  {
    name: 'ajout d’un organisme avec erreurs',
    path: '/admin/collectivites/nouvelle',
    as: ['admin'],
    act: submitEmpty('/admin/collectivites/nouvelle'),
  },
];
