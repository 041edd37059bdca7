/**
 * Test support for responsible AI's HTTP tests (imported by *.test.ts only): a published sheet of an authority made
 * through the library's api and pages (draft, submitted by a member, published by a coordinator), and answers that
 * complete each form.
 */
import assert from 'node:assert/strict';
import type { TestAgent, TestApp } from '../../../test/helpers/app.ts';
import type { Answers } from '../forms/index.ts';
import { filledContent } from '../library/index.ts';
import { QUESTIONS } from './altai.ts';

/** A published sheet of `organisationId`, submitted by `member` and published by `coordinator`. */
export async function publishedSheet(
  app: TestApp,
  organisationId: number,
  member: TestAgent,
  coordinator: TestAgent,
  seed: string,
): Promise<{ id: number; path: string }> {
  const library = app.server.modules.services.library;
  const { id } = await library.createDraft({
    organisationId,
    content: filledContent(seed),
    actorUserId: null,
    source: 'test',
  });
  const row = (await library.findUseCase(id))!;
  const submitted = await member.post(`/bibliotheque/${id}/action`, { action: 'submit', version: String(row.version) });
  assert.equal(submitted.statusCode, 302, submitted.body.slice(0, 300));
  const after = (await library.findUseCase(id))!;
  const published = await coordinator.post(`/bibliotheque/${id}/action`, {
    action: 'publish',
    version: String(after.version),
  });
  assert.equal(published.statusCode, 302, published.body.slice(0, 300));
  return { id, path: `/bibliotheque/${id}` };
}

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
