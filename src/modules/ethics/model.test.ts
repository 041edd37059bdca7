// Responsible AI, pure rules: the three forms are valid forms of the engine; scores per requirement and principle
// follow the rule written on the result page; gaps come with recommendations; the AI Act wizard gives one category
// per outcome with its article; the French-law checklist applies each obligation for the right reason.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Answers, allQuestions, validateAnswers, validateForm, visibleElementIds } from '../forms/index.ts';
import { aiActForm, classify } from './ai-act.ts';
import { evidenceId, PRINCIPLES, QUESTIONS, REQUIREMENTS, selfAssessmentForm } from './altai.ts';
import { lawChecklist, lawForm } from './law.ts';
import { compareScores, gaps, overallScore, principleScores, requirementScores } from './scoring.ts';

describe('the forms of responsible AI', () => {
  for (const form of [selfAssessmentForm, aiActForm, lawForm]) {
    it(`« ${form.title} » is a valid form of the engine`, () => {
      const result = validateForm(JSON.parse(JSON.stringify(form)));
      assert.deepEqual(result.ok ? [] : result.issues, []);
    });
  }

  it('the self-assessment has one page per ALTAI requirement, every sub-section titled, every question hinted', () => {
    assert.deepEqual(
      selfAssessmentForm.pages.map((p) => p.id),
      REQUIREMENTS.map((r) => r.code),
    );
    assert.equal(REQUIREMENTS.length, 7);
    for (const r of REQUIREMENTS) {
      for (const s of r.sections) {
        assert.ok(
          QUESTIONS.some((q) => q.requirement === r.code && q.section === s.code),
          `${r.code}/${s.code} sans question`,
        );
      }
    }
    for (const q of QUESTIONS) assert.ok(q.hint.length > 10 && q.recommendation.length > 10, q.id);
  });

  it('every principle of the Montréal Declaration is served by at least two questions', () => {
    assert.equal(PRINCIPLES.length, 10);
    for (const p of PRINCIPLES) {
      const n = QUESTIONS.filter((q) => q.principles.includes(p.code)).length;
      assert.ok(n >= 2, `${p.label} : ${n} question(s)`);
    }
  });

  it('the evidence link is asked only after « Oui » or « En partie »', () => {
    const id = QUESTIONS[0]!.id;
    assert.ok(!visibleElementIds(selfAssessmentForm, {}).has(evidenceId(id)));
    assert.ok(visibleElementIds(selfAssessmentForm, { [id]: 'partiel' }).has(evidenceId(id)));
    assert.ok(!visibleElementIds(selfAssessmentForm, { [id]: 'non' }).has(evidenceId(id)));
  });

  it('signing needs every question answered: a partial assessment lists what is missing', () => {
    const { valid, errors } = validateAnswers(selfAssessmentForm, { [QUESTIONS[0]!.id]: 'oui' });
    assert.equal(valid, false);
    assert.equal(Object.keys(errors).length, QUESTIONS.length - 1);
  });
});

/** Answers giving `value` to every question of a requirement. */
const all = (requirement: string, value: string): Answers =>
  Object.fromEntries(QUESTIONS.filter((q) => q.requirement === requirement).map((q) => [q.id, value]));

describe('scores', () => {
  it('« Oui » 1 point, « En partie » ½, « Non » 0, « Ne s’applique pas » and unanswered left out, rounded percent', () => {
    const [h1, h2, h3, h4, h5] = QUESTIONS.filter((q) => q.requirement === 'humain');
    const answers: Answers = { [h1!.id]: 'oui', [h2!.id]: 'partiel', [h3!.id]: 'na', [h4!.id]: 'non' };
    const humain = requirementScores(answers).find((s) => s.code === 'humain')!;
    // (1 + 0.5 + 0) / 3 = 50 %
    assert.deepEqual(
      { score: humain.score, counted: humain.counted, na: humain.notApplicable, unanswered: humain.unanswered },
      { score: 50, counted: 3, na: 1, unanswered: 1 },
    );
    assert.ok(h5);
    // 2 answers out of 3 « Oui », 1 « Non »: 66.67 → 67
    const rounded = requirementScores({ [h1!.id]: 'oui', [h2!.id]: 'oui', [h4!.id]: 'non' }).find(
      (s) => s.code === 'humain',
    )!;
    assert.equal(rounded.score, 67);
  });

  it('a requirement with nothing counted has no score (not 0)', () => {
    const scores = requirementScores(all('humain', 'oui'));
    assert.equal(scores.find((s) => s.code === 'humain')!.score, 100);
    assert.equal(scores.find((s) => s.code === 'robustesse')!.score, null);
  });

  it('a principle is scored over the questions mapped to it, across requirements', () => {
    const durable = QUESTIONS.filter((q) => q.principles.includes('durabilite'));
    const answers: Answers = Object.fromEntries(durable.map((q, i) => [q.id, i === 0 ? 'oui' : 'non']));
    const score = principleScores(answers).find((s) => s.code === 'durabilite')!;
    assert.equal(score.counted, durable.length);
    assert.equal(score.score, Math.round(100 / durable.length));
  });

  it('the overall score follows the same rule over every question', () => {
    const answers = { ...all('humain', 'oui'), ...all('robustesse', 'non') };
    const n = Object.keys(all('humain', 'oui')).length;
    const m = Object.keys(all('robustesse', 'non')).length;
    assert.equal(overallScore(answers).score, Math.round((n * 100) / (n + m)));
  });

  it('gaps: « Non » first then « En partie », each with its recommendation; « Oui » and « Ne s’applique pas » are not gaps', () => {
    const [a, b, c, d] = QUESTIONS;
    const list = gaps({ [a!.id]: 'partiel', [b!.id]: 'non', [c!.id]: 'oui', [d!.id]: 'na' });
    assert.deepEqual(
      list.map((g) => [g.questionId, g.answer, g.recommendation]),
      [
        [b!.id, 'non', b!.recommendation],
        [a!.id, 'partiel', a!.recommendation],
      ],
    );
  });

  it('comparison with the previous assessment: the change per requirement, none where either has no score', () => {
    const before = requirementScores(all('humain', 'non'));
    const after = requirementScores({ ...all('humain', 'oui'), ...all('donnees', 'oui') });
    const changes = compareScores(before, after);
    assert.deepEqual(
      changes.find((c) => c.code === 'humain'),
      {
        code: 'humain',
        label: 'Action humaine et contrôle humain',
        previous: 0,
        current: 100,
        delta: 100,
      },
    );
    assert.equal(changes.find((c) => c.code === 'donnees')!.delta, null);
  });
});

describe('AI Act classification: one case per outcome, with its article', () => {
  const none = { pratiques_interdites: ['aucun'], domaines: ['aucun'], cas_transparence: ['aucun'] };

  it('social scoring by an authority → prohibited practice, Article 5(1)(c)', () => {
    const c = classify({ ...none, pratiques_interdites: ['notation_sociale'] });
    assert.equal(c.category, 'unacceptable');
    assert.deepEqual(c.articles, ['Article 5, paragraphe 1, point c']);
  });

  it('eligibility for a public benefit, with profiling → high risk, Annex III point 5, FRIA of Article 27', () => {
    const c = classify({ ...none, domaines: ['prestations'], profilage: true });
    assert.equal(c.category, 'high');
    assert.ok(c.articles.includes('Annexe III, point 5'));
    assert.ok(c.articles.includes('Article 6, paragraphe 3 (profilage)'));
    assert.ok(c.obligations.some((o) => o.includes('article 27')));
    assert.ok(c.obligations.some((o) => o.includes('six mois')));
    assert.ok(c.dates.some((d) => d.date === '2026-08-02'));
  });

  it('recruitment that weighs on the decision, without profiling → high risk, Annex III point 4', () => {
    const c = classify({ ...none, domaines: ['emploi'], profilage: false, tache_limitee: false });
    assert.equal(c.category, 'high');
    assert.ok(c.articles.includes('Annexe III, point 4'));
  });

  it('a chatbot answering residents → transparency obligations, Article 50(1)', () => {
    const c = classify({ ...none, cas_transparence: ['dialogue'] });
    assert.equal(c.category, 'limited');
    assert.deepEqual(c.articles, ['Article 50, paragraphe 1']);
  });

  it('an Annex III area but a narrow procedural task without profiling → not high risk, Article 6(3) documented', () => {
    const c = classify({ ...none, domaines: ['education'], profilage: false, tache_limitee: true });
    assert.equal(c.category, 'minimal');
    assert.ok(c.articles.includes('Article 6, paragraphe 3'));
    assert.ok(c.obligations.some((o) => o.includes('article 6, paragraphe 4')));
  });

  it('nothing of the above → minimal risk, Article 95 (voluntary codes)', () => {
    const c = classify(none);
    assert.equal(c.category, 'minimal');
    assert.deepEqual(c.articles, ['Article 95']);
  });

  it('a prohibited practice wins over everything else', () => {
    const c = classify({
      pratiques_interdites: ['emotions_travail'],
      domaines: ['emploi'],
      cas_transparence: ['dialogue'],
    });
    assert.equal(c.category, 'unacceptable');
    assert.deepEqual(c.articles, ['Article 5, paragraphe 1, point f']);
  });

  it('the wizard asks the Article 6(3) exception only for an Annex III area without profiling', () => {
    const hidden = visibleElementIds(aiActForm, { domaines: ['emploi'], profilage: true });
    assert.ok(!hidden.has('tache_limitee'));
    assert.ok(visibleElementIds(aiActForm, { domaines: ['emploi'], profilage: false }).has('tache_limitee'));
    assert.equal(allQuestions(aiActForm).length, 5);
    // « Aucun de ces domaines »: no follow-up question, the wizard can be signed with three answers.
    const none = { pratiques_interdites: ['aucun'], domaines: ['aucun'], cas_transparence: ['aucun'] };
    assert.ok(!visibleElementIds(aiActForm, none).has('profilage'));
    assert.equal(validateAnswers(aiActForm, none).valid, true);
  });
});

describe('French-law checklist', () => {
  const item = (answers: Answers, code: string) => lawChecklist(answers).find((i) => i.code === code)!;
  const big = { decisions: true, decision_automatique: false, effectif: '50_plus', petite_commune: false };

  it('individual decisions → explicit mention (L311-3-1) and communication on request (R311-3-1-2)', () => {
    assert.equal(item(big, 'mention').applies, true);
    assert.equal(item(big, 'communication').source, 'CRPA, article R311-3-1-2');
    assert.equal(item({ ...big, decisions: false }, 'mention').applies, false);
  });

  it('online publication (L312-1-3): required from 50 agents, exempted under 50 agents or under 3,500 inhabitants', () => {
    assert.equal(item(big, 'publication').applies, true);
    const small = item({ ...big, effectif: 'moins_50' }, 'publication');
    assert.deepEqual([small.applies, small.reason], [false, 'Exemptée : administration de moins de 50 agents.']);
    const village = item({ ...big, petite_commune: true }, 'publication');
    assert.deepEqual(
      [village.applies, village.reason],
      [false, 'Exemptée : commune ou groupement de moins de 3 500 habitants.'],
    );
    // The exemption does not touch the explicit mention.
    assert.equal(item({ ...big, petite_commune: true }, 'mention').applies, true);
  });

  it('GDPR art. 22 applies to a decision taken without real human involvement', () => {
    assert.equal(item(big, 'decision_automatisee').applies, false);
    assert.equal(item({ ...big, decision_automatique: true }, 'decision_automatisee').applies, true);
  });

  it('GDPR art. 35: a DPIA from two criteria, not with one', () => {
    assert.equal(item({ donnees_personnelles: true, criteres_aipd: ['innovation'] }, 'aipd').applies, false);
    assert.equal(
      item({ donnees_personnelles: true, criteres_aipd: ['innovation', 'vulnerables'] }, 'aipd').applies,
      true,
    );
    assert.equal(item({ donnees_personnelles: false }, 'aipd').applies, false);
  });

  it('an unanswered situation leaves the item undecided; done and proof are read only where it applies', () => {
    assert.equal(item({}, 'accessibilite').applies, null);
    const done = item(
      { service_en_ligne: true, accessibilite_fait: true, accessibilite_preuve: 'https://a.fr/d' },
      'accessibilite',
    );
    assert.deepEqual([done.applies, done.done, done.proof], [true, true, 'https://a.fr/d']);
    const ignored = item({ service_en_ligne: false, accessibilite_fait: true }, 'accessibilite');
    assert.deepEqual([ignored.applies, ignored.done], [false, null]);
  });

  it('the form shows each obligation only where the rules apply it', () => {
    const visible = visibleElementIds(lawForm, { ...big, petite_commune: true });
    assert.ok(visible.has('mention_fait'));
    assert.ok(!visible.has('publication_fait'));
    assert.ok(visibleElementIds(lawForm, big).has('publication_fait'));
  });
});
