// Pure rules beside the model: campaigns (dates, SIREN lists, reminders), builder operations, results across
// versions, export cells, and the mapping of an AI-census response to a library use case.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addElement,
  BuilderError,
  cellText,
  computeResults,
  csvCell,
  duplicateElement,
  findQuestion,
  moveElement,
  newElement,
  parseChoiceLines,
  type Form as Questionnaire,
  readElementForm,
  removePage,
  replaceElement,
  unionQuestions,
  validateForm as validateQuestionnaire,
} from '../forms/index.ts';
import {
  campaignState,
  invitationToken,
  parseFormDate,
  parseReminderDays,
  parseSirenList,
  reminderDates,
} from './campaigns.ts';
import { aiCensus, participation } from './catalogue/index.ts';
import { libraryContent, mapsToLibrary } from './library-mapping.ts';

describe('campaign rules', () => {
  test('state from the dates, closing early included', () => {
    const at = new Date('2025-03-10T12:00:00Z');
    const dates = { opensAt: '2025-03-01T00:00:00Z', closesAt: '2025-03-31T22:00:00Z', closedAt: null };
    assert.equal(campaignState(dates, at), 'open');
    assert.equal(campaignState(dates, new Date('2025-02-28T00:00:00Z')), 'scheduled');
    assert.equal(campaignState(dates, new Date('2025-04-01T00:00:00Z')), 'closed');
    assert.equal(campaignState({ ...dates, closedAt: '2025-03-05T00:00:00Z' }, at), 'closed');
  });

  test('reads a SIREN list: SIRET accepted, header and duplicates handled, errors with line numbers', () => {
    const r = parseSirenList(
      'SIREN;contact\n213502388;numerique@rennes.fr\n21350238800019\n200046977\t dsi@grandlyon.fr \n123\n213502388;autre@rennes.fr;pas-une-adresse\n',
    );
    assert.deepEqual(
      r.entries.map((e) => [e.siren, e.emails]),
      [
        ['213502388', ['numerique@rennes.fr', 'autre@rennes.fr']],
        ['200046977', ['dsi@grandlyon.fr']],
      ],
    );
    assert.equal(r.errors.length, 2);
    assert.match(r.errors[0]!.message, /^Ligne 5 : /);
    assert.match(r.errors[1]!.message, /^Ligne 6 : « pas-une-adresse » n'est pas une adresse e-mail valide/);
  });

  test('reminders: days before closing, at 9:00 Paris time, future only', () => {
    const dates = reminderDates('2025-03-31T21:59:00Z', [7, 2, 2, 400], new Date('2025-03-26T00:00:00Z'));
    assert.deepEqual(
      dates.map((d) => d.toISOString()),
      ['2025-03-29T08:00:00.000Z'],
    );
    assert.deepEqual(parseReminderDays('7, 2; 14'), [14, 7, 2]);
    assert.equal(parseReminderDays('sept'), null);
    assert.deepEqual(parseReminderDays(''), []);
  });

  test('form dates are Paris time', () => {
    assert.equal(parseFormDate('2025-01-15'), '2025-01-14T23:00:00.000Z');
    assert.equal(parseFormDate('2025-07-15', true), '2025-07-15T21:59:00.000Z');
    assert.equal(parseFormDate('2025-02-30'), null);
    assert.equal(parseFormDate('15/01/2025'), null);
  });

  test('an invitation token depends on the secret, the invitation and its nonce', () => {
    const a = invitationToken('secret', '1:2', 'n1');
    assert.equal(a, invitationToken('secret', '1:2', 'n1'));
    assert.notEqual(a, invitationToken('secret', '1:2', 'n2'));
    assert.notEqual(a, invitationToken('autre', '1:2', 'n1'));
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
  });
});

describe('builder operations', () => {
  const base = (): Questionnaire => structuredClone(participation);

  test('renaming a question carries its conditions along', () => {
    const q = base();
    const formats = findQuestion(q, 'formats')!;
    const next = replaceElement(q, 'formats', { ...formats, id: 'formats_utilises' });
    assert.deepEqual(findQuestion(next, 'debat_5g')!.visibleIf, {
      question: 'formats_utilises',
      op: 'contains',
      value: 'debat_public',
    });
    assert.ok(validateQuestionnaire(next).ok);
  });

  test('moving past the top of a page goes to the previous page; the draft then refuses a condition on a later question', () => {
    const moved = moveElement(base(), 'formats', 'up');
    assert.equal(moved.pages[0]!.elements.at(-1)!.id, 'formats');
    const up = moveElement(base(), 'debat_5g', 'up');
    const r = validateQuestionnaire(up);
    assert.ok(!r.ok && r.issues.some((i) => /n'est pas une question placée avant/.test(i.message)));
  });

  test('duplicates with a fresh id, without the library mapping', () => {
    const { draft, id } = duplicateElement(structuredClone(aiCensus), 'nom_projet');
    assert.equal(id, 'nom_projet_copie');
    const copy = findQuestion(draft, id)!;
    assert.equal(copy.label, 'Nom du projet (copie)');
    assert.equal(copy.libraryField, undefined);
    assert.ok(validateQuestionnaire(draft).ok);
  });

  test('adds default elements of every type that pass validation; keeps at least one page', () => {
    let q = base();
    for (const type of ['info', 'matrix', 'ranking', 'scale', 'file', 'dropdown'] as const)
      q = addElement(q, 'besoins', newElement(q, type));
    assert.ok(validateQuestionnaire(q).ok);
    const single: Questionnaire = { ...q, pages: [q.pages[0]!] };
    assert.throws(() => removePage(single, q.pages[0]!.id), BuilderError);
  });

  test('reads the element form: choice lines, validation, a condition on an earlier question', () => {
    assert.deepEqual(parseChoiceLines('oui | Oui\nNon, jamais\n\noui | Encore'), {
      choices: [
        { code: 'oui', label: 'Oui' },
        { code: 'non_jamais', label: 'Non, jamais' },
        { code: 'oui_2', label: 'Encore' },
      ],
    });
    const read = readElementForm(
      'short_text',
      {
        id: 'commentaire_5g',
        label: 'Un commentaire ?',
        required: 'on',
        validation_maxLength: '300',
        condition_mode: 'any',
        condition_0_question: 'debat_5g',
        condition_0_op: 'equals',
        condition_0_value: 'oui',
        condition_1_question: 'nombre_demarches',
        condition_1_op: 'greater',
        condition_1_value: '2,5',
      },
      participation,
      null,
    );
    assert.deepEqual(read.errors, {});
    assert.deepEqual(read.element, {
      id: 'commentaire_5g',
      type: 'short_text',
      label: 'Un commentaire ?',
      required: true,
      validation: { maxLength: 300 },
      visibleIf: {
        any: [
          { question: 'debat_5g', op: 'equals', value: true },
          { question: 'nombre_demarches', op: 'greater', value: 2.5 },
        ],
      },
    });
    const bad = readElementForm(
      'matrix',
      { id: 'Mauvais id', label: '', rows: 'l1 | Ligne', columns: 'c | Seule' },
      participation,
      null,
    );
    assert.deepEqual(Object.keys(bad.errors).sort(), ['columns', 'id', 'label']);
  });
});

describe('results across versions', () => {
  const v1 = structuredClone(participation);
  const v2 = structuredClone(participation);
  // Version 2 renames a choice label and drops a choice; questions are matched by id.
  const influence2 = findQuestion(v2, 'influence') as any;
  influence2.label = 'Les contributions ont-elles changé les décisions ?';
  influence2.choices = influence2.choices.filter((c: any) => c.code !== 'trop_tot');

  test('the union takes labels from the newest version and keeps old choices', () => {
    const influence = unionQuestions([v2, v1]).find((q) => q.id === 'influence') as any;
    assert.equal(influence.label, 'Les contributions ont-elles changé les décisions ?');
    assert.deepEqual(
      influence.choices.map((c: any) => c.code),
      ['largement', 'en_partie', 'non', 'trop_tot'],
    );
  });

  test('counts, percentages of respondents, « Autre » texts, rankings and numbers', () => {
    const results = computeResults(
      [v2, v1],
      [
        {
          influence: 'trop_tot',
          formats: ['atelier', 'other'],
          'formats.other': 'Cafés numériques',
          nombre_demarches: 3,
          besoins_priorites: ['reseau', 'formation', 'methodes', 'outils', 'financement'],
        },
        {
          influence: 'largement',
          formats: ['atelier'],
          nombre_demarches: 10,
          besoins_priorites: ['formation', 'reseau', 'methodes', 'outils', 'financement'],
        },
        { influence: 'largement' },
      ],
      { includeRestricted: false },
    );
    assert.equal(results.responses, 3);
    const influence = results.questions.find((q) => q.question.id === 'influence')!;
    assert.ok(influence.kind === 'choices');
    assert.deepEqual(
      influence.options.map((o) => [o.code, o.count, o.percent]),
      [
        ['largement', 2, 66.7],
        ['en_partie', 0, 0],
        ['non', 0, 0],
        ['trop_tot', 1, 33.3],
      ],
    );
    const formats = results.questions.find((q) => q.question.id === 'formats')!;
    assert.ok(formats.kind === 'choices' && formats.multiple);
    assert.deepEqual(
      formats.options.find((o) => o.code === 'atelier'),
      { code: 'atelier', label: 'Ateliers de travail avec des habitants', count: 2, percent: 100 },
    );
    assert.deepEqual(formats.others, ['Cafés numériques']);
    const ranking = results.questions.find((q) => q.question.id === 'besoins_priorites')!;
    assert.ok(ranking.kind === 'ranking');
    // Tied items keep the questionnaire's order.
    assert.deepEqual(ranking.items.slice(0, 2), [
      { code: 'formation', label: 'Former les agents et les élus à l’animation', averageRank: 1.5, first: 1 },
      { code: 'reseau', label: 'Échanger avec d’autres collectivités', averageRank: 1.5, first: 1 },
    ]);
    const numbers = results.questions.find((q) => q.question.id === 'nombre_demarches')!;
    assert.ok(numbers.kind === 'number');
    assert.deepEqual([numbers.min, numbers.median, numbers.mean, numbers.max], [3, 6.5, 6.5, 10]);
    assert.ok(!results.questions.some((q) => q.question.restricted), 'questions restreintes retirées');
  });

  test('CSV cells are quoted, and formulas are neutralised', () => {
    assert.equal(csvCell('Rennes'), 'Rennes');
    assert.equal(csvCell('Ateliers ; débats'), '"Ateliers ; débats"');
    assert.equal(csvCell('dit "oui"'), '"dit ""oui"""');
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvCell('-3'), '-3');
    assert.equal(csvCell(-3), '-3');
  });

  test('export cells use labels', () => {
    const formats = findQuestion(participation, 'formats')!;
    assert.equal(
      cellText(formats, { formats: ['atelier', 'other'], 'formats.other': 'Cafés' }),
      'Ateliers de travail avec des habitants ; Autre format, précisez : Cafés',
    );
    assert.equal(cellText(findQuestion(participation, 'debat_5g')!, { debat_5g: false }), 'Non');
    assert.equal(
      cellText(findQuestion(aiCensus, 'transparence')!, { transparence: { aipd: 'fait', information: 'prevu' } }),
      'Information des personnes concernées : Prévu ; Analyse d’impact relative à la protection des données (AIPD) : Fait',
    );
    assert.equal(
      cellText(findQuestion(participation, 'besoins_priorites')!, { besoins_priorites: ['outils', 'reseau'] }).slice(
        0,
        20,
      ),
      '1. Disposer d’outils',
    );
  });
});

describe('library mapping', () => {
  test('only the AI census maps to the library', () => {
    assert.equal(mapsToLibrary(aiCensus), true);
    assert.equal(mapsToLibrary(participation), false);
  });

  test('answers become use-case fields with the library’s own rules; « Autre » and unknown values are left out', () => {
    const { content, skipped } = libraryContent(aiCensus, {
      nom_projet: 'Prévision des repas',
      statut: 'abandoned',
      raison_abandon: 'Données incomplètes.',
      date_debut: '2022-09',
      sous_themes: ['waste_circular_economy', 'water_management', 'agriculture'],
      techniques: ['machine_learning'],
      budget: 'un million',
      decisions_par_an: 1200,
      lien_aipd: 'https://www.ville.fr/aipd.pdf',
    });
    assert.deepEqual(content, {
      title: 'Prévision des repas',
      startDate: '2022-09',
      projectStatus: 'abandoned',
      abandonReason: 'Données incomplètes.',
      subThemes: ['waste_circular_economy', 'water_management'],
      techniques: ['machine_learning'],
      decisionsPerYear: 1200,
      dpiaUrl: 'https://www.ville.fr/aipd.pdf',
    });
    assert.equal(skipped.length, 1);
    assert.equal(skipped[0]!.questionId, 'budget');
  });
});
