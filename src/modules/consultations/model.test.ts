// The consultations' pure rules: the state read against the clock, the question templates (a valid form of the
// engine), the SurveyJS import's refusals, and results under the small-number rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateForm } from '../forms/index.ts';
import {
  consultationResults,
  formFromSurveyJs,
  formFromTemplates,
  QUESTION_TEMPLATES,
  stateAt,
  TEMPLATE_CODES,
  templatesOf,
} from './model.ts';

const window = { opensAt: '2026-03-02T00:00:00.000Z', closesAt: '2026-03-10T00:00:00.000Z' };

test('a consultation is to come before its opening, open until its closing instant, closed from it', () => {
  assert.equal(stateAt(window, '2026-03-01T23:59:59.999Z'), 'scheduled');
  assert.equal(stateAt(window, '2026-03-02T00:00:00.000Z'), 'open');
  assert.equal(stateAt(window, '2026-03-09T23:59:59.999Z'), 'open');
  assert.equal(stateAt(window, '2026-03-10T00:00:00.000Z'), 'closed');
});

test('every template together makes a valid form of the engine, in the templates’ order, and is read back', () => {
  const form = formFromTemplates('Consultation', [...TEMPLATE_CODES].reverse());
  const checked = validateForm(form);
  assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.issues));
  assert.deepEqual(
    form.pages[0]!.elements.map((e) => e.id),
    QUESTION_TEMPLATES.map((t) => t.code),
  );
  assert.deepEqual(templatesOf(formFromTemplates('x', ['remarques', 'avis'])), ['avis', 'remarques']);
});

test('the SurveyJS import takes a survey and refuses bad JSON, file questions and empty surveys in French', () => {
  const ok = formFromSurveyJs(
    'Titre',
    JSON.stringify({ elements: [{ type: 'text', name: 'avis', title: 'Votre avis' }] }),
  );
  assert.ok('form' in ok);
  assert.equal(ok.form.title, 'Titre');
  const bad = formFromSurveyJs('Titre', '{');
  assert.ok('error' in bad && /JSON valide/.test(bad.error));
  const file = formFromSurveyJs(
    'Titre',
    JSON.stringify({ elements: [{ type: 'file', name: 'piece', title: 'Pièce' }] }),
  );
  assert.ok('error' in file && /fichier ou une collectivité/.test(file.error), JSON.stringify(file));
});

test('public results: nothing under the minimum, no free text; full results keep the texts', () => {
  const form = formFromTemplates('x', ['avis', 'remarques']);
  const answers = (n: number) => Array.from({ length: n }, (_, i) => ({ avis: 'c1', remarques: `texte ${i}` }));
  const four = consultationResults(form, answers(4), { protect: true, minCell: 5 });
  assert.deepEqual([four.withheld, four.results, four.answers], [true, null, 4]);
  const five = consultationResults(form, answers(5), { protect: true, minCell: 5 });
  assert.equal(five.withheld, false);
  const texts = five.results!.questions.find((q) => q.question.id === 'remarques');
  assert.ok(texts?.kind === 'texts' && texts.texts.length === 0);
  const full = consultationResults(form, answers(4), { protect: false, minCell: 5 });
  const fullTexts = full.results!.questions.find((q) => q.question.id === 'remarques');
  assert.ok(fullTexts?.kind === 'texts' && fullTexts.texts.length === 4);
});
