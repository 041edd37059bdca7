import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FacetIndex, indexedSheet } from './facets.ts';

function sheet(id: number, theme: string, status: string, techniques: string[], updatedAt: string, title: string) {
  return indexedSheet({
    id,
    organisationId: id % 2 ? 1 : 2,
    facets: {
      theme,
      subThemes: [],
      status,
      techniques,
      commons: null,
      audiences: [],
      startYear: 2020 + id,
      point: null,
    },
    organisation: {
      type: id % 2 ? 'commune' : 'region',
      regionCode: '84',
      departementCode: id % 2 ? '69' : null,
      country: 'FR',
    },
    sortTitle: title,
    updatedAt,
    startDate: String(2020 + id),
  });
}

describe('facet index', () => {
  const index = new FacetIndex();
  index.upsert(sheet(1, 'mobility', 'deployment', ['machine_learning'], '2025-01-03', 'b'));
  index.upsert(sheet(2, 'mobility', 'exploration', ['nlp', 'machine_learning'], '2025-01-01', 'a'));
  index.upsert(sheet(3, 'governance', 'deployment', ['nlp'], '2025-01-02', 'c'));
  const all = { filters: {}, matches: null, sort: 'updated' as const, offset: 0, limit: 10 };

  it('lists every sheet, newest change first, with counts', () => {
    const r = index.query(all);
    assert.equal(r.total, 3);
    assert.deepEqual(r.ids, [1, 3, 2]);
    assert.deepEqual(Object.fromEntries(r.counts.theme), { mobility: 2, governance: 1 });
    assert.deepEqual(Object.fromEntries(r.counts.technique), { machine_learning: 2, nlp: 2 });
  });

  it('ANDs facets, ORs values of one facet, and counts each facet without its own filter', () => {
    const r = index.query({ ...all, filters: { theme: ['mobility'], status: ['deployment', 'exploration'] } });
    assert.deepEqual(r.ids.sort(), [1, 2]);
    // The theme facet is counted over the sheets passing the status filter: governance stays visible.
    assert.deepEqual(Object.fromEntries(r.counts.theme), { mobility: 2, governance: 1 });
    assert.deepEqual(Object.fromEntries(r.counts.status), { deployment: 1, exploration: 1 });
    const narrow = index.query({ ...all, filters: { theme: ['mobility'], status: ['deployment'] } });
    assert.deepEqual(narrow.ids, [1]);
    assert.equal(narrow.counts.status.get('exploration'), 1);
  });

  it('finds nothing for an unknown value but still counts that facet over the others', () => {
    const r = index.query({ ...all, filters: { theme: ['tourisme'] } });
    assert.equal(r.total, 0);
    assert.equal(r.counts.theme.get('tourisme'), 0);
    assert.equal(r.counts.theme.get('mobility'), 2);
  });

  it('keeps the text search order for relevance, and restricts to its ids', () => {
    const r = index.query({ ...all, matches: [3, 99, 2], sort: 'relevance' });
    assert.deepEqual(r.ids, [3, 2]);
    assert.equal(r.total, 2);
    assert.deepEqual(index.query({ ...all, sort: 'name' }).ids, [2, 1, 3]);
    assert.deepEqual(index.query({ ...all, sort: 'start' }).ids, [3, 2, 1]);
  });

  it('pages, and follows upserts and removals', () => {
    assert.deepEqual(index.query({ ...all, offset: 1, limit: 1 }).ids, [3]);
    index.remove(3);
    index.upsert(sheet(4, 'citizenship', 'finished', [], '2025-02-01', 'd'));
    const r = index.query(all);
    assert.deepEqual(r.ids, [4, 1, 2]);
    assert.equal(r.counts.theme.get('governance'), undefined);
  });
});
