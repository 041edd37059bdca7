// A published library sheet made as people make it: created through the library's api, then submitted by a member
// and published by a coordinator through the pages (the modules that hang things on sheets use it in their tests).
import assert from 'node:assert/strict';
import { filledContent } from '../../src/modules/library/index.ts';
import type { TestAgent, TestApp } from './app.ts';

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
