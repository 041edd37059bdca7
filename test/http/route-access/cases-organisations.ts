/** Route × role cases of authorities' contacts, networks and edit page (issue 9). */
import type { OrganisationsApi } from '../../../src/modules/organisations/index.ts';
import type { Case } from './cases.ts';
import type { World } from './world.ts';

const STALE = '999999';
const memo = new WeakMap<World, Map<string, Promise<number>>>();
function once(w: World, key: string, make: () => Promise<number>): Promise<number> {
  let m = memo.get(w);
  if (!m) {
    m = new Map();
    memo.set(w, m);
  }
  if (!m.has(key)) m.set(key, make());
  return m.get(key)!;
}

const api = (w: World) => w.app.server.modules.api('organisations') as OrganisationsApi;
let counter = 0;
const freshContact = (w: World) =>
  api(w).addContact(w.orgA, {
    name: 'Contact de test',
    function: '',
    email: `contact-${++counter}-${Date.now().toString(36)}@a.fr`,
    phone: null,
  });
const contact = (w: World) => once(w, 'contact', () => freshContact(w));
const network = (w: World) => once(w, 'network', async () => (await api(w).ensureReferenceNetworks())[0]!.id);
const noFile = { multipart: { fields: { dryRun: '1' } } };

export const ORGANISATIONS_CASES: Record<string, Case> = {
  // -- contacts -------------------------------------------------------------------------------------------------
  'GET /collectivites/:id/contacts': {
    module: 'organisations',
    request: (w) => ({ url: `/collectivites/${w.orgA}/contacts` }),
  },
  'POST /collectivites/:id/contacts': {
    module: 'organisations',
    phase: 1,
    // No name nor address: refused on the content (422) once authorised.
    request: (w) => ({ method: 'POST', url: `/collectivites/${w.orgA}/contacts`, form: { name: '', email: '' } }),
  },
  'GET /collectivites/:id/contacts/:contactId/modifier': {
    module: 'organisations',
    request: async (w) => ({ url: `/collectivites/${w.orgA}/contacts/${await contact(w)}/modifier` }),
  },
  'POST /collectivites/:id/contacts/:contactId/modifier': {
    module: 'organisations',
    phase: 1,
    request: async (w) => ({
      method: 'POST',
      url: `/collectivites/${w.orgA}/contacts/${await contact(w)}/modifier`,
      form: { version: STALE, name: '', email: 'pas-une-adresse' },
    }),
  },
  'POST /collectivites/:id/contacts/:contactId/supprimer': {
    module: 'organisations',
    phase: 2,
    request: async (w) => ({
      method: 'POST',
      url: `/collectivites/${w.orgA}/contacts/${await freshContact(w)}/supprimer`,
    }),
  },
  'GET /collectivites/contacts/import': {
    module: 'organisations',
    request: () => ({ url: '/collectivites/contacts/import' }),
  },
  'POST /collectivites/contacts/import': {
    module: 'organisations',
    phase: 1,
    // No file: refused on the content (422) once authorised.
    request: () => ({ method: 'POST', url: '/collectivites/contacts/import', ...noFile }),
  },
  'GET /collectivites/contacts.csv': {
    module: 'organisations',
    request: () => ({ url: '/collectivites/contacts.csv' }),
  },
  // -- the authority's edit page ---------------------------------------------------------------------------------
  'GET /collectivites/:id/modifier': {
    module: 'organisations',
    request: (w) => ({ url: `/collectivites/${w.orgA}/modifier` }),
  },
  'POST /collectivites/:id/modifier': {
    module: 'organisations',
    phase: 1,
    // A SIRET with letters: refused on the content (422) once authorised, before the (stale) version is compared.
    request: (w) => ({
      method: 'POST',
      url: `/collectivites/${w.orgA}/modifier`,
      form: { version: STALE, siret: 'abc' },
    }),
  },
  // -- networks --------------------------------------------------------------------------------------------------
  'GET /reseaux': { module: 'organisations', request: () => ({ url: '/reseaux' }) },
  'GET /reseaux/:id': {
    module: 'organisations',
    request: async (w) => ({ url: `/reseaux/${await network(w)}` }),
  },
  'POST /reseaux/:id/membres': {
    module: 'organisations',
    phase: 1,
    request: async (w) => ({ method: 'POST', url: `/reseaux/${await network(w)}/membres`, form: { ref: '' } }),
  },
  'POST /reseaux/:id/membres/:organisationId/retirer': {
    module: 'organisations',
    phase: 1,
    // B is not a member: removing it changes nothing.
    request: async (w) => ({ method: 'POST', url: `/reseaux/${await network(w)}/membres/${w.orgB}/retirer` }),
  },
  'GET /reseaux/:id/import': {
    module: 'organisations',
    request: async (w) => ({ url: `/reseaux/${await network(w)}/import` }),
  },
  'POST /reseaux/:id/import': {
    module: 'organisations',
    phase: 1,
    request: async (w) => ({ method: 'POST', url: `/reseaux/${await network(w)}/import`, ...noFile }),
  },
  'POST /reseaux/:id/coordinateurs': {
    module: 'organisations',
    phase: 1,
    request: async (w) => ({ method: 'POST', url: `/reseaux/${await network(w)}/coordinateurs`, form: { userId: '' } }),
  },
  'POST /reseaux/:id/coordinateurs/:userId/retirer': {
    module: 'organisations',
    phase: 1,
    // Someone who does not coordinate the network: nothing changes.
    request: async (w) => ({
      method: 'POST',
      url: `/reseaux/${await network(w)}/coordinateurs/${w.bystander.id}/retirer`,
    }),
  },
};
