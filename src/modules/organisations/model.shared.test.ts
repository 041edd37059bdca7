import { readFileSync } from 'node:fs';
import { describeSharedData, sharedDataFile } from '../../../test/helpers/shared-data.ts';
import { siretValidationCases } from './sirets.cases.ts';

// The real Interconnectés public file (../shared/data): the same case (sirets.cases.ts) as model.test.ts runs on our
// fixture.
describeSharedData('SIREN and SIRET of the real Interconnectés file', () => {
  siretValidationCases({
    csv: readFileSync(sharedDataFile('interconnectes/data.csv')),
    named: 'the real Interconnectés library',
    rows: 33,
    spaced: { atLeast: 5 },
  });
});
