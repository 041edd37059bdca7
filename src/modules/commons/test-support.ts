/**
 * Test support for the commons HTTP tests (imported by *.test.ts only): a published sheet made through the library's
 * api and pages, and the posted entry form.
 */
import assert from 'node:assert/strict';

export { publishedSheet } from '../../../test/helpers/sheets.ts';

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
