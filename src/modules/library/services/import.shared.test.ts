// The same imports and exports as import.http.test.ts, with the real public files of ../shared/data (Interconnectés:
// 33 use cases; PSTW: 1,617).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import { describeSharedData, sharedDataFile } from '../../../../test/helpers/shared-data.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { validateSiret } from '../../organisations/index.ts';
import { FIELDS } from '../fields.ts';
import { parseCsv } from '../formats/csv.ts';
import { parsePstw } from '../formats/pstw.ts';
import { assertForeignBody, everything, libraryOf, person, publishUseCase, rejects } from '../test-support.ts';

const data = (path: string) => readFileSync(sharedDataFile(path));

describeSharedData('library: imports and open data (real files)', () => {
  describeEachApp('library: imports and open data (real files)', (app) => {
    let member: CurrentUser;
    let admin: CurrentUser;
    const library = () => libraryOf(app());

    test('setup', async () => {
      const orgId = await app().createOrganisation({ name: 'Ville de Lumière', type: 'commune' });
      member = await person(app(), 'agent@lumiere.fr', 'user', [orgId]);
      admin = await person(app(), 'admin@reseau.fr', 'admin');
      const coordinator = await person(app(), 'coord@reseau.fr', 'coordinator');
      await publishUseCase(library(), member, coordinator, 'Détection des fuites d’eau', { marker: 'w1' });
    });

    test('imports the Interconnectés file (idempotent) and exports the same values', async () => {
      const imports = library().imports;
      const file = data('interconnectes/data.csv');
      await rejects(imports.importFile(member, { format: 'interconnectes', data: file }), 403);
      const dry = await imports.importFile(admin, { format: 'interconnectes', data: file, dryRun: true });
      assert.equal(dry.created, 33);
      assert.equal((await library().search.query(null, { ...everything('Stacoptim'), perPage: 5 })).total, 0);

      const first = await imports.importFile(admin, { format: 'interconnectes', data: file });
      assert.deepEqual([first.created, first.updated, first.errors.length], [33, 0, 0]);
      assert.ok(first.organisationsCreated > 20);
      const again = await imports.importFile(admin, { format: 'interconnectes', data: file });
      assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 33]);
      const found = await library().search.query(null, { ...everything('Stacoptim'), perPage: 5 });
      assert.equal(found.total, 1);
      assert.equal(found.items[0]!.useCase.organisation.name, 'Bordeaux Métropole');

      const exported = await library().openData.exportFile('interconnectes');
      const rows = parseCsv(String(exported.body)).records;
      const original = parseCsv(file.toString('utf8')).records;
      const byName = new Map(rows.slice(1).map((r) => [r.fields[1], r.fields]));
      for (const o of original.slice(1)) {
        const row = byName.get(o.fields[1]!.trim());
        assert.ok(row, `ligne ${o.line} exportée`);
        assert.equal(row[9], o.fields[9]!.replace(/\r\n/g, '\n').trim(), `description ligne ${o.line}`);
        // A SIRET that fails its check digit is not kept: the row went to the authority of that name, whose SIRET
        // is written (the file's three « Toulouse Métropole » rows).
        const given = o.fields[2]!.replace(/\s/g, '');
        if (validateSiret(given).ok) assert.equal(row[2], given);
        else assert.ok(validateSiret(row[2]!).ok, `SIRET valide écrit pour la ligne ${o.line}`);
      }
    });

    test('exports JSON, XLSX, ATS and an Atom feed with public fields only', async () => {
      for (const format of ['json', 'ats', 'xlsx', 'interconnectes'] as const) {
        const file = await library().openData.exportFile(format);
        // Every published sheet, in every format (the Interconnectés file writes the best identifier known).
        assert.equal(file.count, 34, format);
        const text = Buffer.isBuffer(file.body) ? file.body.toString('latin1') : file.body;
        for (const f of FIELDS)
          if (f.access !== 'public') assert.ok(!text.includes(`w1:${f.key}`), `${format} : ${f.key}`);
      }
      const feed = await library().openData.feed();
      assert.match(feed, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
      assert.ok(!feed.includes('w1:contactName'));
    });

    test('statistics count the published use cases by facet', async () => {
      const stats = await library().search.statistics();
      assert.equal(stats.total, 34);
      assert.equal(
        stats.theme.reduce((s, t) => s + t.count, 0),
        34,
      );
      assert.ok(stats.status.some((s) => s.code === 'finished' && s.count >= 5));
    });

    test('imports the PSTW file once: foreign bodies keep their country, under the organisations module’s code', async () => {
      const file = data('pstw/landscape-2024.csv');
      const first = await library().imports.importFile(admin, { format: 'pstw', data: file });
      assert.deepEqual(first.errors, []);
      assert.equal(first.created, 1617);
      assert.ok(first.organisationsCreated > 100);
      const again = await library().imports.importFile(admin, { format: 'pstw', data: file });
      assert.deepEqual([again.created, again.organisationsCreated], [0, 0]);
      await assertForeignBody(app, parsePstw(file).records);
    });
  });
});
