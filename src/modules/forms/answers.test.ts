import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aiCensus, participation } from '../questionnaires/index.ts';
import {
  type Answers,
  applyForm,
  type Form,
  findQuestion,
  formValue,
  isEmail,
  isIsoDate,
  isWebUrl,
  MESSAGES,
  mergeAnswers,
  parseFrenchDate,
  parseFrenchNumber,
  progress,
  pruneHidden,
  type Question,
  validateAnswers,
  validatePage,
} from './index.ts';

/** A complete, valid response to the AI census (a project that was abandoned). */
function censusAnswers(): Answers {
  return {
    collectivite: '200046977',
    contact_nom: 'Service numérique',
    contact_email: 'numerique@ville-exemple.fr',
    nom_projet: 'Prévision des repas des cantines',
    description: 'Prévoir chaque jour le nombre de repas à préparer pour réduire le gaspillage alimentaire.',
    date_debut: '2022-09',
    statut: 'abandoned',
    raison_abandon: 'Les données de réservation étaient trop incomplètes.',
    date_fin: '2023-06',
    theme: 'ecological_transition',
    sous_themes: ['waste_circular_economy'],
    publics: ['agents'],
    techniques: ['machine_learning'],
    categorie_commun: 'forecasting',
    sources_donnees: ['internal_dataset', 'open_data'],
    automatisation: 'no_decision',
    transparence: {
      information: 'fait',
      aipd: 'sans_objet',
      documentation: 'en_cours',
      biais: 'prevu',
      code_source: 'non_prevu',
    },
    mise_en_commun: 'partager',
  };
}

const q = (questionnaire: Form, id: string): Question => {
  const found = findQuestion(questionnaire, id);
  if (!found) throw new Error(id);
  return found;
};

describe('answers validation', () => {
  it('accepts a complete response and keeps what is visible', () => {
    const r = validateAnswers(aiCensus, censusAnswers());
    assert.deepEqual(r.errors, {});
    assert.equal(r.valid, true);
    assert.equal(r.answers.raison_abandon, 'Les données de réservation étaient trop incomplètes.');
  });

  it('requires a visible required question, in French', () => {
    const answers = censusAnswers();
    delete answers.raison_abandon;
    delete answers.nom_projet;
    delete answers.publics;
    delete answers.statut;
    const r = validateAnswers(aiCensus, { ...answers, statut: 'abandoned' });
    assert.equal(r.errors.nom_projet, 'Ce champ est obligatoire');
    assert.equal(r.errors.raison_abandon, 'Ce champ est obligatoire');
    assert.equal(r.errors.publics, 'Cochez au moins une réponse');
  });

  it('neither requires nor keeps a hidden answer', () => {
    const answers: Answers = { ...censusAnswers(), statut: 'deployment' };
    delete answers.raison_abandon;
    assert.deepEqual(validateAnswers(aiCensus, answers).errors, {});
    const withHidden: Answers = { ...censusAnswers(), statut: 'deployment' };
    const r = validateAnswers(aiCensus, withHidden);
    assert.equal(r.valid, true);
    assert.equal('raison_abandon' in r.answers, false, 'réponse cachée retirée');
    assert.equal('date_fin' in r.answers, false);
  });

  it('gives the e-mail example message', () => {
    const r = validateAnswers(aiCensus, { ...censusAnswers(), contact_email: 'numerique@ville' });
    assert.equal(r.errors.contact_email, 'Saisissez une adresse e-mail valide, par exemple nom@commune.fr');
  });

  it('checks lengths, bounds, patterns and formats', () => {
    const qn: Form = {
      title: 'Règles',
      language: 'fr',
      pages: [
        {
          id: 'p',
          title: 'P',
          elements: [
            {
              id: 'code',
              type: 'short_text',
              label: 'Code',
              validation: { pattern: '[0-9]{5}', patternMessage: 'Saisissez un code postal à 5 chiffres' },
            },
            { id: 'nom', type: 'short_text', label: 'Nom', validation: { minLength: 3, maxLength: 5 } },
            { id: 'nb', type: 'number', label: 'Nombre', validation: { min: 1, max: 10.5 } },
            { id: 'site', type: 'url', label: 'Site' },
            { id: 'quand', type: 'date', label: 'Quand' },
            { id: 'note', type: 'scale', label: 'Note', max: 5 },
            { id: 'sans', type: 'short_text', label: 'Sans message', validation: { pattern: '[a-z]+' } },
          ],
        },
      ],
    };
    const errors = validateAnswers(qn, {
      code: '750011',
      nom: 'ab',
      nb: 11,
      site: 'www.exemple.fr',
      quand: '2024-02-30',
      note: 6,
      sans: 'ABC',
    }).errors;
    assert.deepEqual(errors, {
      code: 'Saisissez un code postal à 5 chiffres',
      nom: 'Saisissez au moins 3 caractères',
      nb: 'Saisissez un nombre inférieur ou égal à 10,5',
      site: MESSAGES.url,
      quand: 'Saisissez une date valide, par exemple 15/03/2024',
      note: 'Choisissez une valeur de 1 à 5',
      sans: "La réponse n'a pas le format attendu",
    });
    assert.deepEqual(
      validateAnswers(qn, {
        code: '75001',
        nom: 'Léa',
        nb: 1,
        site: 'https://www.exemple.fr/a',
        quand: '2024-02-29',
        note: 5,
        sans: 'abc',
      }).errors,
      {},
    );
    assert.equal(validateAnswers(qn, { nb: 'douze' as any }).errors.nb, 'Saisissez un nombre, par exemple 12 ou 3,5');
    assert.equal(validateAnswers(qn, { nom: 'Étienne' }).errors.nom, 'Saisissez au plus 5 caractères');
  });

  it('checks choices, the « Autre » text and the number of ticked boxes', () => {
    const base = censusAnswers();
    let r = validateAnswers(aiCensus, { ...base, statut: 'en_pause' });
    assert.equal(r.errors.statut, 'Choisissez une réponse dans la liste');
    r = validateAnswers(aiCensus, {
      ...base,
      sous_themes: ['waste_circular_economy', 'water_management', 'agriculture'],
    });
    assert.equal(r.errors.sous_themes, 'Cochez au plus 2 réponses');
    r = validateAnswers(aiCensus, { ...base, conditions_partage: ['licence', 'other'] });
    assert.equal(r.errors['conditions_partage.other'], 'Précisez votre réponse « Autre »');
    r = validateAnswers(aiCensus, {
      ...base,
      conditions_partage: ['licence', 'other'],
      'conditions_partage.other': 'Un annuaire',
    });
    assert.equal(r.valid, true);
    assert.equal(r.answers['conditions_partage.other'], 'Un annuaire');
  });

  it('checks a matrix row by row when every row is required', () => {
    const base = censusAnswers();
    let r = validateAnswers(aiCensus, { ...base, transparence: { information: 'fait' } });
    assert.equal(
      r.errors.transparence,
      'Répondez pour la ligne « Analyse d’impact relative à la protection des données (AIPD) »',
    );
    r = validateAnswers(aiCensus, { ...base, transparence: { ...(base.transparence as object), biais: 'peut-etre' } });
    assert.equal(
      r.errors.transparence,
      'Choisissez une réponse de la liste pour la ligne « Recherche de biais ou de discriminations »',
    );
  });

  it('checks a ranking is complete and a file fits', () => {
    const answers: Answers = {
      collectivite: '21750001600019',
      formats: ['atelier'],
      publics: ['jeunes'],
      sujets: ['ia'],
      influence: 'non',
    };
    let r = validateAnswers(participation, { ...answers, besoins_priorites: ['formation', 'methodes'] });
    assert.equal(r.errors.besoins_priorites, 'Classez tous les éléments');
    r = validateAnswers(participation, { ...answers, besoins_priorites: { formation: '1', methodes: '1' } });
    assert.equal(r.errors.besoins_priorites, MESSAGES.rankingDistinct);
    const ranking = ['reseau', 'formation', 'methodes', 'outils', 'financement'];
    r = validateAnswers(participation, { ...answers, besoins_priorites: ranking });
    assert.deepEqual(r.errors, {});
    r = validateAnswers(participation, {
      ...answers,
      besoins_priorites: ranking,
      compte_rendu_fichier: { id: 'f1', name: 'bilan.png', size: 20 * 1024 * 1024, type: 'image/png' },
    });
    assert.equal(r.errors.compte_rendu_fichier, 'Le fichier doit faire au plus 10 Mo');
    r = validateAnswers(participation, {
      ...answers,
      besoins_priorites: ranking,
      compte_rendu_fichier: { id: 'f1', name: 'bilan.png', size: 2000, type: 'image/png' },
    });
    assert.equal(r.errors.compte_rendu_fichier, 'Le fichier doit être au format PDF, ODT, Word (DOCX)');
  });

  it('validates one page at a time, with visibility from every answer', () => {
    const r = validatePage(aiCensus, 'avancement', { statut: 'abandoned' });
    assert.deepEqual(Object.keys(r.errors), ['raison_abandon']);
    assert.deepEqual(validatePage(aiCensus, 'avancement', { statut: 'deployment' }).errors, {});
    assert.throws(() => validatePage(aiCensus, 'nulle_part', {}), /Page inconnue/);
  });
});

describe('pruneHidden', () => {
  it('drops hidden answers, unknown keys and an unused « Autre » text', () => {
    const pruned = pruneHidden(aiCensus, {
      statut: 'deployment',
      raison_abandon: 'Texte devenu caché',
      inconnue: 'x',
      mise_en_commun: 'non',
      conditions_partage: ['licence'],
      'nom_projet.other': 'x',
    });
    assert.deepEqual(pruned, { statut: 'deployment', mise_en_commun: 'non' });
  });
});

describe('progress', () => {
  it('counts answered visible required questions', () => {
    const empty = progress(aiCensus, {});
    assert.equal(empty.answered, 0);
    assert.ok(empty.total > 10);
    const full = progress(aiCensus, censusAnswers());
    assert.deepEqual(full, { answered: full.total, total: full.total, percent: 100 });
    // The abandonment reason counts only once it is visible.
    const deployed = progress(aiCensus, { statut: 'deployment' });
    const abandoned = progress(aiCensus, { statut: 'abandoned' });
    assert.equal(abandoned.total, deployed.total + 1);
    assert.equal(abandoned.answered, 1);
    assert.equal(abandoned.percent, Math.floor(100 / abandoned.total));
  });
});

describe('mergeAnswers', () => {
  it('applies an autosave patch, null deleting', () => {
    assert.deepEqual(mergeAnswers({ a: 'x', b: 'y' }, { a: null, b: 'z', c: ['1'], d: '' }), { b: 'z', c: ['1'] });
  });
});

describe('HTML form normalisation', () => {
  it('reads French numbers and dates', () => {
    assert.equal(parseFrenchNumber('1 234,5'), 1234.5);
    assert.equal(parseFrenchNumber('1\u202f000'), 1000);
    assert.equal(parseFrenchNumber('-3'), -3);
    assert.equal(parseFrenchNumber('douze'), null);
    assert.equal(parseFrenchNumber('1,2,3'), null);
    assert.equal(parseFrenchDate('5/3/2024'), '2024-03-05');
    assert.equal(parseFrenchDate('2024-03-05'), '2024-03-05');
    assert.equal(parseFrenchDate('03/2024', 'month'), '2024-03');
    assert.equal(parseFrenchDate('2024-3', 'month'), '2024-03');
    assert.equal(parseFrenchDate('mars 2024'), null);
  });

  it('keeps what cannot be read, so that validation reports it', () => {
    assert.equal(formValue(q(aiCensus, 'agents_mobilises'), { agents_mobilises: '1,5' }), 1.5);
    assert.equal(formValue(q(aiCensus, 'agents_mobilises'), { agents_mobilises: 'deux' }), 'deux');
    assert.equal(formValue(q(aiCensus, 'date_debut'), { date_debut: '09/2022' }), '2022-09');
    assert.equal(formValue(q(aiCensus, 'lien_service'), { lien_service: ' www.ville.fr ' }), 'https://www.ville.fr');
    assert.equal(formValue(q(aiCensus, 'nom_projet'), { nom_projet: '   ' }), undefined);
    assert.equal(formValue(q(aiCensus, 'description'), { description: ' a\r\nb ' }), 'a\nb');
    assert.equal(formValue(q(aiCensus, 'aipd_publiee'), { aipd_publiee: 'oui' }), true);
    assert.equal(formValue(q(aiCensus, 'aipd_publiee'), { aipd_publiee: 'non' }), false);
    assert.equal(formValue(q(aiCensus, 'satisfaction'), { satisfaction: '4' }), 4);
  });

  it('reads checkboxes as lists, a single ticked box included', () => {
    assert.deepEqual(formValue(q(aiCensus, 'publics'), { publics: 'agents' }), ['agents']);
    assert.deepEqual(formValue(q(aiCensus, 'publics'), { publics: ['agents', 'schools', 'agents'] }), [
      'agents',
      'schools',
    ]);
  });

  it('reads a matrix from flat or nested bracketed names', () => {
    const matrix = q(aiCensus, 'transparence');
    assert.deepEqual(formValue(matrix, { 'transparence[information]': 'fait', 'transparence[aipd]': '' }), {
      information: 'fait',
    });
    assert.deepEqual(formValue(matrix, { transparence: { information: 'fait', biais: 'prevu' } }), {
      information: 'fait',
      biais: 'prevu',
    });
    assert.equal(formValue(matrix, {}), undefined);
  });

  it('reads a ranking from per-item rank selects', () => {
    const ranking = q(participation, 'besoins_priorites');
    const form = {
      'besoins_priorites[formation]': '2',
      'besoins_priorites[methodes]': '3',
      'besoins_priorites[outils]': '5',
      'besoins_priorites[financement]': '4',
      'besoins_priorites[reseau]': '1',
    };
    assert.deepEqual(formValue(ranking, form), ['reseau', 'formation', 'methodes', 'financement', 'outils']);
    // Two items with the same rank: kept as typed, refused by validation.
    const duplicate = { ...form, 'besoins_priorites[outils]': '1' };
    const value = formValue(ranking, duplicate);
    assert.deepEqual(value, { formation: '2', methodes: '3', outils: '1', financement: '4', reseau: '1' });
    // The script sends the codes in order.
    assert.deepEqual(formValue(ranking, { besoins_priorites: ['outils', 'reseau'] }), ['outils', 'reseau']);
  });

  it('applies one page of a form to the previous answers', () => {
    const previous: Answers = {
      nom_projet: 'Projet',
      statut: 'deployment',
      publics: ['agents'],
      'conditions_partage.other': 'x',
    };
    const next = applyForm(
      aiCensus,
      previous,
      { statut: 'abandoned', raison_abandon: ' Trop cher ' },
      { pageId: 'avancement' },
    );
    assert.deepEqual(next, {
      nom_projet: 'Projet',
      statut: 'abandoned',
      raison_abandon: 'Trop cher',
      publics: ['agents'],
      'conditions_partage.other': 'x',
    });
    // Unticking every box of a page removes the answer.
    const unticked = applyForm(aiCensus, next, { theme: 'mobility' }, { pageId: 'themes' });
    assert.equal('publics' in unticked, false);
    assert.equal(unticked.theme, 'mobility');
  });

  it('keeps the « Autre » text only with the « Autre » option', () => {
    const page = { pageId: 'bilan' };
    let next = applyForm(
      aiCensus,
      {},
      { conditions_partage: ['licence', 'other'], 'conditions_partage.other': 'Un annuaire' },
      page,
    );
    assert.equal(next['conditions_partage.other'], 'Un annuaire');
    next = applyForm(
      aiCensus,
      next,
      { conditions_partage: ['licence'], 'conditions_partage.other': 'Un annuaire' },
      page,
    );
    assert.equal('conditions_partage.other' in next, false);
  });

  it('keeps an uploaded file unless its removal is asked', () => {
    const file = { id: 'f1', name: 'a.pdf', size: 10, type: 'application/pdf' };
    let next = applyForm(aiCensus, { document: file }, { enseignements: 'Beaucoup' }, { pageId: 'bilan' });
    assert.deepEqual(next.document, file);
    next = applyForm(aiCensus, next, { 'document.remove': '1' }, { pageId: 'bilan' });
    assert.equal('document' in next, false);
  });

  it('round-trips a whole response through a form body and validation', () => {
    const form = {
      collectivite: '200046977',
      contact_email: 'numerique@ville-exemple.fr',
      nom_projet: 'Prévision des repas des cantines',
      description: 'Prévoir chaque jour le nombre de repas à préparer pour réduire le gaspillage alimentaire.',
      date_debut: '09/2022',
      statut: 'deployment',
      raison_abandon: 'ignorée car cachée',
      theme: 'ecological_transition',
      publics: 'agents',
      techniques: 'machine_learning',
      categorie_commun: 'forecasting',
      sources_donnees: ['internal_dataset'],
      automatisation: 'decision_support',
      decisions_par_an: '12 000',
      'transparence[information]': 'fait',
      'transparence[aipd]': 'fait',
      'transparence[documentation]': 'fait',
      'transparence[biais]': 'fait',
      'transparence[code_source]': 'fait',
      aipd_publiee: 'oui',
      lien_aipd: 'https://www.ville-exemple.fr/aipd.pdf',
      mise_en_commun: 'discuter',
    };
    const answers = applyForm(aiCensus, {}, form);
    const r = validateAnswers(aiCensus, answers);
    assert.deepEqual(r.errors, {});
    assert.equal(r.answers.decisions_par_an, 12000);
    assert.equal(r.answers.date_debut, '2022-09');
    assert.equal('raison_abandon' in r.answers, false);
  });
});

describe('format checks', () => {
  it('e-mail, web address, date', () => {
    assert.ok(isEmail('prenom.nom@commune.fr'));
    for (const bad of ['nom@commune', 'nom commune@x.fr', '@commune.fr', 'a..b@commune.fr', 'nom@.fr'])
      assert.ok(!isEmail(bad), bad);
    assert.ok(isWebUrl('https://www.commune.fr/page?x=1'));
    for (const bad of ['www.commune.fr', 'ftp://commune.fr', 'https://commune', 'javascript:alert(1)'])
      assert.ok(!isWebUrl(bad), bad);
    assert.ok(isIsoDate('2024-02-29'));
    assert.ok(!isIsoDate('2023-02-29'));
  });
});
