import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POOLING_CORPUS } from './corpus.fixture.ts';
import {
  addSheet,
  addVector,
  cluster,
  computeGroups,
  cosine,
  createCorpus,
  DEFAULT_OPTIONS,
  edgeList,
  finishVectors,
  labelOf,
  runToEnd,
  startVectors,
  suggest,
  vectorsOf,
} from './similarity.ts';

const sets = (groups: { useCaseIds: number[] }[]) => groups.map((g) => g.useCaseIds);

describe('pooling suggestions (pure computation)', () => {
  it('groups the sheets that work on the same thing, across authorities', () => {
    const groups = suggest(POOLING_CORPUS);
    const found = sets(groups);
    assert.ok(
      found.some((ids) => [1, 2, 3].every((id) => ids.includes(id))),
      JSON.stringify(found),
    );
    assert.ok(
      found.some((ids) => ids.includes(4) && ids.includes(5)),
      JSON.stringify(found),
    );
    assert.ok(
      found.some((ids) => ids.includes(6) && ids.includes(7)),
      JSON.stringify(found),
    );
    // Sheets alone on their subject are in no group.
    assert.ok(!found.flat().includes(10));
    assert.ok(!found.flat().includes(11));
  });

  it('never suggests a group whose sheets all come from one authority', () => {
    const groups = suggest(POOLING_CORPUS);
    assert.ok(!sets(groups).some((ids) => ids.includes(8) || ids.includes(9)), JSON.stringify(sets(groups)));
    for (const g of groups) assert.ok(g.authorityIds.length >= 2, g.label);
  });

  it('gives the same groups, ids, labels and order whatever the order the sheets are given in', () => {
    const a = suggest(POOLING_CORPUS);
    const b = suggest([...POOLING_CORPUS].reverse());
    assert.deepEqual(b, a);
    assert.deepEqual(suggest(POOLING_CORPUS), a);
  });

  it('labels a group with readable French words (surface forms, not stems)', () => {
    const water = suggest(POOLING_CORPUS).find((g) => g.useCaseIds.includes(1))!;
    assert.equal(water.terms.length, 3);
    assert.ok(water.terms.includes('fuites'), water.label);
    for (const t of water.terms) assert.match(t, /^[\p{L}’' -]+$/u, `« ${t} » is a word`);
    assert.equal(water.label, labelOf(water.terms));
    assert.match(water.label, /^\p{Lu}/u);
  });

  it('orders groups best first, with their id the smallest sheet id and their authorities sorted', () => {
    const groups = suggest(POOLING_CORPUS);
    for (let i = 1; i < groups.length; i++) assert.ok(groups[i - 1]!.score >= groups[i]!.score);
    for (const g of groups) {
      assert.equal(g.id, Math.min(...g.useCaseIds));
      assert.deepEqual(
        g.authorityIds,
        [...g.authorityIds].sort((x, y) => x - y),
      );
    }
    // One more authority on a subject (an interest) raises its group's score.
    const before = groups.find((g) => g.useCaseIds.includes(6))!.score;
    const after = suggest(POOLING_CORPUS, [{ useCaseId: 6, authorityId: 30 }]).find((g) => g.useCaseIds.includes(6))!;
    assert.ok(after.score > before, `${after.score} > ${before}`);
  });

  it('links an interested authority to the group of the sheet, or makes a group of a sheet alone', () => {
    const groups = suggest(POOLING_CORPUS, [
      { useCaseId: 4, authorityId: 20 },
      { useCaseId: 10, authorityId: 21 },
      { useCaseId: 8, authorityId: 22 },
    ]);
    const transcription = groups.find((g) => g.useCaseIds.includes(4))!;
    assert.ok(transcription.authorityIds.includes(20));
    assert.deepEqual(transcription.interestedAuthorityIds, [20]);
    const alone = groups.find((g) => g.useCaseIds.includes(10))!;
    assert.deepEqual(alone.useCaseIds, [10]);
    assert.deepEqual(alone.authorityIds, [16, 21]);
    // One authority's pair becomes a suggestion once another authority says it does the same.
    const pools = groups.find((g) => g.useCaseIds.includes(8))!;
    assert.deepEqual(pools.authorityIds, [15, 22]);
    // An interest in an unknown (unpublished) sheet changes nothing.
    assert.deepEqual(suggest(POOLING_CORPUS, [{ useCaseId: 999, authorityId: 23 }]), suggest(POOLING_CORPUS));
  });

  it('computes the cosine of normalised vectors (1 for a sheet with itself)', () => {
    const corpus = createCorpus();
    for (const s of POOLING_CORPUS) addSheet(corpus, s);
    const vectors = vectorsOf(corpus, POOLING_CORPUS, DEFAULT_OPTIONS);
    assert.ok(Math.abs(cosine(vectors, 0, 0) - 1) < 1e-5);
    assert.ok(cosine(vectors, 0, 1) > cosine(vectors, 0, 9));
  });

  it('reads the library twice: a sheet published in between waits, one unpublished in between joins no group', () => {
    const corpus = createCorpus();
    for (const s of POOLING_CORPUS) addSheet(corpus, s);
    const builder = startVectors(corpus, DEFAULT_OPTIONS);
    // Between the two readings, sheet 2 was unpublished and sheet 50 (on the same subject as 1 and 3) published.
    const late = { ...POOLING_CORPUS[0]!, id: 50, authorityId: 99 };
    for (const s of [...POOLING_CORPUS.filter((s) => s.id !== 2), late].sort((a, b) => a.id - b.id)) {
      addVector(corpus, builder, s);
    }
    const groups = runToEnd(computeGroups(corpus, finishVectors(builder), [], DEFAULT_OPTIONS));
    const found = sets(groups).flat();
    assert.ok(!found.includes(2), JSON.stringify(sets(groups)));
    assert.ok(!found.includes(50), JSON.stringify(sets(groups)));
    assert.ok(
      sets(groups).some((ids) => ids.includes(1) && ids.includes(3)),
      JSON.stringify(sets(groups)),
    );
  });

  it('merges clusters only within the size cap and when most cross pairs are neighbours', () => {
    const chain = edgeList([
      { a: 0, b: 1, sim: 0.9 },
      { a: 1, b: 2, sim: 0.8 },
      { a: 2, b: 3, sim: 0.7 },
    ]);
    // A chain 0-1-2-3: {0,1} then 2 joins (1 link of 2 pairs = 0.5), 3 does not (1 link of 3 pairs).
    assert.deepEqual(cluster(4, chain, DEFAULT_OPTIONS), [[0, 1, 2]]);
    assert.deepEqual(cluster(4, chain, { ...DEFAULT_OPTIONS, maxGroupSize: 2 }), [
      [0, 1],
      [2, 3],
    ]);
  });
});
