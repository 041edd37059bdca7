import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { describeSharedData, sharedDataFile } from '../../../test/helpers/shared-data.ts';
import { validateSiret } from './model.ts';

// The real Interconnectés public file (../shared/data): the same rules as model.test.ts checks on our fixture.
describeSharedData('SIREN and SIRET of the real Interconnectés file', () => {
  it('validates the real SIRETs of the Interconnectés library: all valid but three mistyped Toulouse ones', () => {
    const rows = parse(readFileSync(sharedDataFile('interconnectes/data.csv')), { columns: true }) as Record<
      string,
      string
    >[];
    assert.equal(rows.length, 33);
    const invalid = rows
      .map((r) => ({ name: r.Nom_collectivite, siret: r.SIRET, result: validateSiret(r.SIRET) }))
      .filter((r) => !r.result.ok);
    // Toulouse Métropole's real SIRET is 24310051800170; three rows repeat it with the 4th digit changed.
    assert.deepEqual(
      invalid.map((r) => [r.name, r.siret, !r.result.ok && r.result.code]),
      [
        ['Toulouse Métropole', '24410051800170', 'siren_checksum'],
        ['Toulouse Métropole', '24510051800170', 'siren_checksum'],
        ['Toulouse Métropole', '24610051800170', 'siren_checksum'],
      ],
    );
    // Values typed with spaces (« 243 400 017 00022 ») are accepted once normalised.
    const spaced = rows.filter((r) => r.SIRET.includes(' '));
    assert.ok(spaced.length >= 5);
    for (const r of spaced) assert.equal(validateSiret(r.SIRET).ok, true, r.SIRET);
  });
});
