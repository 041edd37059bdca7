import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FACET_KEYS, FacetIndex, type FacetKey, indexedSheet, startKey } from './facets.ts';

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

describe('facet index against a plain re-computation', () => {
  // A small deterministic generator, so that a failure can be replayed.
  function random(seed: number) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const rnd = random(20250601);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const some = <T>(list: readonly T[]): T[] => list.filter(() => rnd() < 0.3);
  const THEMES = ['mobility', 'environment', 'governance', 'health'];
  const TECHNIQUES = ['nlp', 'vision', 'machine_learning', 'optimisation'];
  const STATUSES = ['exploration', 'deployment', 'finished'];
  const ORGS = [
    { type: 'commune', regionCode: '84', departementCode: '69', country: 'FR' },
    { type: 'region', regionCode: '11', departementCode: null, country: 'FR' },
    { type: 'autre', regionCode: null, departementCode: null, country: 'DE' },
    { type: 'commune', regionCode: '11', departementCode: '75', country: 'FR' },
  ];
  type Org = (typeof ORGS)[number];
  const orgs = new Map<number, Org>(ORGS.map((o, i) => [i + 1, o]));
  const sheets = new Map<number, ReturnType<typeof indexedSheet>>();
  const index = new FacetIndex();

  function make(id: number, organisationId: number) {
    const year = rnd() < 0.1 ? null : 2015 + Math.floor(rnd() * 10);
    return indexedSheet({
      id,
      organisationId,
      facets: {
        theme: rnd() < 0.1 ? null : pick(THEMES),
        subThemes: [],
        status: pick(STATUSES),
        techniques: some(TECHNIQUES),
        commons: null,
        audiences: [],
        startYear: year,
        point: rnd() < 0.5 ? [45 + rnd(), 4 + rnd()] : null,
      },
      organisation: orgs.get(organisationId)!,
      // Few distinct titles and dates: ties must be broken by id the same way.
      sortTitle: pick(['alpha', 'beta', 'gamma', 'delta']),
      updatedAt: `2025-0${1 + Math.floor(rnd() * 3)}-01T00:00:00.000Z`,
      startDate: year ? `${year}${rnd() < 0.5 ? `-0${1 + Math.floor(rnd() * 9)}` : ''}` : '',
    });
  }

  /** What a query must answer, computed naively over the plain objects. */
  function expected(q: Parameters<FacetIndex['query']>[0]) {
    const live = [...sheets.values()];
    const passes = (s: (typeof live)[number], except?: string) =>
      Object.entries(q.filters).every(
        ([f, chosen]) => f === except || !chosen?.length || s.values[f as FacetKey].some((v) => chosen.includes(v)),
      );
    const matchSet = q.matches ? new Set(q.matches) : null;
    const pool = matchSet ? live.filter((s) => matchSet.has(s.id)) : live;
    const passing = pool.filter((s) => passes(s));
    const counts: Record<string, Record<string, number>> = {};
    for (const f of FACET_KEYS) {
      if (f === 'organisation') continue;
      const c: Record<string, number> = {};
      for (const s of pool) if (passes(s, f)) for (const v of s.values[f]) c[v] = (c[v] ?? 0) + 1;
      for (const v of q.filters[f] ?? []) c[v] ??= 0;
      counts[f] = c;
    }
    const byId = (a: (typeof live)[number], b: (typeof live)[number]) => b.id - a.id;
    const key = (s: (typeof live)[number]) => startKey(s.startDate);
    let ordered: typeof live;
    if (q.sort === 'relevance' && q.matches) {
      const rank = new Map([...q.matches].map((id, i) => [id, i]));
      ordered = passing.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    } else if (q.sort === 'name') {
      ordered = passing.sort((a, b) => (a.sortTitle < b.sortTitle ? -1 : a.sortTitle > b.sortTitle ? 1 : byId(a, b)));
    } else if (q.sort === 'start') {
      ordered = passing.sort((a, b) => key(b) - key(a) || byId(a, b));
    } else {
      ordered = passing.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : byId(a, b)));
    }
    return { total: passing.length, ids: ordered.slice(q.offset, q.offset + q.limit).map((s) => s.id), counts };
  }

  function check(round: number) {
    for (let k = 0; k < 8; k++) {
      const filters: Record<string, string[]> = {};
      if (rnd() < 0.6) filters.theme = some(THEMES);
      if (rnd() < 0.4) filters.technique = [pick(TECHNIQUES)];
      if (rnd() < 0.3) filters.country = [pick(['FR', 'DE', 'IT'])];
      if (rnd() < 0.3) filters.region = [pick(['84', '11'])];
      const matches = rnd() < 0.3 ? [...sheets.keys(), 99_999].filter(() => rnd() < 0.5).sort(() => rnd() - 0.5) : null;
      const q = {
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
      for (const f of FACET_KEYS) {
        if (f !== 'organisation') assert.deepEqual(Object.fromEntries(got.counts[f]), want.counts[f], `${label} ${f}`);
      }
    }
  }

  it('answers like a re-computation through inserts, updates, removals and organisation changes', () => {
    let nextId = 1;
    for (let round = 0; round < 40; round++) {
      const changes = round === 0 ? 300 : Math.floor(rnd() * 40);
      for (let c = 0; c < changes; c++) {
        const r = rnd();
        if (r < 0.6 || !sheets.size) {
          const s = make(nextId++, 1 + Math.floor(rnd() * ORGS.length));
          sheets.set(s.id, s);
          index.upsert(s);
        } else if (r < 0.8) {
          // Sometimes the oldest sheet, changed so that it sorts last in every order.
          const id = rnd() < 0.2 ? Math.min(...sheets.keys()) : pick([...sheets.keys()]);
          let s = make(id, sheets.get(id)!.organisationId);
          if (rnd() < 0.5) s = { ...s, sortTitle: 'zeta', updatedAt: '2000-01-01T00:00:00.000Z', startDate: '' };
          sheets.set(id, s);
          index.upsert(s);
        } else {
          const id = pick([...sheets.keys()]);
          sheets.delete(id);
          index.remove(id);
        }
      }
      if (round % 10 === 9) {
        // An organisation moves: its sheets' organisation facets follow.
        const organisationId = 1 + (round % ORGS.length);
        const moved = { type: 'epci', regionCode: '93', departementCode: '13', country: 'FR' };
        orgs.set(organisationId, moved);
        for (const [id, s] of sheets) {
          if (s.organisationId !== organisationId) continue;
          sheets.set(id, {
            ...s,
            values: { ...s.values, authorityType: ['epci'], region: ['93'], departement: ['13'], country: ['FR'] },
          });
        }
        index.setOrganisation(organisationId, moved);
      }
      assert.equal(index.size, sheets.size);
      check(round);
    }
  });

  it('orders partial start dates like their text', () => {
    const dates = ['', '2019', '2019-01', '2019-01-15', '2019-02', '2020'];
    const keys = dates.map(startKey);
    assert.deepEqual(
      [...keys].sort((a, b) => a - b),
      keys,
    );
  });
});
