// Results across the versions of a form (union of questions, counts, rankings, numbers) and export cells.
// Run on the questionnaires' catalogue.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aiCensus, participation } from '../questionnaires/index.ts';
import { cellText, computeResults, csvCell, findQuestion, unionQuestions } from './index.ts';

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
    // Tied items keep the form's order.
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
