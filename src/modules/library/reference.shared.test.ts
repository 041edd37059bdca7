// The reference lists against the real schema.json of the Interconnectés (../shared/data): read when the folder
// exists, required under CI=true. The cases are written once in reference.cases.ts; reference.test.ts runs them on
// our copy of its vocabularies.
import { readFileSync } from 'node:fs';
import { describeSharedData, sharedDataFile } from '../../../test/helpers/shared-data.ts';
import { interconnectesSchemaCases } from './reference.cases.ts';

describeSharedData('reference lists against their real schema.json', () => {
  interconnectesSchemaCases(readFileSync(sharedDataFile('interconnectes/schema.json'), 'utf8'));
});
