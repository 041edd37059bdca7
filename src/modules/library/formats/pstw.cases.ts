// The cases of the PSTW layout that hold on any file in it, written once: pstw.test.ts runs them on our fixture
// (test/fixtures/pstw/landscape.csv), pstw.shared.test.ts on the real landscape of ../shared/data (1,617 cases).
// What each file alone contains (its rows, its warnings) stays in its own test file.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { validateContent } from '../model.ts';
import { commonsCategories, countries, projectStatuses, techniques, themes } from '../reference.ts';
import type { parsePstw } from './pstw.ts';

/** A PSTW file, already parsed, and what is expected of it. */
export interface PstwSource {
  parsed: ReturnType<typeof parsePstw>;
  /** Its number of rows, written as in the test names (« 6 », « 1,617 »). */
  rowsLabel: string;
  rows: number;
  /** The PSTW ID of the Austrian employment service's row (on line 2) and of a French commune's row. */
  austrianId: string;
  frenchCommuneId: string;
  /** How many rows are French bodies. */
  french: number;
  /** The countries met: their sorted codes, or only their number for the real file. */
  countries: string[] | number;
}

/** Declares the cases every file in the PSTW layout must pass. */
export function pstwLayoutCases(source: PstwSource): void {
  const { parsed } = source;
  const byId = (id: string) => parsed.records.find((r) => r.externalKey === `pstw:${id}`)!;

  it(`reads all ${source.rowsLabel} rows with no error`, () => {
    assert.equal(parsed.rows, source.rows);
    assert.equal(parsed.records.length, source.rows);
    assert.deepEqual(parsed.errors, []);
    assert.equal(new Set(parsed.records.map((r) => r.externalKey)).size, source.rows, 'clés stables et uniques');
  });

  it('maps every row to our lists', () => {
    for (const r of parsed.records) {
      assert.ok(projectStatuses.has(r.content.projectStatus), r.externalKey);
      assert.ok(themes.has(r.content.theme), r.externalKey);
      assert.ok(commonsCategories.has(r.content.commonsCategory), r.externalKey);
      assert.ok(countries.has(r.organisation.country), r.externalKey);
      for (const t of r.content.techniques) assert.ok(techniques.has(t), r.externalKey);
      assert.equal(r.content.language, 'en');
      // Whatever was imported has valid formats (a coordinator can open and save it).
      assert.deepEqual(validateContent(r.content, { complete: false }), {}, r.externalKey);
    }
    const statuses = new Set(parsed.records.map((r) => r.content.projectStatus));
    assert.deepEqual([...statuses].sort(), ['deployment', 'experimentation', 'exploration', 'finished']);
  });

  it('keeps the country and flags bodies outside France', () => {
    const ams = byId(source.austrianId);
    assert.equal(ams.line, 2);
    assert.deepEqual(ams.organisation, {
      name: 'Public Employment Service Austria',
      siret: null,
      siren: null,
      type: 'autre',
      country: 'AT',
      foreign: true,
      sourceCategory: 'Central-Government',
    });
    const commune = byId(source.frenchCommuneId);
    assert.equal(commune.organisation.country, 'FR');
    assert.equal(commune.organisation.foreign, false);
    assert.equal(commune.organisation.type, 'commune');
    const french = parsed.records.filter((r) => !r.organisation.foreign);
    assert.equal(french.length, source.french);
    const met = new Set(parsed.records.map((r) => r.organisation.country));
    if (typeof source.countries === 'number') assert.equal(met.size, source.countries);
    else assert.deepEqual([...met].sort(), source.countries);
  });
}
