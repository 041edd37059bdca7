import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aiCensus, participation } from '../questionnaires/index.ts';
import type { Answers, Condition } from './index.ts';
import { evaluate, isAnswered, isVisible, visibleElementIds, visiblePageIds, visibleQuestions } from './index.ts';

const ids = (answers: Answers) => visibleQuestions(aiCensus, answers).map((q) => q.id);

describe('isAnswered', () => {
  it('counts non-empty values only', () => {
    for (const v of [
      'x',
      0,
      false,
      ['a'],
      { l1: 'c1' },
      { id: 'f', name: 'a.pdf', size: 1, type: 'application/pdf' },
    ]) {
      assert.equal(isAnswered(v as any), true, JSON.stringify(v));
    }
    for (const v of [undefined, null, '', '   ', [], {}, { l1: '' }, Number.NaN]) {
      assert.equal(isAnswered(v as any), false, JSON.stringify(v));
    }
  });
});

describe('condition evaluation', () => {
  const answers: Answers = {
    statut: 'abandoned',
    nom: '  Prévision des Repas ',
    budget: 120,
    date: '2024-03-15',
    publics: ['agents', 'general_public'],
    oui: true,
    non: false,
  };
  const cases: [Condition, boolean][] = [
    [{ question: 'statut', op: 'equals', value: 'abandoned' }, true],
    [{ question: 'statut', op: 'equals', value: 'ABANDONED' }, true],
    [{ question: 'statut', op: 'differs', value: 'abandoned' }, false],
    [{ question: 'nom', op: 'equals', value: 'prévision des repas' }, true],
    [{ question: 'nom', op: 'contains', value: 'REPAS' }, true],
    [{ question: 'nom', op: 'contains', value: 'cantine' }, false],
    [{ question: 'budget', op: 'greater', value: 100 }, true],
    [{ question: 'budget', op: 'less', value: 100 }, false],
    [{ question: 'budget', op: 'equals', value: 120 }, true],
    [{ question: 'date', op: 'greater', value: '2024-01-01' }, true],
    [{ question: 'date', op: 'less', value: '2024-03-15' }, false],
    [{ question: 'publics', op: 'contains', value: 'agents' }, true],
    [{ question: 'publics', op: 'contains', value: 'schools' }, false],
    [{ question: 'publics', op: 'not_contains', value: 'agents' }, false],
    [{ question: 'publics', op: 'not_contains', value: 'schools' }, true],
    [{ question: 'nom', op: 'not_contains', value: 'REPAS' }, false],
    [{ question: 'publics', op: 'equals', value: 'agents' }, false],
    [{ question: 'oui', op: 'equals', value: true }, true],
    [{ question: 'non', op: 'equals', value: false }, true],
    [{ question: 'non', op: 'answered' }, true],
    // Unanswered: neither equal, greater, less nor containing; but « differs » and « not answered ».
    [{ question: 'absente', op: 'equals', value: 'x' }, false],
    [{ question: 'absente', op: 'differs', value: 'x' }, true],
    [{ question: 'absente', op: 'greater', value: 0 }, false],
    [{ question: 'absente', op: 'less', value: 0 }, false],
    [{ question: 'absente', op: 'contains', value: 'x' }, false],
    [{ question: 'absente', op: 'not_contains', value: 'x' }, true],
    [{ question: 'absente', op: 'answered' }, false],
    [{ question: 'absente', op: 'not_answered' }, true],
    [
      {
        all: [
          { question: 'statut', op: 'answered' },
          { question: 'budget', op: 'greater', value: 100 },
        ],
      },
      true,
    ],
    [
      {
        all: [
          { question: 'statut', op: 'answered' },
          { question: 'budget', op: 'greater', value: 200 },
        ],
      },
      false,
    ],
    [
      {
        any: [
          { question: 'budget', op: 'greater', value: 200 },
          { question: 'oui', op: 'equals', value: true },
        ],
      },
      true,
    ],
    [
      {
        any: [
          {
            all: [
              { question: 'statut', op: 'equals', value: 'finished' },
              { question: 'oui', op: 'equals', value: true },
            ],
          },
          {
            all: [
              { question: 'statut', op: 'equals', value: 'abandoned' },
              { question: 'non', op: 'equals', value: false },
            ],
          },
        ],
      },
      true,
    ],
  ];
  for (const [condition, expected] of cases) {
    it(`${JSON.stringify(condition)} → ${expected}`, () => {
      assert.equal(evaluate(condition, answers), expected);
    });
  }

  it('treats an element without condition as visible', () => {
    assert.equal(isVisible({}, {}), true);
  });
});

describe('visible questions of the AI census', () => {
  it('asks for the abandonment reason only when the status is abandoned', () => {
    assert.ok(!ids({ statut: 'deployment' }).includes('raison_abandon'));
    assert.ok(ids({ statut: 'abandoned' }).includes('raison_abandon'));
    assert.ok(ids({ statut: 'abandoned' }).includes('date_fin'));
    assert.ok(ids({ statut: 'finished' }).includes('date_fin'));
    assert.ok(!ids({}).includes('date_fin'));
  });

  it('asks about human oversight only for automated decisions', () => {
    assert.ok(!ids({ automatisation: 'no_decision' }).includes('decisions_par_an'));
    assert.ok(ids({ automatisation: 'decision_support' }).includes('decisions_par_an'));
    assert.ok(!ids({ automatisation: 'decision_support' }).includes('controle_humain'));
    assert.ok(ids({ automatisation: 'fully_automated' }).includes('controle_humain'));
  });

  it('cascades: a hidden question counts as unanswered for the questions after it', () => {
    // lien_aipd depends on aipd_publiee, which depends on transparence.
    const shown = { transparence: { information: 'fait' }, aipd_publiee: true };
    assert.ok(ids(shown).includes('lien_aipd'));
    const parentHidden = { aipd_publiee: true };
    assert.ok(!ids(parentHidden).includes('aipd_publiee'));
    assert.ok(!ids(parentHidden).includes('lien_aipd'), 'la réponse cachée ne déclenche plus rien');
  });

  it('lists visible information blocks and pages', () => {
    const visible = visibleElementIds(aiCensus, {});
    assert.ok(visible.has('intro'));
    assert.deepEqual(
      visiblePageIds(aiCensus, {}),
      aiCensus.pages.map((p) => p.id),
    );
  });
});

describe('visible questions of the participation questionnaire', () => {
  const v = (answers: Answers) => visibleQuestions(participation, answers).map((q) => q.id);
  it('follows the 5G debate branch', () => {
    assert.ok(!v({ formats: ['atelier'] }).includes('debat_5g'));
    assert.ok(v({ formats: ['atelier', 'debat_public'] }).includes('debat_5g'));
    assert.ok(v({ formats: ['debat_public'], debat_5g: true }).includes('debat_5g_recit'));
    assert.ok(!v({ formats: ['atelier'], debat_5g: true }).includes('debat_5g_recit'));
  });

  it('compares scale answers as numbers', () => {
    const base = { publics: ['eloignes_numerique'] };
    assert.ok(v({ ...base, eloignes_reussite: 8 }).includes('eloignes_comment'));
    assert.ok(!v({ ...base, eloignes_reussite: 8 }).includes('eloignes_freins'));
    assert.ok(v({ ...base, eloignes_reussite: 3 }).includes('eloignes_freins'));
    assert.ok(!v({ eloignes_reussite: 3 }).includes('eloignes_freins'), 'échelle cachée donc sans effet');
  });
});
