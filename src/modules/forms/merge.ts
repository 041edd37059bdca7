/**
 * Concurrent editing: two people answering for the same respondent never overwrite each other silently. Each key
 * records the response version that last set it; a save made on an older base that would change a key someone else
 * changed meanwhile is returned as a conflict.
 *
 * Pure and free of Node APIs (bundled for the browser island).
 */
import { isAnswered } from './conditions.ts';
import { type Answers, type AnswerValue, type Form, otherKey } from './model.ts';

// ---------------------------------------------------------------------------------------------------------------
// Concurrent editing
// ---------------------------------------------------------------------------------------------------------------

/** Deep equality of two answer values (absent and empty are the same). */
export function sameAnswer(a: AnswerValue | null | undefined, b: AnswerValue | null | undefined): boolean {
  const ea = !isAnswered(a ?? undefined);
  const eb = !isAnswered(b ?? undefined);
  if (ea || eb) return ea && eb;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export interface Conflict {
  key: string;
  /** What this person tried to save. */
  yours: AnswerValue | undefined;
  /** What someone else saved meanwhile (kept). */
  theirs: AnswerValue | undefined;
}

export interface MergeResult {
  answers: Answers;
  revisions: Record<string, number>;
  conflicts: Conflict[];
  /** Keys actually changed by this save. */
  changed: string[];
}

/**
 * Applies a patch made on top of `baseVersion` to the current answers. A key that someone else changed after
 * `baseVersion` to a different value is not overwritten: it is returned as a conflict, and the other keys are saved.
 * `revisions` records, per key, the response version that last set it.
 */
export function mergeConcurrent(
  current: { answers: Answers; revisions: Record<string, number>; version: number },
  baseVersion: number,
  patch: Record<string, AnswerValue | null | undefined>,
): MergeResult {
  const answers: Answers = { ...current.answers };
  const revisions = { ...current.revisions };
  const conflicts: Conflict[] = [];
  const changed: string[] = [];
  const next = current.version + 1;
  for (const [key, raw] of Object.entries(patch)) {
    const yours = raw === null || raw === undefined || !isAnswered(raw) ? undefined : raw;
    const theirs = current.answers[key];
    if (sameAnswer(yours, theirs)) continue;
    if ((revisions[key] ?? 0) > baseVersion) {
      conflicts.push({ key, yours, theirs });
      continue;
    }
    if (yours === undefined) delete answers[key];
    else answers[key] = yours;
    revisions[key] = next;
    changed.push(key);
  }
  return { answers, revisions, conflicts, changed };
}

/** The keys a page writes: its questions and their « Autre » texts. */
export function pageKeys(questionnaire: Form, pageId: string): string[] {
  const page = questionnaire.pages.find((p) => p.id === pageId);
  if (!page) return [];
  return page.elements.flatMap((e) =>
    e.type === 'info' ? [] : 'allowOther' in e && e.allowOther ? [e.id, otherKey(e.id)] : [e.id],
  );
}
