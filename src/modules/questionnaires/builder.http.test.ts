// The coordinators' questionnaire pages over HTTP: access control, the JSON API of published questionnaires, the
// builder (questions, conditions, preview, publication), export and import.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { location, postMultipart, questionnairesOf } from './test-support.ts';

describeEachApp('questionnaires over HTTP: builder and API', (app) => {
  let coordinator: TestAgent;
  let censusId: number;
  let participationId: number;

  before(async () => {
    coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
    [censusId, participationId] = (await questionnairesOf(app()).questionnaires.installCatalogue()) as [number, number];
  });

  describe('access control', () => {
    test('coordination pages need a coordinator', async () => {
      const anonymous = await app().agent().get('/coordination/questionnaires');
      assert.equal(anonymous.statusCode, 302);
      assert.match(location(anonymous), /^\/connexion\?retour=/);
      const member = await app().signedIn({ email: 'membre@exemple.fr' });
      const res = await member.get('/coordination/campagnes');
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /Seuls les coordinateurs du réseau/);
    });

    test('the API lists published questionnaires in our format', async () => {
      const list = await app().agent().get('/api/v1/questionnaires');
      assert.equal(list.statusCode, 200);
      const items = list.json().items;
      assert.ok(items.some((i: any) => i.id === censusId && i.version === 1));
      const one = await app().agent().get(`/api/v1/questionnaires/${participationId}`);
      assert.equal(one.statusCode, 200);
      assert.equal(one.json().title, 'Participation citoyenne et politiques numériques');
      assert.equal(one.json().language, 'fr');
      const sj = await app().agent().get(`/api/v1/questionnaires/${participationId}/surveyjs`);
      assert.equal(sj.json().pages[0].name, 'collectivite');
      const missing = await app().agent().get('/api/v1/questionnaires/999999');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'not_found');
    });
  });

  describe('the builder', () => {
    let id: number;

    test('creates a questionnaire, adds and edits a question with a condition, previews and publishes', async () => {
      const created = await coordinator.post('/coordination/questionnaires', { title: 'Enquête sur les tiers-lieux' });
      assert.equal(created.statusCode, 302);
      id = Number(location(created).split('/').pop());
      let page = await coordinator.get(`/coordination/questionnaires/${id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>Enquête sur les tiers-lieux<\/h1>/);
      const revision = () => /name="_revision" value="(\d+)"/.exec(page.body)![1]!;
      // Add a single-choice question, then edit it.
      const added = await coordinator.post(`/coordination/questionnaires/${id}/pages/page_1/elements`, {
        type: 'single_choice',
        _revision: revision(),
      });
      assert.equal(added.statusCode, 302);
      const form = await coordinator.get(location(added));
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Code de la question dans les exports/);
      const rev = /name="_revision" value="(\d+)"/.exec(form.body)![1]!;
      const saved = await coordinator.post(location(added), {
        _revision: rev,
        id: 'a_un_tiers_lieu',
        label: 'Avez-vous un tiers-lieu ?',
        required: 'on',
        choices: 'oui | Oui\nnon | Non\nprojet | En projet',
      });
      assert.equal(saved.statusCode, 302, saved.body.slice(0, 500));
      page = await coordinator.get(`/coordination/questionnaires/${id}`);
      const added2 = await coordinator.post(`/coordination/questionnaires/${id}/pages/page_1/elements`, {
        type: 'short_text',
        _revision: revision(),
      });
      const form2 = await coordinator.get(location(added2));
      const rev2 = /name="_revision" value="(\d+)"/.exec(form2.body)![1]!;
      // A bad condition value gets a French message on the field, and what was typed is kept.
      const bad = await coordinator.post(location(added2), {
        _revision: rev2,
        id: 'nom_tiers_lieu',
        label: 'Son nom',
        condition_0_question: 'a_un_tiers_lieu',
        condition_0_op: 'equals',
        condition_0_value: 'Peut-être',
      });
      assert.equal(bad.statusCode, 422);
      assert.match(
        bad.body,
        /n&#39;est pas un code de choix de « a_un_tiers_lieu »|n'est pas un code de choix de « a_un_tiers_lieu »/,
      );
      assert.match(bad.body, />Son nom<\/textarea>/);
      assert.match(bad.body, /<a href="#champ-condition_0_value">/);
      const good = await coordinator.post(location(added2), {
        _revision: rev2,
        id: 'nom_tiers_lieu',
        label: 'Son nom',
        condition_0_question: 'a_un_tiers_lieu',
        condition_0_op: 'equals',
        condition_0_value: 'oui',
      });
      assert.equal(good.statusCode, 302);
      page = await coordinator.get(`/coordination/questionnaires/${id}`);
      assert.match(page.body, /Affichée si « Avez-vous un tiers-lieu \? » est égal à « Oui »/);
      // Removing the question that a condition uses is refused with the reason.
      const refused = await coordinator.post(`/coordination/questionnaires/${id}/elements/a_un_tiers_lieu/supprimer`, {
        _revision: revision(),
      });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /question inconnue « a_un_tiers_lieu »/);
      // A stale revision is a conflict, not a silent overwrite.
      const stale = await coordinator.post(`/coordination/questionnaires/${id}/elements/nom_tiers_lieu/dupliquer`, {
        _revision: '1',
      });
      assert.equal(stale.statusCode, 409);
      // Preview as a respondent: the conditional question appears after answering « oui ».
      const preview = await coordinator.get(`/coordination/questionnaires/${id}/apercu`);
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /Aperçu — rien n’est enregistré/);
      assert.match(preview.body, /data-element="nom_tiers_lieu"[^>]*hidden/);
      const previewNext = await coordinator.post(`/coordination/questionnaires/${id}/apercu/page/page_1`, {
        _preview: '{}',
        a_un_tiers_lieu: 'oui',
        action: 'next',
      });
      assert.equal(previewNext.statusCode, 200);
      assert.match(previewNext.body, /Vérifiez vos réponses/);
      assert.match(previewNext.body, /Son nom/);
      page = await coordinator.get(`/coordination/questionnaires/${id}`);
      const published = await coordinator.post(`/coordination/questionnaires/${id}/publier`, { _revision: revision() });
      assert.equal(published.statusCode, 302);
      page = await coordinator.get(`/coordination/questionnaires/${id}`);
      assert.match(page.body, /Version 1 publiée le/);
    });

    test('exports a version and imports SurveyJS with a report of what was not mapped', async () => {
      const exported = await coordinator.get(`/coordination/questionnaires/${id}/export?format=surveyjs&version=1`);
      assert.equal(exported.statusCode, 200);
      assert.match(
        String(exported.headers['content-disposition']),
        /attachment; filename="questionnaire-\d+-v1\.surveyjs\.json"/,
      );
      const json = exported.json();
      assert.equal(
        json.pages[0].elements.find((e: any) => e.name === 'nom_tiers_lieu').visibleIf,
        "{a_un_tiers_lieu} = 'oui'",
      );
      json.pages[0].elements.push({ type: 'expression', name: 'calcul' });
      const imported = await postMultipart(
        app(),
        coordinator,
        '/coordination/questionnaires/importer',
        { format: 'surveyjs' },
        [{ field: 'file', filename: 'enquete.json', type: 'application/json', content: JSON.stringify(json) }],
      );
      assert.equal(imported.statusCode, 200, imported.body.slice(0, 400));
      assert.match(imported.body, /les valeurs calculées \(type « expression »\) ne sont pas prises en charge/);
      const broken = await postMultipart(
        app(),
        coordinator,
        '/coordination/questionnaires/importer',
        { format: 'native' },
        [{ field: 'file', filename: 'x.json', type: 'application/json', content: '{"title": 12' }],
      );
      assert.equal(broken.statusCode, 422);
      assert.match(broken.body, /Le fichier n(&#39;|')est pas un JSON valide/);
    });
  });
});
