/**
 * Test support for the commons HTTP tests (imported by *.test.ts only): a published sheet made through the library's
 * api and pages, and the posted entry form.
 */
import assert from 'node:assert/strict';
import type { TestAgent, TestApp } from '../../../test/helpers/app.ts';
import { filledContent } from '../library/index.ts';

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

/** A complete entry form; `over` replaces fields. */
export function entryForm(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    nom: 'Prévision des consommations d’eau',
    resume: 'Un modèle qui prévoit la consommation d’eau potable par secteur, à sept jours.',
    type: 'model',
    statut: 'available',
    licence: 'EUPL-1.2',
    depot: 'https://depot.exemple.fr/eau/prevision',
    documentation: 'http://docs.exemple.fr/eau',
    themes: ['ecological_transition'],
    categorie: 'forecasting',
    ...over,
  };
}

/** The entry id in a redirect to its page. */
export function entryIdIn(location: unknown): number {
  const m = /^\/communs\/(\d+)$/.exec(String(location ?? ''));
  assert.ok(m, `adresse d’un commun attendue, reçu ${location}`);
  return Number(m[1]);
}
