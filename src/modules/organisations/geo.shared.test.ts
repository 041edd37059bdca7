import { readFileSync } from 'node:fs';
import { before } from 'node:test';
import { describeSharedData, sharedDataFile } from '../../../test/helpers/shared-data.ts';
import { type GeoOrganisation, loadGeography } from './geo.ts';
import { siretGeographyCases } from './sirets.cases.ts';

// The real Interconnectés public file (../shared/data) against the geographic code: the same case (sirets.cases.ts)
// as geo.test.ts runs on our fixture.
describeSharedData('geographic code and the real Interconnectés file', () => {
  let rows: GeoOrganisation[] = [];
  before(async () => {
    rows = await loadGeography();
  });

  siretGeographyCases(
    { csv: readFileSync(sharedDataFile('interconnectes/data.csv')), named: 'the real Interconnectés library' },
    () => rows,
  );
});
