import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureBytes } from '../../../test/helpers/fixtures.ts';
import {
  checkOtherBody,
  compareForQuery,
  foldText,
  formatSiren,
  formatSiret,
  GEOGRAPHIC_TYPES,
  importedBodyCode,
  isOrganisationType,
  isPartnerType,
  luhnValid,
  matchesQuery,
  namedBodyCode,
  nameKey,
  normaliseIdentifier,
  ORGANISATION_TYPE_CODES,
  ORGANISATION_TYPES,
  OTHER_BODY_TYPES,
  organisationContext,
  organisationTypeLabel,
  otherBodyCode,
  PARTNER_TYPES,
  parseOrganisationFilter,
  parseOrganisationQuery,
  relevanceTier,
  searchText,
  sirenOfSiret,
  validateSiren,
  validateSiret,
} from './model.ts';
import { siretValidationCases } from './sirets.cases.ts';

describe('organisation types', () => {
  // The agreed codes, written out here on purpose: they are stored in the database and used in URLs and the API,
  // so the test states them independently of model.ts.
  const geographic = [
    'commune',
    'metropole',
    'communaute_urbaine',
    'communaute_agglomeration',
    'communaute_communes',
    'epci',
    'departement',
    'region',
  ];
  const otherBodies = [
    'syndicat_mixte',
    'operateur',
    'association',
    'etablissement_public',
    'laboratoire_etat',
    'entreprise',
    'autre',
  ];

  it('lists the fifteen agreed codes, each with a French label and plural', () => {
    assert.deepEqual([...ORGANISATION_TYPE_CODES], [...geographic, ...otherBodies]);
    assert.deepEqual(
      ORGANISATION_TYPES.map((t) => t.code),
      [...ORGANISATION_TYPE_CODES],
    );
    for (const t of ORGANISATION_TYPES) {
      assert.ok(t.label.length > 2 && t.plural.length > 2, t.code);
    }
    assert.equal(organisationTypeLabel('communaute_agglomeration'), "Communauté d'agglomération");
    assert.equal(organisationTypeLabel('departement'), 'Département');
  });

  it('splits the types between the geographic code and bodies an administrator creates', () => {
    assert.deepEqual([...GEOGRAPHIC_TYPES], geographic);
    assert.deepEqual([...OTHER_BODY_TYPES], otherBodies);
  });

  it('shows State labs, operators, associations, companies and public establishments as partners', () => {
    assert.deepEqual([...PARTNER_TYPES].sort(), [
      'association',
      'entreprise',
      'etablissement_public',
      'laboratoire_etat',
      'operateur',
    ]);
    assert.equal(isPartnerType('laboratoire_etat'), true);
    assert.equal(isPartnerType('commune'), false);
    assert.equal(isPartnerType('syndicat_mixte'), false, 'a syndicat mixte is a grouping of authorities');
    assert.equal(organisationTypeLabel('laboratoire_etat'), "Laboratoire de l'État");
  });

  it('lets a State lab go without SIREN, but not a company', () => {
    const lab = checkOtherBody({ name: ' Lab  IA ', type: 'laboratoire_etat' });
    assert.deepEqual(lab.ok && { name: lab.value.name, siren: lab.value.siren }, { name: 'Lab IA', siren: null });
    const company = checkOtherBody({ name: 'Société', type: 'entreprise' });
    assert.equal(company.ok, false);
    assert.match(!company.ok ? (company.errors.siren ?? '') : '', /Saisissez le numéro SIREN/);
    assert.equal(
      namedBodyCode('laboratoire_etat', 'Lab IA d’Etalab (DINUM)'),
      'laboratoire_etat:lab-ia-d-etalab-dinum',
    );
  });

  it('recognises only known codes', () => {
    assert.equal(isOrganisationType('metropole'), true);
    assert.equal(isOrganisationType('Metropole'), false);
    assert.equal(isOrganisationType('ville'), false);
    assert.equal(isOrganisationType(undefined), false);
  });
});

describe('SIREN and SIRET', () => {
  it('applies the Luhn check', () => {
    assert.equal(luhnValid('217500016'), true); // Paris
    assert.equal(luhnValid('200046977'), true); // Métropole de Lyon
    assert.equal(luhnValid('217500017'), false);
    assert.equal(luhnValid('21750001600019'), true);
    assert.equal(luhnValid('12a'), false);
  });

  it('removes spaces, non-breaking spaces, dots and hyphens', () => {
    assert.equal(normaliseIdentifier(' 217\u00a0500 016\u202f00019 '), '21750001600019');
    assert.equal(normaliseIdentifier('217.500.016-00019'), '21750001600019');
  });

  it('accepts a valid SIREN and returns it normalised', () => {
    assert.deepEqual(validateSiren('217 500 016'), { ok: true, value: '217500016' });
  });

  it('explains each SIREN failure in French', () => {
    assert.deepEqual(validateSiren('123456789'), {
      ok: false,
      code: 'checksum',
      value: '123456789',
      message: "Le numéro SIREN 123456789 n'est pas valide (clé de contrôle incorrecte).",
    });
    const short = validateSiren('21750001');
    assert.equal(short.ok, false);
    assert.equal(!short.ok && short.code, 'length');
    assert.equal(!short.ok && short.message, 'Le SIREN doit compter 9 chiffres (8 saisis).');
    const one = validateSiren('2');
    assert.equal(!one.ok && one.message, 'Le SIREN doit compter 9 chiffres (1 saisi).');
    const letters = validateSiren('21750O016');
    assert.equal(!letters.ok && letters.code, 'characters');
    assert.equal(
      !letters.ok && letters.message,
      'Le numéro SIREN ne doit contenir que des chiffres (caractère « O » non admis).',
    );
    const empty = validateSiren('   ');
    assert.equal(!empty.ok && empty.code, 'required');
    assert.equal(!empty.ok && empty.message, 'Saisissez le numéro SIREN.');
    const zeros = validateSiren('000000000');
    assert.equal(!zeros.ok && zeros.code, 'checksum');
  });

  it('explains each SIRET failure in French', () => {
    const short = validateSiret('2175000160001');
    assert.equal(!short.ok && short.message, 'Le SIRET doit compter 14 chiffres (13 saisis).');
    const bad = validateSiret('21750001600018');
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.code, 'checksum');
    assert.equal(
      !bad.ok && bad.message,
      "Le numéro SIRET 21750001600018 n'est pas valide (clé de contrôle incorrecte).",
    );
  });

  it('rejects a SIRET whose SIREN part is invalid even when the 14 digits pass Luhn', () => {
    // Build a 14-digit Luhn-valid number on an invalid SIREN.
    const siren = '123456789';
    let siret = '';
    for (let k = 0; k < 100 && !siret; k++) {
      const candidate = `${siren}000${String(k).padStart(2, '0')}`;
      if (luhnValid(candidate)) siret = candidate;
    }
    assert.ok(siret, 'a Luhn-valid SIRET on SIREN 123456789 exists');
    const r = validateSiret(siret);
    assert.equal(!r.ok && r.code, 'siren_checksum');
    assert.match(
      !r.ok ? r.message : '',
      /son SIREN 123456789 \(9 premiers chiffres\) a une clé de contrôle incorrecte/,
    );
  });

  it("accepts La Poste's establishments by the sum-of-digits rule", () => {
    // Head office: passes Luhn.
    assert.equal(validateSiret('356 000 000 00048').ok, true);
    // An establishment: fails Luhn, but its digits add up to 45, a multiple of 5.
    assert.equal(luhnValid('35600000049837'), false);
    assert.equal(validateSiret('35600000049837').ok, true);
    // Digits adding up to 41: refused.
    const r = validateSiret('35600000059841');
    assert.equal(!r.ok && r.code, 'checksum');
    // The exception is La Poste's only: the same digit sum on another SIREN is refused.
    assert.equal(luhnValid('21750001600012'), false);
    assert.equal(validateSiret('21750001600012').ok, false);
  });

  it('formats and extracts identifiers', () => {
    assert.equal(formatSiren('217500016'), '217 500 016');
    assert.equal(formatSiret('21750001600019'), '217 500 016 00019');
    assert.equal(sirenOfSiret('217 500 016 00019'), '217500016');
  });

  siretValidationCases({
    csv: fixtureBytes('organisations/sirets.csv'),
    named: 'a file in the Interconnectés layout',
    rows: 10,
    spaced: { exactly: 3 },
  });
});

describe('search normalisation', () => {
  it('folds case, accents, ligatures, hyphens and apostrophes', () => {
    assert.equal(foldText("L'Haÿ-les-Roses"), 'l hay les roses');
    assert.equal(foldText('Œuilly  —  Côte-d’Or'), 'oeuilly cote d or');
    assert.equal(foldText('ÉCHIROLLES'), 'echirolles');
  });

  it('writes out « st » and « ste » in names', () => {
    assert.equal(nameKey('Saint-Étienne'), 'saint etienne');
    assert.equal(nameKey('St-Étienne'), 'saint etienne');
    assert.equal(nameKey('Ste-Marie'), 'sainte marie');
  });

  it('makes « st etienne » find « Saint-Étienne » and rank it first', () => {
    const q = parseOrganisationQuery('st etienne');
    assert.ok(q);
    const rows = [
      { code: 'commune:76575', name: 'Saint-Étienne-du-Rouvray', population: 28000, postcodes: ['76800'] },
      { code: 'commune:42218', name: 'Saint-Étienne', population: 170000, postcodes: ['42000', '42100'] },
      { code: 'commune:99999', name: 'Étienne-Saint-Martin', population: 10, postcodes: [] },
      { code: 'commune:67482', name: 'Strasbourg', population: 290000, postcodes: ['67000'] },
    ];
    const found = rows.filter((r) => matchesQuery(searchText(r), q)).sort(compareForQuery(q));
    assert.deepEqual(
      found.map((r) => r.name),
      ['Saint-Étienne', 'Saint-Étienne-du-Rouvray', 'Étienne-Saint-Martin'],
    );
    assert.equal(relevanceTier('Saint-Étienne', q), 0);
    assert.equal(relevanceTier('Saint-Étienne-du-Rouvray', q), 1);
  });

  it('keeps « st » as typed too, so typing « Str » does not lose Strasbourg on the way', () => {
    const q = parseOrganisationQuery('st');
    assert.ok(q);
    assert.deepEqual(q.terms, [['saint', 'st']]);
    assert.equal(matchesQuery(searchText({ name: 'Strasbourg' }), q), true);
    assert.equal(matchesQuery(searchText({ name: 'Saint-Malo' }), q), true);
  });

  it('matches word starts only, not the middle of a word', () => {
    const q = parseOrganisationQuery('ville');
    assert.ok(q);
    assert.equal(matchesQuery(searchText({ name: 'Villeurbanne' }), q), true);
    assert.equal(matchesQuery(searchText({ name: 'Abbeville' }), q), false);
  });

  it('finds by postcode, INSEE code and postcode or code prefix', () => {
    const lyon = searchText({
      name: 'Lyon',
      inseeCode: '69123',
      siren: '216901231',
      postcodes: ['69001', '69003'],
    });
    for (const typed of ['69003', '6900', '69123', '216901231', '216 901 231', '21690123100012', 'lyon 69003']) {
      const q = parseOrganisationQuery(typed);
      assert.ok(q, typed);
      assert.equal(matchesQuery(lyon, q), true, typed);
    }
    const ajaccio = searchText({ name: 'Ajaccio', inseeCode: '2A004', postcodes: ['20000'] });
    const q = parseOrganisationQuery('2a004');
    assert.ok(q);
    assert.equal(matchesQuery(ajaccio, q), true);
    const other = parseOrganisationQuery('69004');
    assert.ok(other);
    assert.equal(matchesQuery(lyon, other), false);
  });

  it('reduces a SIRET (typed with or without spaces) to its SIREN', () => {
    assert.deepEqual(parseOrganisationQuery('217 500 016 00019')?.terms, [['217500016']]);
    assert.deepEqual(parseOrganisationQuery('21750001600019')?.terms, [['217500016']]);
  });

  it('finds an EPCI by its written-out kind as well as by its abbreviation', () => {
    const text = searchText({ name: 'CC Faucigny - Glières', siren: '200000172' });
    for (const typed of ['cc faucigny', 'communauté de communes glières', 'Faucigny']) {
      const q = parseOrganisationQuery(typed);
      assert.ok(q);
      assert.equal(matchesQuery(text, q), true, typed);
    }
  });

  it('returns null for a query with nothing searchable', () => {
    assert.equal(parseOrganisationQuery('  '), null);
    assert.equal(parseOrganisationQuery(' - ’ '), null);
  });
});

describe('search text', () => {
  it('puts the name key before a « | », then codes, with spaces around for word-start matching', () => {
    assert.equal(
      searchText({ name: 'CC du Pays de Gex', inseeCode: '200040350', siren: '200040350' }),
      ' cc du pays de gex | communaute de communes 200040350 200040350 ',
    );
    assert.equal(
      searchText({ name: 'Saint-Malo', inseeCode: '35288', siren: '213502883', postcodes: ['35400'] }),
      ' saint malo | 35288 213502883 35400 ',
    );
  });
});

describe('other bodies (administrators)', () => {
  const base = { name: '  Syndicat   des eaux ', type: 'syndicat_mixte' };

  it('accepts a SIREN alone, or a SIRET alone (its SIREN deduced), and normalises the website', () => {
    const bySiren = checkOtherBody({ ...base, siren: '254 300 882', website: 'www.exemple.fr' });
    assert.deepEqual(bySiren, {
      ok: true,
      value: {
        name: 'Syndicat des eaux',
        type: 'syndicat_mixte',
        siren: '254300882',
        siret: null,
        website: 'https://www.exemple.fr/',
        departementCode: null,
        regionCode: null,
      },
    });
    const bySiret = checkOtherBody({ ...base, siret: '25430088200019', departementCode: '43' });
    assert.equal(bySiret.ok && bySiret.value.siren, '254300882');
    assert.equal(bySiret.ok && bySiret.value.siret, '25430088200019');
    assert.equal(bySiret.ok && bySiret.value.departementCode, '43');
  });

  it('reports every problem at once, keyed by field, in French', () => {
    const r = checkOtherBody({
      name: '',
      type: 'commune',
      siren: '12345678',
      siret: '123',
      website: 'pas une adresse',
    });
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.errors, {
      name: "Saisissez le nom de l'organisme.",
      type: 'Les organismes de type « Commune » viennent du code géographique officiel : ils ne se créent pas à la main.',
      siren: 'Le SIREN doit compter 9 chiffres (8 saisis).',
      siret: 'Le SIRET doit compter 14 chiffres (3 saisis).',
      website: "L'adresse du site n'est pas valide (exemple : https://www.exemple.fr).",
    });
  });

  it('requires a SIREN or a SIRET, and a SIRET of that SIREN', () => {
    const none = checkOtherBody(base);
    assert.match(!none.ok ? none.errors.siren! : '', /Saisissez le numéro SIREN \(9 chiffres\) ou/);
    const mismatch = checkOtherBody({ ...base, siren: '217500016', siret: '25430088200019' });
    assert.equal(
      !mismatch.ok && mismatch.errors.siret,
      "Le SIRET 25430088200019 n'appartient pas au SIREN 217500016 : ses 9 premiers chiffres doivent être ceux du SIREN.",
    );
    const unknownType = checkOtherBody({ ...base, type: 'mairie', siren: '254300882' });
    assert.equal(!unknownType.ok && unknownType.errors.type, "Choisissez un type d'organisme dans la liste.");
  });

  it('codes other bodies by their SIREN, imported foreign bodies by country and name', () => {
    assert.equal(otherBodyCode('254300882'), 'other:254300882');
    assert.equal(importedBodyCode({ name: 'Syndicat', siren: '254300882', country: 'FR' }), 'other:254300882');
    assert.equal(
      importedBodyCode({ name: 'Gemeente ’s-Hertogenbosch', country: 'nl' }),
      'import:NL:gemeente-s-hertogenbosch',
    );
  });
});

describe('list filters and labels', () => {
  it('reads the query string leniently, dropping unknown values', () => {
    assert.deepEqual(
      parseOrganisationFilter({
        q: ' lyon ',
        type: 'metropole',
        region: '84',
        departement: '2a',
        tri: 'nom',
        page: '2',
      }),
      { q: 'lyon', type: 'metropole', regionCode: '84', departementCode: '2A', sort: 'nom' },
    );
    assert.deepEqual(parseOrganisationFilter({ type: 'ville', region: 'x', departement: '<script>', tri: 'pop' }), {});
    assert.deepEqual(parseOrganisationFilter({ q: ['a', 'b'] }), {});
  });

  it('describes an organisation by its type and place', () => {
    const divisions = {
      departements: new Map([['69', 'Rhône']]),
      regions: new Map([['84', 'Auvergne-Rhône-Alpes']]),
    };
    assert.equal(
      organisationContext({ type: 'commune', departementCode: '69', regionCode: '84' }, divisions),
      'Commune · Rhône (69)',
    );
    assert.equal(
      organisationContext({ type: 'departement', departementCode: '69', regionCode: '84' }, divisions),
      'Département · Auvergne-Rhône-Alpes',
    );
    assert.equal(organisationContext({ type: 'region', departementCode: null, regionCode: '84' }, divisions), 'Région');
    assert.equal(
      organisationContext({ type: 'association', departementCode: null, regionCode: null }, divisions),
      'Association',
    );
  });
});
