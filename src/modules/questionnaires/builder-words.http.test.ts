// The questionnaire builder in the trade's words over HTTP: actions named by the question (not its code), a
// display condition built by choosing the question then its answer from lists (two steps, no JavaScript needed),
// a yes/no condition offered as « Oui / Non », the code and the JSON condition only in « Réglages avancés ».
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { location } from './test-support.ts';

const revisionIn = (body: string) => /name="_revision" value="(\d+)"/.exec(body)![1]!;

describeEachApp('questionnaire builder: the trade’s words', (app) => {
  let coordinator: TestAgent;
  let base: string;

  /** Adds a question of `type` and saves it with `fields`; returns its edit URL. */
  async function addQuestion(type: string, fields: Record<string, string>): Promise<string> {
    const page = await coordinator.get(base);
    const added = await coordinator.post(`${base}/pages/page_1/elements`, { type, _revision: revisionIn(page.body) });
    assert.equal(added.statusCode, 302);
    const form = await coordinator.get(location(added));
    const saved = await coordinator.post(location(added), { _revision: revisionIn(form.body), ...fields });
    assert.equal(saved.statusCode, 302, saved.body.slice(0, 400));
    return `${base}/elements/${fields.id}`;
  }

  before(async () => {
    coordinator = await app().signedIn({ email: 'coord-mots@reseau.fr', role: 'coordinator' });
    const created = await coordinator.post('/coordination/questionnaires', { title: 'Usages de l’IA' });
    base = location(created);
    await addQuestion('yes_no', { id: 'utilise_ia_gen', label: 'Utilisez-vous l’IA générative ?' });
    await addQuestion('single_choice', {
      id: 'frequence',
      label: 'À quelle fréquence ?',
      choices: 'quotidien | Chaque jour\nhebdo | Chaque semaine',
    });
    await addQuestion('short_text', { id: 'outil', label: 'Quel outil ?' });
  });

  describe('the outline', () => {
    test('names each action by its question, never by its code', async () => {
      const page = await coordinator.get(base);
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        /Monter<span class="visually-hidden"> la question « Utilisez-vous l’IA générative \? »<\/span>/,
      );
      assert.match(page.body, /Supprimer<span class="visually-hidden"> la question « Quel outil \? »<\/span>/);
      assert.doesNotMatch(page.body, /Monter utilise_ia_gen|\(utilise_ia_gen\)|Supprimer outil/);
    });

    test('the « add to the page » list is not marked as a required field', async () => {
      const page = await coordinator.get(base);
      const label = /<label for="ajout-page_1">([\s\S]*?)<\/label>/.exec(page.body)![1]!;
      assert.match(label, /Ajouter à la page 1/);
      assert.doesNotMatch(label, /obligatoire/);
    });
  });

  describe('the element form', () => {
    test('the code and the JSON condition sit in folded advanced settings, explained', async () => {
      const form = await coordinator.get(`${base}/elements/outil`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<h1>Question : /);
      assert.match(form.body, /<title>Modifier Quel outil \?/);
      assert.doesNotMatch(form.body, /Identifiant stable|Condition avancée \(JSON\)/);
      const advanced = /<details class="advanced-settings">([\s\S]*?)<\/details>/.exec(form.body);
      assert.ok(advanced, 'the advanced settings are folded');
      assert.match(advanced[1]!, /<summary>Réglages avancés<\/summary>/);
      assert.match(advanced[1]!, /name="id"/);
      assert.match(advanced[1]!, /name="condition_json"/);
      assert.match(advanced[1]!, /relie ses réponses d’une version du questionnaire à l’autre/);
      // Pressing Enter in a field saves: the form's first submit button is a save, before the condition's step.
      const buttons = [...form.body.matchAll(/<button type="submit"[^>]*>([^<]*)</g)].map((m) => m[1]!.trim());
      const inForm = buttons.filter((b) => b !== 'Se déconnecter');
      assert.equal(inForm[0], 'Enregistrer');
      assert.ok(inForm.includes('Afficher les réponses possibles'));
    });

    test('the condition lists only earlier questions, by their wording', async () => {
      const form = await coordinator.get(`${base}/elements/frequence`);
      const select = /<select id="champ-condition_0_question"[\s\S]*?<\/select>/.exec(form.body)![0];
      assert.match(select, /<option value="utilise_ia_gen">Utilisez-vous l’IA générative \?<\/option>/);
      assert.doesNotMatch(select, /Quel outil|\(utilise_ia_gen\)/);
    });

    test('a condition is built by choosing the question, then one of its answers from a list', async () => {
      const url = `${base}/elements/outil`;
      const form = await coordinator.get(url);
      const rev = revisionIn(form.body);
      const fields = { _revision: rev, id: 'outil', label: 'Quel outil ?' };
      // Step 1: the question is chosen; the form comes back with its answers, nothing saved.
      const step = await coordinator.post(url, { ...fields, condition_0_question: 'frequence', _step: 'condition' });
      assert.equal(step.statusCode, 200);
      const answers = /<select id="champ-condition_0_value"[\s\S]*?<\/select>/.exec(step.body)![0];
      assert.match(answers, /<option value="quotidien">Chaque jour<\/option>/);
      assert.match(answers, /<option value="hebdo">Chaque semaine<\/option>/);
      assert.equal(revisionIn(step.body), rev, 'nothing was saved');
      // Step 2: the answer is chosen and saved.
      const saved = await coordinator.post(url, {
        ...fields,
        condition_0_question: 'frequence',
        condition_0_op: 'equals',
        condition_0_value: 'hebdo',
      });
      assert.equal(saved.statusCode, 302, saved.body.slice(0, 400));
      const page = await coordinator.get(base);
      assert.match(page.body, /Affichée si « À quelle fréquence \? » est égal à « Chaque semaine »/);
      const again = await coordinator.get(url);
      assert.match(again.body, /<option value="hebdo" selected>Chaque semaine<\/option>/);
    });

    test('a yes/no condition is offered as « Oui / Non » and saved as a yes/no answer', async () => {
      const url = `${base}/elements/frequence`;
      const form = await coordinator.get(url);
      const fields = {
        _revision: revisionIn(form.body),
        id: 'frequence',
        label: 'À quelle fréquence ?',
        choices: 'quotidien | Chaque jour\nhebdo | Chaque semaine',
      };
      const step = await coordinator.post(url, {
        ...fields,
        condition_0_question: 'utilise_ia_gen',
        _step: 'condition',
      });
      const answers = /<select id="champ-condition_0_value"[\s\S]*?<\/select>/.exec(step.body)![0];
      assert.match(answers, /<option value="oui">Oui<\/option>/);
      assert.match(answers, /<option value="non">Non<\/option>/);
      const editor = /<fieldset class="field condition-editor"[^>]*>[\s\S]*?<\/fieldset>/.exec(step.body)![0];
      assert.doesNotMatch(editor, /true|false|« oui »/, 'nobody is asked to type true or false');
      const saved = await coordinator.post(url, {
        ...fields,
        condition_0_question: 'utilise_ia_gen',
        condition_0_op: 'equals',
        condition_0_value: 'oui',
      });
      assert.equal(saved.statusCode, 302, saved.body.slice(0, 400));
      const page = await coordinator.get(base);
      assert.match(page.body, /Affichée si « Utilisez-vous l’IA générative \? » est égal à « Oui »/);
      const exported = await coordinator.get(`${base}/export?version=draft`);
      const frequence = JSON.stringify(exported.json()).includes(
        '"visibleIf":{"question":"utilise_ia_gen","op":"equals","value":true}',
      );
      assert.ok(frequence, 'the condition holds the yes/no answer itself');
    });
  });
});
