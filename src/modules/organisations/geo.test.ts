import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fixtureBytes } from '../../../test/helpers/fixtures.ts';
import { buildGeography, decoupageDataDir, type GeoOrganisation, loadGeography, type RawGeography } from './geo.ts';
import { compareForQuery, luhnValid, matchesQuery, parseOrganisationQuery, searchText } from './model.ts';
import { siretGeographyCases } from './sirets.cases.ts';

describe('geographic code loader (real @etalab/decoupage-administratif files)', () => {
  let rows: GeoOrganisation[] = [];
  let byCode = new Map<string, GeoOrganisation>();
  const count = (type: string) => rows.filter((r) => r.type === type).length;
  const get = (code: string) => {
    const row = byCode.get(code);
    assert.ok(row, `${code} is loaded`);
    return row;
  };

  before(async () => {
    rows = await loadGeography();
    byCode = new Map(rows.map((r) => [r.code, r]));
  });

  it('finds the package data folder without depending on the working directory', () => {
    const dir = decoupageDataDir();
    assert.ok(existsSync(join(dir, 'communes.json')), dir);
  });

  it('loads every kind of authority in the expected numbers, with unique codes', () => {
    assert.equal(byCode.size, rows.length);
    assert.ok(count('commune') >= 34_000 && count('commune') <= 35_500, `communes: ${count('commune')}`);
    const epci = ['metropole', 'communaute_urbaine', 'communaute_agglomeration', 'communaute_communes', 'epci'];
    const epciCount = epci.reduce((n, t) => n + count(t), 0);
    assert.ok(epciCount >= 1_200 && epciCount <= 1_300, `EPCI: ${epciCount}`);
    assert.ok(count('metropole') >= 20 && count('metropole') <= 25, `métropoles: ${count('metropole')}`);
    assert.ok(count('communaute_urbaine') >= 10 && count('communaute_urbaine') <= 20);
    assert.ok(count('communaute_agglomeration') >= 200 && count('communaute_agglomeration') <= 260);
    assert.ok(count('communaute_communes') >= 900 && count('communaute_communes') <= 1_050);
    assert.equal(count('departement'), 101);
    assert.equal(count('region'), 18);
  });

  it('gives every row a stable prefixed code matching its INSEE code', () => {
    for (const r of rows) {
      const prefix = r.type === 'commune' || r.type === 'departement' || r.type === 'region' ? r.type : 'epci';
      assert.equal(r.code, `${prefix}:${r.inseeCode}`);
    }
  });

  it('keeps only current communes: no arrondissements, delegated or associated communes', () => {
    assert.equal(byCode.has('commune:75101'), false, 'Paris 1er arrondissement');
    assert.equal(byCode.has('commune:13201'), false, 'Marseille 1er arrondissement');
    assert.equal(byCode.has('commune:01039'), false, 'Béon, commune déléguée');
    assert.equal(byCode.has('commune:01120'), false, 'Cordieux, commune associée');
    // A delegated commune may share its code with its commune nouvelle: the current commune wins.
    assert.equal(get('commune:01015').name, 'Arboys en Bugey');
  });

  it('describes Paris, the commune', () => {
    const paris = get('commune:75056');
    assert.equal(paris.name, 'Paris');
    assert.equal(paris.type, 'commune');
    assert.equal(paris.siren, '217500016');
    assert.ok((paris.population ?? 0) > 2_000_000);
    assert.equal(paris.departementCode, '75');
    assert.equal(paris.regionCode, '11');
    assert.ok(paris.postcodes.includes('75001') && paris.postcodes.includes('75116'));
    assert.equal(paris.epciCode, 'epci:200054781', 'member of the Métropole du Grand Paris');
  });

  it("describes Lyon's métropole, a metropole with its SIREN, in the Rhône and Auvergne-Rhône-Alpes", () => {
    const lyon = get('epci:200046977');
    assert.equal(lyon.name, 'Métropole de Lyon');
    assert.equal(lyon.type, 'metropole');
    assert.equal(lyon.siren, '200046977');
    assert.equal(lyon.departementCode, '69');
    assert.equal(lyon.regionCode, '84');
    assert.ok((lyon.population ?? 0) > 1_300_000);
    assert.equal(get('commune:69123').epciCode, 'epci:200046977');
  });

  it('types EPCI by their nature', () => {
    assert.equal(get('epci:243100518').type, 'metropole'); // Toulouse Métropole
    assert.equal(get('epci:241700434').type, 'communaute_agglomeration'); // CA de La Rochelle
    assert.equal(get('epci:200000172').type, 'communaute_communes'); // CC Faucigny - Glières
    assert.equal(get('epci:200057982').type, 'epci'); // EPT Paris Ouest La Défense
    const cu = rows.find((r) => r.type === 'communaute_urbaine' && r.name.includes('Dunkerque'));
    assert.ok(cu);
  });

  it('places départements and régions, with populations summed from their communes', () => {
    const rhone = get('departement:69');
    assert.equal(rhone.name, 'Rhône');
    assert.equal(rhone.regionCode, '84');
    const idf = get('region:11');
    assert.equal(idf.name, 'Île-de-France');
    assert.ok((idf.population ?? 0) > 12_000_000);
    assert.equal(get('departement:2A').name, 'Corse-du-Sud');
    assert.equal(get('departement:976').regionCode, '06');
    assert.equal(byCode.has('departement:987'), false, 'overseas collectivities are not départements');
  });

  it('keeps communes of the overseas collectivities, without a parent département', () => {
    const papeete = get('commune:98735');
    assert.equal(papeete.name, 'Papeete');
    assert.equal(papeete.departementCode, null);
    assert.equal(papeete.regionCode, null);
  });

  it('links every EPCI and every commune of a département to an existing département and région', () => {
    for (const r of rows) {
      if (r.type === 'region') continue;
      if (r.departementCode === null) {
        assert.equal(r.type, 'commune', r.code);
        continue;
      }
      assert.ok(byCode.has(`departement:${r.departementCode}`), r.code);
      assert.ok(byCode.has(`region:${r.regionCode}`), r.code);
    }
  });

  it('carries valid SIRENs only', () => {
    const withSiren = rows.filter((r) => r.siren);
    assert.ok(withSiren.length > 35_000);
    const invalid = withSiren.filter((r) => !luhnValid(r.siren!));
    assert.deepEqual(invalid, []);
  });

  // Our own file in the layout of the Interconnectés public file (the real one: geo.shared.test.ts).
  siretGeographyCases(
    { csv: fixtureBytes('organisations/sirets.csv'), named: 'a file in the Interconnectés layout' },
    () => rows,
  );

  it('lets the picker rules find real authorities by name, postcode and SIREN', () => {
    const indexed = rows.map((r) => ({ row: r, text: searchText(r) }));
    const search = (typed: string) => {
      const q = parseOrganisationQuery(typed);
      assert.ok(q);
      return indexed
        .filter((r) => matchesQuery(r.text, q))
        .map((r) => r.row)
        .sort(compareForQuery(q))
        .map((r) => r.code);
    };
    assert.equal(search('st etienne')[0], 'commune:42218');
    assert.ok(search('st etienne').includes('epci:244200770'), 'Saint-Étienne Métropole');
    assert.equal(search('69003')[0], 'commune:69123');
    assert.deepEqual(search('216 901 231'), ['commune:69123']);
    assert.equal(search('metropole de lyon')[0], 'epci:200046977');
    // The city and the département of Paris tie on name and population: the commune comes first (by code).
    assert.deepEqual(search('paris').slice(0, 2), ['commune:75056', 'departement:75']);
  });

  it('builds rows from a minimal hand-made file set (pure transform)', () => {
    const raw: RawGeography = {
      regions: [{ code: '84', nom: 'Auvergne-Rhône-Alpes', zone: 'metro' }],
      departements: [{ code: '01', nom: 'Ain', region: '84', zone: 'metro' }],
      communes: [
        {
          code: '01001',
          nom: 'Alpha',
          type: 'commune-actuelle',
          departement: '01',
          region: '84',
          siren: '210100012',
          population: 800,
          codesPostaux: ['01400', '01400'],
        },
        { code: '01002', nom: 'Beta', type: 'commune-deleguee', departement: '01', region: '84' },
      ],
      epci: [
        {
          code: '200000001',
          nom: 'CC Test',
          type: 'CC',
          populationMunicipale: 800,
          membres: [{ code: '01001', nom: 'Alpha', populationMunicipale: 800 }],
        },
      ],
      ept: [],
    };
    const out = buildGeography(raw);
    assert.deepEqual(
      out.map((r) => r.code),
      ['region:84', 'departement:01', 'epci:200000001', 'commune:01001'],
    );
    assert.deepEqual(out[3], {
      code: 'commune:01001',
      name: 'Alpha',
      type: 'commune',
      inseeCode: '01001',
      siren: '210100012',
      population: 800,
      departementCode: '01',
      regionCode: '84',
      postcodes: ['01400'],
      epciCode: 'epci:200000001',
    });
    assert.equal(out[0].population, 800);
    assert.equal(out[2].departementCode, '01');
  });
});
