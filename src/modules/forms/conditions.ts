/**
 * Display conditions: evaluation of `visibleIf` trees on answers.
 *
 * Pure and free of Node APIs: the same file runs on the server and is bundled for the browser (client island), so
 * that a question appears or disappears the same way in both places. Only types are imported.
 *
 * Semantics (chosen to match SurveyJS, so that exported forms behave the same there):
 * - a question that is not answered is neither equal to, greater than, less than nor containing anything;
 *   `differs` is the exact negation of `equals` (so an unanswered question « differs »);
 * - texts compare trimmed and case-insensitively; `contains` on a text is a case-insensitive substring test,
 *   on a multiple choice it tests whether the code is among those ticked; `not_contains` is its exact negation (so an
 *   unanswered question « does not contain »);
 * - numbers compare as numbers, dates (`AAAA-MM-JJ`) as text, which orders them chronologically;
 * - an element is visible when its condition holds on the answers *as pruned of hidden questions*: a question whose
 *   own condition fails counts as unanswered for the questions after it (`visibleQuestions` cascades in order).
 */
import type { Answers, AnswerValue, Condition, Form, Question, Section } from './model.ts';

/** True when a value counts as an answer: not empty text, not an empty list or object. */
export function isAnswered(value: AnswerValue | undefined | null): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'boolean') return true;
  if (Array.isArray(value)) return value.length > 0;
  return Object.values(value).some((v) => v !== undefined && v !== null && v !== '');
}

function normaliseText(s: string): string {
  return s.trim().toLowerCase();
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function scalarEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== null && nb !== null && (typeof a === 'number' || typeof b === 'number')) return na === nb;
  if (typeof a === 'string' && typeof b === 'string') return normaliseText(a) === normaliseText(b);
  return false;
}

function compare(a: unknown, b: unknown): number | null {
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== null && nb !== null && (typeof a === 'number' || typeof b === 'number')) return na - nb;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

/** Evaluates a condition tree on answers (no cascade: use `visibleElementIds` for that). */
export function evaluate(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluate(c, answers));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, answers));
  const value = answers[condition.question];
  const answered = isAnswered(value);
  switch (condition.op) {
    case 'answered':
      return answered;
    case 'not_answered':
      return !answered;
    case 'equals':
      return answered && !Array.isArray(value) && scalarEquals(value, condition.value);
    case 'differs':
      return !(answered && !Array.isArray(value) && scalarEquals(value, condition.value));
    case 'contains': {
      if (!answered) return false;
      if (Array.isArray(value)) return value.some((v) => scalarEquals(v, condition.value));
      if (typeof value === 'string' || typeof value === 'number') {
        return normaliseText(String(value)).includes(normaliseText(String(condition.value ?? '')));
      }
      return false;
    }
    case 'not_contains':
      return !evaluate({ ...condition, op: 'contains' }, answers);
    case 'greater':
    case 'less': {
      if (!answered || typeof value === 'object' || typeof value === 'boolean') return false;
      const c = compare(value, condition.value);
      if (c === null) return false;
      return condition.op === 'greater' ? c > 0 : c < 0;
    }
    default:
      return false;
  }
}

/** True when the element has no condition or its condition holds on these answers. */
export function isVisible(element: Pick<Section, 'visibleIf'>, answers: Answers): boolean {
  return element.visibleIf === undefined || evaluate(element.visibleIf, answers);
}

/**
 * Ids of the visible elements (questions and information blocks) and sections, in order, with the cascade applied: a
 * hidden question's answer is ignored by the conditions that follow. An element shows when its condition and those of
 * all its sections hold; a section shows when at least one of its elements does.
 */
export function visibleElementIds(questionnaire: Form, answers: Answers): Set<string> {
  const effective: Answers = { ...answers };
  const visible = new Set<string>();
  for (const page of questionnaire.pages) {
    const sections = new Map((page.sections ?? []).map((s) => [s.id, s]));
    const shown = new Map<string, boolean>();
    // A section's condition is read at its first element: it only names questions placed before the section.
    const sectionShown = (id: string, depth = 0): boolean => {
      const known = shown.get(id);
      if (known !== undefined) return known;
      const section = sections.get(id);
      if (!section || depth > sections.size) return true;
      const result =
        (section.parent === undefined || sectionShown(section.parent, depth + 1)) && isVisible(section, effective);
      shown.set(id, result);
      return result;
    };
    for (const element of page.elements) {
      if ((element.section === undefined || sectionShown(element.section)) && isVisible(element, effective)) {
        visible.add(element.id);
        for (let id = element.section, n = 0; id !== undefined && n <= sections.size; n++) {
          visible.add(id);
          id = sections.get(id)?.parent;
        }
      } else if (element.type !== 'info') delete effective[element.id];
    }
  }
  return visible;
}

/** The visible questions, in form order. */
export function visibleQuestions(questionnaire: Form, answers: Answers): Question[] {
  const ids = visibleElementIds(questionnaire, answers);
  const out: Question[] = [];
  for (const page of questionnaire.pages) {
    for (const element of page.elements) {
      if (element.type !== 'info' && ids.has(element.id)) out.push(element);
    }
  }
  return out;
}

/** Ids of pages that have at least one visible element (pages with none are skipped when answering). */
export function visiblePageIds(questionnaire: Form, answers: Answers): string[] {
  const ids = visibleElementIds(questionnaire, answers);
  return questionnaire.pages.filter((p) => p.elements.some((e) => ids.has(e.id))).map((p) => p.id);
}
