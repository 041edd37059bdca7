import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextMemory } from '../search/index.ts';
import {
  type CatalogueEntity,
  type CatalogueReader,
  createCatalogue,
  SUGGESTION_REUSE_MS,
  type Version,
} from './catalogue.ts';
import { memoryText, type TextSearch } from './text.ts';

/** Rows of a made-up catalogue of projects, held in memory as a database would hold them. */
interface Project {
  id: number;
  title: string;
  theme: string;
  year: number;
  owner: number;
  published: boolean;
  seq: number;
}

/** A table with a change counter: every write takes the next number, as the stores do. */
function table() {
  const rows = new Map<number, Project>();
  let seq = 0;
  const calls = { version: 0, full: 0, changes: 0 };
  return {
    rows,
    calls,
    write(p: Omit<Project, 'seq'>) {
      rows.set(p.id, { ...p, seq: ++seq });
    },
    reader(options: { incremental: boolean }): CatalogueReader<Project> {
      return {
        async version() {
          calls.version++;
          return seq;
        },
        async rowsAfter(afterId, limit) {
          calls.full++;
          return [...rows.values()]
            .filter((r) => r.id > afterId)
            .sort((a, b) => a.id - b.id)
            .slice(0, limit);
        },
        changesSince: options.incremental
          ? async (from: Version, _to: Version, afterId: number, limit: number) => {
              calls.changes++;
              return [...rows.values()]
                .filter((r) => r.seq > Number(from) && r.id > afterId)
                .sort((a, b) => a.id - b.id)
                .slice(0, limit);
            }
          : undefined,
      };
    },
  };
}

const THEMES = ['water', 'energy', 'roads'];

function entity(
  reader: CatalogueReader<Project>,
  extra: Partial<CatalogueEntity<Project, 'theme' | 'year' | 'owner', 'year' | 'title'>> = {},
): CatalogueEntity<Project, 'theme' | 'year' | 'owner', 'year' | 'title'> {
  return {
    kind: 'project',
    id: (p) => p.id,
    isPublic: (p) => p.published,
    facets: {
      theme: { values: (p) => [p.theme], order: THEMES },
      year: { values: (p) => [String(p.year)], order: 'code-desc' },
      owner: { values: (p) => [String(p.owner)], counted: false },
    },
    sorts: {
      year: { keys: [{ number: (p) => p.year, direction: 'desc' }] },
      title: { keys: [{ text: (p) => p.title, direction: 'asc' }] },
    },
    defaultSort: 'year',
    group: (p) => p.owner,
    searchText: (p) => ` ${p.title.toLowerCase()} `,
    reader,
    labels: async () => ({ theme: (code: string) => code.toUpperCase() }),
    ...extra,
  };
}

/** Words that start a word of the title; tier 0 when the title starts with the query. */
const byWordStart: TextSearch<'year' | 'title'> = memoryText<'year' | 'title'>({
  compile(q) {
    const words = q.toLowerCase().trim().split(/\s+/).filter(Boolean);
    if (!words.length) return null;
    return (text) =>
      words.every((w) => text.includes(` ${w}`)) ? (text.startsWith(` ${words.join(' ')}`) ? 0 : 1) : -1;
  },
  within: 'title',
});

function seed(t: ReturnType<typeof table>) {
  t.write({ id: 1, title: 'Water leaks', theme: 'water', year: 2021, owner: 1, published: true });
  t.write({ id: 2, title: 'Smart water meters', theme: 'water', year: 2023, owner: 2, published: true });
  t.write({ id: 3, title: 'Energy of schools', theme: 'energy', year: 2022, owner: 1, published: true });
  t.write({ id: 4, title: 'Road survey', theme: 'roads', year: 2020, owner: 2, published: false });
}

const everything = { q: '', filters: {}, sort: null, page: 1, perPage: 10 };

describe('catalogue: queries', () => {
  const t = table();
  seed(t);
  const catalogue = createCatalogue(entity(t.reader({ incremental: true }), { search: byWordStart }), {
    dialect: 'postgres',
  });

  it('lists the public rows in the default order, with labelled facets in their display order', async () => {
    const r = await catalogue.search(everything);
    assert.deepEqual(r.ids, [2, 3, 1]);
    assert.equal(r.total, 3);
    assert.equal(r.sort, 'year');
    assert.equal(r.matched, false);
    assert.deepEqual(
      r.facets.theme.map((f) => [f.code, f.label, f.count]),
      [
        ['water', 'WATER', 2],
        ['energy', 'ENERGY', 1],
      ],
    );
    assert.deepEqual(
      r.facets.year.map((f) => f.code),
      ['2023', '2022', '2021'],
    );
    assert.deepEqual(r.facets.owner, [], 'a facet that only filters is not counted');
  });

  it('filters, marks the chosen values, pages and sorts', async () => {
    const r = await catalogue.search({ ...everything, filters: { theme: ['water'], owner: ['1'] } });
    assert.deepEqual(r.ids, [1]);
    assert.deepEqual(
      r.facets.theme.map((f) => [f.code, f.count, f.selected]),
      [
        ['water', 1, true],
        ['energy', 1, false],
      ],
    );
    assert.deepEqual(r.facets.owner, [{ code: '1', label: '1', count: 0, selected: true }]);
    const page2 = await catalogue.search({ ...everything, sort: 'title', page: 2, perPage: 2 });
    assert.deepEqual(page2.ids, [1]);
    assert.equal(page2.total, 3);
  });

  it('searches text: relevance first, other orders on request, every row when nothing is searchable', async () => {
    const r = await catalogue.search({ ...everything, q: 'water' });
    assert.equal(r.sort, 'relevance');
    assert.equal(r.matched, true);
    assert.deepEqual(r.ids, [1, 2], 'the title starting with the query first');
    assert.deepEqual((await catalogue.search({ ...everything, q: 'water', sort: 'year' })).ids, [2, 1]);
    assert.deepEqual((await catalogue.search({ ...everything, q: '   ' })).ids, [2, 3, 1]);
    // Relevance asked for without a text query keeps its name but lists in the default order.
    const relevance = await catalogue.search({ ...everything, sort: 'relevance' });
    assert.equal(relevance.sort, 'relevance');
    assert.deepEqual(relevance.ids, [2, 3, 1]);
    assert.deepEqual([...((await catalogue.matches('energy')) ?? [])], [3]);
  });

  it('reads the rows of the page through the caller, once, before it counts the facets', async () => {
    const pages: { ids: number[]; groups: (number | null)[]; q: string }[] = [];
    let counted = false;
    const watched = createCatalogue(
      entity(t.reader({ incremental: true }), {
        search: byWordStart,
        // Facets are labelled once counted: the page was asked for before.
        labels: async () => {
          counted = true;
          return {};
        },
      }),
      { dialect: 'postgres' },
    );
    const r = await watched.search({ ...everything, q: 'water', perPage: 1 }, async (page) => {
      pages.push(page);
      assert.equal(counted, false, 'asked before the facets are counted');
      return page.ids.map((id) => `row ${id}`);
    });
    assert.deepEqual(pages, [{ ids: [1], groups: [1], q: 'water' }]);
    assert.deepEqual(r.read, ['row 1']);
    assert.deepEqual(
      r.facets.theme.map((f) => [f.code, f.count]),
      [['water', 2]],
      'counted over every row found, not the page',
    );
    // The same query again (kept by the catalogue): the rows are read again, the counts are the same.
    const again = await watched.search({ ...everything, q: 'water', perPage: 1 }, async (page) => page.ids);
    assert.deepEqual(again.read, [1]);
    assert.deepEqual(again.facets, r.facets);
    // A reader that fails fails the search (and nothing is left unhandled).
    await assert.rejects(
      watched.search({ ...everything, q: 'energy' }, async () => {
        throw new Error('base indisponible');
      }),
      /base indisponible/,
    );
    await watched.close();
  });

  it('reads the page of the suggestion when it searches the suggestion instead (`correct`)', async () => {
    const search: TextSearch<'year' | 'title'> = {
      match: byWordStart.match,
      suggest: async (q) => (q === 'watr' ? 'water' : null),
    };
    const correcting = createCatalogue(entity(t.reader({ incremental: true }), { search }), { dialect: 'postgres' });
    const asked: string[] = [];
    const r = await correcting.search({ ...everything, q: 'watr', correct: true }, async (page) => {
      asked.push(`${page.q}:${page.ids.join(',')}`);
      return page.ids;
    });
    assert.equal(r.correctedFrom, 'watr');
    assert.equal(r.searched, 'water');
    assert.deepEqual(r.read, [1, 2]);
    assert.deepEqual(asked, ['watr:', 'water:1,2'], 'the empty page of the text typed, then the suggestion’s');
    await correcting.close();
  });

  it('flags the words of the query in a passage, or says there is nothing to flag', () => {
    const segments = catalogue.snippet('Leaks found in the water network.', 'water ', 100);
    assert.deepEqual(
      segments?.filter((s) => s.match).map((s) => s.text),
      ['water'],
    );
    assert.equal(catalogue.snippet('Nothing here.', 'water ', 100), null);
    assert.equal(catalogue.snippet('Leaks found in the water network.', '', 100), null);
  });
});

describe('catalogue: freshness', () => {
  it('on PostgreSQL, sees every committed change at the next query, reading only what changed', async () => {
    const t = table();
    seed(t);
    const catalogue = createCatalogue(entity(t.reader({ incremental: true })), { dialect: 'postgres' });
    assert.equal((await catalogue.search(everything)).total, 3);
    const fullReads = t.calls.full;
    t.write({ id: 4, title: 'Road survey', theme: 'roads', year: 2020, owner: 2, published: true });
    t.write({ id: 1, title: 'Water leaks', theme: 'water', year: 2021, owner: 1, published: false });
    const r = await catalogue.search(everything);
    assert.deepEqual(r.ids, [2, 3, 4]);
    assert.equal(t.calls.full, fullReads, 'no full load');
    assert.ok(t.calls.changes > 0);
    const generation = catalogue.generation();
    await catalogue.search(everything);
    assert.equal(catalogue.generation(), generation, 'nothing changed, nothing reloaded');
  });

  it('reloads everything when the reader cannot tell what changed', async () => {
    const t = table();
    seed(t);
    const catalogue = createCatalogue(entity(t.reader({ incremental: false })), { dialect: 'postgres' });
    await catalogue.search(everything);
    const fullReads = t.calls.full;
    t.write({ id: 5, title: 'Bus lanes', theme: 'roads', year: 2024, owner: 1, published: true });
    assert.deepEqual((await catalogue.search(everything)).ids, [5, 2, 3, 1]);
    assert.ok(t.calls.full > fullReads);
  });

  it('on SQLite, trusts a look for 250 ms, unless this process wrote', async () => {
    const t = table();
    seed(t);
    let now = 1_000;
    const catalogue = createCatalogue(entity(t.reader({ incremental: true })), {
      dialect: 'sqlite',
      monotonic: () => now,
    });
    await catalogue.search(everything);
    const looks = t.calls.version;
    // Another process writes: not seen within the trusted delay, seen after it.
    t.write({ id: 5, title: 'Bus lanes', theme: 'roads', year: 2024, owner: 1, published: true });
    now += 100;
    assert.equal((await catalogue.search(everything)).total, 3);
    assert.equal(t.calls.version, looks, 'no look at the counter within 250 ms');
    now += 200;
    assert.equal((await catalogue.search(everything)).total, 4);
    // This process writes: seen at once.
    t.write({ id: 6, title: 'Tree census', theme: 'energy', year: 2019, owner: 2, published: true });
    catalogue.touched();
    assert.equal((await catalogue.search(everything)).total, 5);
  });

  it('lets queries arriving together share one look at the counter', async () => {
    const t = table();
    seed(t);
    const catalogue = createCatalogue(entity(t.reader({ incremental: true })), { dialect: 'postgres' });
    await catalogue.search(everything);
    const looks = t.calls.version;
    await Promise.all([1, 2, 3, 4, 5].map(() => catalogue.search(everything)));
    assert.ok(t.calls.version - looks <= 2, `${t.calls.version - looks} looks for 5 queries`);
  });

  it('keeps a suggestion until the catalogue changes, and 10 s at least while it changes', async () => {
    const t = table();
    seed(t);
    let asked = 0;
    let now = 0;
    const search: TextSearch<'year' | 'title'> = {
      match: byWordStart.match,
      async suggest(q) {
        asked++;
        return q === 'watr' ? 'water' : null;
      },
    };
    const catalogue = createCatalogue(entity(t.reader({ incremental: true }), { search }), {
      dialect: 'postgres',
      monotonic: () => now,
    });
    assert.equal((await catalogue.search({ ...everything, q: 'watr' })).suggestion, 'water');
    now += 60_000;
    assert.equal((await catalogue.search({ ...everything, q: 'watr' })).suggestion, 'water');
    assert.equal(asked, 1, 'nothing changed: kept however long');
    // Three results or more: no suggestion looked for.
    assert.equal((await catalogue.search({ ...everything, q: 'w' })).total, 2);
    assert.equal(asked, 2, 'two results: looked for');
    t.write({ id: 7, title: 'Wide roads', theme: 'roads', year: 2020, owner: 1, published: true });
    assert.equal((await catalogue.search({ ...everything, q: 'w' })).total, 3, 'the rows found are the current ones');
    assert.equal((await catalogue.search({ ...everything, q: 'w' })).suggestion, null);
    assert.equal(asked, 2, 'three results');
    await catalogue.search({ ...everything, q: 'watr' });
    assert.equal(asked, 3, 'asked again: the catalogue changed since, and the suggestion was a minute old');
    // While the catalogue keeps changing (an import shows sheets), the suggestion serves 10 s.
    t.write({ id: 8, title: 'Bike lanes', theme: 'roads', year: 2022, owner: 2, published: true });
    now += SUGGESTION_REUSE_MS - 1;
    assert.equal((await catalogue.search({ ...everything, q: 'watr' })).suggestion, 'water');
    assert.equal(asked, 3, 'the catalogue changed, but the suggestion is younger than 10 s');
    t.write({ id: 9, title: 'Bridges', theme: 'roads', year: 2023, owner: 2, published: true });
    now += 1;
    await catalogue.search({ ...everything, q: 'watr' });
    assert.equal(asked, 4, 'asked again: the catalogue changed and the suggestion is 10 s old');
  });

  it('runs the refresh work in the background at most as often as asked, and follows what it changes', async () => {
    const t = table();
    seed(t);
    let now = 0;
    let runs = 0;
    const catalogue = createCatalogue(
      entity(t.reader({ incremental: true }), {
        refresh: {
          everyMs: 60_000,
          async run(index) {
            runs++;
            return index.setGroupFacets(1, { theme: ['roads'] }) > 0;
          },
        },
      }),
      { dialect: 'postgres', monotonic: () => now },
    );
    await catalogue.search(everything);
    assert.equal(runs, 0, 'just loaded');
    now += 61_000;
    await catalogue.search(everything);
    await catalogue.close();
    assert.equal(runs, 1);
    const r = await catalogue.search(everything);
    assert.deepEqual(
      r.facets.theme.map((f) => [f.code, f.count]),
      [
        ['water', 1],
        ['roads', 2],
      ],
    );
  });

  it('builds the index in the background, and close waits for it', async () => {
    const t = table();
    seed(t);
    const catalogue = createCatalogue(entity(t.reader({ incremental: true })), { dialect: 'postgres' });
    assert.equal(catalogue.generation(), 0);
    catalogue.warm();
    await catalogue.close();
    assert.equal(catalogue.generation(), 1);
    catalogue.warm();
    assert.equal(catalogue.generation(), 1, 'nothing starts once closed');
  });
});

describe('catalogue: text memory', () => {
  // 40 public projects and 4 unpublished ones. The memory finds the even ids it holds for any text; its relevance
  // prefers ids ending in 4, then low ids.
  const t = table();
  for (let id = 1; id <= 44; id++) {
    t.write({
      id,
      title: `Project ${id}`,
      theme: THEMES[id % 3]!,
      year: 2000 + (id % 7),
      owner: id % 4,
      published: id <= 40,
    });
  }
  const score = (id: number) => (id % 10 === 4 ? 0 : 1) * 1000 + id;
  /** What each memory built was fed, and how many rows it was asked to rank. */
  const fed: { upserted: number[]; removed: number[] }[] = [];
  const ranked: number[] = [];
  function fakeMemory(): TextMemory {
    const held = new Set<number>();
    return {
      async apply(upserted, removed) {
        fed.push({ upserted: [...upserted], removed: [...removed] });
        for (const id of upserted) held.add(id);
        for (const id of removed) held.delete(id);
      },
      size: () => ({ documents: held.size, terms: 0, postings: 0, bytes: 0 }),
      compile: async (q) => (q.trim() ? { op: 'term', stem: q.trim(), prefix: false } : null),
      match() {
        const ids = Int32Array.from([...held].filter((id) => id % 2 === 0).sort((a, b) => b - a));
        return {
          ids,
          async best(k, within) {
            const pool = within ? Array.from(within) : Array.from(ids);
            ranked.push(pool.length);
            return pool.sort((a, b) => score(a) - score(b)).slice(0, k);
          },
        };
      },
    };
  }
  const search: TextSearch<'year' | 'title'> = { memory: fakeMemory };
  const catalogue = createCatalogue(entity(t.reader({ incremental: true }), { search }), { dialect: 'postgres' });

  it('is fed the public rows it shows, and forgets those that stop being public', async () => {
    await catalogue.search({ q: '', filters: {}, sort: null, page: 1, perPage: 1 });
    const loaded = fed.flatMap((f) => f.upserted).sort((a, b) => a - b);
    assert.deepEqual(
      loaded,
      Array.from({ length: 40 }, (_, i) => i + 1),
      'every public row, none of the others',
    );
    fed.length = 0;
    t.write({ id: 2, title: 'Project 2', theme: THEMES[2]!, year: 2002, owner: 2, published: false });
    t.write({ id: 42, title: 'Project 42', theme: THEMES[0]!, year: 2000, owner: 2, published: true });
    const r = await catalogue.search({ q: 'project', filters: {}, sort: null, page: 1, perPage: 100 });
    assert.deepEqual(fed, [{ upserted: [42], removed: [2] }], 'only what changed');
    assert.ok(r.ids.includes(42) && !r.ids.includes(2));
    t.write({ id: 2, title: 'Project 2', theme: THEMES[2]!, year: 2002, owner: 2, published: true });
    t.write({ id: 42, title: 'Project 42', theme: THEMES[0]!, year: 2000, owner: 2, published: false });
  });

  it('ranks every row that passes the filters, pages follow each other, counts cover every row found', async () => {
    const query = { q: 'project', filters: { theme: ['water', 'energy'] }, sort: null, page: 1, perPage: 4 };
    const found = Array.from({ length: 20 }, (_, i) => 40 - 2 * i);
    const passing = found.filter((id) => ['water', 'energy'].includes(THEMES[id % 3]!));
    ranked.length = 0;
    const pages: number[] = [];
    let total = 0;
    for (let page = 1; page <= 5; page++) {
      const r = await catalogue.search({ ...query, page });
      total = r.total;
      pages.push(...r.ids);
    }
    assert.equal(total, passing.length);
    assert.deepEqual(
      pages,
      [...passing].sort((a, b) => score(a) - score(b)),
      'relevance over every row that passed',
    );
    assert.ok(
      ranked.every((n) => n === passing.length),
      `the rows that passed were ranked (${ranked})`,
    );
    const all = await catalogue.search({ ...query, filters: {}, perPage: 100 });
    const themes = Object.fromEntries(all.facets.theme.map((f) => [f.code, f.count]));
    for (const theme of THEMES) {
      assert.equal(themes[theme] ?? 0, found.filter((id) => THEMES[id % 3] === theme).length, `compte ${theme}`);
    }
  });
});
