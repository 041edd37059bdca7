import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import { manualClock } from '../../../platform/clock.ts';
import { readersWorld } from '../test-support.ts';

describeEachApp(
  'library pages for readers: filters folded behind « Filtrer », printable summary',
  (app) => {
    let world: Awaited<ReturnType<typeof readersWorld>>;

    test('setup', async () => {
      world = await readersWorld(app());
    });

    test('the filters come folded behind « Filtrer (n) », n being the filters applied', async () => {
      const page = await world.anonymous.get('/bibliotheque');
      assert.match(
        page.body,
        /<details class="facets-panel">\s*<summary class="button button-secondary">\s*<span id="filters-title">Filtrer<\/span>\s*<\/summary>/,
      );
      assert.match(page.body, /data-auto-submit=/);
      const filtered = await world.anonymous.get('/bibliotheque?statut=deployment');
      assert.match(filtered.body, /<span id="filters-title">Filtrer<\/span> \(1\)/);
    });

    test('a search that finds nothing shows no orphan « Appliquer les filtres » button', async () => {
      const page = await world.anonymous.get('/bibliotheque?q=zzzzqqqq');
      assert.match(page.body, /Aucune fiche ne correspond/);
      assert.doesNotMatch(page.body, /Appliquer les filtres/);
      const all = await world.anonymous.get('/bibliotheque');
      assert.match(all.body, /Appliquer les filtres/);
    });

    test('a sheet has a printable summary in the order of a public-algorithm notice, as its reader may see it', async () => {
      const sheet = await world.anonymous.get(world.published.path);
      assert.match(sheet.body, new RegExp(`href="${world.published.path}/synthese"`));
      const summary = await world.anonymous.get(`${world.published.path}/synthese`);
      assert.equal(summary.statusCode, 200);
      assert.match(summary.body, /<h1>Prévision de la fréquentation des cantines<\/h1>/);
      assert.match(summary.body, /Synthèse de la fiche publiée par Ville de Lumière/);
      assert.match(summary.body, /Le projet/);
      assert.doesNotMatch(summary.body, /Notes internes/, 'aucun champ réservé aux éditeurs');
    });

    test('a draft’s summary is a 404 for visitors, like the draft itself', async () => {
      const missing = await world.anonymous.get('/bibliotheque/999999/synthese');
      assert.equal(missing.statusCode, 404);
    });

    test('a never-published sheet does not announce « Historique des versions publiées (0) »', async () => {
      const page = await world.member.get('/bibliotheque/nouvelle');
      assert.equal(page.statusCode, 200);
      const created = await world.member.post('/bibliotheque/nouvelle', {
        organisationId: String(world.orgId),
        title: 'Analyse des appels au standard',
      });
      const path = String(created.headers.location).replace(/\/modifier\/projet$/, '');
      const draft = await world.member.get(path);
      assert.doesNotMatch(draft.body, /Historique des versions publiées \(0\)/);
      assert.match(draft.body, /Pas encore de version publiée/);

      // A field fixed from the check page: saving goes back to the check page, not to the next step.
      const check = await world.member.get(`${path}/verifier`);
      assert.ok(check.body.includes(`href="${path}/modifier/projet?depuis=verification"`));
      const step = await world.member.get(`${path}/modifier/projet?depuis=verification`);
      assert.match(step.body, /Enregistrer et revenir au récapitulatif/);
      assert.match(step.body, /<input type="hidden" name="depuis" value="verification"/);
      assert.match(step.body, /data-max-length="200"/, 'compteur de caractères sur le nom du projet');
      const version = /name="version" value="(\d+)"/.exec(step.body)![1]!;
      const saved = await world.member.post(`${path}/modifier/projet`, {
        version,
        depuis: 'verification',
        suite: '1',
        title: 'Analyse des appels au standard téléphonique',
      });
      assert.equal(saved.statusCode, 302);
      assert.equal(saved.headers.location, `${path}/verifier`);
    });

    test('statistics: whole labels, bars largest first, and the sheets by month of first publication', async () => {
      const page = await world.anonymous.get('/statistiques');
      assert.equal(page.statusCode, 200);
      const theme = page.body.slice(
        page.body.indexOf('id="stats-theme-title"'),
        page.body.indexOf('id="stats-status-title"'),
      );
      const values = [...theme.matchAll(/<span class="bar-value">([\d\s ]+)<\/span>/g)].map((m) =>
        Number(m[1]!.replace(/\D/g, '')),
      );
      assert.ok(values.length > 0);
      assert.deepEqual(
        values,
        [...values].sort((a, b) => b - a),
        'barres de la plus grande à la plus petite',
      );
      assert.doesNotMatch(page.body, /class="bar-label">[^<]*…</, 'aucun libellé tronqué');
      assert.match(page.body, /Fiches par mois de première publication/);
      assert.match(page.body, /<span class="bar-label">mars 2026<\/span>/);
    });
  },
  {},
  { clock: () => manualClock('2026-03-10T09:00:00Z') },
);
