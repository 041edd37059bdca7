import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Value from 'typebox/value';
import { FIELDS } from '../library/index.ts';
import { CATALOGUE } from '../questionnaires/index.ts';
import {
  allQuestions,
  type Form,
  FormSchema,
  type Issue,
  QUESTION_TYPES,
  saveShape,
  slugify,
  validateForm,
} from './index.ts';

const libraryFields = FIELDS.map((f) => f.key);

/** A small valid questionnaire to break in each test. */
function sample(): any {
  return {
    title: 'Essai',
    language: 'fr',
    pages: [
      {
        id: 'p1',
        title: 'Première page',
        elements: [
          {
            id: 'statut',
            type: 'single_choice',
            label: 'Statut',
            choices: [
              { code: 'en_cours', label: 'En cours' },
              { code: 'abandonne', label: 'Abandonné' },
            ],
          },
          {
            id: 'raison',
            type: 'long_text',
            label: 'Raison',
            visibleIf: { question: 'statut', op: 'equals', value: 'abandonne' },
          },
        ],
      },
      {
        id: 'p2',
        title: 'Deuxième page',
        elements: [{ id: 'budget', type: 'number', label: 'Budget', validation: { min: 0 } }],
      },
    ],
  };
}

function issuesOf(input: unknown): Issue[] {
  const r = validateForm(input, { libraryFields });
  return r.ok ? [] : r.issues;
}

function expectIssue(input: unknown, path: string, fragment: RegExp) {
  const issues = issuesOf(input);
  const found = issues.find((i) => i.path === path);
  assert.ok(found, `attendu un problème en ${path}, obtenu : ${JSON.stringify(issues, null, 1)}`);
  assert.match(found.message, fragment);
}

describe('questionnaire structure', () => {
  it('accepts both catalogue questionnaires, with library field names that exist', () => {
    for (const { key, questionnaire } of CATALOGUE) {
      const r = validateForm(questionnaire, { libraryFields });
      assert.deepEqual(r.ok ? [] : r.issues, [], key);
      assert.ok(Value.Check(FormSchema, questionnaire), `${key} respecte aussi le schéma TypeBox`);
    }
  });

  it('uses every question type across the two catalogue questionnaires, matrix and ranking included', () => {
    const used = new Set(CATALOGUE.flatMap((c) => allQuestions(c.questionnaire).map((q) => q.type)));
    assert.deepEqual(
      [...QUESTION_TYPES].filter((t) => !used.has(t)),
      [],
    );
  });

  it('maps the AI census to the library sheet with the library reference codes', () => {
    const census = CATALOGUE.find((c) => c.key === 'recensement-ia')!.questionnaire;
    const byField = new Map(
      allQuestions(census)
        .filter((q) => q.libraryField)
        .map((q) => [q.libraryField, q]),
    );
    for (const field of [
      'title',
      'projectStatus',
      'theme',
      'subThemes',
      'techniques',
      'dataSources',
      'partners',
      'budgetBand',
      'commonsCategory',
      'abandonReason',
    ]) {
      assert.ok(byField.has(field), `champ ${field} couvert`);
    }
    const status = byField.get('projectStatus')!;
    assert.ok('choices' in status);
    assert.deepEqual(
      status.choices.map((c) => c.code),
      ['exploration', 'experimentation', 'deployment', 'finished', 'abandoned'],
    );
    const commons = byField.get('commonsCategory')!;
    assert.ok('choices' in commons);
    assert.deepEqual(
      commons.choices.map((c) => c.code),
      [
        'forecasting',
        'anomaly_detection',
        'text_extraction',
        'aerial_shape_classification',
        'conversational_assistant',
        'optimisation',
        'other',
      ],
    );
    // The abandonment reason only shows when the status is « abandoned ».
    assert.deepEqual(byField.get('abandonReason')!.visibleIf, { question: 'statut', op: 'equals', value: 'abandoned' });
  });

  it('accepts the small sample', () => {
    assert.deepEqual(issuesOf(sample()), []);
  });

  it('rejects a non-object, a missing title, a wrong language and no pages', () => {
    assert.match(issuesOf([])[0].message, /objet JSON/);
    const q = sample();
    q.title = ' ';
    q.language = 'en';
    q.pages = [];
    const issues = issuesOf(q);
    assert.deepEqual(
      issues.map((i) => i.path),
      ['title', 'language', 'pages'],
    );
    assert.match(issues[1].message, /« fr »/);
  });

  it('reports duplicate element ids with where the first one is', () => {
    const q = sample();
    q.pages[1].elements[0].id = 'statut';
    expectIssue(q, 'pages[1].elements[0].id', /« statut » est déjà utilisé \(la page « Première page », élément 1\)/);
  });

  it('reports duplicate page ids and invalid ids', () => {
    const q = sample();
    q.pages[1].id = 'p1';
    q.pages[0].elements[1].id = 'Raison 2';
    expectIssue(q, 'pages[1].id', /« p1 » est déjà utilisé par la page 1/);
    expectIssue(q, 'pages[0].elements[1].id', /commencer par une lettre et ne contenir que des lettres sans accent/);
  });

  it('reports a condition on a later question and on an unknown one', () => {
    const q = sample();
    q.pages[0].elements[0].visibleIf = { question: 'budget', op: 'answered' };
    q.pages[1].elements[0].visibleIf = {
      all: [
        { question: 'statut', op: 'answered' },
        { question: 'inconnue', op: 'answered' },
      ],
    };
    expectIssue(
      q,
      'pages[0].elements[0].visibleIf.question',
      /porte sur « budget », qui n'est pas une question placée avant/,
    );
    expectIssue(q, 'pages[1].elements[0].visibleIf.all[1].question', /question inconnue « inconnue »/);
  });

  it('reports a condition on the question itself', () => {
    const q = sample();
    q.pages[0].elements[0].visibleIf = { question: 'statut', op: 'answered' };
    expectIssue(q, 'pages[0].elements[0].visibleIf.question', /la question elle-même/);
  });

  it('reports a condition value that is not a choice code, and operators that do not fit the type', () => {
    const q = sample();
    q.pages[0].elements[1].visibleIf = {
      any: [
        { question: 'statut', op: 'equals', value: 'Abandonné' },
        { question: 'statut', op: 'greater', value: 'en_cours' },
        { question: 'statut', op: 'answered', value: 'x' },
        { question: 'statut', op: 'equals' },
        { question: 'statut', op: 'vaut' },
      ],
    };
    expectIssue(
      q,
      'pages[0].elements[1].visibleIf.any[0].value',
      /« Abandonné » n'est pas un code de choix de « statut » \(codes : en_cours, abandonne\)/,
    );
    expectIssue(q, 'pages[0].elements[1].visibleIf.any[1].op', /« greater » ne s'applique pas à « statut »/);
    expectIssue(q, 'pages[0].elements[1].visibleIf.any[2].value', /ne prend pas de valeur/);
    expectIssue(q, 'pages[0].elements[1].visibleIf.any[3].value', /demande une valeur/);
    expectIssue(q, 'pages[0].elements[1].visibleIf.any[4].op', /Opérateur inconnu « vaut »/);
  });

  it('reports an empty condition group and a number compared with a text', () => {
    const q = sample();
    q.pages[1].elements.push({ id: 'b2', type: 'short_text', label: 'B2', visibleIf: { all: [] } });
    q.pages[1].elements.push({
      id: 'b3',
      type: 'short_text',
      label: 'B3',
      visibleIf: { question: 'budget', op: 'greater', value: '12' },
    });
    expectIssue(q, 'pages[1].elements[1].visibleIf.all', /au moins une condition/);
    expectIssue(q, 'pages[1].elements[2].visibleIf.value', /doit être un nombre/);
  });

  it('reports bad choice codes, duplicate codes and missing labels', () => {
    const q = sample();
    q.pages[0].elements[0].choices = [
      { code: 'en cours', label: 'En cours' },
      { code: 'a', label: 'A' },
      { code: 'a', label: '' },
    ];
    delete q.pages[0].elements[1].visibleIf;
    expectIssue(
      q,
      'pages[0].elements[0].choices[0].code',
      /code de l'élément 1 \(liste des choix\) de la question « statut » est invalide \(« en cours »\)/,
    );
    expectIssue(q, 'pages[0].elements[0].choices[2].code', /« a » est utilisé deux fois/);
    expectIssue(q, 'pages[0].elements[0].choices[2].label', /doit avoir un libellé/);
  });

  it('reserves the code « other » when the « Autre » option is on', () => {
    const q = sample();
    q.pages[0].elements[0].choices.push({ code: 'other', label: 'Autre' });
    q.pages[0].elements[0].allowOther = true;
    expectIssue(q, 'pages[0].elements[0].choices', /« other » est réservé/);
  });

  it('reports unknown properties (typos) and unknown types', () => {
    const q = sample();
    q.pages[1].elements[0].requried = true;
    q.pages[0].elements[1].type = 'paragraphe';
    expectIssue(q, 'pages[1].elements[0].requried', /Propriété inconnue « requried »/);
    expectIssue(q, 'pages[0].elements[1].type', /type de « raison » est inconnu \(« paragraphe »\)/);
  });

  it('checks validation rules against the question type', () => {
    const q = sample();
    q.pages[1].elements[0].validation = { min: 10, max: 1, minLength: 3 };
    q.pages[0].elements[1].validation = { pattern: '([a-z', patternMessage: 'Format' };
    expectIssue(q, 'pages[1].elements[0].validation.minLength', /ne s'applique pas/);
    expectIssue(q, 'pages[1].elements[0].validation.min', /minimum dépasse le maximum/);
    expectIssue(q, 'pages[0].elements[1].validation.pattern', /n'est pas une expression régulière valide/);
  });

  it('checks scale, matrix, ranking and file specifics', () => {
    const q = sample();
    q.pages[1].elements.push(
      { id: 'echelle', type: 'scale', label: 'Note', max: 7 },
      {
        id: 'tableau',
        type: 'matrix',
        label: 'Tableau',
        rows: [{ code: 'l1', label: 'L1' }],
        columns: [{ code: 'c1', label: 'C1' }],
      },
      { id: 'ordre', type: 'ranking', label: 'Ordre', choices: [{ code: 'x', label: 'X' }] },
      { id: 'piece', type: 'file', label: 'Pièce', maxSizeBytes: 0, accept: ['pdf'] },
    );
    expectIssue(q, 'pages[1].elements[1].max', /1 à 5 ou de 1 à 10/);
    expectIssue(q, 'pages[1].elements[2].columns', /au moins 2 éléments/);
    expectIssue(q, 'pages[1].elements[3].choices', /au moins 2 éléments/);
    expectIssue(q, 'pages[1].elements[4].maxSizeBytes', /entre 1 et/);
    expectIssue(q, 'pages[1].elements[4].accept[0]', /Type de fichier invalide « pdf »/);
  });

  it('checks multiple choice bounds against the number of choices', () => {
    const q = sample();
    q.pages[1].elements.push({
      id: 'mc',
      type: 'multiple_choice',
      label: 'MC',
      choices: [{ code: 'a', label: 'A' }],
      maxChoices: 3,
    });
    expectIssue(q, 'pages[1].elements[1].maxChoices', /dépasse le nombre de choix \(1\)/);
  });

  it('refuses library fields that do not exist or are mapped twice', () => {
    const q = sample();
    q.pages[0].elements[0].libraryField = 'projectStatus';
    q.pages[0].elements[1].libraryField = 'projectStatus';
    q.pages[1].elements[0].libraryField = 'budgetEnEuros';
    expectIssue(q, 'pages[0].elements[1].libraryField', /déjà associé à la question « statut »/);
    expectIssue(q, 'pages[1].elements[0].libraryField', /« budgetEnEuros » .* n'existe pas/);
  });

  it('accepts an information block with a title only, refuses an empty one', () => {
    const q = sample();
    q.pages[1].elements.push({ id: 'titre', type: 'info', title: 'Une section', paragraphs: [] });
    assert.deepEqual(issuesOf(q), []);
    q.pages[1].elements.push({ id: 'vide', type: 'info', paragraphs: [] });
    expectIssue(q, 'pages[1].elements[2].paragraphs', /un titre ou au moins un paragraphe/);
  });

  it('returns the questionnaire typed when valid', () => {
    const r = validateForm(sample());
    assert.ok(r.ok);
    const q: Form = r.questionnaire;
    assert.equal(q.pages[0].elements[0].id, 'statut');
  });
});

describe('slugify', () => {
  it('makes valid ids from any label', () => {
    assert.equal(slugify('Nom du Projet (2024)'), 'nom_du_projet_2024');
    assert.equal(slugify('Œuvre & Été'), 'oeuvre_ete');
    assert.equal(slugify('1re question'), 'question_1re_question');
    assert.equal(slugify('***'), 'question');
  });
});

describe('save shape of a form version', () => {
  it('lists what an autosave may write (questions but files, and their « Autre » texts) and the pages', () => {
    const form = sample() as Form;
    form.pages[1]!.elements.push({
      id: 'piece',
      type: 'file',
      label: 'Pièce',
      maxSizeBytes: 1000,
      accept: ['pdf'],
    } as any);
    const shape = saveShape(form);
    assert.deepEqual(
      shape.questions.map((q) => q.id),
      allQuestions(form).map((q) => q.id),
    );
    assert.deepEqual([...shape.writableKeys].sort(), [
      'budget',
      'budget.other',
      'raison',
      'raison.other',
      'statut',
      'statut.other',
    ]);
    assert.deepEqual([...shape.pageIds], ['p1', 'p2']);
  });

  it('is worked out once per form object, and separately for another version', () => {
    const form = sample() as Form;
    assert.equal(saveShape(form), saveShape(form));
    const other = sample() as Form;
    other.pages[1]!.elements = [];
    assert.notEqual(saveShape(other), saveShape(form));
    assert.ok(!saveShape(other).writableKeys.has('budget'));
  });
});
