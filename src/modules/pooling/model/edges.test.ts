import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../../test/helpers/random.ts';
import { createEdges, type Edge, edgeList, pushEdge, sortEdges } from './edges.ts';
import { runToEnd } from './similarity.ts';

const literal = (edges: ReturnType<typeof createEdges>): Edge[] =>
  Array.from({ length: edges.size }, (_, k) => ({ a: edges.a[k]!, b: edges.b[k]!, sim: edges.sim[k]! }));

describe('neighbour pairs in typed arrays', () => {
  it('grow as pairs are added, keeping every pair in order', () => {
    const edges = createEdges(2);
    for (let k = 0; k < 1000; k++) pushEdge(edges, k, k + 1, k / 1000);
    assert.equal(edges.size, 1000);
    assert.deepEqual(literal(edges)[999], { a: 999, b: 1000, sim: 0.999 });
    assert.deepEqual(literal(edges)[0], { a: 0, b: 1, sim: 0 });
  });

  it('sort strongest first, ties by a then b, in place: the order of one plain sort', () => {
    const random = seededRandom(7);
    const list: Edge[] = [];
    // Few distinct similarities, so that ties are many; every (a, b) once.
    for (let a = 0; a < 60; a++) {
      for (let b = a + 1; b < 60; b += 1 + Math.floor(random() * 3))
        list.push({ a, b, sim: Math.floor(random() * 8) / 8 });
    }
    const shuffled = [...list].sort(() => random() - 0.5);
    const edges = edgeList(shuffled);
    const sorted = runToEnd(sortEdges(edges, 16));
    assert.equal(sorted, edges, 'in place');
    const expected = [...list].sort((x, y) => y.sim - x.sim || x.a - y.a || x.b - y.b);
    assert.deepEqual(literal(sorted), expected);
    assert.equal(sorted.a.length, list.length, 'trimmed to the pairs');
  });

  it('sort no pair and one pair', () => {
    assert.equal(runToEnd(sortEdges(createEdges(), 8)).size, 0);
    assert.deepEqual(literal(runToEnd(sortEdges(edgeList([{ a: 1, b: 2, sim: 0.5 }]), 8))), [{ a: 1, b: 2, sim: 0.5 }]);
  });
});
