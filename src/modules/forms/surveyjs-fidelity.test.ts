// SurveyJS fidelity (issue 9 #7): names kept exactly, numeric choices and comparisons, !, notcontains, panels named
// in the report; survey-core shows the same questions as our engine, and a round trip keeps names, types, choices
// and visibility.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Model, Serializer } from 'survey-core';
import { seededRandom } from '../../../test/helpers/random.ts';
import {
  type Answers,
  allQuestions,
  type Form,
  findQuestion,
  fromSurveyJs,
  pruneHidden,
  SURVEYJS_CUSTOM_PROPERTIES,
  toSurveyJs,
  validateForm,
  visibleElementIds,
} from './index.ts';

before(() => {
  for (const { className, property } of SURVEYJS_CUSTOM_PROPERTIES) Serializer.addProperty(className, property);
});

/** Random answers of the right shapes for the questions of these surveys, often empty. */
function randomAnswers(questionnaire: Form, rnd: () => number): Answers {
  const answers: Answers = {};
  for (const q of allQuestions(questionnaire)) {
    if (rnd() < 0.3) continue;
    if (q.type === 'single_choice' || q.type === 'dropdown') {
      answers[q.id] = q.choices[Math.floor(rnd() * q.choices.length)].code;
    } else if (q.type === 'multiple_choice') answers[q.id] = q.choices.filter(() => rnd() < 0.4).map((c) => c.code);
    else if (q.type === 'yes_no') answers[q.id] = rnd() < 0.5;
    else if (q.type === 'number') answers[q.id] = Math.floor(rnd() * 4);
    else answers[q.id] = 'x';
  }
  return answers;
}

describe('SurveyJS names', () => {
  it('keeps a camelCase name exactly (issue 9: haveKids became havekids), conditions included', () => {
    const result = fromSurveyJs({
      pages: [
        {
          name: 'page1',
          elements: [
            { type: 'boolean', name: 'haveKids', title: 'Des enfants ?' },
            {
              type: 'text',
              name: 'kidsCount',
              inputType: 'number',
              title: 'Combien ?',
              visibleIf: '{havekids} = true',
            },
          ],
        },
      ],
    });
    const form = result.questionnaire as Form;
    assert.deepEqual(
      allQuestions(form).map((q) => q.id),
      ['haveKids', 'kidsCount'],
    );
    assert.deepEqual(findQuestion(form, 'kidsCount')?.visibleIf, { question: 'haveKids', op: 'equals', value: true });
    assert.ok(!result.report.some((r) => /Identifiant/.test(r.message)));
    assert.ok(validateForm(form).ok);
    const back = toSurveyJs(form).json as any;
    assert.deepEqual(
      back.pages[0].elements.map((e: any) => e.name),
      ['haveKids', 'kidsCount'],
    );
    assert.equal(back.pages[0].elements[1].visibleIf, '{haveKids} = true');
  });
});

/** A SurveyJS survey in the style of its documentation examples (written by us): numbers, panels, negations. */
const FAMILY_SURVEY = {
  title: 'Famille',
  clearInvisibleValues: 'onHidden',
  pages: [
    {
      name: 'famille',
      title: 'Famille',
      elements: [
        { type: 'boolean', name: 'aDesEnfants', title: 'Avez-vous des enfants ?' },
        {
          type: 'dropdown',
          name: 'nombre',
          title: 'Combien ?',
          visibleIf: '{aDesEnfants} = true',
          choices: [1, 2, 3, 4, 5],
        },
        { type: 'text', name: 'aine', title: 'Âge de l’aîné', inputType: 'number', visibleIf: '{nombre} >= 2' },
        {
          type: 'checkbox',
          name: 'modes',
          title: 'Modes de garde',
          visibleIf: '{nombre} <> 1 and {aDesEnfants} = true',
          choices: ['creche', 'nounou', 'famille'],
        },
        {
          type: 'panel',
          name: 'details',
          title: 'Détails',
          visibleIf: '!({modes} contains "famille") and {nombre} < 4',
          elements: [
            { type: 'comment', name: 'precisions', title: 'Précisions', visibleIf: '{modes} notempty' },
            {
              type: 'radiogroup',
              name: 'note',
              title: 'Note',
              choices: [0, 1, 2],
              visibleIf: '{aine} > 1 or {nombre} anyof [1, 3]',
            },
          ],
        },
        {
          type: 'text',
          name: 'fin',
          title: 'Un mot ?',
          visibleIf: '{note} <= 1 or ({modes} notcontains "creche" and {aine} empty)',
        },
      ],
    },
  ],
};

describe('SurveyJS import fidelity (issue 9)', () => {
  const result = fromSurveyJs(FAMILY_SURVEY);
  const questionnaire = result.questionnaire as Form;

  it('keeps order comparisons on numeric choices, ! (…) on contains, notcontains, and names every flattened panel in the report', () => {
    assert.deepEqual(result.issues, []);
    const messages = result.report.map((r) => r.message).join('\n');
    assert.doesNotMatch(messages, /Condition d'affichage/);
    assert.match(messages, /Groupe « details » mis à plat/);
    assert.deepEqual(findQuestion(questionnaire, 'aine')?.visibleIf, {
      any: ['2', '3', '4', '5'].map((value) => ({ question: 'nombre', op: 'equals', value })),
    });
  });

  it('survey-core shows the same questions on the original survey as our engine on the import, on 200 random responses', () => {
    const survey = new Model(FAMILY_SURVEY);
    const original = new Map<string, Map<string, unknown>>();
    for (const q of survey.getAllQuestions()) {
      const choices = (q as any).choices as { value: unknown }[] | undefined;
      if (choices) original.set(q.name, new Map(choices.map((c) => [String(c.value), c.value])));
    }
    const rnd = seededRandom(2026);
    let hidden = 0;
    for (let n = 0; n < 200; n++) {
      const answers = randomAnswers(questionnaire, rnd);
      const ours = visibleElementIds(questionnaire, answers);
      const kept = pruneHidden(questionnaire, answers);
      const data: Record<string, unknown> = {};
      for (const q of allQuestions(questionnaire)) {
        const v = kept[q.id];
        if (v === undefined) continue;
        const values = original.get(q.id);
        data[q.id] = values ? (Array.isArray(v) ? v.map((c) => values.get(c)) : values.get(String(v))) : v;
      }
      survey.data = data;
      for (const q of allQuestions(questionnaire)) {
        const sq = survey.getQuestionByName(q.id);
        const theirs = sq.isVisible && sq.isParentVisible;
        assert.equal(theirs, ours.has(q.id), `${q.id} avec ${JSON.stringify(data)}`);
        if (!theirs) hidden++;
      }
    }
    assert.ok(hidden > 100, 'les conditions ont bien été exercées');
  });

  it('SurveyJS → ours → SurveyJS keeps names, question types, choice values with their JSON type and visibility (survey-core, 200 random responses)', () => {
    const original = new Model(FAMILY_SURVEY);
    const back = new Model(toSurveyJs(questionnaire).json);
    const names = (m: Model) => m.getAllQuestions().map((q) => q.name);
    // The flattened panel comes back as an html block carrying its title (named in the report), not as a panel.
    assert.deepEqual(
      names(back).filter((n) => n !== 'details'),
      names(original),
    );
    assert.equal(back.getQuestionByName('details').getType(), 'html');
    for (const q of original.getAllQuestions()) {
      const b = back.getQuestionByName(q.name);
      assert.equal(b.getType(), q.getType(), q.name);
      const choices = (x: any) => (x.choices as { value: unknown; text: string }[] | undefined)?.map((c) => c.value);
      assert.deepEqual(choices(b), choices(q), q.name);
    }
    const typed = new Map<string, Map<string, unknown>>();
    for (const q of original.getAllQuestions()) {
      const choices = (q as any).choices as { value: unknown }[] | undefined;
      if (choices) typed.set(q.name, new Map(choices.map((c) => [String(c.value), c.value])));
    }
    const rnd = seededRandom(9);
    for (let n = 0; n < 200; n++) {
      const kept = pruneHidden(questionnaire, randomAnswers(questionnaire, rnd));
      // The same typed answers go to both: the export must have kept the numbers for the conditions to agree.
      const theirs: Record<string, unknown> = {};
      for (const [id, v] of Object.entries(kept)) {
        if (v === undefined) continue;
        const values = typed.get(id);
        theirs[id] = values ? (Array.isArray(v) ? v.map((c) => values.get(c)) : values.get(String(v))) : v;
      }
      original.data = theirs;
      back.data = theirs;
      for (const q of original.getAllQuestions()) {
        const b = back.getQuestionByName(q.name);
        assert.equal(
          b.isVisible && b.isParentVisible,
          q.isVisible && q.isParentVisible,
          `${q.name} avec ${JSON.stringify(theirs)}`,
        );
      }
    }
  });
});
