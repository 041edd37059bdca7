// Constructs met in LimeSurvey's own sample surveys (issue 9 #8) that the importer first mishandled, each on a small
// survey of ours in the LimeSurvey 6 layout (test/fixtures/limesurvey/services-ls6.lss): fields named the SGQA way
// in a relevance, `count(that.Q)`, texts missing in French, hidden questions, default values, question themes,
// `text|left|right` subquestions and attributes kept for some types only.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { allElements, type Form, findQuestion, fromLimeSurvey, validateForm, visibleElementIds } from './index.ts';
import { type Ref, translateRelevance } from './limesurvey/relevance.ts';

const source = readFileSync(new URL('../../../test/fixtures/limesurvey/services-ls6.lss', import.meta.url), 'utf8');
const result = fromLimeSurvey(source);
const form = result.questionnaire as Form;
const said = (path: string) => result.report.filter((r) => r.path === path).map((r) => r.message);

describe('LimeSurvey import: constructs of the LimeSurvey sample surveys', () => {
  it('imports the survey into a valid form', () => {
    assert.deepEqual(result.issues, []);
    const valid = validateForm(form);
    assert.ok(valid.ok, JSON.stringify(!valid.ok && valid.issues));
  });

  it('reads a field named the SGQA way (survey X group X question, then the option code) in a relevance', () => {
    const shown = (services: string[]) => visibleElementIds(form, { SERVICES: services }).has('PRECIS');
    assert.equal(shown(['S1']), true);
    assert.equal(shown(['S2']), false);
    assert.deepEqual(said('question PRECIS'), []);
  });

  it('reads count(that.Q) compared with 0 or 1 as « at least one option ticked » or « none »', () => {
    const visible = (services: string[]) => [...visibleElementIds(form, { SERVICES: services })];
    assert.ok(visible([]).includes('AUCUN'));
    assert.ok(!visible([]).includes('UN'));
    assert.ok(visible(['S2']).includes('UN'));
    assert.ok(!visible(['S2']).includes('AUCUN'));
  });

  it('names a count it cannot express (at least two options) in the report, the element then always shows', () => {
    assert.equal(allElements(form).find((e) => e.id === 'TOUS')?.visibleIf, undefined);
    assert.match(said('question TOUS').join(' '), /count\(that\.SERVICES\) >= 2.*non reprise/);
  });

  it('takes a text missing in French from the base language and says it is to be translated', () => {
    const canal = findQuestion(form, 'CANAL');
    assert.ok(canal?.type === 'single_choice');
    assert.equal(canal.label, 'How do residents apply?');
    assert.equal(canal.hint, 'One answer.');
    assert.deepEqual(canal.choices, [
      { code: 'WEB', label: 'Site internet' },
      { code: 'PAP', label: 'Paper form' },
    ]);
    assert.deepEqual(said('question CANAL'), ['Textes absents en français, repris en « en » : à traduire.']);
    assert.equal(form.pages[1].title, 'Mobility');
    assert.deepEqual(said('groupe Mobility'), ['Textes absents en français, repris en « en » : à traduire.']);
    assert.equal(form.title, 'Services numériques (essai)');
    assert.equal(findQuestion(form, 'SERVICES')?.label, 'Quels services sont en ligne ?');
  });

  it('leaves out a question hidden in LimeSurvey, and says so', () => {
    assert.equal(findQuestion(form, 'CACHE'), undefined);
    assert.match(said('question CACHE').join(' '), /cachée.*non reprise/);
  });

  it('names default values and question themes that change what is asked', () => {
    assert.deepEqual(said('question VELO'), ['Valeur par défaut non reprise : la question est vide au départ.']);
    assert.match(said('question NAVIG').join(' '), /« browserdetect » non repris/);
    assert.deepEqual(said('question MODES'), ['Réglages non repris : min_answers.']);
  });

  it('keeps the text before « | » of a subquestion, names the rest and an attribute not kept for this type', () => {
    assert.deepEqual(
      ['BUDGET_INV', 'BUDGET_FONC'].map((id) => findQuestion(form, id)?.label),
      ['Budget en euros — Investissement', 'Budget en euros — Fonctionnement'],
    );
    const notes = said('question BUDGET').join(' ');
    assert.match(notes, /après « \| »/);
    assert.match(notes, /Réglages non repris : maximum_chars/);
  });
});

describe('LimeSurvey relevance: SGQA names and count()', () => {
  const refs: Record<string, Ref> = {
    Q1: { kind: 'question', id: 'Q1', type: 'multiple_choice' },
    Q1_A: { kind: 'option', id: 'Q1', code: 'A' },
    N: { kind: 'question', id: 'N', type: 'number' },
  };
  const resolve = (name: string) => refs[name] ?? (name === '11X2X3A' ? refs.Q1_A : null);

  it('tokenizes an SGQA name as one field name', () => {
    assert.deepEqual(translateRelevance('11X2X3A.NAOK == "Y"', resolve), {
      condition: { question: 'Q1', op: 'contains', value: 'A' },
    });
  });

  it('translates the count forms, negated ones included', () => {
    const answered = { condition: { question: 'Q1', op: 'answered' } };
    const none = { condition: { question: 'Q1', op: 'not_answered' } };
    assert.deepEqual(translateRelevance('count(that.Q1) > 0', resolve), answered);
    assert.deepEqual(translateRelevance('count(that.Q1) >= 1', resolve), answered);
    assert.deepEqual(translateRelevance('0 < count(that.Q1)', resolve), answered);
    assert.deepEqual(translateRelevance('!(count(that.Q1) == 0)', resolve), answered);
    assert.deepEqual(translateRelevance('count(that.Q1) == 0', resolve), none);
    assert.deepEqual(translateRelevance('not count(that.Q1) > 0', resolve), none);
  });

  it('refuses a count it cannot express, or one not on a multiple choice', () => {
    assert.ok('error' in translateRelevance('count(that.Q1) > 1', resolve));
    assert.ok('error' in translateRelevance('count(that.N) > 0', resolve));
    assert.ok('error' in translateRelevance('count(Q1) > 0', resolve));
  });
});
