import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Model, Serializer } from 'survey-core';
import { seededRandom } from '../../../test/helpers/random.ts';
import { aiCensus, CATALOGUE, participation } from '../questionnaires/index.ts';
import {
  type Answers,
  type AnswerValue,
  allElements,
  allQuestions,
  type Condition,
  conditionToExpression,
  expressionToCondition,
  type Form,
  findQuestion,
  fromSurveyJs,
  parseExpression,
  pruneHidden,
  type Question,
  SURVEYJS_CUSTOM_PROPERTIES,
  toSurveyJs,
  validateForm,
  visibleElementIds,
} from './index.ts';

const SURVEYJS_TYPES: Record<Question['type'], string> = {
  short_text: 'text',
  long_text: 'comment',
  number: 'text',
  email: 'text',
  url: 'text',
  date: 'text',
  single_choice: 'radiogroup',
  multiple_choice: 'checkbox',
  dropdown: 'dropdown',
  yes_no: 'boolean',
  scale: 'rating',
  matrix: 'matrix',
  ranking: 'ranking',
  organisation: 'text',
  file: 'file',
};

/** Random answers of the right shapes, often empty, so that every branch of every condition is taken. */
function randomAnswers(questionnaire: Form, rnd: () => number): Answers {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const answers: Answers = {};
  for (const q of allQuestions(questionnaire)) {
    if (rnd() < 0.3) continue;
    let v: AnswerValue | undefined;
    switch (q.type) {
      case 'single_choice':
      case 'dropdown':
        v = pick(q.choices).code;
        break;
      case 'multiple_choice':
        v = q.choices.filter(() => rnd() < 0.4).map((c) => c.code);
        break;
      case 'ranking':
        v = [...q.choices.map((c) => c.code)].sort(() => rnd() - 0.5);
        break;
      case 'matrix':
        v = Object.fromEntries(q.rows.filter(() => rnd() < 0.7).map((r) => [r.code, pick(q.columns).code]));
        break;
      case 'yes_no':
        v = rnd() < 0.5;
        break;
      case 'scale':
        v = 1 + Math.floor(rnd() * q.max);
        break;
      case 'number':
        v = Math.floor(rnd() * 4);
        break;
      case 'date':
        v = q.precision === 'month' ? pick(['2021-05', '2024-11']) : pick(['2021-05-01', '2024-11-30']);
        break;
      case 'file':
        v = { id: 'f', name: 'a.pdf', size: 10, type: 'application/pdf' };
        break;
      default:
        v = pick(['Lorem', "l'eau", 'x']);
    }
    answers[q.id] = v;
  }
  return answers;
}

/** Our answer as SurveyJS stores it. */
function toSurveyValue(q: Question, v: AnswerValue): unknown {
  if (q.type === 'file') return [{ name: (v as any).name, type: (v as any).type, content: 'data:,x' }];
  return v;
}

/**
 * Loads a response into a SurveyJS model: the answers a respondent could have given (those of the questions we show).
 * Where SurveyJS disagreed on a question, its own visibility would differ and the comparison fails on it.
 */
function load(survey: Model, questionnaire: Form, answers: Answers): Model {
  const kept = pruneHidden(questionnaire, answers);
  const data: Record<string, unknown> = {};
  for (const q of allQuestions(questionnaire)) {
    const value = kept[q.id];
    if (value !== undefined) data[q.id] = toSurveyValue(q, value);
  }
  survey.data = data;
  return survey;
}

before(() => {
  for (const { className, property } of SURVEYJS_CUSTOM_PROPERTIES) Serializer.addProperty(className, property);
});

describe('SurveyJS export read by survey-core', () => {
  for (const { key, questionnaire } of CATALOGUE) {
    it(`${key}: loads without error, same pages, names, types and choices`, () => {
      const { json } = toSurveyJs(questionnaire);
      const survey = new Model(json);
      assert.equal(survey.jsonErrors, null, JSON.stringify(survey.jsonErrors?.map((e: any) => e.message)));
      assert.deepEqual(
        survey.pages.map((p: any) => p.name),
        questionnaire.pages.map((p) => p.id),
      );
      assert.equal(survey.title, questionnaire.title);
      for (const element of allElements(questionnaire)) {
        const sq = survey.getQuestionByName(element.id);
        assert.ok(sq, `question ${element.id} présente`);
        if (element.type === 'info') {
          assert.equal(sq.getType(), 'html');
          continue;
        }
        assert.equal(sq.getType(), SURVEYJS_TYPES[element.type], element.id);
        assert.equal(sq.title, element.label);
        assert.equal(sq.isRequired, element.required === true, `${element.id} obligatoire`);
        if ('choices' in element) {
          assert.deepEqual(
            sq.choices.map((c: any) => c.value),
            element.choices.map((c) => c.code),
          );
          assert.deepEqual(
            sq.choices.map((c: any) => c.text),
            element.choices.map((c) => c.label),
          );
        }
        if (element.type === 'matrix') {
          assert.deepEqual(
            sq.rows.map((r: any) => r.value),
            element.rows.map((r) => r.code),
          );
          assert.deepEqual(
            sq.columns.map((c: any) => c.value),
            element.columns.map((c) => c.code),
          );
        }
        if (element.type === 'scale') {
          assert.equal(sq.rateMin, 1);
          assert.equal(sq.rateMax, element.max);
        }
        if (
          element.type === 'email' ||
          element.type === 'url' ||
          element.type === 'number' ||
          element.type === 'date'
        ) {
          assert.equal(
            sq.inputType,
            element.type === 'date' ? (element.precision === 'month' ? 'month' : 'date') : element.type,
          );
        }
        if (element.libraryField) assert.equal(sq.libraryField, element.libraryField);
        if (element.restricted) assert.equal(sq.restricted, true);
      }
    });

    it(`${key}: SurveyJS shows and hides the same elements as we do, on 150 random responses`, () => {
      const survey = new Model(toSurveyJs(questionnaire).json);
      const rnd = seededRandom(key.length * 7919);
      let hiddenSeen = 0;
      for (let n = 0; n < 150; n++) {
        const answers = randomAnswers(questionnaire, rnd);
        const ours = visibleElementIds(questionnaire, answers);
        load(survey, questionnaire, answers);
        for (const element of allElements(questionnaire)) {
          const theirs = survey.getQuestionByName(element.id).isVisible;
          assert.equal(
            theirs,
            ours.has(element.id),
            `${element.id} avec ${JSON.stringify(answers)} : SurveyJS ${theirs}, nous ${ours.has(element.id)}`,
          );
          if (!theirs) hiddenSeen++;
        }
      }
      assert.ok(hiddenSeen > 50, 'les conditions ont bien été exercées');
    });
  }

  it('forgets a hidden answer like we do (cascade)', () => {
    const { json } = toSurveyJs(participation);
    const survey = new Model(json);
    survey.setValue('formats', ['debat_public']);
    survey.setValue('debat_5g', true);
    assert.equal(survey.getQuestionByName('debat_5g_recit').isVisible, true);
    survey.setValue('formats', ['atelier']);
    assert.equal(survey.getQuestionByName('debat_5g').isVisible, false);
    assert.equal(survey.getQuestionByName('debat_5g_recit').isVisible, false);
    const ours = visibleElementIds(participation, { formats: ['atelier'], debat_5g: true });
    assert.equal(ours.has('debat_5g_recit'), false);
  });

  it('evaluates exported text conditions with quotes the same way', () => {
    const q: Form = {
      title: 'Guillemets',
      language: 'fr',
      pages: [
        {
          id: 'p',
          title: 'P',
          elements: [
            { id: 'nom', type: 'short_text', label: 'Nom' },
            {
              id: 'suite',
              type: 'short_text',
              label: 'Suite',
              visibleIf: {
                any: [
                  { question: 'nom', op: 'contains', value: "l'eau" },
                  { question: 'nom', op: 'equals', value: 'dit "oui"' },
                ],
              },
            },
          ],
        },
      ],
    };
    const { json } = toSurveyJs(q);
    for (const [value, expected] of [
      ["Gestion de L'eau", true],
      ['dit "oui"', true],
      ['leau', false],
    ] as const) {
      const survey = new Model(json);
      survey.setValue('nom', value);
      assert.equal(survey.getQuestionByName('suite').isVisible, expected, value);
      assert.equal(visibleElementIds(q, { nom: value }).has('suite'), expected, value);
    }
  });

  it('without custom properties, the export is plain SurveyJS and says what it left out', () => {
    const { json, report } = toSurveyJs(aiCensus, { customProperties: false });
    const text = JSON.stringify(json);
    assert.ok(
      !text.includes('libraryField') &&
        !text.includes('restricted') &&
        !text.includes('organisationPicker') &&
        !text.includes('publicText'),
    );
    assert.ok(report.some((r) => /collectivite/.test(r.message) && /champ texte/.test(r.message)));
    assert.ok(report.some((r) => /restreinte, texte publiable, champ de fiche/.test(r.message)));
  });
});

describe('SurveyJS round trip', () => {
  for (const { key, questionnaire } of CATALOGUE) {
    it(`${key}: ours → SurveyJS → ours gives the same questionnaire, with nothing to report`, () => {
      const back = fromSurveyJs(toSurveyJs(questionnaire).json);
      assert.deepEqual(back.issues, []);
      assert.deepEqual(back.report, []);
      assert.deepEqual(back.questionnaire, questionnaire);
    });

    it(`${key}: also through survey-core's own serialisation (defaults dropped, short choices)`, () => {
      const serialised = new Model(toSurveyJs(questionnaire).json).toJSON();
      const back = fromSurveyJs(JSON.parse(JSON.stringify(serialised)));
      assert.deepEqual(back.issues, []);
      assert.deepEqual(back.report, []);
      assert.deepEqual(back.questionnaire, questionnaire);
    });
  }
});

describe('SurveyJS import', () => {
  const survey = {
    title: { default: 'Mobility survey', fr: 'Enquête mobilité' },
    locale: 'fr',
    showProgressBar: 'top',
    triggers: [{ type: 'complete', expression: "{mode} = 'x'" }],
    pages: [
      {
        name: 'page1',
        title: { default: 'Travel', fr: 'Déplacements' },
        elements: [
          {
            type: 'radiogroup',
            name: 'Mode de transport',
            title: 'Mode principal',
            isRequired: true,
            choices: [
              'Voiture',
              'Vélo',
              { value: 'tc', text: { default: 'Public transport', fr: 'Transports en commun' } },
            ],
            hasOther: true,
            otherText: 'Autre mode',
          },
          {
            type: 'text',
            name: 'distance',
            inputType: 'number',
            min: 0,
            validators: [{ type: 'numeric', maxValue: 200 }],
            visibleIf: "{Mode de transport} <> 'Vélo'",
          },
          {
            type: 'panel',
            name: 'velo',
            title: 'Le vélo',
            visibleIf: "{Mode de transport} = 'Vélo'",
            elements: [
              { type: 'boolean', name: 'electrique', title: 'Vélo électrique ?' },
              {
                type: 'rating',
                name: 'securite',
                title: 'Sentiment de sécurité',
                rateMax: 10,
                minRateDescription: 'Faible',
                maxRateDescription: 'Fort',
              },
            ],
          },
          {
            type: 'comment',
            name: 'remarques',
            maxLength: 500,
            visibleIf: '({distance} > 10 or {electrique} = true) and {Mode de transport} notempty',
          },
          {
            type: 'checkbox',
            name: 'jours',
            title: 'Jours de trajet',
            choices: [1, 2, 3, 4, 5],
            showNoneItem: true,
            visibleIf: "{Mode de transport} anyof ['Voiture', 'tc']",
          },
          { type: 'text', name: 'long_trajet', visibleIf: '{jours} contains 3 and {distance} >= 50' },
          { type: 'expression', name: 'calc', expression: '{distance} * 2' },
          { type: 'text', name: 'majeur', visibleIf: 'age({naissance}) > 18' },
          { type: 'matrixdynamic', name: 'trajets', columns: [{ name: 'de' }, { name: 'a' }] },
          {
            type: 'text',
            name: 'email',
            inputType: 'email',
            validators: [{ type: 'email' }],
            enableIf: '{distance} > 0',
          },
          { type: 'rating', name: 'note7', rateMin: 0, rateMax: 6 },
          { type: 'file', name: 'justif', acceptedTypes: '.pdf,image/*,.xyz', maxSize: 1048576, allowMultiple: true },
          {
            type: 'html',
            name: 'aide',
            html: '<h4>Aide</h4><p>Contactez <a href="https://exemple.fr">nous</a> &amp; vite.</p><p>Merci&nbsp;!</p>',
          },
          { type: 'text', name: 'avant', visibleIf: "{apres} = 'x'" },
          { type: 'text', name: 'apres' },
          {
            type: 'matrix',
            name: 'avis',
            rows: ['Prix', 'Confort'],
            columns: [
              { value: 1, text: 'Mauvais' },
              { value: 2, text: 'Bon' },
            ],
            isAllRowRequired: true,
          },
          { type: 'ranking', name: 'priorites', choices: ['Coût', 'Temps', 'Sécurité'] },
          {
            type: 'text',
            name: 'code_postal',
            validators: [{ type: 'regex', regex: '^[0-9]{5}$', text: 'Cinq chiffres' }],
          },
          { type: 'text', name: 'mot', validators: [{ type: 'regex', regex: 'vélo|bus' }] },
        ],
      },
      {
        name: 'Page 2',
        elements: [
          {
            type: 'dropdown',
            name: 'satisfaction',
            choices: [
              { value: 'oui', text: 'Oui' },
              { value: 'non', text: 'Non' },
            ],
            visibleIf: "!({Mode de transport} empty) and {Mode de transport} <> 'tc'",
          },
          { type: 'text', name: 'Satisfaction', title: 'Doublon' },
          { type: 'text', name: 'note7_suite', visibleIf: '{note7} > 3' },
          { type: 'text', name: 'pourquoi', visibleIf: "{satisfaction} noneof ['oui']" },
        ],
      },
    ],
  };

  const imported = fromSurveyJs(survey);
  const questionnaire = imported.questionnaire!;
  const get = (id: string) => findQuestion(questionnaire, id) as any;
  const reported = (pattern: RegExp) =>
    assert.ok(
      imported.report.some((r) => pattern.test(r.message)),
      `attendu dans le rapport : ${pattern} ; rapport : ${JSON.stringify(imported.report, null, 1)}`,
    );

  it('produces a valid questionnaire, with French texts preferred', () => {
    assert.deepEqual(imported.issues, []);
    assert.ok(validateForm(questionnaire).ok);
    assert.equal(questionnaire.title, 'Enquête mobilité');
    assert.equal(questionnaire.pages[0].title, 'Déplacements');
    assert.equal(get('mode_de_transport').choices[2].label, 'Transports en commun');
  });

  it('keeps SurveyJS names as ids, slugifying invalid ones and reporting it', () => {
    assert.equal(get('mode_de_transport').type, 'single_choice');
    reported(/Identifiant « Mode de transport » invalide : devenu « mode_de_transport »/);
    assert.equal(questionnaire.pages[1].id, 'page_2');
    reported(/Nom de page « Page 2 » invalide : devenu « page_2 »/);
    assert.equal(get('satisfaction_2').label, 'Doublon');
    // SurveyJS names are case-insensitive: « Satisfaction » after « satisfaction » is a duplicate.
    reported(/Identifiant « Satisfaction » en double : devenu « satisfaction_2 »/);
  });

  it('maps choice values to codes, the « Autre » option, and reports changed codes', () => {
    const mode = get('mode_de_transport');
    assert.deepEqual(
      mode.choices.map((c: any) => c.code),
      ['Voiture', 'velo', 'tc'],
    );
    assert.equal(mode.allowOther, true);
    assert.equal(mode.otherLabel, 'Autre mode');
    assert.equal(mode.required, true);
    reported(/Code « Vélo » \(choix, question « Mode de transport »\) devenu « velo »/);
  });

  it('maps question types and validations', () => {
    assert.deepEqual(get('distance'), {
      id: 'distance',
      type: 'number',
      label: 'distance',
      validation: { min: 0, max: 200 },
      visibleIf: { question: 'mode_de_transport', op: 'differs', value: 'velo' },
    });
    assert.equal(get('remarques').type, 'long_text');
    assert.deepEqual(get('remarques').validation, { maxLength: 500 });
    assert.equal(get('email').type, 'email');
    assert.deepEqual(get('securite'), {
      id: 'securite',
      type: 'scale',
      label: 'Sentiment de sécurité',
      max: 10,
      minLabel: 'Faible',
      maxLabel: 'Fort',
      section: 'velo',
    });
    assert.equal(get('electrique').type, 'yes_no');
    assert.deepEqual(get('avis').rows, [
      { code: 'Prix', label: 'Prix' },
      { code: 'Confort', label: 'Confort' },
    ]);
    assert.deepEqual(
      get('avis').columns.map((c: any) => c.code),
      ['1', '2'],
    );
    assert.equal(get('avis').allRowsRequired, true);
    assert.deepEqual(
      get('priorites').choices.map((c: any) => c.code),
      ['cout', 'Temps', 'securite'],
    );
    assert.deepEqual(get('code_postal').validation, { pattern: '[0-9]{5}', patternMessage: 'Cinq chiffres' });
    // An unanchored SurveyJS regex searches the value: the same meaning, anchored.
    assert.deepEqual(get('mot').validation, { pattern: '[\\s\\S]*(?:vélo|bus)[\\s\\S]*' });
  });

  it('keeps a panel as a section of the page: its name, title and condition, its elements inside it', () => {
    const ids = questionnaire.pages[0].elements.map((e) => e.id);
    assert.deepEqual(ids.slice(0, 4), ['mode_de_transport', 'distance', 'electrique', 'securite']);
    assert.deepEqual(questionnaire.pages[0].sections, [
      {
        id: 'velo',
        title: 'Le vélo',
        visibleIf: { question: 'mode_de_transport', op: 'equals', value: 'velo' },
      },
    ]);
    assert.equal(get('electrique').section, 'velo');
    assert.equal(get('electrique').visibleIf, undefined);
    assert.equal(get('remarques').section, undefined);
  });

  it('parses conditions: parentheses, and/or, anyof, contains, >=, negation, noneof', () => {
    assert.deepEqual(get('remarques').visibleIf, {
      all: [
        {
          any: [
            { question: 'distance', op: 'greater', value: 10 },
            { question: 'electrique', op: 'equals', value: true },
          ],
        },
        { question: 'mode_de_transport', op: 'answered' },
      ],
    });
    assert.deepEqual(get('jours').visibleIf, {
      any: [
        { question: 'mode_de_transport', op: 'equals', value: 'Voiture' },
        { question: 'mode_de_transport', op: 'equals', value: 'tc' },
      ],
    });
    assert.deepEqual(get('long_trajet').visibleIf, {
      all: [
        { question: 'jours', op: 'contains', value: '3' },
        {
          any: [
            { question: 'distance', op: 'greater', value: 50 },
            { question: 'distance', op: 'equals', value: 50 },
          ],
        },
      ],
    });
    assert.deepEqual(get('satisfaction').visibleIf, {
      all: [
        { question: 'mode_de_transport', op: 'answered' },
        { question: 'mode_de_transport', op: 'differs', value: 'tc' },
      ],
    });
    assert.deepEqual(get('pourquoi').visibleIf, { question: 'satisfaction', op: 'differs', value: 'oui' });
  });

  it('reports conditions it cannot express and leaves the element always visible', () => {
    assert.equal(get('majeur').visibleIf, undefined);
    reported(
      /Condition d'affichage « age\(\{naissance\}\) > 18 » non reprise \(la fonction « age\(\) » n'est pas prise en charge\)/,
    );
    assert.equal(get('avant').visibleIf, undefined);
    reported(/« \{apres\} » n'est pas une question placée avant/);
    // « > 3 » on a rating imported as single choice cannot be expressed on codes.
    assert.equal(get('note7').type, 'single_choice');
    reported(/échelle de 0 à 6 importée comme choix unique/);
    // « > 3 » on a rating imported as single choice: the choices above 3, as equalities (issue 9: it was dropped).
    assert.deepEqual(get('note7_suite').visibleIf, {
      any: ['4', '5', '6'].map((value) => ({ question: 'note7', op: 'equals', value })),
    });
  });

  it('reports every element and property it leaves out', () => {
    reported(/Élément « calc » non repris : les valeurs calculées/);
    reported(/Élément « trajets » non repris : les tableaux dynamiques/);
    reported(/Propriété « enableIf » de la question « email » non reprise/);
    reported(/« triggers » : les déclencheurs/);
    reported(/l'option « Aucun » est reprise comme un choix ordinaire/);
    reported(/type « \.xyz » non reconnu/);
    reported(/un seul fichier par réponse/);
    reported(/Bloc HTML « aide » : mise en forme et liens retirés/);
    assert.ok(
      !imported.report.some((r) => /showProgressBar|locale/.test(r.message)),
      'les réglages de présentation sont ignorés sans bruit',
    );
    assert.ok(imported.report.every((r) => typeof r.path === 'string' && r.path.length > 0));
  });

  it('keeps files limits and HTML text', () => {
    assert.deepEqual(get('justif').accept, ['application/pdf', 'image/*']);
    assert.equal(get('justif').maxSizeBytes, 1048576);
    const aide = allElements(questionnaire).find((e) => e.id === 'aide');
    assert.deepEqual(aide, {
      id: 'aide',
      type: 'info',
      title: 'Aide',
      paragraphs: ['Contactez nous & vite.', 'Merci\u00a0!'.replace('\u00a0', ' ')],
    });
    assert.deepEqual(
      get('jours').choices.map((c: any) => c.code),
      ['1', '2', '3', '4', '5', 'none'],
    );
  });

  it('reads root-level elements as one page and refuses what is not a survey', () => {
    const single = fromSurveyJs({ elements: [{ type: 'text', name: 'q1', title: 'Question' }] });
    assert.deepEqual(single.issues, []);
    assert.equal(single.questionnaire!.pages.length, 1);
    reported(/./);
    assert.match(fromSurveyJs('texte').issues[0].message, /objet JSON/);
    assert.match(fromSurveyJs({ title: 'Vide' }).issues[0].message, /aucune page/);
    const allSkipped = fromSurveyJs({ pages: [{ name: 'p', elements: [{ type: 'expression', name: 'e' }] }] });
    assert.match(allSkipped.issues[0].message, /Aucune page/);
  });
});

describe('SurveyJS expressions', () => {
  const ctx = (questionnaire: Form) => ({
    lookup(name: string) {
      const q = findQuestion(questionnaire, name);
      if (!q) return undefined;
      const values = new Map<string, string>();
      if ('choices' in q) for (const c of q.choices) values.set(c.code, c.code);
      return { question: q, values };
    },
    exists: () => false,
  });

  it('renders our conditions as SurveyJS expressions', () => {
    const c: Condition = {
      all: [
        { question: 'statut', op: 'equals', value: 'abandoned' },
        {
          any: [
            { question: 'budget', op: 'greater', value: 10 },
            { question: 'nom', op: 'not_answered' },
          ],
        },
        { question: 'oui', op: 'differs', value: true },
      ],
    };
    assert.equal(
      conditionToExpression(c),
      "{statut} = 'abandoned' and ({budget} > 10 or {nom} empty) and {oui} <> true",
    );
    assert.equal(conditionToExpression({ any: [{ question: 'a', op: 'answered' }] }), '{a} notempty');
    assert.equal(conditionToExpression({ question: 't', op: 'contains', value: "l'a" }), "{t} contains 'l\\'a'");
  });

  it('parses every catalogue condition back to itself', () => {
    for (const { questionnaire } of CATALOGUE) {
      for (const el of allElements(questionnaire)) {
        if (!el.visibleIf) continue;
        const parsed = expressionToCondition(parseExpression(conditionToExpression(el.visibleIf)), ctx(questionnaire));
        assert.deepEqual(parsed, el.visibleIf, el.id);
      }
    }
  });

  it('reads operator spellings and literals', () => {
    const e = parseExpression("{a} == 'x' && {b} != 2 || !{c} notempty");
    assert.deepEqual(e, {
      t: 'or',
      items: [
        {
          t: 'and',
          items: [
            { t: 'cmp', op: 'equal', left: { t: 'var', name: 'a' }, right: { t: 'lit', v: 'x' } },
            { t: 'cmp', op: 'notequal', left: { t: 'var', name: 'b' }, right: { t: 'lit', v: 2 } },
          ],
        },
        { t: 'not', e: { t: 'cmp', op: 'notempty', left: { t: 'var', name: 'c' } } },
      ],
    });
    assert.deepEqual(parseExpression('{n} > -1.5'), {
      t: 'cmp',
      op: 'greater',
      left: { t: 'var', name: 'n' },
      right: { t: 'lit', v: -1.5 },
    });
    assert.deepEqual(parseExpression('3 < {n}'), {
      t: 'cmp',
      op: 'less',
      left: { t: 'lit', v: 3 },
      right: { t: 'var', name: 'n' },
    });
  });

  it('refuses what it does not read, with a French reason', () => {
    assert.throws(() => parseExpression('{a} = '), /expression incomplète/);
    assert.throws(() => parseExpression("({a} = 'x'"), /parenthèse non fermée/);
    assert.throws(() => parseExpression('{a} + 1 > 2'), /calculs/);
    assert.throws(() => parseExpression("{a} = 'x"), /non fermé/);
    assert.throws(() => parseExpression('iif({a}, 1, 2)'), /fonction « iif\(\) »/);
  });

  it('swaps a question written on the right of a comparison', () => {
    const cond = expressionToCondition(parseExpression('5 < {agents_mobilises}'), ctx(aiCensus));
    assert.deepEqual(cond, { question: 'agents_mobilises', op: 'greater', value: 5 });
  });
});
