// The builder's operations on a form: renaming, moving, duplicating, adding and removing elements, and reading the
// element form (choice lines, validation, conditions). Run on the questionnaires' catalogue.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aiCensus, participation } from '../questionnaires/index.ts';
import {
  addElement,
  BuilderError,
  duplicateElement,
  type Form,
  findQuestion,
  moveElement,
  newElement,
  parseChoiceLines,
  readElementForm,
  readSectionForm,
  removeElement,
  removePage,
  replaceElement,
  updateSection,
  validateForm,
} from './index.ts';

describe('builder operations', () => {
  const base = (): Form => structuredClone(participation);

  test('renaming a question carries its conditions along', () => {
    const q = base();
    const formats = findQuestion(q, 'formats')!;
    const next = replaceElement(q, 'formats', { ...formats, id: 'formats_utilises' });
    assert.deepEqual(findQuestion(next, 'debat_5g')!.visibleIf, {
      question: 'formats_utilises',
      op: 'contains',
      value: 'debat_public',
    });
    assert.ok(validateForm(next).ok);
  });

  test('moving past the top of a page goes to the previous page; the draft then refuses a condition on a later question', () => {
    const moved = moveElement(base(), 'formats', 'up');
    assert.equal(moved.pages[0]!.elements.at(-1)!.id, 'formats');
    const up = moveElement(base(), 'debat_5g', 'up');
    const r = validateForm(up);
    assert.ok(!r.ok && r.issues.some((i) => /n'est pas une question placée avant/.test(i.message)));
  });

  test('duplicates with a fresh id, without the library mapping', () => {
    const { draft, id } = duplicateElement(structuredClone(aiCensus), 'nom_projet');
    assert.equal(id, 'nom_projet_copie');
    const copy = findQuestion(draft, id)!;
    assert.equal(copy.label, 'Nom du projet (copie)');
    assert.equal(copy.libraryField, undefined);
    assert.ok(validateForm(draft).ok);
  });

  test('adds default elements of every type that pass validation; keeps at least one page', () => {
    let q = base();
    for (const type of ['info', 'matrix', 'ranking', 'scale', 'file', 'dropdown'] as const)
      q = addElement(q, 'besoins', newElement(q, type));
    assert.ok(validateForm(q).ok);
    const single: Form = { ...q, pages: [q.pages[0]!] };
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

describe('builder operations on sections', () => {
  /** A page: intro, then section « projet » (nom, then subsection « budget » with montant), then fin. */
  const form = (): Form => ({
    title: 'Projets',
    language: 'fr',
    pages: [
      {
        id: 'p1',
        title: 'Projets',
        sections: [
          { id: 'projet', title: 'Votre projet', visibleIf: { question: 'aUnProjet', op: 'equals', value: true } },
          { id: 'budget', title: 'Budget', parent: 'projet' },
        ],
        elements: [
          { id: 'aUnProjet', type: 'yes_no', label: 'Avez-vous un projet ?' },
          { id: 'nom', type: 'short_text', label: 'Nom', section: 'projet' },
          { id: 'montant', type: 'number', label: 'Montant', section: 'budget' },
          { id: 'fin', type: 'short_text', label: 'Un mot ?' },
        ],
      },
    ],
  });
  const places = (f: Form) => f.pages[0]!.elements.map((e) => `${e.id}:${e.section ?? ''}`);

  test('a step at the edge of a section enters or leaves it without changing places, and the draft stays valid', () => {
    let f = moveElement(form(), 'fin', 'up');
    assert.deepEqual(places(f), ['aUnProjet:', 'nom:projet', 'montant:budget', 'fin:projet']);
    f = moveElement(f, 'fin', 'up');
    assert.deepEqual(places(f), ['aUnProjet:', 'nom:projet', 'montant:budget', 'fin:budget']);
    f = moveElement(f, 'fin', 'up');
    assert.deepEqual(places(f), ['aUnProjet:', 'nom:projet', 'fin:budget', 'montant:budget']);
    assert.ok(validateForm(f).ok);
    f = moveElement(form(), 'nom', 'up');
    assert.deepEqual(places(f), ['aUnProjet:', 'nom:', 'montant:budget', 'fin:']);
    assert.ok(validateForm(f).ok);
  });

  test('a section left without elements goes, with its subsections', () => {
    const f = removeElement(removeElement(form(), 'montant'), 'nom');
    assert.equal(f.pages[0]!.sections, undefined);
    const g = moveElement(form(), 'montant', 'down');
    assert.deepEqual(
      g.pages[0]!.sections!.map((s) => s.id),
      ['projet'],
    );
    assert.ok(validateForm(g).ok);
  });

  test('the element form keeps an element in its section; renaming a question renames it in section conditions', () => {
    const f = form();
    const read = readElementForm('yes_no', { id: 'projetEnCours', label: 'Avez-vous un projet ?' }, f, 'aUnProjet');
    assert.deepEqual(read.errors, {});
    const renamed = replaceElement(f, 'aUnProjet', read.element);
    assert.deepEqual(renamed.pages[0]!.sections![0]!.visibleIf, {
      question: 'projetEnCours',
      op: 'equals',
      value: true,
    });
    const nom = readElementForm('short_text', { id: 'nom', label: 'Nom du projet' }, renamed, 'nom');
    assert.equal(replaceElement(renamed, 'nom', nom.element).pages[0]!.elements[1]!.section, 'projet');
  });

  test('the section form saves a title, a description and a condition chosen from the lists', () => {
    const f = form();
    const read = readSectionForm(
      {
        title: ' Le projet ',
        description: 'Pour les collectivités qui en ont un.',
        condition_0_question: 'aUnProjet',
        condition_0_op: 'differs',
        condition_0_value: 'non',
      },
      f,
      'projet',
    );
    assert.deepEqual(read.errors, {});
    const saved = updateSection(f, 'projet', read.values);
    assert.deepEqual(saved.pages[0]!.sections![0], {
      id: 'projet',
      title: 'Le projet',
      description: 'Pour les collectivités qui en ont un.',
      visibleIf: { question: 'aUnProjet', op: 'differs', value: false },
    });
    const cleared = updateSection(saved, 'projet', { title: '', description: '' });
    assert.deepEqual(cleared.pages[0]!.sections![0], { id: 'projet' });
    assert.throws(() => updateSection(f, 'inconnu', { title: 'x', description: '' }), BuilderError);
  });

  test('an invalid id is explained with the real rule (capitals allowed, as in SurveyJS names)', () => {
    const ok = readElementForm('short_text', { id: 'nombreAgents', label: 'Agents' }, form(), null);
    assert.equal(ok.errors.id, undefined);
    const bad = readElementForm('short_text', { id: 'nombre agents', label: 'Agents' }, form(), null);
    assert.match(bad.errors.id!, /lettres sans accent \(minuscules ou majuscules\), des chiffres et _/);
    assert.doesNotMatch(bad.errors.id!, /lettre minuscule/);
  });
});
