// The evidence of the « conditions de réussite », pure: exact figures on a fixed set of sheets, the small-number rule
// (« moins de 5 », groups under 5 projects not detailed: a single authority's answers cannot be read), and the light
// formatting of the positions (never HTML) with the edit form's French messages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Answers } from '../forms/index.ts';
import { ANSWER_NO, ANSWER_YES, QUESTIONS } from './altai.ts';
import { formatText, readConditionsForm } from './conditions.ts';
import { computeEvidence, countFigure, type EvidenceSheet, SMALL_TEXT } from './evidence.ts';
import { DPIA_CRITERIA } from './law.ts';

/** Every question « Oui », except the robustness ones « Non ». */
const self = (): Answers =>
  Object.fromEntries(QUESTIONS.map((q) => [q.id, q.requirement === 'robustesse' ? ANSWER_NO : ANSWER_YES]));
const dpiaDone: Answers = {
  donnees_personnelles: true,
  criteres_aipd: DPIA_CRITERIA.slice(0, 2).map((c) => c.code),
  aipd_fait: true,
};

function sheet(id: number, over: Partial<EvidenceSheet> = {}): EvidenceSheet {
  return {
    id,
    title: `Fiche ${id}`,
    href: `/bibliotheque/${id}-fiche`,
    organisationName: `Collectivité ${id}`,
    theme: 'mobilite',
    authorityType: 'commune',
    noticePublished: false,
    self: null,
    law: null,
    lessons: [],
    ...over,
  };
}

// Five communes on mobility, signed self-assessments, two with a DPIA done, one with a published notice; a lone
// département on another theme whose signed (private) answers say a DPIA is done and oversight is missing.
const SHEETS: EvidenceSheet[] = [
  sheet(1, { self: self(), law: dpiaDone, noticePublished: true }),
  sheet(2, { self: self(), law: dpiaDone }),
  sheet(3, { self: self() }),
  sheet(4, { self: self(), lessons: [{ label: 'Raisons de l’abandon', text: 'Données trop anciennes.' }] }),
  sheet(5, { self: self() }),
  sheet(6, {
    theme: 'sante',
    authorityType: 'departement',
    self: { ...self(), h_validation: ANSWER_NO },
    law: dpiaDone,
  }),
];

describe('evidence of the conditions de réussite', () => {
  const e = computeEvidence(SHEETS);

  it('ranks the requirements by the mean score of the signed self-assessments', () => {
    assert.equal(e.projects, 6);
    const robustness = e.requirements.find((r) => r.code === 'robustesse')!;
    const human = e.requirements.find((r) => r.code === 'humain')!;
    assert.equal(robustness.mean, 0);
    assert.equal(robustness.assessments.text, 'au moins 5'); // 6 of 6 projects: never « all »
    // Sheet 6 answers « Non » to h_validation: the mean of the human requirement drops below 100.
    const humanQuestions = QUESTIONS.filter((q) => q.requirement === 'humain').length;
    const expected = Math.round((5 * 100 + Math.round(((humanQuestions - 1) * 100) / humanQuestions)) / 6);
    assert.equal(human.mean, expected);
    assert.equal(e.weakest[0]!.code, 'robustesse');
    assert.ok(e.strongest.every((r) => r.mean === 100));
  });

  it('counts the network indicators, a count under 5 reading « moins de 5 »', () => {
    // 6 of 6 and 5 of 6: fewer than 5 left out, « au moins 5 » (never « all »).
    assert.deepEqual(e.network.assessment, { value: null, text: 'au moins 5' });
    assert.deepEqual(e.network.oversight, { value: null, text: 'au moins 5' });
    assert.deepEqual(e.network.dpia, { value: null, text: SMALL_TEXT });
    assert.deepEqual(e.network.notice, { value: null, text: SMALL_TEXT });
  });

  it('details a theme or authority type only from 5 projects: the lone département shows nothing', () => {
    const mobility = e.byTheme.find((g) => g.code === 'mobilite')!;
    assert.equal(mobility.projects.text, '5');
    assert.equal(mobility.values!.oversight.text, 'au moins 5');
    assert.equal(mobility.values!.dpia.text, SMALL_TEXT);
    const health = e.byTheme.find((g) => g.code === 'sante')!;
    assert.deepEqual(health.projects, { value: null, text: SMALL_TEXT });
    assert.equal(health.values, null);
    const departement = e.byAuthorityType.find((g) => g.code === 'departement')!;
    assert.equal(departement.values, null);
  });

  it('gives an exact count only when 5 or more projects are in and 5 or more out; 0 is never said', () => {
    assert.deepEqual(countFigure(5, 10), { value: 5, text: '5' });
    assert.deepEqual(countFigure(0, 10), { value: null, text: SMALL_TEXT });
    assert.deepEqual(countFigure(4, 10), { value: null, text: SMALL_TEXT });
    assert.deepEqual(countFigure(6, 10), { value: null, text: 'au moins 6' });
    assert.deepEqual(countFigure(10, 10), { value: null, text: 'au moins 6' });
    assert.deepEqual(countFigure(20, 40), { value: 20, text: '20' });
  });

  it('withholds every requirement mean under 5 signed self-assessments', () => {
    const few = computeEvidence(SHEETS.slice(0, 4));
    assert.ok(few.requirements.every((r) => r.mean === null && r.assessments.text === SMALL_TEXT));
    assert.deepEqual(few.weakest, []);
    assert.deepEqual(few.strongest, []);
  });

  it('quotes the lessons learned with the sheet they come from', () => {
    assert.deepEqual(
      e.lessons.map((l) => [l.sheetId, l.label, l.text]),
      [[4, 'Raisons de l’abandon', 'Données trop anciennes.']],
    );
  });
});

describe('positions: light formatting and the edit form', () => {
  it('reads paragraphs, lists and emphasis, and keeps markup as text', () => {
    assert.deepEqual(formatText('Un **point** clé.\n\n- premier\n- <script>alert(1)</script>'), [
      {
        kind: 'paragraph',
        runs: [
          { text: 'Un ', strong: false },
          { text: 'point', strong: true },
          { text: ' clé.', strong: false },
        ],
      },
      {
        kind: 'list',
        items: [[{ text: 'premier', strong: false }], [{ text: '<script>alert(1)</script>', strong: false }]],
      },
    ]);
  });

  it('says in French what is missing, per position, and refuses publication without evidence', () => {
    const { content, errors } = readConditionsForm({
      position_1_titre: 'Former les agents',
      position_2_texte: 'Un texte sans titre',
      position_2_preuves: ['inconnu'],
    });
    assert.equal(errors.position_1_texte, 'Position 1 : écrivez le texte de la position.');
    assert.equal(errors.position_2_titre, 'Position 2 : donnez-lui un titre.');
    assert.match(errors.position_2_preuves!, /liste proposée/);
    assert.equal(content.positions.length, 2);
    // Publishing: a position without evidence, or no position at all, each said on its field.
    const noEvidence = readConditionsForm({ position_2_titre: 'A', position_2_texte: 'B' }, { publish: true }).errors;
    assert.deepEqual(noEvidence, {
      position_2_preuves: 'Position 2 : reliez-la à au moins un élément de preuve avant de publier.',
    });
    assert.deepEqual(readConditionsForm({}, { publish: true }).errors, {
      position_1_titre: 'Écrivez au moins une position avant de publier.',
    });
    assert.deepEqual(readConditionsForm({ position_2_titre: 'A', position_2_texte: 'B' }).errors, {});
  });
});
