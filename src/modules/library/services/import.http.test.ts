import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import { fixtureBytes } from '../../../../test/helpers/fixtures.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { FIELDS } from '../fields.ts';
import { parseCsv } from '../formats/csv.ts';
import { parsePstw } from '../formats/pstw.ts';
import { assertForeignBody, everything, libraryOf, person, publishUseCase, rejects } from '../test-support.ts';

const interconnectes = () => fixtureBytes('interconnectes/data.csv');
const pstw = () => fixtureBytes('pstw/landscape.csv');

describeEachApp('library: imports and open data (our fixtures)', (app) => {
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
    await rejects(imports.importFile(member, { format: 'interconnectes', data: interconnectes() }), 403);
    const dry = await imports.importFile(admin, { format: 'interconnectes', data: interconnectes(), dryRun: true });
    assert.equal(dry.created, 8);
    assert.equal((await library().search.query(null, everything('Thermographie'))).total, 0);

    const first = await imports.importFile(admin, { format: 'interconnectes', data: interconnectes() });
    assert.deepEqual([first.created, first.updated, first.errors.length], [8, 0, 0]);
    assert.equal(first.organisationsCreated + first.organisationsMatched, 8);
    const again = await imports.importFile(admin, { format: 'interconnectes', data: interconnectes() });
    assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 8]);
    const found = await library().search.query(null, everything('Thermographie'));
    assert.equal(found.total, 1);
    assert.equal(found.items[0]!.useCase.organisation.name, 'Bordeaux Métropole');

    const file = await library().openData.exportFile('interconnectes');
    const rows = parseCsv(String(file.body)).records;
    const original = parseCsv(interconnectes().toString('utf8')).records;
    const byName = new Map(rows.slice(1).map((r) => [r.fields[1], r.fields]));
    for (const o of original.slice(1)) {
      const exported = byName.get(o.fields[1]!.trim());
      assert.ok(exported, `ligne ${o.line} exportée`);
      assert.equal(exported[9], o.fields[9]!.replace(/\r\n/g, '\n').trim(), `description ligne ${o.line}`);
      assert.equal(exported[2], o.fields[2]!.replace(/\s/g, ''));
    }
  });

  test('a file with errors changes nothing', async () => {
    const before = await library().search.statistics();
    const bad = 'Nom_collectivite,Nom_du_projet,SIRET\nVille A,Projet A,21750001600019\nVille B,,123\n';
    const report = await library().imports.importFile(admin, { format: 'interconnectes', data: bad });
    assert.equal(report.errors.length, 2);
    assert.equal(report.created, 0);
    assert.equal((await library().search.statistics()).total, before.total);
  });

  test('exports JSON, XLSX, ATS and an Atom feed with public fields only', async () => {
    for (const format of ['json', 'ats', 'xlsx', 'interconnectes'] as const) {
      const file = await library().openData.exportFile(format);
      // Every published sheet, in every format (the Interconnectés file writes the best identifier known).
      assert.equal(file.count, 9, format);
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
    assert.equal(stats.total, 9);
    assert.equal(
      stats.theme.reduce((s, t) => s + t.count, 0),
      9,
    );
    assert.ok(stats.status.some((s) => s.code === 'finished' && s.count >= 1));
  });

  test('imports the PSTW file once: foreign bodies keep their country, as bodies of the organisations module', async () => {
    const first = await library().imports.importFile(admin, { format: 'pstw', data: pstw() });
    assert.deepEqual(first.errors, []);
    assert.equal(first.created, 6);
    assert.ok(first.organisationsCreated >= 3);
    const again = await library().imports.importFile(admin, { format: 'pstw', data: pstw() });
    assert.deepEqual([again.created, again.organisationsCreated], [0, 0]);
    await assertForeignBody(app, parsePstw(pstw()).records);
  });
});
