import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import { seededRandom } from '../../../test/helpers/random.ts';
import { createSearchIndex, type SearchIndex } from './index.ts';

// A match set (every found id, then the best page among the rows a catalogue kept) must rank exactly as the engine's
// own ordered query (`matchIds`: rank, then id), on both databases, whatever subset is asked for. The corpus repeats
// the same few sentences so that many documents share a rank (ties are decided by id).
const WORDS = ['vélo', 'piste', 'école', 'cantine', 'énergie', 'réseau', 'pluie', 'route', 'tri', 'bus', 'eau'];
// Prefixes (a query's last word) whose words have stems that do not start with them: completed from the vocabulary.
const QUERIES = [
  'vélo ',
  'école cantine ',
  'rése',
  '"piste cyclable"',
  'énergie OR eau',
  'pluie route ',
  'can',
  'dépendan',
  'concertat',
  'vélo habilitat',
];

describeEachDatabase('Match sets rank as the ordered query does', (database) => {
  let index: SearchIndex;
  const next = seededRandom(5);

  before(async () => {
    index = createSearchIndex(database().db, database().dialect);
    const docs = Array.from({ length: 600 }, (_, i) => {
      const n = i % 7;
      const body =
        n < 2
          ? 'Une piste cyclable relie l’école à la cantine.'
          : n === 2
            ? `Concertation, concertations et habilitations ; dépendance des ${WORDS[i % WORDS.length]} dépendants.`
            : Array.from({ length: 4 + n }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
      return { kind: 'sets', id: 1 + ((i * 37) % 600), title: `Projet ${WORDS[i % 5]}`, body };
    });
    await index.upsertMany(docs, { chunkSize: 250 });
  });

  it('finds the same ids and gives the same best pages, for every subset', async () => {
    for (const q of QUERIES) {
      const ordered = Array.from((await index.matchIds('sets', q)) ?? []);
      const set = await index.matchSet('sets', q);
      assert.ok(set, q);
      assert.deepEqual(
        [...set.ids].sort((a, b) => a - b),
        [...ordered].sort((a, b) => a - b),
        `mêmes fiches : ${q}`,
      );
      assert.ok(ordered.length > 3, `la requête « ${q} » trouve assez de documents pour le test`);
      for (const k of [1, 5, 20, ordered.length, ordered.length + 3]) {
        assert.deepEqual(await set.best(k, null), ordered.slice(0, k), `${q} : les ${k} meilleurs`);
      }
      // Subsets in the order of the match set (as a catalogue gives them) and shuffled.
      for (const share of [0.05, 0.3, 0.7]) {
        const within: number[] = Array.from(set.ids).filter(() => next() < share);
        const expected: number[] = ordered.filter((id) => within.includes(id));
        const shuffled = [...within].sort(() => next() - 0.5);
        for (const k of [1, 10, within.length + 1]) {
          assert.deepEqual(await set.best(k, within), expected.slice(0, k), `${q} : ${k} parmi ${within.length}`);
          assert.deepEqual(await set.best(k, shuffled), expected.slice(0, k), `${q} : ${k} parmi ${within.length}`);
        }
      }
      assert.deepEqual(await set.best(10, []), []);
      assert.deepEqual(await set.best(0, null), []);
    }
  });
});
