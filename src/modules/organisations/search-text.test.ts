import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  directoryMatcher,
  parseOrganisationQuery,
  relevanceTier,
  searchText,
  tierOfSearchText,
} from './search-text.ts';

describe('the directory matcher (stored search texts)', () => {
  const places = [
    { name: 'Saint-Étienne', postcodes: ['42000'] },
    { name: 'Saint-Étienne-du-Rouvray', postcodes: ['76800'] },
    { name: 'Étienne-Saint-Martin', postcodes: [] },
    { name: 'Port-Saint-Étienne', postcodes: [] },
    { name: 'Strasbourg', postcodes: ['67000'] },
  ];

  it('gives the same tier as the name rules for every stored text', () => {
    for (const typed of ['st etienne', 'saint', 'etienne', 'port saint', 'stras']) {
      const query = parseOrganisationQuery(typed)!;
      for (const p of places) {
        assert.equal(tierOfSearchText(searchText(p), query.key), relevanceTier(p.name, query), `${typed} / ${p.name}`);
      }
    }
  });

  it('refuses a text when a term starts no word of it, and ranks the others', () => {
    const match = directoryMatcher('st etienne');
    assert.ok(match);
    assert.deepEqual(
      places.map((p) => match(searchText(p))),
      [0, 1, 3, 2, -1],
    );
    assert.equal(directoryMatcher('42000')!(searchText(places[0]!)), 3, 'a postcode: another match');
    assert.equal(directoryMatcher('2000')!(searchText(places[0]!)), -1, 'the middle of a code is no word start');
  });

  it('has nothing to search in a query of symbols only', () => {
    assert.equal(directoryMatcher('  !!! '), null);
  });
});
