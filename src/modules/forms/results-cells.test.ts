// Results kept as counters: summing what each response adds (and subtracting what a changed response added before)
// gives exactly the results computed from every response. Run on the questionnaires' catalogue.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seededRandom } from '../../../test/helpers/random.ts';
import { randomAnswers } from '../../../test/helpers/random-answers.ts';
import { aiCensus, participation } from '../questionnaires/index.ts';
import {
  type Answers,
  computeResults,
  contribution,
  type ResultCell,
  resultsFromCells,
  unionQuestions,
} from './index.ts';
import { cellsDelta, type ResultText } from './results-cells.ts';

function fromCounters(forms: (typeof aiCensus)[], responses: Answers[], includeRestricted: boolean) {
  const questions = unionQuestions(forms);
  let cells: ResultCell[] = [];
  const texts: ResultText[] = [];
  for (const answers of responses) {
    const c = contribution(questions, answers);
    cells = cellsDelta([...cells, ...c.cells], []);
    texts.unshift(...c.texts.reverse());
  }
  return resultsFromCells(forms, { responses: responses.length, cells, texts }, { includeRestricted, textLimit: 7 });
}

describe('results from counters', () => {
  for (const [name, form] of [
    ['AI census', aiCensus],
    ['participation', participation],
  ] as const) {
    test(`equal the full computation on random answer sets (${name})`, () => {
      for (const seed of [1, 2, 3]) {
        const rnd = seededRandom(seed);
        const responses = Array.from({ length: 40 + seed * 7 }, () => randomAnswers(form, rnd));
        for (const includeRestricted of [true, false]) {
          assert.deepEqual(
            fromCounters([form], responses, includeRestricted),
            computeResults([form], responses, { includeRestricted, textLimit: 7 }),
          );
        }
      }
    });
  }

  test('a response changed then counted again: subtracting what it added before gives the recomputation', () => {
    const rnd = seededRandom(9);
    const questions = unionQuestions([participation]);
    const before = randomAnswers(participation, rnd, { skip: 0 });
    const after = randomAnswers(participation, rnd, { skip: 0.5 });
    const others = Array.from({ length: 10 }, () => randomAnswers(participation, rnd));
    const base = cellsDelta(
      others.flatMap((a) => contribution(questions, a).cells),
      [],
    );
    const withBefore = cellsDelta([...base, ...contribution(questions, before).cells], []);
    const changed = cellsDelta(
      [...withBefore, ...contribution(questions, after).cells],
      contribution(questions, before).cells,
    );
    const texts = [...others, after].flatMap((a) => contribution(questions, a).texts).reverse();
    assert.deepEqual(
      resultsFromCells([participation], { responses: 11, cells: changed, texts }, { includeRestricted: true }),
      computeResults([participation], [...others, after], { includeRestricted: true }),
    );
  });

  test('a cell that falls back to zero disappears (an old code no longer listed)', () => {
    const questions = unionQuestions([participation]);
    const a = { influence: 'ancien_code' };
    assert.deepEqual(cellsDelta(contribution(questions, a).cells, contribution(questions, a).cells), []);
  });
});
