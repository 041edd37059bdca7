// SurveyJS fidelity (issue 9 #7): names kept exactly, numeric choices and comparisons, !, notcontains, panels (nested,
// with conditions) kept as sections; survey-core shows the same questions and panels as our engine, and a round trip
// keeps names, types, choices, panels and visibility.
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

/** A survey-core panel is shown when it and every panel around it are visible. */
function panelShown(panel: any): boolean {
  return panel.isVisible && (!panel.parent?.isPanel || panelShown(panel.parent));
}

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
          description: 'Pour les familles sans aide de la famille.',
          visibleIf: '!({modes} contains "famille") and {nombre} < 4',
          elements: [
            { type: 'comment', name: 'precisions', title: 'Précisions', visibleIf: '{modes} notempty' },
            {
              type: 'panel',
              name: 'notation',
              title: 'Notation',
              visibleIf: '{aine} notempty or {nombre} = 1',
              elements: [
                {
                  type: 'radiogroup',
                  name: 'note',
                  title: 'Note',
                  choices: [0, 1, 2],
                  visibleIf: '{aine} > 1 or {nombre} anyof [1, 3]',
                },
                {
                  type: 'panel',
                  name: 'sansTitre',
                  elements: [{ type: 'text', name: 'pourquoi', title: 'Pourquoi ?' }],
                },
              ],
            },
          ],
        },
        {
          type: 'text',
          name: 'raison',
          title: 'Une raison ?',
          visibleIf: '!({aDesEnfants} = true and {nombre} = 2)',
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

  it('keeps order comparisons on numeric choices, ! (…) on contains and on a group, notcontains, and panels as nested sections with their names, titles and conditions', () => {
    assert.deepEqual(result.issues, []);
    const messages = result.report.map((r) => r.message).join('\n');
    assert.doesNotMatch(messages, /Condition d'affichage|[Gg]roupe/);
    assert.deepEqual(questionnaire.pages[0]!.sections, [
      {
        id: 'details',
        title: 'Détails',
        description: 'Pour les familles sans aide de la famille.',
        visibleIf: {
          all: [
            { question: 'modes', op: 'not_contains', value: 'famille' },
            { any: ['1', '2', '3'].map((value) => ({ question: 'nombre', op: 'equals', value })) },
          ],
        },
      },
      {
        id: 'notation',
        title: 'Notation',
        parent: 'details',
        visibleIf: {
          any: [
            { question: 'aine', op: 'answered' },
            { question: 'nombre', op: 'equals', value: '1' },
          ],
        },
      },
      { id: 'sansTitre', parent: 'notation' },
    ]);
    assert.deepEqual(
      questionnaire.pages[0]!.elements.map((e) => `${e.id}:${e.section ?? ''}`),
      [
        'aDesEnfants:',
        'nombre:',
        'aine:',
        'modes:',
        'precisions:details',
        'note:notation',
        'pourquoi:sansTitre',
        'raison:',
        'fin:',
      ],
    );
    assert.deepEqual(findQuestion(questionnaire, 'raison')?.visibleIf, {
      any: [
        { question: 'aDesEnfants', op: 'differs', value: true },
        { question: 'nombre', op: 'differs', value: '2' },
      ],
    });
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
    let hiddenPanels = 0;
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
      for (const section of questionnaire.pages[0]!.sections ?? []) {
        const panel = survey.getPanelByName(section.id);
        const theirs = panelShown(panel);
        assert.equal(theirs, ours.has(section.id), `groupe ${section.id} avec ${JSON.stringify(data)}`);
        if (!theirs) hiddenPanels++;
      }
    }
    assert.ok(hidden > 100, 'les conditions ont bien été exercées');
    assert.ok(hiddenPanels > 50, 'les conditions des groupes ont bien été exercées');
  });

  it('SurveyJS → ours → SurveyJS keeps names, question types, choice values with their JSON type and visibility (survey-core, 200 random responses)', () => {
    const original = new Model(FAMILY_SURVEY);
    const back = new Model(toSurveyJs(questionnaire).json);
    const names = (m: Model) => m.getAllQuestions().map((q) => q.name);
    assert.deepEqual(names(back), names(original));
    // Panels come back as panels: same names, titles, descriptions, nesting, and a condition where there was one.
    const panels = (m: Model) =>
      m.getAllPanels().map((p: any) => ({
        name: p.name,
        title: p.hasTitle ? p.title : '',
        description: p.description ?? '',
        parent: p.parent?.isPanel ? p.parent.name : '',
        visibleIf: !!p.visibleIf,
        elements: p.elements.map((e: any) => e.name),
      }));
    assert.deepEqual(panels(back), panels(original));
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
      for (const p of original.getAllPanels() as any[]) {
        const b = back.getPanelByName(p.name);
        assert.equal(panelShown(b), panelShown(p), `groupe ${p.name}`);
      }
    }
  });
});

describe('SurveyJS negations as survey-core reads them', () => {
  const survey = (visibleIf: string) => ({
    pages: [
      {
        name: 'p',
        elements: [
          { type: 'text', name: 'a', inputType: 'number' },
          { type: 'text', name: 'b', inputType: 'number' },
          { type: 'text', name: 'c', visibleIf },
        ],
      },
    ],
  });
  const visibleInSurveyCore = (visibleIf: string, a: number, b: number) => {
    const model = new Model(survey(visibleIf));
    model.data = { a, b };
    return model.getQuestionByName('c').isVisible;
  };

  it('!(… and …) is kept and agrees with survey-core on every case', () => {
    const imported = fromSurveyJs(survey('!({a} = 1 and {b} = 2)')).questionnaire as Form;
    for (const [a, b] of [
      [1, 2],
      [1, 3],
      [2, 2],
    ]) {
      assert.equal(
        visibleElementIds(imported, { a, b }).has('c'),
        visibleInSurveyCore('!({a} = 1 and {b} = 2)', a, b),
        `${a}, ${b}`,
      );
    }
  });

  it('not (…), which survey-core refuses (it always shows the question), and !{a} = 1, which it reads as (!{a}) = 1, are reported, never guessed', () => {
    const originalError = console.error;
    const originalWarn = console.warn;
    console.error = () => {};
    console.warn = () => {};
    try {
      // survey-core's own reading: `not (…)` is an invalid expression (always shown); `!{a} = 1` never holds.
      assert.deepEqual(
        [visibleInSurveyCore('not ({a} = 1)', 1, 0), visibleInSurveyCore('not ({a} = 1)', 2, 0)],
        [true, true],
      );
      assert.deepEqual([visibleInSurveyCore('!{a} = 1', 1, 0), visibleInSurveyCore('!{a} = 1', 2, 0)], [false, false]);
    } finally {
      console.error = originalError;
      console.warn = originalWarn;
    }
    const not = fromSurveyJs(survey('not ({a} = 1)'));
    assert.equal(findQuestion(not.questionnaire as Form, 'c')?.visibleIf, undefined);
    assert.ok(not.report.some((r) => /ne reconnaît pas « not \(…\) » : écrivez « !\(…\) »/.test(r.message)));
    const bang = fromSurveyJs(survey('!{a} = 1'));
    assert.equal(findQuestion(bang.questionnaire as Form, 'c')?.visibleIf, undefined);
    assert.ok(bang.report.some((r) => /écrivez « !\(\{a\} = 1\) »/.test(r.message)));
  });
});

describe('SurveyJS custom property publicText', () => {
  it('a free text allowed in public results keeps its publicText flag through the export, survey-core’s serialisation and the import', () => {
    const form: Form = {
      title: 'Avis',
      language: 'fr',
      pages: [
        {
          id: 'p',
          title: 'Avis',
          elements: [
            { id: 'avis', type: 'long_text', label: 'Votre avis', publicText: true },
            { id: 'prive', type: 'long_text', label: 'Remarque privée' },
          ],
        },
      ],
    };
    const json = toSurveyJs(form).json as any;
    assert.equal(json.pages[0].elements[0].publicText, true);
    assert.equal(json.pages[0].elements[1].publicText, undefined);
    const serialised = JSON.parse(JSON.stringify(new Model(json).toJSON()));
    const back = fromSurveyJs(serialised);
    assert.deepEqual(back.report, []);
    assert.deepEqual(back.questionnaire, form);
  });
});

describe('SurveyJS panels that cannot be kept whole', () => {
  it('a panel whose condition names a question inside it keeps its elements, loses the condition, and the report says so; an empty panel is named and left out', () => {
    const result = fromSurveyJs({
      pages: [
        {
          name: 'p',
          title: 'Page',
          elements: [
            { type: 'text', name: 'avant', title: 'Avant' },
            {
              type: 'panel',
              name: 'boucle',
              title: 'Boucle',
              visibleIf: '{dedans} notempty',
              elements: [{ type: 'text', name: 'dedans', title: 'Dedans' }],
            },
            { type: 'panel', name: 'vide', title: 'Vide', elements: [{ type: 'expression', name: 'calcul' }] },
          ],
        },
      ],
    });
    assert.deepEqual(result.issues, []);
    const form = result.questionnaire as Form;
    assert.deepEqual(form.pages[0]!.sections, [{ id: 'boucle', title: 'Boucle' }]);
    assert.equal(form.pages[0]!.elements[1]!.section, 'boucle');
    const text = result.report.map((r) => `${r.path} ${r.message}`).join('\n');
    assert.match(
      text,
      /elements\[1\]\.visibleIf Condition d'affichage « \{dedans\} notempty » non reprise \(.*n'est pas une question placée avant\) : « boucle » sera toujours affiché/,
    );
    assert.match(text, /elements\[2\] Groupe « vide » sans élément repris : non repris\./);
  });
});
