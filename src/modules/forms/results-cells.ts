/**
 * Results kept as counters: what one response adds to a form's results (its "cells": answered, one per choice, per
 * matrix cell, per rank, per number…, plus its free texts), and the results rebuilt from the sums of those counters.
 * A consumer stores the cells of each response it counts, adds and subtracts them as responses change, and reads
 * results without reading the responses. Both directions go through the accumulator of the full computation
 * (results.ts `add` and `finish`), so that counters give exactly what computing from every response gives.
 */
import { isAnswered } from './conditions.ts';
import type { Answers, Form, Question } from './model.ts';
import {
  type Accumulator,
  add,
  emptyAccumulator,
  type FormResults,
  finish,
  groupsOf,
  type QuestionResult,
  unionQuestions,
} from './results.ts';

/** A free text of a response: `t` the answer itself, `o` the precision of an « Autre » choice. */
export interface ResultText {
  questionId: string;
  kind: 't' | 'o';
  value: string;
}

export interface ResultCell {
  questionId: string;
  cell: string;
  count: number;
}

/** What one response adds to the results of `questions` (the union of the versions counted). */
export interface Contribution {
  cells: ResultCell[];
  texts: ResultText[];
}

/** The cells and texts of one response, for the questions given (answers to other keys are not counted). */
export function contribution(questions: Question[], answers: Answers): Contribution {
  const cells: ResultCell[] = [];
  const texts: ResultText[] = [];
  for (const q of questions) {
    const value = answers[q.id];
    if (!isAnswered(value)) continue;
    const a = emptyAccumulator(q);
    a.answered = 1;
    add(a, value!, answers);
    const put = (cell: string, count: number) => {
      if (count) cells.push({ questionId: q.id, cell, count });
    };
    put('a', 1);
    for (const [code, n] of a.counts) put(`c:${code}`, n);
    for (const [row, cols] of a.matrix) for (const [col, n] of cols) put(`m:${JSON.stringify([row, col])}`, n);
    for (const [code, r] of a.ranks) {
      put(`rs:${code}`, r.sum);
      put(`rn:${code}`, r.n);
      put(`rf:${code}`, r.first);
    }
    const numbers = new Map<string, number>();
    for (const x of a.numbers) numbers.set(String(x), (numbers.get(String(x)) ?? 0) + 1);
    for (const [x, n] of numbers) put(`x:${x}`, n);
    put('t', a.texts.length);
    for (const t of a.texts) texts.push({ questionId: q.id, kind: 't', value: t });
    for (const t of a.others) texts.push({ questionId: q.id, kind: 'o', value: t });
  }
  return { cells, texts };
}

/** `plus` − `minus`, cell by cell, without the cells whose difference is zero (keys `questionId\u0000cell`). */
export function cellsDelta(plus: ResultCell[], minus: ResultCell[]): ResultCell[] {
  const sum = new Map<string, ResultCell>();
  const put = (c: ResultCell, sign: number) => {
    const key = `${c.questionId}\u0000${c.cell}`;
    const cur = sum.get(key);
    if (cur) cur.count += sign * c.count;
    else sum.set(key, { questionId: c.questionId, cell: c.cell, count: sign * c.count });
  };
  for (const c of plus) put(c, 1);
  for (const c of minus) put(c, -1);
  return [...sum.values()].filter((c) => c.count !== 0);
}

/**
 * Results from summed counters: `cells` summed over the responses counted, `texts` newest first (at most
 * `textLimit` per question and kind). Equal to computeResults over the same responses read in the order the
 * texts are sorted (oldest to newest).
 */
export function resultsFromCells(
  versions: Form[],
  input: { responses: number; cells: Iterable<ResultCell>; texts: Iterable<ResultText> },
  options: { includeRestricted: boolean; textLimit?: number },
): FormResults {
  const textLimit = options.textLimit ?? 100;
  const questions = unionQuestions(versions).filter((q) => options.includeRestricted || !q.restricted);
  const acc = new Map<string, Accumulator>(questions.map((q) => [q.id, emptyAccumulator(q)]));
  const textTotals = new Map<string, number>();
  const numbers = new Map<string, { value: number; n: number }[]>();
  for (const { questionId, cell, count } of input.cells) {
    const a = acc.get(questionId);
    if (!a || !count) continue;
    const colon = cell.indexOf(':');
    const kind = colon < 0 ? cell : cell.slice(0, colon);
    const key = cell.slice(colon + 1);
    switch (kind) {
      case 'a':
        a.answered += count;
        break;
      case 't':
        textTotals.set(questionId, (textTotals.get(questionId) ?? 0) + count);
        break;
      case 'c':
        a.counts.set(key, (a.counts.get(key) ?? 0) + count);
        break;
      case 'm': {
        const [row, col] = JSON.parse(key) as [string, string];
        if (!a.matrix.has(row)) a.matrix.set(row, new Map());
        const cols = a.matrix.get(row)!;
        cols.set(col, (cols.get(col) ?? 0) + count);
        break;
      }
      case 'rs':
      case 'rn':
      case 'rf': {
        const r = a.ranks.get(key) ?? { sum: 0, n: 0, first: 0 };
        if (kind === 'rs') r.sum += count;
        else if (kind === 'rn') r.n += count;
        else r.first += count;
        a.ranks.set(key, r);
        break;
      }
      case 'x': {
        const list = numbers.get(questionId) ?? [];
        list.push({ value: Number(key), n: count });
        numbers.set(questionId, list);
        break;
      }
      default:
        break;
    }
  }
  for (const [questionId, list] of numbers) {
    const a = acc.get(questionId)!;
    list.sort((x, y) => x.value - y.value);
    for (const { value, n } of list) for (let i = 0; i < n; i++) a.numbers.push(value);
  }
  // Texts arrive newest first; the accumulator keeps them oldest first.
  const newestFirst = new Map<string, { t: string[]; o: string[] }>();
  for (const t of input.texts) {
    const a = acc.get(t.questionId);
    if (!a) continue;
    const lists = newestFirst.get(t.questionId) ?? { t: [], o: [] };
    if (lists[t.kind].length < textLimit) lists[t.kind].push(t.value);
    newestFirst.set(t.questionId, lists);
  }
  for (const [questionId, lists] of newestFirst) {
    const a = acc.get(questionId)!;
    a.texts = lists.t.reverse();
    a.others = lists.o.reverse();
  }
  return {
    responses: input.responses,
    questions: [...acc.values()].map((a): QuestionResult => {
      const result = finish(a, textLimit);
      return result.kind === 'texts' ? { ...result, total: textTotals.get(a.question.id) ?? 0 } : result;
    }),
    ...groupsOf(versions),
  };
}
