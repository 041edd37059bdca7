// The builder makes and unmakes groups (sections) from scratch: a run of questions of one page becomes a group, inside
// the group that holds the whole run, holding the groups that lie whole inside it; a group is never cut in two; a
// group removed leaves its questions and subgroups to the group that held it. Every result is a valid form.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addSection, BuilderError, type Form, removeSection, sectionChain, validateForm } from './index.ts';

const q = (id: string, section?: string) => ({
  id,
  type: 'short_text' as const,
  label: `Question ${id}`,
  ...(section ? { section } : {}),
});

/** a, b ungrouped; c, d in « projet » whose d is in « budget » (nested); e ungrouped. */
function form(): Form {
  return {
    title: 'Projets',
    language: 'fr',
    pages: [
      {
        id: 'p1',
        title: 'Page',
        sections: [
          { id: 'projet', title: 'Le projet', visibleIf: { question: 'a', op: 'answered' } },
          { id: 'budget', title: 'Son budget', parent: 'projet' },
        ],
        elements: [q('a'), q('b'), q('c', 'projet'), q('d', 'budget'), q('e')],
      },
    ],
  };
}

const chainOf = (f: Form, id: string) => {
  const page = f.pages[0]!;
  return sectionChain(page, page.elements.find((e) => e.id === id)!.section).map((s) => s.title);
};

const valid = (f: Form) => {
  const result = validateForm(f);
  assert.ok(result.ok, JSON.stringify(result));
};

describe('builder: making and removing groups', () => {
  test('a run of ungrouped questions becomes a titled group', () => {
    const { draft, sectionId } = addSection(form(), 'p1', { title: ' Identité ', firstId: 'a', lastId: 'b' });
    assert.equal(sectionId, 'groupe_identite');
    assert.deepEqual(chainOf(draft, 'a'), ['Identité']);
    assert.deepEqual(chainOf(draft, 'b'), ['Identité']);
    assert.deepEqual(chainOf(draft, 'c'), ['Le projet']);
    valid(draft);
  });

  test('a run that holds a whole group makes it a subgroup, the new group declared before it', () => {
    const { draft, sectionId } = addSection(form(), 'p1', { title: 'Tout', firstId: 'b', lastId: 'd' });
    assert.deepEqual(chainOf(draft, 'b'), ['Tout']);
    assert.deepEqual(chainOf(draft, 'c'), ['Tout', 'Le projet']);
    assert.deepEqual(chainOf(draft, 'd'), ['Tout', 'Le projet', 'Son budget']);
    const order = draft.pages[0]!.sections!.map((s) => s.id);
    assert.ok(order.indexOf(sectionId) < order.indexOf('projet'));
    valid(draft);
  });

  test('a run inside a group makes a group inside it', () => {
    const { draft } = addSection(form(), 'p1', { title: 'Détail', firstId: 'c', lastId: 'c' });
    assert.deepEqual(chainOf(draft, 'c'), ['Le projet', 'Détail']);
    assert.deepEqual(chainOf(draft, 'd'), ['Le projet', 'Son budget']);
    valid(draft);
  });

  test('a run that would cut a group in two is refused, naming the group', () => {
    assert.throws(
      () => addSection(form(), 'p1', { title: 'Coupe', firstId: 'b', lastId: 'c' }),
      (e: Error) => e instanceof BuilderError && /Le groupe « Le projet » serait coupé en deux/.test(e.message),
    );
    assert.throws(
      () => addSection(form(), 'p1', { title: 'Coupe', firstId: 'd', lastId: 'e' }),
      /« Le projet » serait coupé en deux|« Son budget » serait coupé en deux/,
    );
  });

  test('a group needs a title and a first question before its last one, on an existing page', () => {
    assert.throws(() => addSection(form(), 'p1', { title: ' ', firstId: 'a', lastId: 'b' }), /Donnez un titre/);
    assert.throws(() => addSection(form(), 'p1', { title: 'X', firstId: 'b', lastId: 'a' }), /doit venir avant/);
    assert.throws(() => addSection(form(), 'p1', { title: 'X', firstId: 'zz', lastId: 'a' }), /Choisissez la première/);
    assert.throws(() => addSection(form(), 'p9', { title: 'X', firstId: 'a', lastId: 'b' }), /Cette page n’existe pas/);
  });

  test('removing a group leaves its questions and subgroups to the group that held it, without its condition', () => {
    const outer = removeSection(form(), 'projet');
    assert.deepEqual(chainOf(outer, 'c'), []);
    assert.deepEqual(chainOf(outer, 'd'), ['Son budget']);
    assert.equal(outer.pages[0]!.sections!.length, 1);
    assert.equal(outer.pages[0]!.sections![0]!.parent, undefined);
    valid(outer);
    const inner = removeSection(form(), 'budget');
    assert.deepEqual(chainOf(inner, 'd'), ['Le projet']);
    valid(inner);
    const none = removeSection(removeSection(form(), 'budget'), 'projet');
    assert.equal(none.pages[0]!.sections, undefined);
    assert.throws(() => removeSection(form(), 'inconnu'), /Ce groupe n’existe pas/);
  });
});
