import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frenchSortKey } from './sort-key.ts';

const sorted = (names: string[]) =>
  [...names].sort((a, b) => (frenchSortKey(a) < frenchSortKey(b) ? -1 : frenchSortKey(a) > frenchSortKey(b) ? 1 : 0));

describe('frenchSortKey', () => {
  it('sorts « É » with E, not after Z, the way Intl.Collator("fr") does', () => {
    const names = ['Zillisheim', 'Écully', 'Eybens', 'Étampes', 'Angers', 'Œuilly', 'Oyonnax', 'éguilles'];
    assert.deepEqual(sorted(names), [...names].sort(new Intl.Collator('fr').compare));
  });

  it('ignores case, hyphens and apostrophes, and compares numbers by value', () => {
    assert.equal(frenchSortKey('Saint-Étienne'), frenchSortKey('saint etienne'));
    assert.equal(frenchSortKey("L'Haÿ-les-Roses"), 'l hay les roses');
    assert.deepEqual(sorted(['Paris 10e', 'Paris 2e', 'Paris 1er']), ['Paris 1er', 'Paris 2e', 'Paris 10e']);
  });
});
