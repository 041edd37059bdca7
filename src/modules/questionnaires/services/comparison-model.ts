/**
 * Two campaigns' results side by side, question by question (questions matched by their stable id, as across the
 * versions of one questionnaire): for each answer, the count and share of respondents in each campaign and the
 * difference in points (second − first). Free texts are never compared (only how many answered). Pure code: the
 * comparison service feeds it two results read from the counters.
 */
import type { FormResults, OptionCount, QuestionResult } from '../../forms/index.ts';

export interface ComparedShare {
  count: number;
  /** Share of the question's respondents, 0–100, one decimal. */
  percent: number;
}

export interface ComparedOption {
  code: string;
  label: string;
  /** null when the campaign's questionnaire did not offer this answer. */
  a: ComparedShare | null;
  b: ComparedShare | null;
  /** Points, second campaign minus first (one decimal); null when one side did not offer the answer. */
  difference: number | null;
}

export interface NumberSummary {
  mean: number;
  median: number;
  min: number;
  max: number;
}

interface Base {
  id: string;
  label: string;
  /** Respondents to the question in each campaign (null: the campaign did not ask it). */
  answered: { a: number | null; b: number | null };
}

export type ComparedQuestion =
  | (Base & { kind: 'choices'; multiple: boolean; options: ComparedOption[] })
  | (Base & { kind: 'matrix'; rows: { code: string; label: string; options: ComparedOption[] }[] })
  | (Base & { kind: 'number'; a: NumberSummary | null; b: NumberSummary | null })
  /** Asked by one campaign only, asked with another type, or answered in words: only how many answered. */
  | (Base & { kind: 'answered'; reason: 'only_a' | 'only_b' | 'type' | 'words' });

const points = (a: number, b: number) => Math.round((b - a) * 10) / 10;

/** Two lists of answer counts merged by code (first campaign's order, then answers only the second offers). */
export function compareOptions(a: OptionCount[] | null, b: OptionCount[] | null): ComparedOption[] {
  const out = new Map<string, ComparedOption>();
  for (const o of a ?? [])
    out.set(o.code, {
      code: o.code,
      label: o.label,
      a: { count: o.count, percent: o.percent },
      b: null,
      difference: null,
    });
  for (const o of b ?? []) {
    const seen = out.get(o.code);
    const share = { count: o.count, percent: o.percent };
    if (seen) {
      seen.b = share;
      seen.label = o.label;
    } else out.set(o.code, { code: o.code, label: o.label, a: null, b: share, difference: null });
  }
  for (const o of out.values()) if (o.a && o.b) o.difference = points(o.a.percent, o.b.percent);
  return [...out.values()];
}

const summary = (r: QuestionResult | undefined): NumberSummary | null =>
  r?.kind === 'number' && r.answered > 0 ? { mean: r.mean, median: r.median, min: r.min, max: r.max } : null;

const optionsOf = (r: QuestionResult | undefined) =>
  r?.kind === 'choices' ? r.options : r?.kind === 'dates' ? r.byYear : null;

/** One question of either campaign compared. */
function compareQuestion(a: QuestionResult | undefined, b: QuestionResult | undefined): ComparedQuestion {
  const q = (b ?? a)!.question;
  const base: Base = { id: q.id, label: q.label, answered: { a: a?.answered ?? null, b: b?.answered ?? null } };
  if (!a || !b) return { ...base, kind: 'answered', reason: a ? 'only_a' : 'only_b' };
  if (a.question.type !== b.question.type || a.kind !== b.kind) return { ...base, kind: 'answered', reason: 'type' };
  if ((a.kind === 'choices' && b.kind === 'choices') || (a.kind === 'dates' && b.kind === 'dates'))
    return {
      ...base,
      kind: 'choices',
      multiple: a.kind === 'choices' && a.multiple,
      options: compareOptions(optionsOf(a), optionsOf(b)),
    };
  if (a.kind === 'matrix' && b.kind === 'matrix') {
    const rows = new Map<string, { code: string; label: string; a: OptionCount[] | null; b: OptionCount[] | null }>();
    for (const r of a.rows) rows.set(r.code, { code: r.code, label: r.label, a: r.options, b: null });
    for (const r of b.rows) {
      const seen = rows.get(r.code);
      if (seen) Object.assign(seen, { label: r.label, b: r.options });
      else rows.set(r.code, { code: r.code, label: r.label, a: null, b: r.options });
    }
    return {
      ...base,
      kind: 'matrix',
      rows: [...rows.values()].map((r) => ({ code: r.code, label: r.label, options: compareOptions(r.a, r.b) })),
    };
  }
  if (a.kind === 'number') return { ...base, kind: 'number', a: summary(a), b: summary(b) };
  return { ...base, kind: 'answered', reason: 'words' };
}

/** Both campaigns' questions, in the first campaign's order, then those only the second asked. */
export function compareResults(a: FormResults, b: FormResults): ComparedQuestion[] {
  const second = new Map(b.questions.map((r) => [r.question.id, r]));
  const first = new Set(a.questions.map((r) => r.question.id));
  return [
    ...a.questions.map((r) => compareQuestion(r, second.get(r.question.id))),
    ...b.questions.filter((r) => !first.has(r.question.id)).map((r) => compareQuestion(undefined, r)),
  ];
}

/** Whether two campaigns share at least one question (same id). */
export const shareQuestions = (a: FormResults, b: FormResults) =>
  a.questions.some((r) => b.questions.some((s) => s.question.id === r.question.id));
