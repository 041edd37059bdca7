import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../test/helpers/random.ts';
import { UNINDEXED_OCCURRENCE } from './analyzer.ts';
import type { MatchNode } from './index.ts';
import { Postings } from './postings.ts';

// Postings must find exactly the documents a naive scan of the same stems finds, through updates, removals and
// compactions, and rank them by bm25 (k1 1.2, b 0.75, title counted 4 times) as computed here from the definition.
const STEMS = ['velo', 'pist', 'ecol', 'cantin', 'energ', 'energet', 'reseau', 'plui', 'rout', 'tri', 'bus', 'eau'];

interface Doc {
  title: string[];
  body: string[];
}

function has(doc: Doc, stem: string, prefix: boolean): boolean {
  return [...doc.title, ...doc.body].some((s) => (prefix ? s.startsWith(stem) : s === stem));
}

/** Occurrences of consecutive stems in a list of stems. */
function occurrences(stems: string[], phrase: string[]): number {
  let n = 0;
  for (let i = 0; i + phrase.length <= stems.length; i++) if (phrase.every((s, j) => stems[i + j] === s)) n++;
  return n;
}

function matches(doc: Doc, node: MatchNode): boolean {
  switch (node.op) {
    case 'term':
      return has(doc, node.stem, node.prefix);
    case 'phrase':
      return occurrences(doc.title, node.stems) + occurrences(doc.body, node.stems) > 0;
    case 'and':
      return node.items.every((n) => matches(doc, n));
    case 'or':
      return node.items.some((n) => matches(doc, n));
  }
}

/** bm25 from its definition (FTS5's): each leaf of the query is a « phrase » with its own idf. */
function bm25(docs: Map<number, Doc>, id: number, node: MatchNode): number {
  const all = [...docs.entries()];
  const average = all.reduce((n, [, d]) => n + d.title.length + d.body.length, 0) / all.length;
  const doc = docs.get(id)!;
  const frequency = (leaf: MatchNode, d: Doc): number => {
    const count = (stems: string[], stem: string, prefix: boolean) =>
      stems.filter((s) => s !== UNINDEXED_OCCURRENCE && (prefix ? s.startsWith(stem) : s === stem)).length;
    if (leaf.op === 'term') return 4 * count(d.title, leaf.stem, leaf.prefix) + count(d.body, leaf.stem, leaf.prefix);
    if (leaf.op === 'phrase') return 4 * occurrences(d.title, leaf.stems) + occurrences(d.body, leaf.stems);
    return 0;
  };
  let score = 0;
  const visit = (leaf: MatchNode) => {
    if (leaf.op === 'and' || leaf.op === 'or') return leaf.items.forEach(visit);
    const found = all.filter(([, d]) => matches(d, leaf)).length;
    let idf = Math.log((all.length - found + 0.5) / (found + 0.5));
    if (idf <= 0) idf = 1e-6;
    const f = matches(doc, leaf) ? frequency(leaf, doc) : 0;
    const length = doc.title.length + doc.body.length;
    if (f > 0) score += (idf * f * 2.2) / (f + 1.2 * (1 - 0.75 + (0.75 * length) / average));
  };
  visit(node);
  return score;
}

const term = (stem: string, prefix = false): MatchNode => ({ op: 'term', stem, prefix });
const PHRASE: MatchNode = { op: 'phrase', stems: ['pist', 'ecol'] };
const LONG_PHRASE: MatchNode = { op: 'phrase', stems: ['tri', 'bus', 'tri'] };
const QUERIES: MatchNode[] = [
  term('velo'),
  term('ener', true),
  { op: 'and', items: [term('ecol'), term('cantin')] },
  { op: 'or', items: [term('plui'), term('bus'), term('inconnu')] },
  { op: 'and', items: [term('eau'), { op: 'or', items: [term('rout'), PHRASE] }] },
  { op: 'and', items: [term('tri'), term('re', true), term('velo')] },
  { op: 'or', items: [LONG_PHRASE, term('velo')] },
  { op: 'phrase', stems: ['eau', 'absent'] },
  term('absent'),
];

describe('Postings (text search in memory)', () => {
  it('find and rank what a scan of the same stems finds, through updates, removals and compactions', async () => {
    const next = seededRandom(11);
    const pick = () => STEMS[Math.floor(next() * STEMS.length)]!;
    const postings = new Postings();
    const docs = new Map<number, Doc>();
    for (let round = 0; round < 6; round++) {
      // New documents, documents written again, documents removed.
      for (let i = 0; i < 300; i++) {
        const id = 1 + Math.floor(next() * 500);
        if (next() < 0.15) {
          postings.remove(id);
          docs.delete(id);
          continue;
        }
        const doc: Doc = {
          title: Array.from({ length: 1 + Math.floor(next() * 3) }, pick),
          body: Array.from({ length: Math.floor(next() * 30) }, () => (next() < 0.02 ? UNINDEXED_OCCURRENCE : pick())),
        };
        postings.set(id, doc.title, doc.body);
        docs.set(id, doc);
      }
      if (round % 2) postings.compact();
      else postings.tidy();
      assert.equal(postings.documents, docs.size);
      for (const query of QUERIES) {
        const set = postings.matchSet(query);
        const expected: number[] = [...docs].filter(([, d]) => matches(d, query)).map(([id]) => id);
        assert.deepEqual(
          [...set.ids].sort((a, b) => a - b),
          expected.sort((a, b) => a - b),
          JSON.stringify(query),
        );
        const score = new Map(expected.map((id) => [id, bm25(docs, id, query)]));
        const ranked = [...expected].sort((a, b) => score.get(b)! - score.get(a)! || a - b);
        const sameScores = async (k: number, within: number[] | null) => {
          const pool = within ? ranked.filter((id) => within.includes(id)) : ranked;
          const got = await set.best(k, within);
          const want = pool.slice(0, k);
          assert.equal(got.length, want.length, `${JSON.stringify(query)} : ${k} meilleurs`);
          // Position by position the same score (ties within rounding may swap ids).
          for (const [i, id] of got.entries()) {
            assert.ok(Math.abs(score.get(id)! - score.get(want[i]!)!) < 1e-9, `${JSON.stringify(query)} : rang ${i}`);
          }
        };
        for (const k of [1, 10, expected.length + 2]) {
          await sameScores(k, null);
          await sameScores(
            k,
            [...set.ids].filter(() => next() < 0.4),
          );
        }
      }
    }
  });
});

describe('Postings past 65,534 distinct stems', () => {
  it('still match phrases and words once term numbers need more than 16 bits', () => {
    const postings = new Postings();
    for (let i = 1; i <= 700; i++) {
      const own = Array.from({ length: 100 }, (_, j) => `mot${i * 100 + j}`);
      postings.set(i, ['titre', `nom${i}`], ['debut', ...own, 'fin', 'commun']);
    }
    assert.ok(postings.size().terms > 70_000);
    const phrase = (...stems: string[]): MatchNode => ({ op: 'phrase', stems });
    assert.deepEqual([...postings.matchSet(phrase('mot69999', 'fin')).ids], [699]);
    assert.deepEqual([...postings.matchSet(phrase('nom700', 'debut')).ids], [], 'titre et corps séparés');
    assert.equal(postings.matchSet(phrase('fin', 'commun')).ids.length, 700);
    assert.deepEqual([...postings.matchSet(term('nom70', true)).ids], [70, 700]);
  });
});

describe('Postings: a match set ranked after a compaction', () => {
  it('ranks the documents it found where they are now (slots renumbered meanwhile)', async () => {
    const postings = new Postings();
    for (let id = 1; id <= 60; id++) {
      postings.set(
        id,
        ['projet', id % 3 ? 'eau' : 'velo'],
        Array.from({ length: 1 + (id % 7) }, () => 'eau'),
      );
    }
    const query = term('eau');
    const before = postings.matchSet(query);
    // Documents removed and written again, then compacted: every slot moves.
    for (let id = 1; id <= 20; id++) postings.remove(id);
    for (let id = 21; id <= 30; id++) postings.set(id, ['projet'], ['eau', 'eau', 'eau', 'eau', 'eau', 'eau', 'eau']);
    postings.compact();
    const now = postings.matchSet(query);
    const kept = new Set(now.ids);
    const ranked = await before.best(before.ids.length);
    assert.deepEqual(
      ranked.filter((id) => kept.has(id)),
      await now.best(now.ids.length),
      'the documents still found, in the order a new match gives them',
    );
    assert.ok(
      ranked.slice(-1).every((id) => !kept.has(id)),
      'the documents gone come last',
    );
  });
});

describe('Postings: document ids', () => {
  it('hold ids far apart, and leave out those the facet index leaves out (not positive, 2^31 and above)', () => {
    const postings = new Postings();
    postings.set(3, ['eau'], []);
    postings.set(5_000_000, ['eau'], ['pluie']);
    postings.set(70_000, ['eau'], []);
    for (const id of [0, -4, 2 ** 31, 1.5, Number.NaN]) postings.set(id, ['eau'], []);
    assert.equal(postings.documents, 3);
    assert.deepEqual(
      [...postings.matchSet(term('eau')).ids].sort((a, b) => a - b),
      [3, 70_000, 5_000_000],
    );
    postings.remove(2 ** 31);
    postings.remove(7);
    postings.remove(5_000_000);
    assert.equal(postings.documents, 2);
    assert.deepEqual([...postings.matchSet(term('pluie')).ids], []);
    postings.set(3, ['pluie'], []);
    assert.equal(postings.documents, 2, 'written again: still one document');
    assert.deepEqual([...postings.matchSet(term('pluie')).ids], [3]);
  });
});

describe('Postings: long lists and documents far apart', () => {
  it('keep every posting and frequency of lists that span many blocks, with slots far apart, through a compaction', async () => {
    const postings = new Postings();
    const docs = new Map<number, Doc>();
    const write = (id: number) => {
      // « commun » everywhere (lists of thousands), « rare » every 700th document (slots 700 apart), « tri » with
      // frequencies from 1 to 9.
      const body = ['commun', ...Array.from({ length: id % 9 }, () => 'tri')];
      if (id % 700 === 0) body.push('rare');
      const doc: Doc = { title: id % 5 ? ['projet'] : ['projet', 'commun'], body };
      postings.set(id, doc.title, doc.body);
      docs.set(id, doc);
    };
    for (let id = 1; id <= 12_000; id++) write(id);
    const check = async (label: string) => {
      for (const stem of ['commun', 'rare', 'tri']) {
        const set = postings.matchSet(term(stem));
        const expected = [...docs]
          .filter(([, d]) => matches(d, term(stem)))
          .map(([id]) => id)
          .sort((a, b) => a - b);
        assert.deepEqual(
          [...set.ids].sort((a, b) => a - b),
          expected,
          `${label} : ${stem}`,
        );
        // bm25 of one term, from its definition.
        const all = [...docs.values()];
        const average = all.reduce((n, d) => n + d.title.length + d.body.length, 0) / all.length;
        const idf = Math.max(1e-6, Math.log((all.length - expected.length + 0.5) / (expected.length + 0.5)));
        const score = (id: number) => {
          const d = docs.get(id)!;
          const f = 4 * d.title.filter((s) => s === stem).length + d.body.filter((s) => s === stem).length;
          const length = d.title.length + d.body.length;
          return (idf * f * 2.2) / (f + 1.2 * (1 - 0.75 + (0.75 * length) / average));
        };
        // Ranked among a few documents (each looked up in long blocks), and among all of them.
        const few = expected.filter((id) => id % 997 === 0 || id % 1001 === 3);
        for (const within of [few, null]) {
          const pool = within ?? expected;
          const want = [...pool].sort((a, b) => score(b) - score(a) || a - b).slice(0, 25);
          const got = await set.best(25, within ? Int32Array.from(within) : null);
          assert.equal(got.length, want.length, `${label} : ${stem}`);
          for (const [i, id] of got.entries()) {
            assert.ok(Math.abs(score(id) - score(want[i]!)) < 1e-9, `${label} : ${stem}, rang ${i}`);
          }
        }
      }
    };
    await check('écrits');
    for (let id = 3; id <= 12_000; id += 3) {
      postings.remove(id);
      docs.delete(id);
    }
    for (let id = 2; id <= 12_000; id += 50) write(id);
    postings.compact();
    await check('après compaction');
    assert.ok(postings.size().postings >= 8_000 * 2);
  });
});
