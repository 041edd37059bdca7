import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../../test/helpers/random.ts';
import { runToEnd } from './similarity.ts';
import { sortSteps } from './sort-steps.ts';

describe('sorting in steps (the edges, without one long synchronous block)', () => {
  it('gives the order of one sort, over several runs and merge passes, yielding on the way', () => {
    const rnd = seededRandom(3);
    const list = Array.from({ length: 1000 }, (_, i) => ({ key: Math.floor(rnd() * 50), id: i }));
    const compare = (x: { key: number; id: number }, y: { key: number; id: number }) => y.key - x.key || x.id - y.id;
    const expected = [...list].sort(compare);
    let yields = 0;
    const steps = sortSteps([...list], compare, 16);
    let r = steps.next();
    while (!r.done) {
      yields++;
      r = steps.next();
    }
    assert.deepEqual(r.value, expected);
    assert.ok(yields > 60, `${yields} yields`);
  });

  it('sorts short and empty lists', () => {
    assert.deepEqual(runToEnd(sortSteps([3, 1, 2], (x, y) => x - y, 8)), [1, 2, 3]);
    assert.deepEqual(runToEnd(sortSteps([], (x: number, y: number) => x - y, 8)), []);
  });
});
