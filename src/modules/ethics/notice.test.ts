// The generated transparency notice, pure: two levels, the nine parts in order, what the sheet does not say left
// « à compléter » (so that publication is refused until the authority writes it), the AI Act category with its
// article, and the edit form's French messages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify } from './ai-act.ts';
import { generateNotice, incompleteSections, NOTICE_SECTIONS, readNoticeForm, TO_COMPLETE } from './notice.ts';

const base = {
  title: 'Tri des demandes de logement',
  organisationName: 'Ville de Démo',
  content: {
    summary: 'Un outil classe les demandes par urgence',
    humanOversight: 'Un agent relit chaque classement',
    objectionProcedure: 'Écrire au service habitat',
    automationLevel: 'decision_support',
    infoUpdatedOn: '2026-05-04',
  },
  selfScores: null,
  aiAct: null,
  law: null,
  today: '2026-12-01',
};

describe('generated transparency notice', () => {
  it('a summary for everyone, then the nine parts in order', () => {
    const n = generateNotice(base);
    assert.match(
      n.summary,
      /^Ville de Démo utilise « Tri des demandes de logement » : un outil classe les demandes par urgence\./,
    );
    assert.match(n.summary, /réexamen d’une décision par un agent/);
    assert.deepEqual(
      n.sections.map((s) => s.key),
      NOTICE_SECTIONS.map((s) => s.key),
    );
    assert.match(n.sections.find((s) => s.key === 'controle')!.text, /Un agent relit chaque classement\./);
    assert.equal(n.sections.find((s) => s.key === 'revue')!.text, 'Informations vérifiées le 4/05/2026.');
  });

  it('what the sheet does not say is left « à compléter », and the check finds it', () => {
    const n = generateNotice(base);
    assert.equal(n.sections.find((s) => s.key === 'donnees')!.text, TO_COMPLETE);
    assert.deepEqual(incompleteSections(n), ['responsable', 'donnees', 'parametres', 'risques']);
  });

  it('the AI Act classification is named with its article', () => {
    const aiAct = classify({
      pratiques_interdites: ['aucun'],
      domaines: ['prestations'],
      profilage: true,
      cas_transparence: ['aucun'],
    });
    const n = generateNotice({ ...base, aiAct });
    assert.match(
      n.sections.find((s) => s.key === 'risques')!.text,
      /système à haut risque \(Article 6, paragraphe 2\)/,
    );
  });

  it('the edit form: an empty summary and an empty part each get their French message', () => {
    const { errors } = readNoticeForm({ resume: '  ', section_objet: 'Texte' });
    assert.equal(errors.resume, 'Écrivez le résumé de la notice : quelques phrases pour tout le monde.');
    assert.match(errors.section_donnees!, /Écrivez la partie « Les données utilisées et leurs sources »/);
    assert.equal(errors.section_objet, undefined);
  });
});
