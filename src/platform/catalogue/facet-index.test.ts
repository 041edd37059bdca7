import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../test/helpers/random.ts';
import { FacetIndex, type FacetIndexShape, type IndexQuery } from './facet-index.ts';

/** A catalogue entry as a test writes it: its facets, its owner (group), dates and title. */
interface Entry {
  id: number;
  owner: number;
  theme: string[];
  status: string[];
  technique: string[];
  place: string[];
  updated: string;
  start: number;
  title: string;
  point: [number, number] | null;
}
type Facet = 'theme' | 'status' | 'technique' | 'place';
type Order = 'updated' | 'start' | 'name';
const FACETS: Facet[] = ['theme', 'status', 'technique', 'place'];

const shape: FacetIndexShape<Entry, Facet, Order> = {
  id: (e) => e.id,
  facets: { theme: (e) => e.theme, status: (e) => e.status, technique: (e) => e.technique, place: (e) => e.place },
  sorts: {
    updated: { keys: [{ number: (e) => Date.parse(e.updated) || 0, direction: 'desc' }] },
    start: { keys: [{ number: (e) => e.start, direction: 'desc' }] },
    name: { keys: [{ text: (e) => e.title, direction: 'asc' }] },
  },
  defaultSort: 'updated',
  group: (e) => e.owner,
  point: (e) => e.point,
};

function entry(id: number, theme: string, status: string, techniques: string[], updated: string, title: string): Entry {
  return {
    id,
    owner: id % 2 ? 1 : 2,
    theme: [theme],
    status: [status],
    technique: techniques,
    place: [id % 2 ? '69' : '75'],
    updated,
    start: 2020 + id,
    title,
    point: id === 1 ? [45.76, 4.83] : null,
  };
}

describe('facet index', () => {
  const index = new FacetIndex(shape);
  index.upsert(entry(1, 'mobility', 'deployment', ['machine_learning'], '2025-01-03', 'b'));
  index.upsert(entry(2, 'mobility', 'exploration', ['nlp', 'machine_learning'], '2025-01-01', 'a'));
  index.upsert(entry(3, 'governance', 'deployment', ['nlp'], '2025-01-02', 'c'));
  const all: IndexQuery<Facet, Order> = { filters: {}, matches: null, sort: 'updated', offset: 0, limit: 10 };

  it('lists every row in the default order, with counts', () => {
    const r = index.query(all);
    assert.equal(r.total, 3);
    assert.deepEqual(r.ids, [1, 3, 2]);
    assert.deepEqual(Object.fromEntries(r.counts.theme), { mobility: 2, governance: 1 });
    assert.deepEqual(Object.fromEntries(r.counts.technique), { machine_learning: 2, nlp: 2 });
  });

  it('ANDs facets, ORs values of one facet, and counts each facet without its own filter', () => {
    const r = index.query({ ...all, filters: { theme: ['mobility'], status: ['deployment', 'exploration'] } });
    assert.deepEqual(r.ids.sort(), [1, 2]);
    // The theme facet is counted over the rows passing the status filter: governance stays visible.
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

  it('counts only the facets asked for', () => {
    const r = index.query({ ...all, count: ['theme'] });
    assert.equal(r.counts.theme.size, 2);
    assert.equal(r.counts.status.size, 0);
  });

  it('keeps the text search order for relevance, and restricts to its ids', () => {
    const r = index.query({ ...all, matches: [3, 99, 2], sort: 'relevance' });
    assert.deepEqual(r.ids, [3, 2]);
    assert.equal(r.total, 2);
    assert.deepEqual(index.query({ ...all, sort: 'name' }).ids, [2, 1, 3]);
    assert.deepEqual(index.query({ ...all, sort: 'start' }).ids, [3, 2, 1]);
    // Relevance without a text search falls back to the default order.
    assert.deepEqual(index.query({ ...all, sort: 'relevance' }).ids, [1, 3, 2]);
  });

  it('keeps points for the map', () => {
    assert.deepEqual(index.pointOf(1), [45.76, 4.83]);
    assert.equal(index.pointOf(2), null);
    assert.deepEqual(index.withPoints(10), [1]);
  });

  it('changes the facets of a whole group at once', () => {
    assert.deepEqual(index.groups().sort(), [1, 2]);
    assert.equal(index.setGroupFacets(1, { place: ['13'] }), 2);
    assert.equal(index.setGroupFacets(1, { place: ['13'] }), 0, 'nothing changes the second time');
    assert.deepEqual(Object.fromEntries(index.query(all).counts.place), { '13': 2, '75': 1 });
    index.setGroupFacets(1, { place: ['69'] });
  });

  it('selects the page first and counts the facets when asked, as `query` does at once', () => {
    const q: IndexQuery<Facet, Order> = { ...all, filters: { theme: ['mobility'] }, limit: 1 };
    const selected = index.select(q);
    assert.deepEqual(selected.ids, [1]);
    assert.equal(selected.total, 2);
    // Another query in between (it reuses the index's marks) changes nothing of what was selected.
    index.query({ ...all, filters: { status: ['deployment'] } });
    const counts = selected.counts();
    assert.deepEqual(counts, index.query(q).counts);
    assert.deepEqual(Object.fromEntries(counts.theme), { mobility: 2, governance: 1 });
    assert.equal(selected.counts(), counts, 'counted once');
  });

  it('pages, and follows upserts and removals', () => {
    assert.deepEqual(index.query({ ...all, offset: 1, limit: 1 }).ids, [3]);
    index.remove(3);
    index.upsert(entry(4, 'citizenship', 'finished', [], '2025-02-01', 'd'));
    const r = index.query(all);
    assert.deepEqual(r.ids, [4, 1, 2]);
    assert.equal(r.counts.theme.get('governance'), undefined);
    assert.deepEqual(index.ordered('name'), [2, 1, 4]);
    assert.equal(index.size, 3);
    index.clear();
    assert.equal(index.size, 0);
    assert.deepEqual(index.query(all).ids, []);
  });
});

describe('facet index of a directory (ascending orders, text ties, text matched in memory)', () => {
  interface Place {
    id: number;
    code: string;
    name: string;
    kind: string;
    population: number;
  }
  const index = new FacetIndex<Place, 'kind', 'population' | 'name'>({
    id: (p) => p.id,
    facets: { kind: (p) => [p.kind] },
    sorts: {
      population: {
        keys: [
          { number: (p) => p.population, direction: 'desc' },
          { text: (p) => p.code, direction: 'asc' },
        ],
        ids: 'asc',
      },
      name: { keys: [{ text: (p) => p.name, direction: 'asc' }], ids: 'asc' },
    },
    defaultSort: 'population',
    text: (p) => ` ${p.name.toLowerCase()} `,
  });
  const places: Place[] = [
    { id: 1, code: 'b:2', name: 'Saint-Jean', kind: 'commune', population: 500 },
    { id: 2, code: 'b:1', name: 'Jean-de-Mer', kind: 'commune', population: 500 },
    { id: 3, code: 'a:9', name: 'Saint-Jean', kind: 'departement', population: 9000 },
    { id: 4, code: 'c:1', name: 'Port-Saint-Jean', kind: 'commune', population: 100 },
  ];
  for (const p of places) index.upsert(p);

  it('sorts by several keys, texts included, then by id as asked', () => {
    assert.deepEqual(index.ordered('population'), [3, 2, 1, 4]);
    assert.deepEqual(index.ordered('name'), [2, 4, 1, 3]);
  });

  it('matches texts in memory by tier, then in the order asked for', () => {
    const tier = (text: string) => (text.startsWith(' saint-jean ') ? 0 : text.includes('jean') ? 1 : -1);
    assert.deepEqual([...index.matchText(tier, 'population')], [3, 1, 2, 4]);
    const found = index.matchText(tier, 'population');
    const r = index.query({ filters: { kind: ['commune'] }, matches: found, sort: 'relevance', offset: 0, limit: 10 });
    assert.deepEqual(r.ids, [1, 2, 4]);
    assert.deepEqual(Object.fromEntries(r.counts.kind), { commune: 3, departement: 1 });
  });
});

describe('facet index against a plain re-computation', () => {
  // Deterministic, so that a failure can be replayed.
  const rnd = seededRandom(20250601);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const some = <T>(list: readonly T[]): T[] => list.filter(() => rnd() < 0.3);
  const THEMES = ['mobility', 'environment', 'governance', 'health'];
  const TECHNIQUES = ['nlp', 'vision', 'machine_learning', 'optimisation'];
  const STATUSES = ['exploration', 'deployment', 'finished'];
  const PLACES = ['69', '75', '13', '33'];
  const entries = new Map<number, Entry>();
  const index = new FacetIndex(shape);

  function make(id: number, owner: number): Entry {
    return {
      id,
      owner,
      theme: rnd() < 0.1 ? [] : [pick(THEMES)],
      status: [pick(STATUSES)],
      technique: some(TECHNIQUES),
      place: [PLACES[owner % PLACES.length]!],
      // Few distinct titles and dates: ties must be broken by id the same way.
      updated: `2025-0${1 + Math.floor(rnd() * 3)}-01T00:00:00.000Z`,
      start: rnd() < 0.1 ? -1 : 20150000 + Math.floor(rnd() * 10) * 10_000,
      title: pick(['alpha', 'beta', 'gamma', 'delta']),
      point: rnd() < 0.5 ? [45 + rnd(), 4 + rnd()] : null,
    };
  }

  /** What a query must answer, computed naively over the plain objects. */
  function expected(q: IndexQuery<Facet, Order>) {
    const live = [...entries.values()];
    const passes = (e: Entry, except?: string) =>
      Object.entries(q.filters).every(
        ([f, chosen]) => f === except || !chosen?.length || e[f as Facet].some((v) => chosen.includes(v)),
      );
    const matchSet = q.matches ? new Set(Array.from(q.matches)) : null;
    const pool = matchSet ? live.filter((e) => matchSet.has(e.id)) : live;
    const passing = pool.filter((e) => passes(e));
    const counts: Record<string, Record<string, number>> = {};
    for (const f of FACETS) {
      const c: Record<string, number> = {};
      for (const e of pool) if (passes(e, f)) for (const v of e[f]) c[v] = (c[v] ?? 0) + 1;
      for (const v of q.filters[f] ?? []) c[v] ??= 0;
      counts[f] = c;
    }
    const byId = (a: Entry, b: Entry) => b.id - a.id;
    let ordered: Entry[];
    if (q.sort === 'relevance' && q.matches) {
      const rank = new Map(Array.from(q.matches, (id, i) => [id, i]));
      ordered = passing.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    } else if (q.sort === 'name') {
      ordered = passing.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : byId(a, b)));
    } else if (q.sort === 'start') {
      ordered = passing.sort((a, b) => b.start - a.start || byId(a, b));
    } else {
      ordered = passing.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : byId(a, b)));
    }
    return { total: passing.length, ids: ordered.slice(q.offset, q.offset + q.limit).map((e) => e.id), counts };
  }

  function check(round: number) {
    for (let k = 0; k < 8; k++) {
      const filters: Partial<Record<Facet, string[]>> = {};
      if (rnd() < 0.6) filters.theme = some(THEMES);
      if (rnd() < 0.4) filters.technique = [pick(TECHNIQUES)];
      if (rnd() < 0.3) filters.place = [pick([...PLACES, '99'])];
      const matches =
        rnd() < 0.3 ? [...entries.keys(), 99_999].filter(() => rnd() < 0.5).sort(() => rnd() - 0.5) : null;
      const q: IndexQuery<Facet, Order> = {
        filters,
        matches,
        sort: pick(['relevance', 'updated', 'start', 'name'] as const),
        offset: pick([0, 0, 5, 30]),
        limit: pick([0, 10, 25, 100_000]),
      };
      const got = index.query(q);
      const want = expected(q);
      const label = `tour ${round}, requête ${JSON.stringify({ ...q, matches: q.matches?.length })}`;
      assert.equal(got.total, want.total, label);
      assert.deepEqual(got.ids, want.ids, label);
      for (const f of FACETS) assert.deepEqual(Object.fromEntries(got.counts[f]), want.counts[f], `${label} ${f}`);
    }
  }

  it('answers like a re-computation through inserts, updates, removals and group changes', () => {
    let nextId = 1;
    for (let round = 0; round < 40; round++) {
      const changes = round === 0 ? 300 : Math.floor(rnd() * 40);
      for (let c = 0; c < changes; c++) {
        const r = rnd();
        if (r < 0.6 || !entries.size) {
          const e = make(nextId++, 1 + Math.floor(rnd() * 6));
          entries.set(e.id, e);
          index.upsert(e);
        } else if (r < 0.8) {
          // Sometimes the oldest entry, changed so that it sorts last in every order.
          const id = rnd() < 0.2 ? Math.min(...entries.keys()) : pick([...entries.keys()]);
          let e = make(id, entries.get(id)!.owner);
          if (rnd() < 0.5) e = { ...e, title: 'zeta', updated: '2000-01-01T00:00:00.000Z', start: -1 };
          entries.set(id, e);
          index.upsert(e);
        } else {
          const id = pick([...entries.keys()]);
          entries.delete(id);
          index.remove(id);
        }
      }
      if (round % 10 === 9) {
        // An owner moves: the place of every one of its entries follows.
        const owner = 1 + (round % 6);
        for (const [id, e] of entries) if (e.owner === owner) entries.set(id, { ...e, place: ['2A'] });
        index.setGroupFacets(owner, { place: ['2A'] });
      }
      assert.equal(index.size, entries.size);
      check(round);
    }
    const withPoints = [...entries.values()].filter((e) => e.point).map((e) => e.id);
    assert.deepEqual(
      index.withPoints(100_000),
      withPoints.sort((a, b) => a - b),
    );
  });
});
