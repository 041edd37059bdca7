/**
 * Test support for the participation tests (imported by *.test.ts only): a complete initiative form, the id in a
 * redirect, and a published sheet made through the library's api and pages.
 */
import assert from 'node:assert/strict';

export { publishedSheet } from '../../../test/helpers/sheets.ts';

/** A complete initiative form (ready for review); `over` replaces fields. */
export function initiativeForm(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    titre: 'Débat public sur la 5G',
    en_bref: 'Les habitants ont débattu des antennes avant leur installation.',
    resume: 'Trois soirées de débat dans les quartiers, avec les opérateurs.',
    format: 'public_debate',
    sujets: ['infrastructure_5g'],
    publics: ['grand_public', 'seniors'],
    eloignes: 'Des réunions sans inscription en ligne, dans les salles de quartier.',
    debut: '2025-03-01',
    fin: '2025-04-15',
    partenaires: 'Conseils de quartier',
    budget: 'lt_5k',
    participants: '240',
    resultats: 'Une charte de concertation avant chaque nouvelle antenne.',
    freins: 'Peu de jeunes.',
    atouts: 'Une animation neutre.',
    ressources: 'Compte rendu | https://ville.exemple.fr/5g\nhttps://ville.exemple.fr/carte-antennes',
    contact: 'Mission participation — participation@ville.exemple.fr',
    engagements: ['infrastructures', 'intelligence_collective'],
    ...over,
  };
}

/** The initiative id in a redirect to its page. */
export function initiativeIdIn(location: unknown): number {
  const m = /^\/initiatives\/(\d+)$/.exec(String(location ?? ''));
  assert.ok(m, `adresse d’une initiative attendue, reçu ${location}`);
  return Number(m[1]);
}
