// The cases on a file of SIRETs in the Interconnectés layout, written once: model.test.ts and geo.test.ts run them
// on our fixture (test/fixtures/organisations/sirets.csv), model.shared.test.ts and geo.shared.test.ts on the real
// Interconnectés file of ../shared/data.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { GeoOrganisation } from './geo.ts';
import { sirenOfSiret, validateSiret } from './model.ts';

/** A file in the Interconnectés layout (columns Nom_collectivite and SIRET) and what is expected of it. */
export interface SiretsSource {
  /** Its bytes or text. */
  csv: Buffer | string;
  /** The words that name the file in the test names (« a file in the Interconnectés layout »). */
  named: string;
  rows: number;
  /** How many SIRETs are typed with spaces: exactly (our fixture) or at least (the real file). */
  spaced: { exactly: number } | { atLeast: number };
}

function rowsOf(csv: Buffer | string): Record<string, string>[] {
  return parse(csv, { columns: true }) as Record<string, string>[];
}

/** Declares the SIRET validation case on `source` (model.ts). */
export function siretValidationCases(source: SiretsSource): void {
  it(`validates the SIRETs of ${source.named}: all valid but three mistyped Toulouse ones`, () => {
    const rows = rowsOf(source.csv);
    assert.equal(rows.length, source.rows);
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
    // Values typed with spaces (« 243 500 139 00189 ») are accepted once normalised.
    const spaced = rows.filter((r) => r.SIRET.includes(' '));
    if ('exactly' in source.spaced) assert.equal(spaced.length, source.spaced.exactly);
    else assert.ok(spaced.length >= source.spaced.atLeast);
    for (const r of spaced) assert.equal(validateSiret(r.SIRET).ok, true, r.SIRET);
  });
}

/** Declares the case that finds, in the geographic code (`rows()`, loaded by the caller), the SIRETs of `source`. */
export function siretGeographyCases(source: Pick<SiretsSource, 'csv' | 'named'>, rows: () => GeoOrganisation[]): void {
  it(`finds the authorities behind the SIRETs of ${source.named}`, () => {
    const bySiren = new Map(
      rows()
        .filter((r) => r.siren)
        .map((r) => [r.siren, r]),
    );
    const data = rowsOf(source.csv);
    const found = (siret: string) => bySiren.get(sirenOfSiret(siret))?.name;
    assert.equal(found('20004697700019'), 'Métropole de Lyon');
    assert.equal(found('21750001600019'), 'Paris');
    assert.equal(found('243 500 139 00189'), 'Rennes Métropole');
    // Every valid SIRET of a commune or EPCI in that file belongs to a loaded authority.
    for (const r of data) {
      if (!validateSiret(r.SIRET).ok) continue;
      if (/Département|Région|Syndicat/.test(r.Nom_collectivite)) continue;
      assert.ok(found(r.SIRET), `${r.Nom_collectivite} (${r.SIRET})`);
    }
  });
}
