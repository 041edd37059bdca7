// The real Interconnectés file (../shared/data): its three « Toulouse Métropole » rows whose SIRET fails its check
// digit find the existing authority (as the geographic code gives it: SIREN, département, no SIRET), which keeps the
// valid SIRET of the other rows; the dry run names them as the real run does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { describeEachApp, type TestApp } from '../../../../test/helpers/app.ts';
import { describeSharedData, sharedDataFile } from '../../../../test/helpers/shared-data.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { NewOrganisation, OrganisationsApi } from '../../organisations/index.ts';
import { readCsvText } from '../formats/csv-reader.ts';
import { libraryOf, person } from '../test-support.ts';

/** An authority as the geographic code gives it (through the organisations api: source « cog », codes, no SIRET). */
function geoOrganisation(app: TestApp, input: NewOrganisation): Promise<number> {
  const organisations = app.server.modules.api('organisations') as Pick<OrganisationsApi, 'createOrganisation'>;
  return organisations.createOrganisation(input);
}

describeSharedData('library imports: the real file’s Toulouse rows', () => {
  describeEachApp('library imports: the real file’s Toulouse rows', (app) => {
    let admin: CurrentUser;
    let toulouseId: number;
    const file = () => readFileSync(sharedDataFile('interconnectes/data.csv'));

    test('setup: Toulouse Métropole as the geographic code gives it', async () => {
      admin = await person(app(), 'admin@reseau.fr', 'admin');
      toulouseId = await geoOrganisation(app(), {
        name: 'Toulouse Métropole',
        type: 'metropole',
        siren: '243100518',
        departementCode: '31',
        regionCode: '76',
        code: 'epci:243100518',
        source: 'cog',
      });
    });

    test('every « Toulouse Métropole » row lands on the existing authority; the bad SIRETs are named, not created', async () => {
      const { rows } = readCsvText(file().toString('utf8'));
      const toulouseLines = rows.filter((r) => r.fields[0] === 'Toulouse Métropole').map((r) => r.line);
      const badLines = rows
        .filter((r) => r.fields[0] === 'Toulouse Métropole' && !r.fields[2]!.startsWith('243100518'))
        .map((r) => r.line);
      assert.equal(badLines.length, 3, 'le fichier réel a trois SIRET faux pour Toulouse Métropole');

      const library = libraryOf(app());
      const dry = await library.imports.importFile(admin, { format: 'interconnectes', data: file(), dryRun: true });
      assert.deepEqual(dry.errors, []);
      const named = (r: typeof dry) =>
        r.approximateMatches.filter((m) => m.matchedName === 'Toulouse Métropole').map((m) => m.line);
      assert.deepEqual(named(dry), badLines);
      assert.ok(!dry.newOrganisations.some((o) => o.name === 'Toulouse Métropole'));

      const real = await library.imports.importFile(admin, { format: 'interconnectes', data: file() });
      assert.deepEqual(named(real), badLines);
      assert.deepEqual(
        [real.created, real.organisationsCreated, real.organisationsMatched],
        [dry.created, dry.organisationsCreated, dry.organisationsMatched],
      );
      const sheets = await app()
        .server.platform.db.selectFrom('use_cases')
        .select(['organisation_id'])
        .where('external_key', 'like', 'interconnectes:24%10051800170:%')
        .execute();
      assert.equal(sheets.length, toulouseLines.length);
      assert.ok(sheets.every((s) => Number(s.organisation_id) === toulouseId));
      const organisations = app().server.modules.api('organisations') as {
        findByIds(ids: number[]): Promise<{ siret: string | null }[]>;
        list(f: { q: string }, p: { limit: number; offset: number }): Promise<{ rows: { name: string }[] }>;
      };
      const [toulouse] = await organisations.findByIds([toulouseId]);
      assert.equal(toulouse!.siret, '24310051800170');
      const same = (await organisations.list({ q: 'Toulouse Métropole' }, { limit: 20, offset: 0 })).rows;
      assert.equal(same.filter((o) => o.name === 'Toulouse Métropole').length, 1);
    });
  });
});
