// The field catalogue against the real Interconnectés files (../shared/data): their schema, their two files' headers
// and the access table of their data model. Read when the folder exists, required under CI=true. The cases are
// written once in fields.cases.ts; fields.test.ts runs them on our files in their layouts.
import { readFileSync } from 'node:fs';
import { describeSharedData, sharedDataFile } from '../../../test/helpers/shared-data.ts';
import { interconnectesFieldCases } from './fields.cases.ts';

describeSharedData('field catalogue against the real Interconnectés files', () => {
  interconnectesFieldCases({
    read: (path) => readFileSync(sharedDataFile(path), 'utf8'),
    fullModel: 'interconnectes/beta-full-model.csv',
  });
});
