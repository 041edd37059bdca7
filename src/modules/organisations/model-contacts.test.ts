// Pure rules of contacts, networks and the authority edit page: validation with French messages, the columns of a
// CSV import, how a row names its authority, French elision of names, and who may do what.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CurrentUser } from '../../platform/auth/user.ts';
import {
  authorityRef,
  isEmail,
  readHeader,
  siretProblem,
  validateContact,
  validateOrganisationFields,
} from './model-contacts.ts';
import {
  canAppointNetworkCoordinators,
  canEditOrganisation,
  canImportContacts,
  canManageContacts,
  canManageNetwork,
} from './policy.ts';

const CONTACT_COLUMNS = ['siren', 'siret', 'insee', 'name', 'function', 'email', 'phone'];

describe('contacts', () => {
  it('keeps a contact trimmed, with its address in lower case and an empty phone as none', () => {
    assert.deepEqual(
      validateContact({
        name: '  Camille   Durand ',
        function: ' DSI ',
        email: ' Camille.Durand@Ville.FR ',
        phone: '',
      }),
      { ok: true, value: { name: 'Camille Durand', function: 'DSI', email: 'camille.durand@ville.fr', phone: null } },
    );
  });

  it('says in French which field is wrong', () => {
    const r = validateContact({ name: '', email: 'camille@ville', phone: '12' });
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.errors, {
      name: 'Saisissez le nom du contact.',
      email: 'L’adresse électronique « camille@ville » n’est pas valide (exemple : prenom.nom@ville.fr).',
      phone: 'Le numéro de téléphone « 12 » doit compter de 6 à 20 chiffres.',
    });
  });

  it('accepts ordinary professional addresses and refuses malformed ones', () => {
    for (const ok of ['a.b@ville.fr', 'dgs+recensement@agglo-sud.fr', 'x@sous.domaine.gouv.fr'])
      assert.ok(isEmail(ok), ok);
    for (const bad of ['', 'a@b', 'a b@ville.fr', 'a@@ville.fr', '<a@ville.fr>', 'a@ville.f'])
      assert.ok(!isEmail(bad), bad);
  });
});

describe('CSV columns', () => {
  it('reads French and English headers, accents and spaces ignored', () => {
    const r = readHeader(['Code INSEE', 'Nom', 'Fonction', 'Courriel', 'Téléphone'], CONTACT_COLUMNS, [
      'name',
      'email',
    ]);
    assert.ok(r.ok);
    assert.deepEqual(r.ok && [...r.columns], [
      ['insee', 0],
      ['name', 1],
      ['function', 2],
      ['email', 3],
      ['phone', 4],
    ]);
  });

  it('names an unknown, a repeated and a missing column, and asks for a way to find the authority', () => {
    const r = readHeader(['Nom', 'Service', 'nom'], CONTACT_COLUMNS, ['name', 'email']);
    assert.deepEqual(!r.ok && r.errors, [
      'colonne « Service » inconnue (colonnes attendues : SIREN, SIRET, code INSEE, nom, fonction, e-mail, téléphone)',
      'colonne « nom » en double',
      'il faut au moins une colonne SIREN, SIRET ou code INSEE pour trouver la collectivité',
      'colonne « e-mail » manquante',
    ]);
  });

  it('finds the authority by SIREN first, then SIRET, then INSEE code, each checked for its length', () => {
    const ref = (cells: Record<string, string>) => authorityRef((c) => cells[c] ?? '');
    assert.deepEqual(ref({ siren: '217 500 016', insee: '75056' }), { ok: true, column: 'siren', value: '217500016' });
    assert.deepEqual(ref({ siret: '217.500.016.00019' }), { ok: true, column: 'siret', value: '21750001600019' });
    assert.deepEqual(ref({ insee: '2a004' }), { ok: true, column: 'insee', value: '2A004' });
    assert.deepEqual(ref({ siren: '21750001' }), { ok: false, message: 'SIREN « 21750001 » : il faut 9 chiffres' });
    assert.deepEqual(ref({ insee: '750' }), {
      ok: false,
      message: 'code INSEE « 750 » : il faut 5 caractères (exemple : 49007)',
    });
    assert.deepEqual(ref({}), {
      ok: false,
      message: 'ni SIREN, ni SIRET, ni code INSEE pour trouver la collectivité',
    });
  });
});

describe('the authority edit page', () => {
  it('keeps a siège SIRET whose control key is right and whose first nine digits are the SIREN', () => {
    assert.equal(siretProblem('217 500 016 00019', '217500016'), null);
    assert.match(siretProblem('21750001600018', '217500016')!, /clé de contrôle incorrecte/);
    assert.equal(
      siretProblem('21310055500019', '217500016'),
      'Le SIRET 21310055500019 n’appartient pas au SIREN 217500016 de cette collectivité : ses 9 premiers chiffres doivent être ceux du SIREN.',
    );
    assert.equal(siretProblem('21310055500019', null), null, 'an authority without SIREN takes any valid SIRET');
  });

  it('clears empty fields and refuses addresses that are not web addresses', () => {
    assert.deepEqual(validateOrganisationFields({ siret: ' ', contactEmail: '', website: '', logoUrl: '' }, null), {
      ok: true,
      value: { siret: null, contactEmail: null, website: null, logoUrl: null },
    });
    const r = validateOrganisationFields({ website: 'javascript:alert(1)', logoUrl: 'www.ville.fr/logo.png' }, null);
    assert.deepEqual(!r.ok && Object.keys(r.errors), ['website', 'logoUrl']);
  });
});

describe('who manages contacts, networks and the authority page', () => {
  const ORG = 10;
  const person = (
    id: number,
    role: CurrentUser['role'],
    memberships: CurrentUser['memberships'] = [],
  ): CurrentUser => ({
    id,
    email: `p${id}@exemple.fr`,
    name: '',
    role,
    memberships,
  });
  const member = person(2, 'user', [{ organisationId: ORG, role: 'member' }]);
  const editor = person(4, 'user', [{ organisationId: ORG, role: 'editor' }]);
  const editorElsewhere = person(3, 'user', [{ organisationId: 99, role: 'editor' }]);
  const coordinator = person(5, 'coordinator');
  const admin = person(6, 'admin');

  it('lets the authority’s editors and the coordinators see and change its contacts and its page', () => {
    for (const can of [canManageContacts, canEditOrganisation]) {
      assert.deepEqual(
        [null, member, editorElsewhere, editor, coordinator, admin].map((a) => can(a, ORG)),
        [false, false, false, true, true, true],
      );
    }
  });

  it('lets only coordinators import contacts and name a network’s coordinators', () => {
    for (const can of [canImportContacts, canAppointNetworkCoordinators]) {
      assert.deepEqual(
        [null, member, editor, coordinator, admin].map((a) => can(a)),
        [false, false, false, true, true],
      );
    }
  });

  it('lets a network’s own coordinators manage its members, besides the site’s coordinators', () => {
    const network = { coordinatorIds: [editorElsewhere.id] };
    assert.deepEqual(
      [null, member, editor, editorElsewhere, coordinator].map((a) => canManageNetwork(a, network)),
      [false, false, false, true, true],
    );
  });
});
