/**
 * The library's catalogue (search-catalogue.ts) over an in-memory store and organisations: which values each facet
 * takes from a use case and its organisation, the orders, the change counter, the organisations followed every minute,
 * labels and display order, and a re-computation check through inserts, updates, unpublishing and organisation moves.
 * The facet index's own mechanics are tested in src/platform/catalogue/facet-index.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../../test/helpers/random.ts';
import type { TextSearch } from '../../../platform/catalogue/index.ts';
import type { UseCaseContent } from '../fields.ts';
import type { OrganisationSummary } from '../model.ts';
import type { IndexRow } from '../store.ts';
import {
  contentFacets,
  createUseCaseCatalogue,
  FACET_KEYS,
  type FacetFilters,
  type FacetKey,
  indexColumns,
  ORGANISATIONS_REFRESH_MS,
  type OrderKey,
  type SortKey,
  sortTitle,
  startKey,
} from './search-catalogue.ts';

type Org = Pick<OrganisationSummary, 'type' | 'regionCode' | 'departementCode' | 'country'>;

/** A use case as a test writes it (content fields by their real names). */
interface Written {
  id: number;
  organisationId: number;
  state?: 'published' | 'draft';
  content: Partial<Record<keyof UseCaseContent, unknown>>;
  updatedAt: string;
}

/** The library's store, organisations and text search in memory, and a clock the test moves. */
function world() {
  const rows = new Map<number, IndexRow>();
  let seq = 0;
  const orgs = new Map<number, Org>();
  const matches = new Map<string, number[]>();
  const clock = { now: 0 };
  const search: TextSearch<OrderKey> = {
    async match(q) {
      return q.trim() ? Int32Array.from(matches.get(q.trim()) ?? []) : null;
    },
    async suggest() {
      return null;
    },
  };
  const catalogue = createUseCaseCatalogue(
    {
      store: {
        currentSeqWith: async (others) => [seq, ...others.map(() => 0)],
        indexRowsAfter: async (afterId, limit = 5000) =>
          [...rows.values()].filter((r) => r.id > afterId).slice(0, limit),
        indexChanges: async (since, afterId = 0, limit = 5000) =>
          [...rows.values()].filter((r) => r.changeSeq > since && r.id > afterId).slice(0, limit),
      },
      organisations: {
        async summaries(ids) {
          const out = new Map<number, OrganisationSummary>();
          for (const id of ids) {
            const o = orgs.get(id);
            if (o) out.set(id, { id, name: `Organisation ${id}`, siren: null, siret: null, ...o });
          }
          return out;
        },
        async divisions() {
          return {
            regions: new Map([['84', 'Auvergne-Rhône-Alpes']]),
            departements: new Map([['69', 'Rhône']]),
            regionOf: new Map([['69', '84']]),
          };
        },
      },
      search,
    },
    {
      dialect: 'sqlite',
      monotonic: () => clock.now,
      onError: (what, error) => {
        throw new Error(`${what}: ${error}`);
      },
    },
  );
  return {
    catalogue,
    orgs,
    matches,
    clock,
    /** Writes use cases as the store does (the next change number, the columns of `indexColumns`). */
    write(...list: Written[]) {
      seq++;
      for (const w of list) {
        const columns = indexColumns(w.content as UseCaseContent);
        rows.set(w.id, {
          id: w.id,
          organisationId: w.organisationId,
          state: w.state ?? 'published',
          facets: columns.facets,
          sortTitle: columns.sort_title,
          updatedAt: w.updatedAt,
          startDate: (w.content.startDate as string | null | undefined) ?? null,
          changeSeq: seq,
        });
      }
      catalogue.touched();
    },
  };
}

const all = { q: '', filters: {}, sort: null, page: 1, perPage: 10 };
/** A result's counts as plain objects. */
const countsOf = (counts: Record<string, Map<string, number>>, key: FacetKey) => Object.fromEntries(counts[key]!);

function useCase(
  id: number,
  theme: string,
  status: string,
  techniques: string[],
  updatedAt: string,
  title: string,
): Written {
  return {
    id,
    organisationId: id % 2 ? 1 : 2,
    content: { title, theme, projectStatus: status, techniques, startDate: String(2020 + id) },
    updatedAt,
  };
}

describe('library catalogue', () => {
  const w = world();
  w.orgs.set(1, { type: 'commune', regionCode: '84', departementCode: '69', country: 'FR' });
  w.orgs.set(2, { type: 'region', regionCode: '84', departementCode: null, country: 'FR' });
  w.write(
    useCase(1, 'mobility', 'deployment', ['machine_learning'], '2025-01-03', 'b'),
    useCase(2, 'mobility', 'exploration', ['nlp', 'machine_learning'], '2025-01-01', 'a'),
    useCase(3, 'governance', 'deployment', ['nlp'], '2025-01-02', 'c'),
  );
  const { catalogue } = w;

  it('lists every published use case, newest change first, with counts (organisation only filters)', async () => {
    const r = await catalogue.search(all);
    assert.equal(r.total, 3);
    assert.equal(r.sort, 'updated');
    assert.deepEqual(r.ids, [1, 3, 2]);
    assert.deepEqual(countsOf(r.counts, 'theme'), { mobility: 2, governance: 1 });
    assert.deepEqual(countsOf(r.counts, 'technique'), { machine_learning: 2, nlp: 2 });
    assert.deepEqual(countsOf(r.counts, 'startYear'), { '2021': 1, '2022': 1, '2023': 1 });
    assert.equal(r.counts.organisation.size, 0);
    assert.deepEqual((await catalogue.search({ ...all, filters: { organisation: ['2'] } })).ids, [2]);
  });

  it('takes the type, région, département and country of the organisation (none when it has none)', async () => {
    const r = await catalogue.search(all);
    assert.deepEqual(countsOf(r.counts, 'authorityType'), { commune: 2, region: 1 });
    assert.deepEqual(countsOf(r.counts, 'region'), { '84': 3 });
    assert.deepEqual(countsOf(r.counts, 'departement'), { '69': 2 });
    assert.deepEqual(countsOf(r.counts, 'country'), { FR: 3 });
  });

  it('ANDs facets, ORs values of one facet, and counts each facet without its own filter', async () => {
    const r = await catalogue.search({
      ...all,
      filters: { theme: ['mobility'], status: ['deployment', 'exploration'] },
    });
    assert.deepEqual([...r.ids].sort(), [1, 2]);
    // The theme facet is counted over the use cases passing the status filter: governance stays visible.
    assert.deepEqual(countsOf(r.counts, 'theme'), { mobility: 2, governance: 1 });
    assert.deepEqual(countsOf(r.counts, 'status'), { deployment: 1, exploration: 1 });
    const narrow = await catalogue.search({ ...all, filters: { theme: ['mobility'], status: ['deployment'] } });
    assert.deepEqual(narrow.ids, [1]);
    assert.equal(narrow.counts.status.get('exploration'), 1);
  });

  it('finds nothing for an unknown value but still counts that facet over the others', async () => {
    const r = await catalogue.search({ ...all, filters: { theme: ['tourisme'] } });
    assert.equal(r.total, 0);
    assert.equal(r.counts.theme.get('tourisme'), 0);
    assert.equal(r.counts.theme.get('mobility'), 2);
  });

  it('keeps the text search order for relevance, restricts to its ids, and sorts by name and start', async () => {
    w.matches.set('réseau', [3, 99, 2]);
    const r = await catalogue.search({ ...all, q: 'réseau' });
    assert.equal(r.sort, 'relevance');
    assert.deepEqual(r.ids, [3, 2]);
    assert.equal(r.total, 2);
    assert.deepEqual((await catalogue.search({ ...all, q: 'réseau', sort: 'name' })).ids, [2, 3]);
    assert.deepEqual((await catalogue.search({ ...all, sort: 'name' })).ids, [2, 1, 3]);
    assert.deepEqual((await catalogue.search({ ...all, sort: 'start' })).ids, [3, 2, 1]);
    // Nothing to search for: every use case, in the default order.
    const blank = await catalogue.search({ ...all, q: '  ' });
    assert.equal(blank.sort, 'updated');
    assert.deepEqual(blank.ids, [1, 3, 2]);
  });

  it('labels facet values and shows them in the order of their list, years newest first', async () => {
    const r = await catalogue.search(all);
    assert.deepEqual(
      r.facets.theme.map((f) => f.code),
      ['mobility', 'governance'],
    );
    assert.equal(r.facets.theme[0]!.label, 'Mobilités');
    assert.deepEqual(
      r.facets.status.map((f) => f.code),
      ['exploration', 'deployment'],
    );
    assert.deepEqual(
      r.facets.startYear.map((f) => f.code),
      ['2023', '2022', '2021'],
    );
    assert.deepEqual(
      r.facets.region.map((f) => f.label),
      ['Auvergne-Rhône-Alpes'],
    );
    assert.deepEqual(
      r.facets.departement.map((f) => f.label),
      ['Rhône (69)'],
    );
    assert.equal(r.facets.country[0]!.label, 'France');
    const chosen = await catalogue.search({ ...all, filters: { status: ['deployment'] } });
    assert.deepEqual(
      chosen.facets.status.map((f) => [f.code, f.selected]),
      [
        ['exploration', false],
        ['deployment', true],
      ],
    );
  });

  it('pages, and follows changes, unpublishing and new use cases through the change counter', async () => {
    assert.deepEqual((await catalogue.search({ ...all, perPage: 1, page: 2 })).ids, [3]);
    const before = catalogue.generation();
    w.write({ ...useCase(3, 'governance', 'deployment', ['nlp'], '2025-01-02', 'c'), state: 'draft' });
    w.write(useCase(4, 'citizenship', 'finished', [], '2025-02-01', 'd'));
    const r = await catalogue.search(all);
    assert.deepEqual(r.ids, [4, 1, 2]);
    assert.equal(r.counts.theme.get('governance'), undefined);
    assert.ok(catalogue.generation() > before);
    assert.equal((await catalogue.index()).size, 3);
  });

  it('keeps the points of use cases for the map', async () => {
    w.write({
      ...useCase(5, 'mobility', 'deployment', [], '2024-01-01', 'e'),
      content: { latitude: 45.76, longitude: 4.83 },
    });
    const index = await catalogue.index();
    assert.deepEqual(index.pointOf(5), [45.76, 4.83]);
    assert.equal(index.pointOf(1), null);
    assert.deepEqual(index.withPoints(10), [5]);
  });

  it('follows organisations that move, a minute after it last looked', async () => {
    w.orgs.set(2, { type: 'departement', regionCode: '84', departementCode: '69', country: 'FR' });
    // Within the minute: the index keeps what it read.
    assert.deepEqual(countsOf((await catalogue.search(all)).counts, 'authorityType'), { commune: 2, region: 2 });
    const before = catalogue.generation();
    w.clock.now += ORGANISATIONS_REFRESH_MS + 1;
    await catalogue.index();
    // The organisations are read again in the background.
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(catalogue.generation() > before);
    const r = await catalogue.search(all);
    assert.deepEqual(countsOf(r.counts, 'authorityType'), { commune: 2, departement: 2 });
    assert.deepEqual(countsOf(r.counts, 'departement'), { '69': 4 });
    assert.deepEqual((await catalogue.search({ ...all, filters: { authorityType: ['departement'] } })).ids, [4, 2]);
    await catalogue.close();
  });
});

describe('library catalogue: organisations of the pages found', () => {
  it('gives them as it read them with their use cases (no statement), and follows them every minute', async () => {
    const w = world();
    w.orgs.set(1, { type: 'commune', regionCode: '84', departementCode: '69', country: 'FR' });
    w.write(useCase(1, 'mobility', 'deployment', [], '2025-01-03', 'a'), {
      ...useCase(2, 'mobility', 'deployment', [], '2025-01-02', 'b'),
      organisationId: 9,
    });
    const { catalogue } = w;
    assert.equal((await catalogue.search(all)).total, 2);
    // Organisation 9 was not known when read: the page reads it itself (it is left out).
    const known = catalogue.knownOrganisations([1, 9, 1]);
    assert.deepEqual([...known.keys()], [1]);
    assert.deepEqual(known.get(1), {
      id: 1,
      name: 'Organisation 1',
      siren: null,
      siret: null,
      type: 'commune',
      regionCode: '84',
      departementCode: '69',
      country: 'FR',
    });
    // Within the minute the summaries read stay; after it, they follow the organisations module (9 now known too).
    w.orgs.set(1, { type: 'epci', regionCode: '84', departementCode: '69', country: 'FR' });
    w.orgs.set(9, { type: 'region', regionCode: '84', departementCode: null, country: 'FR' });
    assert.equal(catalogue.knownOrganisations([1]).get(1)?.type, 'commune');
    w.clock.now += ORGANISATIONS_REFRESH_MS + 1;
    await catalogue.index();
    await new Promise((resolve) => setImmediate(resolve));
    const after = catalogue.knownOrganisations([1, 9]);
    assert.equal(after.get(1)?.type, 'epci');
    assert.equal(after.get(9)?.type, 'region');
    await catalogue.close();
  });
});

describe('library catalogue columns', () => {
  it('derives the name key and the facet values from the visible content', () => {
    assert.equal(sortTitle('Écoles numériques'), sortTitle('ecoles NUMÉRIQUES'));
    assert.equal(sortTitle(null), '');
    const columns = indexColumns({
      title: 'Écoles',
      theme: 'mobility',
      subThemes: [],
      techniques: ['nlp'],
      audiences: [],
      startDate: '2021-03',
      latitude: 45.5,
      longitude: 4.5,
      aiActRiskCategory: 'high',
    } as unknown as UseCaseContent);
    assert.equal(columns.sort_title, sortTitle('Écoles'));
    assert.deepEqual(JSON.parse(columns.facets), {
      theme: 'mobility',
      subThemes: [],
      status: null,
      techniques: ['nlp'],
      commons: null,
      audiences: [],
      startYear: 2021,
      aiAct: 'high',
      point: [45.5, 4.5],
    });
    assert.equal(contentFacets({}).point, null);
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

describe('library catalogue against a plain re-computation', () => {
  // Deterministic, so that a failure can be replayed.
  const rnd = seededRandom(20250601);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const some = <T>(list: readonly T[]): T[] => list.filter(() => rnd() < 0.3);
  const THEMES = ['mobility', 'environment', 'governance', 'health'];
  const TECHNIQUES = ['nlp', 'vision', 'machine_learning', 'optimisation'];
  const STATUSES = ['exploration', 'deployment', 'finished'];
  const ORGS: Org[] = [
    { type: 'commune', regionCode: '84', departementCode: '69', country: 'FR' },
    { type: 'region', regionCode: '11', departementCode: null, country: 'FR' },
    { type: 'autre', regionCode: null, departementCode: null, country: 'DE' },
    { type: 'commune', regionCode: '11', departementCode: '75', country: 'FR' },
  ];
  const w = world();
  for (const [i, o] of ORGS.entries()) w.orgs.set(i + 1, o);
  /** The published use cases, as the test wrote them. */
  const published = new Map<number, Written>();

  function make(id: number, organisationId: number): Written {
    const year = rnd() < 0.1 ? null : 2015 + Math.floor(rnd() * 10);
    return {
      id,
      organisationId,
      content: {
        // Few distinct titles and dates: ties must be broken by id the same way.
        title: pick(['alpha', 'Beta', 'gamma', 'Delta']),
        theme: rnd() < 0.1 ? null : pick(THEMES),
        projectStatus: pick(STATUSES),
        techniques: some(TECHNIQUES),
        startDate: year ? `${year}${rnd() < 0.5 ? `-0${1 + Math.floor(rnd() * 9)}` : ''}` : null,
        latitude: rnd() < 0.5 ? 45 + rnd() : null,
        longitude: 4.5,
      },
      updatedAt: `2025-0${1 + Math.floor(rnd() * 3)}-01T00:00:00.000Z`,
    };
  }

  /** Each facet's values of a use case, read plainly from what the test wrote. */
  function valuesOf(u: Written): Record<FacetKey, string[]> {
    const c = u.content;
    const o = w.orgs.get(u.organisationId)!;
    const one = (v: unknown) => (v == null ? [] : [String(v)]);
    return {
      theme: one(c.theme),
      subTheme: [],
      status: one(c.projectStatus),
      technique: c.techniques as string[],
      commons: [],
      audience: [],
      authorityType: one(o.type),
      region: one(o.regionCode),
      departement: one(o.departementCode),
      startYear: c.startDate ? [String(c.startDate).slice(0, 4)] : [],
      country: one(o.country),
      aiAct: one(c.aiActRiskCategory),
      // No responsible AI in this test: no sheet has a published notice or assessment.
      notice: [],
      assessment: [],
      organisation: [String(u.organisationId)],
    };
  }

  /** What a query must answer, computed naively over the plain objects. */
  function expected(q: {
    filters: FacetFilters;
    matches: number[] | null;
    sort: SortKey;
    offset: number;
    limit: number;
  }) {
    const live = [...published.values()].map((u) => ({
      u,
      values: valuesOf(u),
      title: sortTitle(u.content.title as string),
      start: startKey((u.content.startDate as string | null) ?? ''),
    }));
    type Live = (typeof live)[number];
    const passes = (s: Live, except?: string) =>
      Object.entries(q.filters).every(
        ([f, chosen]) => f === except || !chosen?.length || s.values[f as FacetKey].some((v) => chosen.includes(v)),
      );
    const matchSet = q.matches ? new Set(q.matches) : null;
    const pool = matchSet ? live.filter((s) => matchSet.has(s.u.id)) : live;
    const passing = pool.filter((s) => passes(s));
    const counts: Record<string, Record<string, number>> = {};
    for (const f of FACET_KEYS) {
      if (f === 'organisation') continue;
      const c: Record<string, number> = {};
      for (const s of pool) if (passes(s, f)) for (const v of s.values[f]) c[v] = (c[v] ?? 0) + 1;
      for (const v of q.filters[f] ?? []) c[v] ??= 0;
      counts[f] = c;
    }
    const byId = (a: Live, b: Live) => b.u.id - a.u.id;
    let ordered: Live[];
    if (q.sort === 'relevance' && q.matches) {
      const rank = new Map(q.matches.map((id, i) => [id, i]));
      ordered = passing.sort((a, b) => rank.get(a.u.id)! - rank.get(b.u.id)!);
    } else if (q.sort === 'name') {
      ordered = passing.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : byId(a, b)));
    } else if (q.sort === 'start') {
      ordered = passing.sort((a, b) => b.start - a.start || byId(a, b));
    } else {
      ordered = passing.sort((a, b) =>
        a.u.updatedAt < b.u.updatedAt ? 1 : a.u.updatedAt > b.u.updatedAt ? -1 : byId(a, b),
      );
    }
    return { total: passing.length, ids: ordered.slice(q.offset, q.offset + q.limit).map((s) => s.u.id), counts };
  }

  let queries = 0;
  async function check(round: number) {
    for (let k = 0; k < 8; k++) {
      const filters: Record<string, string[]> = {};
      if (rnd() < 0.6) filters.theme = some(THEMES);
      if (rnd() < 0.4) filters.technique = [pick(TECHNIQUES)];
      if (rnd() < 0.3) filters.country = [pick(['FR', 'DE', 'IT'])];
      if (rnd() < 0.3) filters.region = [pick(['84', '11'])];
      if (rnd() < 0.2) filters.organisation = [String(1 + Math.floor(rnd() * ORGS.length))];
      const matches =
        rnd() < 0.3 ? [...published.keys(), 99_999].filter(() => rnd() < 0.5).sort(() => rnd() - 0.5) : null;
      // Each text query its own words, so that the catalogue's cache of matches never answers for another one.
      const q = matches ? `requête ${++queries}` : '';
      if (matches) w.matches.set(q, matches);
      const sort = pick(['relevance', 'updated', 'start', 'name'] as const);
      const offset = pick([0, 0, 5, 30]);
      const limit = pick([0, 10, 25, 100_000]);
      const got = await w.catalogue.search({ q, filters, sort, page: 1, perPage: limit, offset });
      const want = expected({ filters, matches, sort, offset, limit });
      const label = `tour ${round}, requête ${JSON.stringify({ filters, sort, offset, limit, matches: matches?.length })}`;
      assert.equal(got.total, want.total, label);
      assert.deepEqual(got.ids, want.ids, label);
      for (const f of FACET_KEYS) {
        if (f !== 'organisation') assert.deepEqual(Object.fromEntries(got.counts[f]), want.counts[f], `${label} ${f}`);
      }
    }
  }

  it('answers like a re-computation through inserts, updates, unpublishing and organisation moves', async () => {
    let nextId = 1;
    for (let round = 0; round < 40; round++) {
      const changes = round === 0 ? 300 : Math.floor(rnd() * 40);
      const batch: Written[] = [];
      for (let c = 0; c < changes; c++) {
        const r = rnd();
        if (r < 0.6 || !published.size) {
          const u = make(nextId++, 1 + Math.floor(rnd() * ORGS.length));
          published.set(u.id, u);
          batch.push(u);
        } else if (r < 0.8) {
          // Sometimes the oldest use case, changed so that it sorts last in every order.
          const id = rnd() < 0.2 ? Math.min(...published.keys()) : pick([...published.keys()]);
          let u = make(id, published.get(id)!.organisationId);
          if (rnd() < 0.5) {
            u = {
              ...u,
              content: { ...u.content, title: 'zeta', startDate: null },
              updatedAt: '2000-01-01T00:00:00.000Z',
            };
          }
          published.set(id, u);
          batch.push(u);
        } else {
          const id = pick([...published.keys()]);
          batch.push({ ...published.get(id)!, state: 'draft' });
          published.delete(id);
        }
      }
      w.write(...batch);
      if (round % 10 === 9) {
        // An organisation moves: its use cases' organisation facets follow (at the next look, a minute later).
        w.orgs.set(1 + (round % ORGS.length), { type: 'epci', regionCode: '93', departementCode: '13', country: 'FR' });
        w.clock.now += ORGANISATIONS_REFRESH_MS + 1;
        await w.catalogue.index();
        await new Promise((resolve) => setImmediate(resolve));
      }
      assert.equal((await w.catalogue.index()).size, published.size);
      await check(round);
    }
    const withPoints = [...published.values()].filter((u) => u.content.latitude != null).map((u) => u.id);
    assert.deepEqual(
      (await w.catalogue.index()).withPoints(100_000),
      withPoints.sort((a, b) => a - b),
    );
    await w.catalogue.close();
  });
});
