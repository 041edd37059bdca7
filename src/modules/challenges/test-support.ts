/**
 * Test support for the challenges HTTP tests (imported by *.test.ts only): the challenge form, the id in a redirect,
 * a published sheet, and the challenges' api as the other modules see it.
 */
import assert from 'node:assert/strict';
import type { TestApp } from '../../../test/helpers/app.ts';
import type { ChallengesApi } from './index.ts';

export { publishedSheet } from '../../../test/helpers/sheets.ts';

/** A complete challenge form; `over` replaces fields. */
export function challengeForm(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    titre: 'Prévoir la fréquentation des piscines',
    besoin: 'Les piscines municipales ne savent pas combien de nageurs viendront la semaine suivante.',
    resultat: 'Un modèle de prévision réutilisable, avec sa notice.',
    donnees: 'Entrées quotidiennes des trois dernières années.',
    hebergement: 'Hébergement en France.',
    donnees_personnelles: 'Aucune : des comptages.',
    themes: ['attractiveness'],
    categorie: 'forecasting',
    ...over,
  };
}

/** The challenge id in a redirect to its page. */
export function challengeIdIn(location: unknown): number {
  const m = /^\/defis\/(\d+)$/.exec(String(location ?? ''));
  assert.ok(m, `adresse d’un défi attendue, reçu ${location}`);
  return Number(m[1]);
}

/** The challenges' api, as the pooling module and the working groups use it. */
export const challengesApi = (app: TestApp): ChallengesApi => app.server.modules.services.challenges as ChallengesApi;

/** Mails in the outbox whose subject matches, by recipient. */
export function mailsTo(app: TestApp, subject: RegExp): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of app.outbox()) if (subject.test(m.subject)) for (const to of m.to) out.set(to, m.text);
  return out;
}
