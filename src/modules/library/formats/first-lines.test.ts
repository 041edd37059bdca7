import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FirstLines } from './first-lines.ts';

describe('FirstLines (the first line of each key of an import file)', () => {
  it('gives the line where each key was first seen, through the growth of its table', () => {
    const lines = new FirstLines();
    const key = (i: number) => `interconnectes:2175005640001${i % 7}:projet-numero-${i}`;
    for (let i = 1; i <= 50_000; i++) lines.add(key(i), i + 1);
    assert.equal(lines.size, 50_000);
    for (const i of [1, 2, 1023, 1024, 1025, 31_337, 50_000]) assert.equal(lines.get(key(i)), i + 1);
    assert.equal(lines.get(key(50_001)), undefined);
    assert.equal(lines.get('interconnectes:21750056400013:projet-numero-1 '), undefined, 'one space more: another key');
  });

  it('keeps the first line when a key comes again, and forgets everything when cleared', () => {
    const lines = new FirstLines();
    lines.add('pstw:12', 4);
    lines.add('pstw:12', 9);
    assert.equal(lines.get('pstw:12'), 4);
    assert.equal(lines.size, 1);
    lines.clear();
    assert.equal(lines.get('pstw:12'), undefined);
    assert.equal(lines.size, 0);
  });
});
