/**
 * Test support for responsible AI's HTTP tests (imported by *.test.ts only): a published sheet of an authority made
 * through the library's api and pages (draft, submitted by a member, published by a coordinator), and answers that
 * complete each form.
 */
import assert from 'node:assert/strict';
import type { Answers } from '../forms/index.ts';
import { QUESTIONS } from './altai.ts';

export { publishedSheet } from '../../../test/helpers/sheets.ts';

/** Answers to every self-assessment question (`value`), as a posted form per page. */
export function selfPages(value: (questionId: string) => string): Record<string, Record<string, string>> {
  const pages: Record<string, Record<string, string>> = {};
  for (const q of QUESTIONS) {
    pages[q.requirement] ??= {};
    pages[q.requirement]![q.id] = value(q.id);
  }
  return pages;
}

/** The assessment id in a redirect to one of its pages. */
export function assessmentIdIn(location: string | undefined): number {
  const m = /\/ia-responsable\/evaluations\/(\d+)/.exec(String(location ?? ''));
  assert.ok(m, `adresse d’évaluation attendue, reçu ${location}`);
  return Number(m[1]);
}

export type { Answers };
