/**
 * The organisations pages checked in a real browser (test/e2e/page-suite.ts): one entry per page TYPE, with the
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
    name: 'collectivités avec des fiches publiées, par nombre de fiches',
    path: '/collectivites?fiches=avec&tri=fiches',
    as: ['visitor', 'member'],
  },
  { name: 'collectivités avec des fiches : aucun résultat', path: '/collectivites?q=zzzzqx&fiches=avec' },
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
  ...contactAndNetworkPages(),
];

/** The first network of the site (the reference networks are seeded on every site). */
async function firstNetwork(site: E2eSite): Promise<number> {
  const [network] = await api(site).ensureReferenceNetworks();
  if (!network) throw new Error('aucun réseau sur le site de test');
  return network.id;
}

/** A contact of the authority `persona` sees (one is added when it has none). */
async function contactOf(site: E2eSite, persona: Persona): Promise<string> {
  const org = Number(await organisationOf(site, persona));
  const [first] = (await api(site).contactsOf([org])).get(org) ?? [];
  const id =
    first?.id ??
    (await api(site).addContact(org, {
      name: 'Dominique Exemple',
      function: 'Chargée de mission numérique',
      email: `dominique.exemple.${org}@exemple.fr`,
      phone: null,
    }));
  return `/collectivites/${org}/contacts/${id}/modifier`;
}

/** Submits the first form whose action ends with `suffix`, after filling fields, without the browser's checks. */
function submitWith(suffix: string, fields: Record<string, string> = {}) {
  return async (page: Page) => {
    for (const [name, value] of Object.entries(fields)) await page.fill(`[name="${name}"]`, value);
    await Promise.all([
      page.waitForNavigation(),
      page
        .locator(`form[action$="${suffix}"]`)
        .first()
        .evaluate((form: HTMLFormElement) => {
          form.noValidate = true;
          form.requestSubmit();
        }),
    ]);
  };
}

/** Contacts, networks and the edit page (issue 9). */
function contactAndNetworkPages(): E2ePage[] {
  return [
    {
      name: 'contacts d’une collectivité',
      path: async (site, p) => `/collectivites/${await organisationOf(site, p)}/contacts`,
      as: ['editor', 'coordinator'],
    },
    {
      name: 'contacts : ajout avec erreurs',
      path: async (site, p) => `/collectivites/${await organisationOf(site, p)}/contacts`,
      as: ['editor'],
      act: submitWith('/contacts', { email: 'pas-une-adresse' }),
    },
    { name: 'modification d’un contact', path: contactOf, as: ['coordinator'] },
    { name: 'import de contacts', path: '/collectivites/contacts/import', as: ['coordinator'] },
    {
      name: 'import de contacts sans fichier',
      path: '/collectivites/contacts/import',
      as: ['coordinator'],
      act: submitWith('/collectivites/contacts/import'),
    },
    { name: 'réseaux', path: '/reseaux', as: ['visitor', 'coordinator'] },
    {
      name: 'page d’un réseau',
      path: async (site) => `/reseaux/${await firstNetwork(site)}`,
      as: ['visitor', 'coordinator'],
    },
    {
      name: 'ajout d’un membre de réseau avec erreurs',
      path: async (site) => `/reseaux/${await firstNetwork(site)}`,
      as: ['coordinator'],
      act: submitWith('/membres', { ref: '00000' }),
    },
    {
      name: 'import des membres d’un réseau',
      path: async (site) => `/reseaux/${await firstNetwork(site)}/import`,
      as: ['coordinator'],
    },
    {
      name: 'modification de la fiche d’une collectivité',
      path: async (site, p) => `/collectivites/${await organisationOf(site, p)}/modifier`,
      as: ['editor', 'coordinator'],
    },
    {
      name: 'modification de la fiche avec erreurs',
      path: async (site, p) => `/collectivites/${await organisationOf(site, p)}/modifier`,
      as: ['editor'],
      act: submitWith('/modifier', { siret: '123', website: 'pas un site' }),
    },
  ];
}
