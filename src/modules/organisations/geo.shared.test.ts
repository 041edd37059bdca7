import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { describeSharedData, sharedDataFile } from '../../../test/helpers/shared-data.ts';
import { type GeoOrganisation, loadGeography } from './geo.ts';
import { sirenOfSiret, validateSiret } from './model.ts';

// The real Interconnectés public file (../shared/data) against the geographic code: geo.test.ts checks the same on
// our fixture.
describeSharedData('geographic code and the real Interconnectés file', () => {
  let rows: GeoOrganisation[] = [];
  before(async () => {
    rows = await loadGeography();
  });

  it('finds the authorities behind the real SIRETs of the Interconnectés library', () => {
    const bySiren = new Map(rows.filter((r) => r.siren).map((r) => [r.siren, r]));
    const data = parse(readFileSync(sharedDataFile('interconnectes/data.csv')), { columns: true }) as Record<
      string,
      string
    >[];
    const found = (siret: string) => bySiren.get(sirenOfSiret(siret))?.name;
    assert.equal(found('20004697700019'), 'Métropole de Lyon');
    assert.equal(found('21750001600019'), 'Paris');
    assert.equal(found('243 500 139 00189'), 'Rennes Métropole');
    // Every valid SIRET of a commune or EPCI in that file belongs to a loaded authority.
    for (const r of data) {
      if (!validateSiret(r.SIRET).ok) continue;
      if (/Département|Région|Syndicat/.test(r.Nom_collectivite)) continue;
      assert.ok(found(r.SIRET), `${r.Nom_collectivite} (${r.SIRET})`);
    }
  });
});
