import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importReportLines } from './commands.ts';
import type { ImportReport } from './services/import.ts';

const report = (dryRun: boolean): ImportReport => ({
  format: 'interconnectes',
  variant: 'public',
  dryRun,
  rows: 40,
  created: 3,
  updated: 1,
  unchanged: 36,
  organisationsCreated: 1,
  organisationsMatched: 20,
  newOrganisations: [{ line: 7, name: 'Ville de Lyon' }],
  approximateMatches: [
    {
      line: 16,
      name: 'Toulouse Métropole',
      matchedName: 'Toulouse Métropole',
      reason: 'SIRET 24410051800170 invalide (clé de contrôle)',
    },
  ],
  siretsKept: 1,
  leftInPlace: [
    { line: 9, id: 4, title: 'Tri des courriers', currentOrganisationId: 2, fileOrganisation: 'Autre organisme' },
  ],
  leftInPlaceCount: 1,
  errors: [],
  warnings: [],
  errorCount: 0,
  warningCount: 0,
  resumedAfter: 0,
  ms: 120,
});

describe('the import command’s report', () => {
  it('says what a dry run would do (conditional), with the same counts as the real run', () => {
    const dry = importReportLines(report(true)).join('\n');
    const real = importReportLines(report(false)).join('\n');
    assert.match(dry, /3 seraient créées, 1 serait mise à jour, 36 resteraient inchangées/);
    assert.match(real, /3 créées, 1 mise à jour, 36 inchangées/);
    assert.doesNotMatch(dry, /\b3 créées/);
  });

  it('names the bodies created or recognised by their name only, and the sheets left in place, with their lines', () => {
    const lines = importReportLines(report(true));
    assert.ok(lines.includes('  ligne 7 : Ville de Lyon'));
    assert.ok(lines.some((l) => l.startsWith('  ligne 16 : « Toulouse Métropole » → « Toulouse Métropole »')));
    assert.ok(lines.includes('  ligne 9 : « Tri des courriers » (fichier : Autre organisme)'));
  });
});
