import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import { parseCsv } from '../formats/csv.ts';
import { libraryOf, publishUseCase, readersWorld } from '../test-support.ts';

describeEachApp('library pages: statistics, map, open data, API documentation', (app) => {
  let world: Awaited<ReturnType<typeof readersWorld>>;

  test('setup', async () => {
    world = await readersWorld(app());
  });

  test('statistics and map pages draw charts with their data tables', async () => {
    const stats = await world.anonymous.get('/statistiques');
    assert.match(stats.body, /Fiches par thème/);
    assert.match(stats.body, /<table class="table">/);
    const map = await world.anonymous.get('/carte');
    assert.match(map.body, /Fiches par région/);
    assert.match(map.body, /href="\/bibliotheque\?departement=69"/);
    assert.match(map.body, /Rhône \(69\) : 1 fiche|69/);
  });

  test('open data: Interconnectés CSV with their column names, OpenAPI document, reference lists', async () => {
    const { anonymous } = world;
    const csv = await anonymous.get('/donnees-ouvertes/bibliotheque-ia-interconnectes.csv');
    assert.match(csv.headers['content-disposition'] as string, /attachment/);
    const header = parseCsv(csv.body).records[0]!.fields;
    assert.equal(header[0], 'Nom_collectivite');
    assert.equal(header.length, 16);
    assert.ok(!csv.body.startsWith('\uFEFF'), 'their layout: no byte-order mark, comma');
    assert.equal(parseCsv(csv.body).delimiter, ',');
    const doc = (await anonymous.get('/api/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/use-cases'], 'liste des fiches décrite');
    assert.ok(doc.paths['/api/v1/use-cases/{ref}'], 'fiche décrite');
    const download = doc.paths['/donnees-ouvertes/{file}'];
    assert.ok(download, 'téléchargements décrits');
    assert.ok(
      JSON.stringify(download.get.parameters).includes('separateur'),
      'le paramètre separateur est documenté dans OpenAPI',
    );
    const apiPage = await anonymous.get('/api');
    assert.match(apiPage.body, /\/api\/v1\/use-cases/);
    const lists = (await anonymous.get('/api/v1/reference-lists/themes')).json();
    assert.equal(lists.items.length, 6);
    const page = await anonymous.get('/donnees-ouvertes');
    assert.match(page.body, /Licence Ouverte 2.0/);
    assert.match(page.body, /Nom_du_projet/);
    assert.match(page.body, /separateur=virgule/);
  });

  test('our CSV opens in French Excel: semicolons, byte-order mark, Paris dates, names beside codes, identifiers', async () => {
    const res = await world.anonymous.get('/donnees-ouvertes/bibliotheque-ia.csv');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.startsWith('\uFEFF'), 'byte-order mark');
    const parsed = parseCsv(res.body);
    assert.equal(parsed.delimiter, ';');
    const [header, row] = parsed.records.map((r) => r.fields);
    const cell = (name: string) => row![header!.indexOf(name)];
    for (const name of ['SIREN', 'SIRET', 'Code INSEE', 'Code région', 'Région', 'Code département', 'Département']) {
      assert.ok(header!.includes(name), name);
    }
    assert.equal(cell('Code département'), '69');
    assert.equal(cell('Code région'), '84');
    assert.match(cell('Publiée le')!, /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/, 'date et heure de Paris, pas ISO UTC');
    const machine = await world.anonymous.get('/donnees-ouvertes/bibliotheque-ia.csv?separateur=virgule');
    assert.ok(!machine.body.startsWith('\uFEFF'));
    const m = parseCsv(machine.body);
    assert.equal(m.delimiter, ',');
    const mh = m.records[0]!.fields;
    assert.match(
      m.records[1]!.fields[mh.indexOf('Publiée le')]!,
      /^\d{4}-\d{2}-\d{2}T/,
      'ISO 8601 pour les programmes',
    );
    const refused = await world.anonymous.get('/donnees-ouvertes/bibliotheque-ia.csv?separateur=tabulation');
    assert.equal(refused.statusCode, 400);
  });

  test('the XLSX has typed cells: dates as dates, numbers as numbers', async () => {
    const res = await world.anonymous.get('/donnees-ouvertes/bibliotheque-ia.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Fiches')!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const at = (name: string) => sheet.getRow(2).getCell(header.indexOf(name)).value;
    assert.ok(at('Publiée le') instanceof Date, 'date de publication en date');
    assert.equal(typeof at('Identifiant'), 'number');
    assert.equal(at('Code département'), '69');
  });
});

describeEachApp('open data of a fresh install', (app) => {
  test('with the demo data, the Interconnectés file holds every published sheet and the page says what it holds', async () => {
    await app().server.modules.seed({ demo: true, log: () => {} });
    // One more sheet, of a body with no identifier at all: written too, and listed with why.
    const world = await readersWorld(app());
    await publishUseCase(libraryOf(app()), world.writer, world.reviewer, 'Tri des courriers entrants');
    const published = await app()
      .database.db.selectFrom('use_cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('state', '=', 'published')
      .executeTakeFirstOrThrow();
    const expected = Number(published.n);
    assert.ok(expected >= 3, `des fiches publiées (${expected})`);
    const anonymous = app().agent();
    const csv = await anonymous.get('/donnees-ouvertes/bibliotheque-ia-interconnectes.csv');
    const rows = parseCsv(csv.body).records.slice(1);
    assert.equal(rows.length, expected, 'chaque fiche publiée a sa ligne');
    assert.equal(csv.headers['x-export-rows'], String(expected));
    const report = (await anonymous.get('/donnees-ouvertes/bibliotheque-ia-interconnectes-rapport.json')).json();
    assert.equal(report.published, expected);
    assert.equal(report.written, expected);
    assert.deepEqual(report.skipped, []);
    const lumiere = report.substituted.find((s: { organisation: string }) => s.organisation === 'Ville de Lumière');
    assert.ok(lumiere, 'la ligne sans identifiant est listée');
    assert.equal(lumiere.identifier, 'aucun');
    // Our CSV: the names of the région and département beside their codes (geographic code of a fresh install).
    const ours = parseCsv((await anonymous.get('/donnees-ouvertes/bibliotheque-ia.csv')).body).records.map(
      (r) => r.fields,
    );
    const [header, ...lines] = ours;
    assert.equal(lines.length, expected);
    const named = lines.filter((l) => l[header!.indexOf('Code département')]);
    assert.ok(named.length > 0, 'des fiches avec un département');
    for (const l of named) {
      assert.ok(l[header!.indexOf('Département')], `nom du département ${l[header!.indexOf('Code département')]}`);
      assert.ok(l[header!.indexOf('Région')], 'nom de la région');
    }
    const page = await anonymous.get('/donnees-ouvertes');
    assert.match(page.body, new RegExp(`Le fichier contient les ${expected} fiches publiées`));
    assert.match(page.body, /Ville de Lumière/);
    assert.match(page.body, /Aucun identifiant connu/);
  });
});
