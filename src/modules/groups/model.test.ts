// The pure rules of working groups: the tree (siblings by name in French order, orphans as roots, a cycle in the
// data still ends), the cycle check that keeps a group from being placed under itself, the breadcrumb's ancestors,
// and reading a sheet's number from what a lead types.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ancestorsOf, buildTree, flattenTree, wouldCycle } from './model.ts';
import { sheetNumberOf } from './services/follows.ts';

const g = (id: number, name: string, parentId: number | null) => ({ id, name, parentId });
const groups = [
  g(1, 'Numérique et innovation', null),
  g(2, 'Intelligence artificielle', 1),
  g(3, 'Participation citoyenne', 1),
  g(4, 'Éthique des algorithmes', 2),
  g(5, 'Achats publics', null),
];

test('the tree puts sub-groups under their parent, siblings by name in French order', () => {
  assert.deepEqual(
    flattenTree(groups).map(({ group, depth }) => `${depth}:${group.name}`),
    [
      '0:Achats publics',
      '0:Numérique et innovation',
      '1:Intelligence artificielle',
      '2:Éthique des algorithmes',
      '1:Participation citoyenne',
    ],
  );
});

test('a group whose parent is not shown is a root; a cycle in the data does not loop', () => {
  assert.deepEqual(
    buildTree([g(2, 'IA', 1), g(4, 'Éthique', 2)]).map((n) => [n.group.name, n.children.map((c) => c.group.name)]),
    [['IA', ['Éthique']]],
  );
  const cyclic = [g(1, 'A', 2), g(2, 'B', 1)];
  assert.equal(flattenTree(cyclic).length, 0, 'neither is a root: nothing loops');
});

test('a group cannot be placed under itself or one of its sub-groups', () => {
  assert.equal(wouldCycle(groups, 1, 4), true);
  assert.equal(wouldCycle(groups, 2, 2), true);
  assert.equal(wouldCycle(groups, 2, 3), false);
  assert.equal(wouldCycle(groups, 4, null), false);
});

test('the ancestors of a group, from the root down', () => {
  assert.deepEqual(
    ancestorsOf(groups, 4).map((a) => a.name),
    ['Numérique et innovation', 'Intelligence artificielle'],
  );
  assert.deepEqual(ancestorsOf(groups, 1), []);
});

test('a sheet is named by its number or its address', () => {
  assert.equal(sheetNumberOf(' 12 '), 12);
  assert.equal(sheetNumberOf('/bibliotheque/12-cantine'), 12);
  assert.equal(sheetNumberOf('https://exemple.fr/bibliotheque/345'), 345);
  assert.equal(sheetNumberOf('/communs/12'), null);
  assert.equal(sheetNumberOf('douze'), null);
});
