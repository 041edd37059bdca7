// An imported or written sheet reads well: its coordinates on a small map of France (not raw numbers), and links
// checked as their hint says (https:// preferred, http:// accepted).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import { readersWorld } from '../test-support.ts';

describeEachApp('a sheet’s look: position on a map, links as the hint says', (app) => {
  let world: Awaited<ReturnType<typeof readersWorld>>;

  test('setup', async () => {
    world = await readersWorld(app());
  });

  test('the sheet page shows its coordinates as one point on a small map of France, and in words', async () => {
    const sheet = await world.anonymous.get(world.published.path);
    assert.equal(sheet.statusCode, 200);
    const section = /<section class="sheet-section" aria-labelledby="section-location">[\s\S]*?<\/section>/.exec(
      sheet.body,
    );
    assert.ok(section, 'the location section is shown');
    assert.match(section[0], /<figure class="france-map" aria-labelledby="position-fiche-title">/);
    assert.match(section[0], /<figcaption id="position-fiche-title">Emplacement du projet<\/figcaption>/);
    assert.equal((section[0].match(/<circle /g) ?? []).length, 1, 'one point');
    assert.match(section[0], /Coordonnées : latitude 45,764, longitude 4,8357\./);
    assert.doesNotMatch(section[0], /<dt>Latitude<\/dt>|<dt>Longitude<\/dt>/);
  });

  test('words that are no web address (kept as text by the import) are shown as text, never as a link', async () => {
    const db = app().server.platform.db;
    const row = await db
      .selectFrom('use_cases')
      .select('content')
      .where('id', '=', world.published.id)
      .executeTakeFirstOrThrow();
    const content = { ...JSON.parse(String(row.content)), serviceUrl: 'accès interne uniquement' };
    await db
      .updateTable('use_cases')
      .set({ content: JSON.stringify(content) })
      .where('id', '=', world.published.id)
      .execute();
    const sheet = await world.anonymous.get(world.published.path);
    assert.match(sheet.body, /<dt>Lien vers le projet<\/dt><dd><span>accès interne uniquement<\/span><\/dd>/);
    assert.doesNotMatch(sheet.body, /href="accès interne uniquement"/);
  });

  test('the link hint says what is accepted (https:// preferred, http:// accepted), and the form keeps to it', async () => {
    const path = world.published.path;
    const form = await world.member.get(`${path}/modifier/projet`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /commençant de préférence par https:\/\/ \(http:\/\/ est accepté\)/);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const bad = await world.member.post(`${path}/modifier/projet`, {
      version,
      title: 'Prévision de la fréquentation des cantines',
      serviceUrl: 'www cantines prevision',
      suite: '0',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(
      bad.body,
      /Lien vers le projet : saisissez une adresse web complète, commençant par https:\/\/ \(ou http:\/\/\)/,
    );
    assert.match(bad.body, /value="www cantines prevision"/, 'what was typed is kept');
    const good = await world.member.post(`${path}/modifier/projet`, {
      version,
      title: 'Prévision de la fréquentation des cantines',
      serviceUrl: 'http://www.cantines.fr/prevision',
      suite: '0',
    });
    assert.equal(good.statusCode, 302);
  });
});
