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

function matches(doc: Doc, node: MatchNode, phrases: Map<MatchNode, Set<number>>, id: number): boolean {
  switch (node.op) {
    case 'term':
      return has(doc, node.stem, node.prefix);
    case 'phrase':
      return phrases.get(node)?.has(id) ?? false;
    case 'and':
      return node.items.every((n) => matches(doc, n, phrases, id));
    case 'or':
      return node.items.some((n) => matches(doc, n, phrases, id));
  }
}

/** bm25 from its definition (FTS5's): each leaf of the query is a « phrase » with its own idf. */
function bm25(docs: Map<number, Doc>, id: number, node: MatchNode, phrases: Map<MatchNode, Set<number>>): number {
  const all = [...docs.entries()];
  const average = all.reduce((n, [, d]) => n + d.title.length + d.body.length, 0) / all.length;
  const doc = docs.get(id)!;
  const frequency = (leaf: MatchNode, d: Doc): number => {
    const count = (stems: string[], stem: string, prefix: boolean) =>
      stems.filter((s) => s !== UNINDEXED_OCCURRENCE && (prefix ? s.startsWith(stem) : s === stem)).length;
    if (leaf.op === 'term') return 4 * count(d.title, leaf.stem, leaf.prefix) + count(d.body, leaf.stem, leaf.prefix);
    if (leaf.op === 'phrase')
      return Math.min(...leaf.stems.map((s) => 4 * count(d.title, s, false) + count(d.body, s, false)));
    return 0;
  };
  let score = 0;
  const visit = (leaf: MatchNode) => {
    if (leaf.op === 'and' || leaf.op === 'or') return leaf.items.forEach(visit);
    const found = all.filter(([i, d]) => matches(d, leaf, phrases, i)).length;
    let idf = Math.log((all.length - found + 0.5) / (found + 0.5));
    if (idf <= 0) idf = 1e-6;
    const f = matches(doc, leaf, phrases, id) ? frequency(leaf, doc) : 0;
    const length = doc.title.length + doc.body.length;
    if (f > 0) score += (idf * f * 2.2) / (f + 1.2 * (1 - 0.75 + (0.75 * length) / average));
  };
  visit(node);
  return score;
}

const term = (stem: string, prefix = false): MatchNode => ({ op: 'term', stem, prefix });
const PHRASE: MatchNode = { op: 'phrase', stems: ['pist', 'ecol'] };
const QUERIES: MatchNode[] = [
  term('velo'),
  term('ener', true),
  { op: 'and', items: [term('ecol'), term('cantin')] },
  { op: 'or', items: [term('plui'), term('bus'), term('inconnu')] },
  { op: 'and', items: [term('eau'), { op: 'or', items: [term('rout'), PHRASE] }] },
  { op: 'and', items: [term('tri'), term('re', true), term('velo')] },
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
      // The phrase's documents come from outside (the engine); here, some of those with both stems.
      const phraseIds = [...docs].filter(([id, d]) => has(d, 'pist', false) && has(d, 'ecol', false) && id % 3);
      const phrases: Map<MatchNode, Set<number>> = new Map<MatchNode, Set<number>>([
        [PHRASE, new Set(phraseIds.map(([id]) => id))],
      ]);
      for (const query of QUERIES) {
        const set = postings.matchSet(query, new Map([[PHRASE, [...phrases.get(PHRASE)!]]]));
        const expected: number[] = [...docs].filter(([id, d]) => matches(d, query, phrases, id)).map(([id]) => id);
        assert.deepEqual(
          [...set.ids].sort((a, b) => a - b),
          expected.sort((a, b) => a - b),
          JSON.stringify(query),
        );
        const score = new Map(expected.map((id) => [id, bm25(docs, id, query, phrases)]));
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
