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
  removePage,
  replaceElement,
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
