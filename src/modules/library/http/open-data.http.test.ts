import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import { parseCsv } from '../formats/csv.ts';
import { readersWorld } from '../test-support.ts';

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
    const doc = (await anonymous.get('/api/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/use-cases'], 'liste des fiches décrite');
    assert.ok(doc.paths['/api/v1/use-cases/{ref}'], 'fiche décrite');
    const apiPage = await anonymous.get('/api');
    assert.match(apiPage.body, /\/api\/v1\/use-cases/);
    const lists = (await anonymous.get('/api/v1/reference-lists/themes')).json();
    assert.equal(lists.items.length, 6);
    const page = await anonymous.get('/donnees-ouvertes');
    assert.match(page.body, /Licence Ouverte 2.0/);
    assert.match(page.body, /Nom_du_projet/);
  });
});
