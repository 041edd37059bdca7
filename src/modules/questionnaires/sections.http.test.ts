// Sections over HTTP (issue 9 #7): a SurveyJS panel imported through the builder is kept as a group — shown in the
// outline with its condition, edited through its own form (title, condition chosen from lists), rendered on the
// answer pages as a titled group hidden with its condition, and exported back as a SurveyJS panel.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { location, postMultipart } from './test-support.ts';

const SURVEY = {
  title: 'Projets numériques',
  pages: [
    {
      name: 'projets',
      title: 'Vos projets',
      elements: [
        { type: 'boolean', name: 'aUnProjet', title: 'Avez-vous un projet ?' },
        {
          type: 'panel',
          name: 'projet',
          title: 'Le projet',
          description: 'Décrivez votre principal projet.',
          visibleIf: '{aUnProjet} = true',
          elements: [
            { type: 'text', name: 'nomProjet', title: 'Nom du projet' },
            {
              type: 'panel',
              name: 'budget',
              title: 'Son budget',
              elements: [{ type: 'text', name: 'montant', inputType: 'number', title: 'Montant' }],
            },
          ],
        },
        { type: 'comment', name: 'remarques', title: 'Remarques' },
      ],
    },
  ],
};

describeEachApp('questionnaire sections over HTTP', (app) => {
  let coordinator: TestAgent;
  let id: number;
  const url = () => `/coordination/questionnaires/${id}`;

  before(async () => {
    coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
    const imported = await postMultipart(
      app(),
      coordinator,
      '/coordination/questionnaires/importer',
      { format: 'surveyjs' },
      [{ field: 'file', filename: 'projets.json', type: 'application/json', content: JSON.stringify(SURVEY) }],
    );
    assert.equal(imported.statusCode, 200, imported.body.slice(0, 400));
    assert.doesNotMatch(imported.body, /mis à plat/);
    id = Number(/\/coordination\/questionnaires\/(\d+)"/.exec(imported.body)![1]);
  });

  test('the outline shows each group where it begins, with its condition in words and a link to its form', async () => {
    const page = await coordinator.get(url());
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<li id="groupe-projet" class="builder-section">/);
    assert.match(page.body, /<strong>Le projet<\/strong>/);
    assert.match(page.body, /Groupe affiché si « Avez-vous un projet \? » est égal à « Oui »/);
    assert.match(page.body, /<strong>Son budget<\/strong><span class="meta"> — dans le groupe « Le projet »<\/span>/);
    assert.match(page.body, new RegExp(`href="${url()}/groupes/budget"`));
    assert.match(page.body, /— groupe « Son budget »/);
  });

  test('the group form changes the title and the condition (from the lists), and refuses a condition on a question inside the group', async () => {
    const form = await coordinator.get(`${url()}/groupes/projet`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1>Modifier le groupe « Le projet »<\/h1>/);
    const revision = /name="_revision" value="(\d+)"/.exec(form.body)![1]!;
    // Only the questions before the group are offered.
    assert.match(form.body, /<option value="aUnProjet"/);
    assert.doesNotMatch(form.body, /<option value="nomProjet"/);
    const saved = await coordinator.post(`${url()}/groupes/projet`, {
      _revision: revision,
      title: 'Votre projet',
      description: '',
      condition_0_question: 'aUnProjet',
      condition_0_op: 'answered',
    });
    assert.equal(saved.statusCode, 302, saved.body.slice(0, 400));
    assert.equal(location(saved), `${url()}#groupe-projet`);
    const page = await coordinator.get(url());
    assert.match(page.body, /<strong>Votre projet<\/strong>/);
    assert.match(page.body, /Groupe affiché si « Avez-vous un projet \? » a une réponse/);

    const again = await coordinator.get(`${url()}/groupes/projet`);
    const refused = await coordinator.post(`${url()}/groupes/projet`, {
      _revision: /name="_revision" value="(\d+)"/.exec(again.body)![1]!,
      title: 'Votre projet',
      condition_json: '{"question": "nomProjet", "op": "answered"}',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /porte sur « nomProjet », qui n(&#39;|')est pas une question placée avant elle/);
    const missing = await coordinator.get(`${url()}/groupes/inconnu`);
    assert.equal(missing.statusCode, 404);
  });

  test('the answer page (preview) draws the group with its title, hidden until its condition holds', async () => {
    const hidden = await coordinator.get(`${url()}/apercu`);
    assert.equal(hidden.statusCode, 200);
    assert.match(
      hidden.body,
      /<section class="form-section" data-element="projet" data-visible-if="[^"]*" hidden aria-labelledby="groupe-projet">/,
    );
    assert.match(hidden.body, /<h2 id="groupe-projet" class="form-section-title">Votre projet<\/h2>/);
    assert.match(hidden.body, /<h3 id="groupe-budget" class="form-section-title">Son budget<\/h3>/);
    const shown = await postMultipart(app(), coordinator, `${url()}/apercu/page/projets`, {
      _preview: '{}',
      aUnProjet: 'oui',
      action: 'previous',
    });
    assert.equal(shown.statusCode, 200);
    assert.match(
      shown.body,
      /<section class="form-section" data-element="projet" data-visible-if="[^"]*" aria-labelledby="groupe-projet">/,
    );
  });

  test('the SurveyJS export gives the groups back as nested panels with their names and conditions', async () => {
    const res = await coordinator.get(`${url()}/export?format=surveyjs&version=draft`);
    assert.equal(res.statusCode, 200);
    const json = JSON.parse(res.body);
    const [first, panel, last] = json.pages[0].elements;
    assert.equal(first.name, 'aUnProjet');
    assert.equal(last.name, 'remarques');
    assert.deepEqual(
      { type: panel.type, name: panel.name, title: panel.title, visibleIf: panel.visibleIf },
      { type: 'panel', name: 'projet', title: 'Votre projet', visibleIf: '{aUnProjet} notempty' },
    );
    assert.deepEqual(
      panel.elements.map((e: any) => `${e.type}:${e.name}`),
      ['text:nomProjet', 'panel:budget'],
    );
    assert.deepEqual(
      panel.elements[1].elements.map((e: any) => e.name),
      ['montant'],
    );
  });

  test('a coordinator makes a group from a run of questions, is told when a run would cut a group, and undoes a group', async () => {
    const revision = async () => /name="_revision" value="(\d+)"/.exec((await coordinator.get(url())).body)![1]!;
    const page = await coordinator.get(url());
    assert.match(page.body, /<summary>Regrouper des questions de la page 1<\/summary>/);
    assert.match(page.body, /<label[^>]*for="groupe-debut-projets"[^>]*>\s*Du premier élément/);

    const cut = await coordinator.post(`${url()}/pages/projets/groupes`, {
      _revision: await revision(),
      title: 'Coupe',
      first: 'aUnProjet',
      last: 'nomProjet',
    });
    assert.equal(cut.statusCode, 422);
    assert.match(cut.body, /Le groupe « Votre projet » serait coupé en deux/);

    const made = await coordinator.post(`${url()}/pages/projets/groupes`, {
      _revision: await revision(),
      title: 'Pour finir',
      first: 'remarques',
      last: 'remarques',
    });
    assert.equal(made.statusCode, 302, made.body.slice(0, 400));
    assert.equal(location(made), `${url()}#groupe-groupe_pour_finir`);
    assert.match((await coordinator.get(url())).body, /<li id="groupe-groupe_pour_finir" class="builder-section">/);

    const undone = await coordinator.post(`${url()}/groupes/budget/supprimer`, { _revision: await revision() });
    assert.equal(undone.statusCode, 302);
    const after = await coordinator.get(url());
    assert.doesNotMatch(after.body, /Son budget/);
    const json = JSON.parse((await coordinator.get(`${url()}/export?format=surveyjs&version=draft`)).body);
    const panel = json.pages[0].elements[1];
    assert.deepEqual(
      panel.elements.map((e: any) => `${e.type}:${e.name}`),
      ['text:nomProjet', 'text:montant'],
    );
    assert.equal(json.pages[0].elements[2].name, 'groupe_pour_finir');
    assert.equal(
      (await coordinator.post(`${url()}/groupes/inconnu/supprimer`, { _revision: await revision() })).statusCode,
      422,
    );
  });
});
