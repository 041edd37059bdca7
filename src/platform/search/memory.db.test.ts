import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import { seededRandom } from '../../../test/helpers/random.ts';
import { compileSynonyms, createSearchIndex, type SearchIndex, type TextMemory } from './index.ts';

// Text search in memory (memory.ts, postings.ts) must find exactly what the engine finds for the same text, on both
// databases: words, inflections, prefixes completed from the vocabulary, phrases, synonyms (some of them phrases),
// through documents written again and removed. On SQLite its relevance order is FTS5's bm25 order.
const WORDS = [
  'vélo',
  'piste',
  'cyclable',
  'école',
  'cantine',
  'énergie',
  'énergétique',
  'réseau',
  'pluie',
  'route',
  'tri',
  'bus',
  'eau',
  'intelligence',
  'artificielle',
  'prévision',
  'consommation',
  'chaleur',
  'données',
  'ouvertes',
];
const QUERIES = [
  'vélo ',
  'école cantine ',
  'éner',
  '"piste cyclable"',
  'IA',
  'intelligence artificielle ',
  'open data',
  'pluie OR route',
  'prévisions consommation',
  'données ouv',
  'mot absent',
];

describeEachDatabase('Text search in memory finds what the engine finds', (database) => {
  let index: SearchIndex;
  let memory: TextMemory;
  const next = seededRandom(8);
  const sentence = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
  const write = async (ids: number[]) => {
    const docs = ids.map((id) => ({ kind: 'memo', id, title: sentence(3), body: `${sentence(20)}. ${sentence(25)}` }));
    await index.upsertMany(docs, { chunkSize: 200 });
  };

  before(async () => {
    const set = compileSynonyms([
      ['IA', 'intelligence artificielle'],
      ['données ouvertes', 'open data'],
    ]);
    index = createSearchIndex(database().db, database().dialect, { synonyms: async () => ({ version: 1, set }) });
    const ids = Array.from({ length: 400 }, (_, i) => i + 1);
    await write(ids);
    memory = index.memory('memo');
    // Fed in pages, as a catalogue applies its rows; ids without a stored text are found by nothing.
    await memory.apply(ids.slice(0, 250), []);
    await memory.apply([...ids.slice(250), 999], []);
  });

  async function found(q: string) {
    const node = await memory.compile(q);
    return node && memory.match(node);
  }

  async function sameAsEngine(when: string) {
    for (const q of QUERIES) {
      const engine = await index.matchIds('memo', q);
      const mine = await found(q);
      assert.ok(engine && mine, q);
      const sorted = (ids: Int32Array) => [...ids].sort((a, b) => a - b);
      assert.deepEqual(sorted(mine.ids), sorted(engine), `${when} : « ${q} »`);
    }
    assert.ok(((await found('vélo'))?.ids.length ?? 0) > 50, 'le corpus trouve assez de documents');
    assert.equal(await found('le la'), null, 'rien à chercher');
  }

  it('the same documents as the engine, then after documents are written again and removed', async () => {
    await sameAsEngine('au départ');
    const changed = Array.from({ length: 120 }, (_, i) => 1 + ((i * 7) % 400));
    await write(changed);
    const removed = [5, 6, 7, 8, 9, 10];
    for (const id of removed) await index.remove('memo', id);
    await memory.apply(changed, removed);
    await sameAsEngine('après modifications');
    assert.equal(memory.size().documents, 394);
  });

  it('ranks as FTS5’s bm25 (SQLite), best first', async (t) => {
    if (database().dialect !== 'sqlite') return t.skip('bm25 est le rang de FTS5');
    for (const q of [
      'vélo ',
      'école cantine ',
      'éner',
      'pluie OR route',
      'prévisions consommation',
      '"piste cyclable"',
      'IA',
    ]) {
      const { hits } = await index.search('memo', q, { limit: 1_000 });
      const rank = new Map(hits.map((h) => [h.id, h.rank]));
      const mine = await found(q);
      const order = await mine!.best(1_000, null);
      assert.equal(order.length, hits.length, q);
      for (let i = 1; i < order.length; i++) {
        assert.ok(rank.get(order[i - 1]!)! <= rank.get(order[i]!)! + 1e-9, `« ${q} » : rang ${i}`);
      }
    }
  });
});
