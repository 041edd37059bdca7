import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  type Answers,
  allElements,
  type Form,
  findQuestion,
  fromLimeSurvey,
  validateForm,
  visibleElementIds,
} from './index.ts';
import { MAX_LSS_CHARS } from './limesurvey/read.ts';
import { type Ref, translateRelevance } from './limesurvey/relevance.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/limesurvey/${name}`, import.meta.url), 'utf8');

function imported(name: string) {
  const result = fromLimeSurvey(fixture(name));
  assert.deepEqual(result.issues, []);
  assert.ok(result.questionnaire);
  const valid = validateForm(result.questionnaire);
  assert.ok(valid.ok, JSON.stringify(!valid.ok && valid.issues));
  return { form: result.questionnaire as Form, report: result.report };
}

const visible = (form: Form, answers: Answers) => [...visibleElementIds(form, answers)];

describe('LimeSurvey import (LimeSurvey 5/6 layout, English and French)', () => {
  const { form, report } = imported('recensement-ls6.lss');

  it('takes the French texts of a survey that has several languages', () => {
    assert.equal(form.title, 'Recensement IA (essai)');
    assert.equal(form.description, 'Questionnaire d’essai.');
    assert.equal(findQuestion(form, 'Q1')?.label, 'Votre collectivité utilise-t-elle l’IA ?');
    assert.equal(findQuestion(form, 'AGENTS')?.hint, 'Une aide.');
    assert.ok(!report.some((r) => r.path === 'languages'));
  });

  it('makes one page per question group, in group order, with the group description', () => {
    assert.deepEqual(
      form.pages.map((p) => [p.title, p.description]),
      [
        ['Votre collectivité', 'Quelques questions générales.'],
        ['Usages', undefined],
      ],
    );
  });

  it('maps the common question types and keeps question, answer and subquestion codes', () => {
    const types = Object.fromEntries(allElements(form).map((e) => [e.id, e.type]));
    assert.deepEqual(types, {
      Q1: 'single_choice',
      AGENTS: 'number',
      OUTILS: 'multiple_choice',
      AUTRE: 'short_text',
      USAGE: 'matrix',
      BUDGET: 'yes_no',
      FIN: 'info',
      COMMENT: 'long_text',
      Region: 'dropdown',
      EFFECTIFS_H: 'number',
      EFFECTIFS_F: 'number',
      PRIORITES: 'ranking',
      DEBUT: 'date',
      SATISF: 'scale',
      GENRE: 'single_choice',
      NOTES: 'matrix',
    });
    const q1 = findQuestion(form, 'Q1');
    assert.ok(q1?.type === 'single_choice');
    assert.deepEqual(q1.choices, [
      { code: 'A1', label: 'Oui' },
      { code: 'A2', label: 'En projet' },
      { code: 'A3', label: 'Non' },
    ]);
    assert.equal(q1.required, true);
    const outils = findQuestion(form, 'OUTILS');
    assert.ok(outils?.type === 'multiple_choice');
    assert.deepEqual(
      outils.choices.map((c) => c.code),
      ['SQ001', 'SQ002'],
    );
    assert.equal(outils.allowOther, true);
    assert.equal(outils.maxChoices, 2);
    const usage = findQuestion(form, 'USAGE');
    assert.ok(usage?.type === 'matrix');
    assert.deepEqual(
      [usage.rows.map((r) => r.code), usage.columns.map((c) => c.label)],
      [
        ['L1', 'L2'],
        ['Chaque semaine', 'Chaque mois'],
      ],
    );
    const agents = findQuestion(form, 'AGENTS');
    assert.deepEqual(agents?.validation, { min: 0, max: 500 });
  });

  it('translates relevance equations so that the same questions show as in LimeSurvey', () => {
    // Q1 unanswered: OUTILS hidden (needs Q1 == A1); page 2 shows (Q1 != "A3" holds), USAGE needs !is_empty(Q1).
    assert.ok(!visible(form, {}).includes('OUTILS'));
    assert.ok(!visible(form, {}).includes('USAGE'));
    assert.ok(visible(form, { Q1: 'A1' }).includes('OUTILS'));
    assert.ok(visible(form, { Q1: 'A1' }).includes('USAGE'));
    // OUTILS_SQ002 == "Y" and AGENTS >= 10
    assert.ok(!visible(form, { Q1: 'A1', OUTILS: ['SQ002'], AGENTS: 9 }).includes('AUTRE'));
    assert.ok(visible(form, { Q1: 'A1', OUTILS: ['SQ002'], AGENTS: 10 }).includes('AUTRE'));
    assert.ok(!visible(form, { Q1: 'A1', OUTILS: ['SQ001'], AGENTS: 10 }).includes('AUTRE'));
    // Group 2 relevance Q1 != "A3": every element of the page hidden when Q1 is A3.
    assert.deepEqual(
      visible(form, { Q1: 'A3' }).filter((id) => form.pages[1].elements.some((e) => e.id === id)),
      [],
    );
    // (AGENTS > 5 or Q1 != "A3") and !(Q1 == "A2")
    assert.ok(!visible(form, { Q1: 'A2' }).includes('BUDGET'));
    assert.ok(visible(form, { Q1: 'A1' }).includes('BUDGET'));
    // A text display shown when BUDGET == "Y" (yes/no answers are booleans here).
    assert.ok(visible(form, { Q1: 'A1', BUDGET: true }).includes('FIN'));
    assert.ok(!visible(form, { Q1: 'A1', BUDGET: false }).includes('FIN'));
  });

  it('names in the report every equation, question type and setting that was not taken', () => {
    const text = report.map((r) => `${r.path} : ${r.message}`).join('\n');
    assert.match(text, /question SCORE : Question non reprise \(type non pris en charge : équation\)/);
    assert.match(text, /question COMMENT : Condition « sum\(AGENTS, 2\) > 3 » non reprise \(la fonction « sum »/);
    assert.match(text, /question OUTILS : Réglages non repris : random_order\./);
    assert.match(text, /question EFFECTIFS : Question à plusieurs champs/);
    assert.doesNotMatch(text, /repris comme identifiant/, 'les codes valides sont gardés tels quels');
  });

  it('leaves publicText off on every question (LimeSurvey has no such setting) and says so once for the free texts', () => {
    assert.ok(allElements(form).every((e) => !('publicText' in e)));
    const notes = report.filter((r) => /réponses libres peuvent être publiées/.test(r.message));
    assert.equal(notes.length, 1);
    assert.match(notes[0]!.message, /« COMMENT »/);
  });
});

describe('LimeSurvey import (LimeSurvey 3 layout, texts in the rows)', () => {
  const { form, report } = imported('referents-ls3.lss');

  it('reads texts, answers and a relevance with .NAOK and double parentheses', () => {
    assert.equal(form.title, 'Référents numériques');
    assert.deepEqual(findQuestion(form, 'Q2')?.visibleIf, { question: 'Q1', op: 'equals', value: 'O1' });
    assert.deepEqual(visible(form, { Q1: 'O1' }), ['Q1', 'Q2']);
    assert.deepEqual(visible(form, { Q1: 'N1' }), ['Q1']);
  });

  it('reports a dual-scale array as not taken', () => {
    assert.ok(report.some((r) => r.path === 'question Q3' && /double échelle/.test(r.message)));
  });
});

describe('LimeSurvey relevance equations', () => {
  const refs: Record<string, Ref> = {
    Q1: { kind: 'question', id: 'Q1', type: 'single_choice' },
    N: { kind: 'question', id: 'n', type: 'number' },
    Y: { kind: 'question', id: 'y', type: 'yes_no' },
    M_A: { kind: 'option', id: 'm', code: 'A' },
  };
  const tr = (s: string) => translateRelevance(s, (name) => refs[name] ?? null);

  it('understands the common forms', () => {
    assert.deepEqual(tr('Q1 == "A2"'), { condition: { question: 'Q1', op: 'equals', value: 'A2' } });
    assert.deepEqual(tr("Q1.NAOK eq 'A2'"), { condition: { question: 'Q1', op: 'equals', value: 'A2' } });
    assert.deepEqual(tr('!is_empty(Q1)'), { condition: { question: 'Q1', op: 'answered' } });
    assert.deepEqual(tr('is_empty(Q1)'), { condition: { question: 'Q1', op: 'not_answered' } });
    assert.deepEqual(tr('Q1 != ""'), { condition: { question: 'Q1', op: 'answered' } });
    assert.deepEqual(tr('3 < N'), { condition: { question: 'n', op: 'greater', value: 3 } });
    assert.deepEqual(tr('N <= -2.5'), {
      condition: {
        any: [
          { question: 'n', op: 'less', value: -2.5 },
          { question: 'n', op: 'equals', value: -2.5 },
        ],
      },
    });
    assert.deepEqual(tr('Y == "N"'), { condition: { question: 'y', op: 'equals', value: false } });
    assert.deepEqual(tr('M_A == "Y"'), { condition: { question: 'm', op: 'contains', value: 'A' } });
    assert.deepEqual(tr('{1}'), { condition: null });
    assert.deepEqual(tr(''), { condition: null });
  });

  it('pushes negations down (De Morgan) where the result stays exact', () => {
    assert.deepEqual(tr('!(Q1 == "A" || N == 2)'), {
      condition: {
        all: [
          { question: 'Q1', op: 'differs', value: 'A' },
          { question: 'n', op: 'differs', value: 2 },
        ],
      },
    });
    assert.deepEqual(tr('not (Q1 == "A" and !is_empty(N))'), {
      condition: {
        any: [
          { question: 'Q1', op: 'differs', value: 'A' },
          { question: 'n', op: 'not_answered' },
        ],
      },
    });
  });

  it('gives a French reason for what cannot be expressed exactly', () => {
    for (const [source, reason] of [
      ['!(N > 3)', /négation d’une comparaison d’ordre/],
      ['Q1 == Q2', /comparaison entre deux questions/],
      ['if(N > 1, 1, 0)', /la fonction « if »/],
      ['ZZ == "1"', /« ZZ » ne désigne pas une question précédente/],
      ['N == "douze"', /n’est pas un nombre/],
      ['M_A != "Y"', /option cochée/],
      ['Q1.shown == "Y"', /propriété de question/],
      ['Q1 == "A', /non fermé/],
    ] as const) {
      const result = tr(source);
      assert.ok('error' in result, source);
      assert.match(result.error, reason, source);
    }
  });
});

describe('LimeSurvey import: bad input creates nothing and says why in French', () => {
  const refused = (text: string) => {
    const result = fromLimeSurvey(text);
    assert.equal(result.questionnaire, undefined);
    assert.equal(result.issues.length, 1);
    return result.issues[0].message;
  };

  it('refuses a file that is not XML (a SurveyJS JSON file, say)', () => {
    assert.match(refused('{"pages": []}'), /n’est pas un fichier XML de LimeSurvey/);
  });

  it('refuses XML that is not a LimeSurvey survey structure', () => {
    assert.match(
      refused('<document><LimeSurveyDocType>Group</LimeSurveyDocType></document>'),
      /Structure du questionnaire/,
    );
    assert.match(refused('<html><body>hello</body></html>'), /n’est pas un questionnaire LimeSurvey/);
  });

  it('refuses broken XML with its line', () => {
    assert.match(
      refused('<document>\n<LimeSurveyDocType>Survey</LimeSurveyDocType>\n<a></b>\n</document>'),
      /XML valide/,
    );
  });

  it('refuses a document type declaration (entities)', () => {
    assert.match(refused('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><document/>'), /déclaration de type/);
  });

  it('refuses a deeply nested file', () => {
    const deep = `${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`;
    assert.match(refused(deep), /imbriqué trop profondément/);
  });

  it('refuses a file that is too large', () => {
    assert.match(refused(`<document>${' '.repeat(MAX_LSS_CHARS)}</document>`), /trop volumineux/);
  });

  it('refuses a survey with no question', () => {
    assert.match(refused('<document><LimeSurveyDocType>Survey</LimeSurveyDocType></document>'), /aucune question/);
  });
});

describe('LimeSurvey import: what the condition editor of LimeSurvey writes', () => {
  /** A survey structure written by us: two groups, a yes/no question and a text shown on its answer. */
  const lss = (relevance: string, groupName: string) => `<?xml version="1.0" encoding="UTF-8"?>
<document>
 <LimeSurveyDocType>Survey</LimeSurveyDocType>
 <languages><language>fr</language></languages>
 <groups><rows>
  <row><gid>1</gid><group_order>1</group_order><grelevance>1</grelevance></row>
  <row><gid>2</gid><group_order>2</group_order></row>
 </rows></groups>
 <group_l10ns><rows>
  <row><gid>1</gid><group_name><![CDATA[${groupName}]]></group_name><language>fr</language></row>
  <row><gid>2</gid><group_name>Suite</group_name><language>fr</language></row>
 </rows></group_l10ns>
 <questions><rows>
  <row><qid>70</qid><parent_qid>0</parent_qid><gid>1</gid><type>Y</type><title>ABONNE</title><question_order>1</question_order><relevance>1</relevance></row>
  <row><qid>71</qid><parent_qid>0</parent_qid><gid>2</gid><type>S</type><title>RAISON</title><question_order>1</question_order><relevance><![CDATA[${relevance}]]></relevance></row>
 </rows></questions>
 <question_l10ns><rows>
  <row><qid>70</qid><question>Êtes-vous abonné ?</question><language>fr</language></row>
  <row><qid>71</qid><question>Pourquoi ?</question><language>fr</language></row>
 </rows></question_l10ns>
</document>`;

  it('reads Q<qid> as the question whose internal number it is (LimeSurvey’s conditions are written so)', () => {
    const { questionnaire, report } = fromLimeSurvey(lss('((Q70.NAOK == "Y"))', 'Abonnement'));
    assert.deepEqual(findQuestion(questionnaire as Form, 'RAISON')?.visibleIf, {
      question: 'ABONNE',
      op: 'equals',
      value: true,
    });
    assert.ok(!report.some((r) => /Condition/.test(r.message)));
  });

  it('a real code wins over an internal number, and a number of no question is reported', () => {
    const { questionnaire, report } = fromLimeSurvey(lss('Q99.NAOK == "Y"', 'Abonnement'));
    assert.equal(findQuestion(questionnaire as Form, 'RAISON')?.visibleIf, undefined);
    assert.ok(report.some((r) => /« Q99 » ne désigne pas une question précédente/.test(r.message)));
  });

  it('says when a text holds LimeSurvey expressions it keeps as written', () => {
    const { questionnaire, report } = fromLimeSurvey(lss('1', 'Abonnement {ABONNE.shown}'));
    assert.equal((questionnaire as Form).pages[0]!.title, 'Abonnement {ABONNE.shown}');
    assert.ok(
      report.some(
        (r) =>
          /^groupe /.test(r.path) &&
          /une expression LimeSurvey \(\{ABONNE\.shown\}\) : elle n’est pas calculée/.test(r.message),
      ),
    );
  });
});
