import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import { libraryOf, publishUseCase, readersWorld } from '../test-support.ts';

const count = (body: string, pattern: RegExp) => body.match(pattern)?.length ?? 0;

describeEachApp('the map page: outlines of France, choropleths, authorities and projects placed', (app) => {
  let world: Awaited<ReturnType<typeof readersWorld>>;

  test('setup', async () => {
    world = await readersWorld(app());
  });

  test('draws every département, overseas included, with their outline and the source credited', async () => {
    const page = await world.anonymous.get('/carte');
    assert.equal(page.statusCode, 200);
    const byDepartement = page.body.slice(
      page.body.indexOf('id="map-deps-title"'),
      page.body.indexOf('id="collectivites"'),
    );
    assert.equal(count(byDepartement, /<a href="\/bibliotheque\?departement=/g), 101, 'un lien par département');
    assert.match(byDepartement, /<path d="M[\d.]+ [\d.]+L/);
    for (const name of ['Guadeloupe', 'Martinique', 'Guyane', 'La Réunion', 'Mayotte'])
      assert.match(page.body, new RegExp(name));
    assert.match(page.body, /svg-maps \(licence CC BY 4\.0\)/);
  });

  test('colours areas by their count, with one link per région and a legend', async () => {
    const page = await world.anonymous.get('/carte');
    const byRegion = page.body.slice(
      page.body.indexOf('id="map-regions-title"'),
      page.body.indexOf('id="departements"'),
    );
    assert.equal(
      count(byRegion, /<a href="\/bibliotheque\?region=/g),
      18,
      'une zone cliquable par région (13 + 5 outre-mer)',
    );
    assert.match(byRegion, /aria-label="Auvergne-Rhône-Alpes : 1 fiche"/);
    assert.match(byRegion, /class="area area-c1"/, 'la région qui a une fiche est colorée');
    assert.match(byRegion, /aucune fiche/);
  });

  test('places an authority without coordinates at its chef-lieu, and a project with its own point', async () => {
    let page = await world.anonymous.get('/carte');
    assert.match(page.body, /aria-label="Ville de Lumière : 1 fiche"/);
    assert.match(page.body, /<td>chef-lieu<\/td>/);
    await publishUseCase(libraryOf(app()), world.writer, world.reviewer, 'Comptage des vélos sur les quais', {
      marker: 'map1',
      content: { latitude: 45.76, longitude: 4.84 },
    });
    page = await world.anonymous.get('/carte');
    assert.match(page.body, /aria-label="Ville de Lumière : 2 fiches"/);
    assert.match(page.body, /Comptage des vélos sur les quais \(position indiquée sur la fiche\)/);
    assert.match(page.body, /class="point point-own"/);
  });
});
