/**
 * Results and export cells across form versions: questions are matched by their stable id, labels
 * and choices come from the newest version that has them. Pure code: the service feeds answers in.
 */
import { isAnswered } from './conditions.ts';
import {
  type Answers,
  type AnswerValue,
  allQuestions,
  type Choice,
  type FileAnswer,
  type Form,
  OTHER_CODE,
  otherKey,
  type Question,
  sectionTitles,
} from './model.ts';

/** The union of the questions of several versions (newest first in `versions`), in the newest order. */
export function unionQuestions(versions: Form[]): Question[] {
  const out: Question[] = [];
  const seen = new Set<string>();
  for (const v of versions) {
    for (const q of allQuestions(v)) {
      if (seen.has(q.id)) continue;
      seen.add(q.id);
      out.push(mergeChoices(q, versions));
    }
  }
  return out;
}

/** A question whose choices also include codes only older versions had (so that old answers keep a label). */
function mergeChoices(q: Question, versions: Form[]): Question {
  const key = q.type === 'matrix' ? 'rows' : 'choices' in q ? 'choices' : null;
  if (!key) return q;
  const merged: Choice[] = [...((q as any)[key] as Choice[])];
  const columns: Choice[] = q.type === 'matrix' ? [...q.columns] : [];
  for (const v of versions) {
    const older = allQuestions(v).find((x) => x.id === q.id && x.type === q.type) as any;
    if (!older) continue;
    for (const c of (older[key] ?? []) as Choice[]) if (!merged.some((m) => m.code === c.code)) merged.push(c);
    if (q.type === 'matrix')
      for (const c of older.columns as Choice[]) if (!columns.some((m) => m.code === c.code)) columns.push(c);
  }
  return q.type === 'matrix' ? ({ ...q, rows: merged, columns } as Question) : ({ ...q, [key]: merged } as Question);
}

export interface OptionCount {
  code: string;
  label: string;
  count: number;
  /** Share of the people who answered the question, 0–100, one decimal. */
  percent: number;
}

export type QuestionResult =
  | {
      kind: 'choices';
      question: Question;
      answered: number;
      options: OptionCount[];
      others: string[];
      multiple: boolean;
    }
  | {
      kind: 'matrix';
      question: Question;
      answered: number;
      rows: { code: string; label: string; options: OptionCount[] }[];
    }
  | {
      kind: 'ranking';
      question: Question;
      answered: number;
      items: { code: string; label: string; averageRank: number; first: number }[];
    }
  | { kind: 'number'; question: Question; answered: number; min: number; max: number; mean: number; median: number }
  | { kind: 'dates'; question: Question; answered: number; byYear: OptionCount[] }
  | { kind: 'texts'; question: Question; answered: number; texts: string[]; total: number }
  | { kind: 'count'; question: Question; answered: number };

export interface FormResults {
  responses: number;
  questions: QuestionResult[];
  /** The group (section titles) of the questions that lie in one, by question id. */
  groups?: Record<string, string>;
}

const pct = (n: number, total: number) => (total ? Math.round((n * 1000) / total) / 10 : 0);

/** What results keep per question while reading responses (also rebuilt from stored counters: results-cells.ts). */
export interface Accumulator {
  question: Question;
  answered: number;
  counts: Map<string, number>;
  others: string[];
  matrix: Map<string, Map<string, number>>;
  ranks: Map<string, { sum: number; n: number; first: number }>;
  numbers: number[];
  texts: string[];
}

/** Computes results: counts and percentages per option, free texts (newest first, `textLimit` kept), numbers. */
export function computeResults(
  versions: Form[],
  responses: Iterable<Answers>,
  options: { includeRestricted: boolean; textLimit?: number },
): FormResults {
  const textLimit = options.textLimit ?? 100;
  const questions = unionQuestions(versions).filter((q) => options.includeRestricted || !q.restricted);
  const acc = new Map<string, Accumulator>(questions.map((q) => [q.id, emptyAccumulator(q)]));
  let total = 0;
  for (const answers of responses) {
    total++;
    for (const a of acc.values()) {
      const value = answers[a.question.id];
      if (!isAnswered(value)) continue;
      a.answered++;
      add(a, value!, answers);
    }
  }
  return {
    responses: total,
    questions: [...acc.values()].map((a) => finish(a, textLimit)),
    ...groupsOf(versions),
  };
}

/** `{ groups }` when some question lies in a titled section, else nothing (results of forms without groups stay as they were). */
export function groupsOf(versions: Form[]): { groups?: Record<string, string> } {
  const groups = sectionTitles(versions);
  return Object.keys(groups).length ? { groups } : {};
}

export function emptyAccumulator(question: Question): Accumulator {
  return {
    question,
    answered: 0,
    counts: new Map(),
    others: [],
    matrix: new Map(),
    ranks: new Map(),
    numbers: [],
    texts: [],
  };
}

function bump(map: Map<string, number>, key: string) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Adds one answered value to a question's accumulator. */
export function add(a: Accumulator, value: AnswerValue, answers: Answers) {
  const q = a.question;
  switch (q.type) {
    case 'single_choice':
    case 'dropdown':
    case 'multiple_choice':
      for (const code of Array.isArray(value) ? value : [String(value)]) bump(a.counts, code);
      if (
        (value === OTHER_CODE || (Array.isArray(value) && value.includes(OTHER_CODE))) &&
        isAnswered(answers[otherKey(q.id)])
      ) {
        a.others.push(String(answers[otherKey(q.id)]));
      }
      break;
    case 'yes_no':
      if (typeof value === 'boolean') bump(a.counts, value ? 'oui' : 'non');
      break;
    case 'scale':
      if (typeof value === 'number') bump(a.counts, String(value));
      break;
    case 'matrix':
      if (typeof value === 'object' && !Array.isArray(value)) {
        for (const [row, col] of Object.entries(value as Record<string, string>)) {
          if (!a.matrix.has(row)) a.matrix.set(row, new Map());
          bump(a.matrix.get(row)!, col);
        }
      }
      break;
    case 'ranking':
      if (Array.isArray(value)) {
        value.forEach((code, i) => {
          const r = a.ranks.get(code) ?? { sum: 0, n: 0, first: 0 };
          r.sum += i + 1;
          r.n++;
          if (i === 0) r.first++;
          a.ranks.set(code, r);
        });
      }
      break;
    case 'number':
      if (typeof value === 'number') a.numbers.push(value);
      break;
    case 'date':
      if (typeof value === 'string') bump(a.counts, value.slice(0, 4));
      break;
    case 'short_text':
    case 'long_text':
    case 'email':
    case 'url':
      if (typeof value === 'string') a.texts.push(value);
      break;
    default:
      break;
  }
}

function options(choices: Choice[], counts: Map<string, number>, base: number): OptionCount[] {
  const known = choices.map((c) => ({ code: c.code, label: c.label, count: counts.get(c.code) ?? 0 }));
  // Codes no version offers any more, in code order (not the order they were met: stored counters have none).
  const unknown = [...counts.keys()]
    .filter((k) => !choices.some((c) => c.code === k))
    .sort()
    .map((k) => ({ code: k, label: k, count: counts.get(k)! }));
  return [...known, ...unknown].map((o) => ({ ...o, percent: pct(o.count, base) }));
}

/** One question's result from its accumulator (shared by the full computation and the stored counters). */
export function finish(a: Accumulator, textLimit: number): QuestionResult {
  const q = a.question;
  switch (q.type) {
    case 'single_choice':
    case 'dropdown':
    case 'multiple_choice': {
      const choices = [...q.choices, ...(q.allowOther ? [{ code: OTHER_CODE, label: q.otherLabel ?? 'Autre' }] : [])];
      return {
        kind: 'choices',
        question: q,
        answered: a.answered,
        options: options(choices, a.counts, a.answered),
        others: a.others.slice(-textLimit).reverse(),
        multiple: q.type === 'multiple_choice',
      };
    }
    case 'yes_no':
      return {
        kind: 'choices',
        question: q,
        answered: a.answered,
        options: options(
          [
            { code: 'oui', label: 'Oui' },
            { code: 'non', label: 'Non' },
          ],
          a.counts,
          a.answered,
        ),
        others: [],
        multiple: false,
      };
    case 'scale':
      return {
        kind: 'choices',
        question: q,
        answered: a.answered,
        options: options(
          Array.from({ length: q.max }, (_, i) => ({
            code: String(i + 1),
            label: `${i + 1}${i === 0 && q.minLabel ? ` – ${q.minLabel}` : ''}${i + 1 === q.max && q.maxLabel ? ` – ${q.maxLabel}` : ''}`,
          })),
          a.counts,
          a.answered,
        ),
        others: [],
        multiple: false,
      };
    case 'matrix':
      return {
        kind: 'matrix',
        question: q,
        answered: a.answered,
        rows: q.rows.map((r) => {
          const counts = a.matrix.get(r.code) ?? new Map<string, number>();
          const base = [...counts.values()].reduce((s, n) => s + n, 0);
          return { code: r.code, label: r.label, options: options(q.columns, counts, base) };
        }),
      };
    case 'ranking':
      return {
        kind: 'ranking',
        question: q,
        answered: a.answered,
        items: q.choices
          .map((c) => {
            const r = a.ranks.get(c.code);
            return {
              code: c.code,
              label: c.label,
              averageRank: r ? Math.round((r.sum / r.n) * 10) / 10 : 0,
              first: r?.first ?? 0,
            };
          })
          .sort((x, y) => (x.averageRank || 99) - (y.averageRank || 99)),
      };
    case 'number': {
      const sorted = [...a.numbers].sort((x, y) => x - y);
      const n = sorted.length;
      const median = n === 0 ? 0 : n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
      return {
        kind: 'number',
        question: q,
        answered: a.answered,
        min: sorted[0] ?? 0,
        max: sorted[n - 1] ?? 0,
        mean: n ? Math.round((sorted.reduce((s, x) => s + x, 0) / n) * 100) / 100 : 0,
        median,
      };
    }
    case 'date': {
      const years = [...a.counts.keys()].sort();
      return {
        kind: 'dates',
        question: q,
        answered: a.answered,
        byYear: options(
          years.map((y) => ({ code: y, label: y })),
          a.counts,
          a.answered,
        ),
      };
    }
    case 'short_text':
    case 'long_text':
    case 'email':
    case 'url':
      return {
        kind: 'texts',
        question: q,
        answered: a.answered,
        texts: a.texts.slice(-textLimit).reverse(),
        total: a.texts.length,
      };
    default:
      return { kind: 'count', question: q, answered: a.answered };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Export cells
// ---------------------------------------------------------------------------------------------------------------

const labelOf = (list: Choice[], code: string) => list.find((c) => c.code === code)?.label ?? code;

/** One answer as the text of a spreadsheet cell (labels, not codes). */
export function cellText(q: Question, answers: Answers): string {
  const value = answers[q.id];
  if (!isAnswered(value)) return '';
  const other = answers[otherKey(q.id)];
  switch (q.type) {
    case 'single_choice':
    case 'dropdown':
      return value === OTHER_CODE ? `${q.otherLabel ?? 'Autre'} : ${other ?? ''}` : labelOf(q.choices, String(value));
    case 'multiple_choice':
      return (Array.isArray(value) ? value : [String(value)])
        .map((c) => (c === OTHER_CODE ? `${q.otherLabel ?? 'Autre'} : ${other ?? ''}` : labelOf(q.choices, c)))
        .join(' ; ');
    case 'yes_no':
      return value === true ? 'Oui' : value === false ? 'Non' : String(value);
    case 'matrix':
      return q.rows
        .filter((r) => (value as Record<string, string>)[r.code])
        .map((r) => `${r.label} : ${labelOf(q.columns, (value as Record<string, string>)[r.code]!)}`)
        .join(' ; ');
    case 'ranking':
      return Array.isArray(value) ? value.map((c, i) => `${i + 1}. ${labelOf(q.choices, c)}`).join(' ; ') : '';
    case 'file':
      return (value as FileAnswer).name ?? '';
    default:
      return String(value);
  }
}
