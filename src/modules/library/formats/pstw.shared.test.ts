// The real JRC Public Sector Tech Watch landscape (1,617 cases, ../shared/data/pstw): read when the folder exists,
// required under CI=true. The cases every file in the layout passes are written once in pstw.cases.ts;
// pstw.test.ts runs them on our own fixture.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { fixtureBytes } from '../../../../test/helpers/fixtures.ts';
import { describeSharedData, sharedDataFile } from '../../../../test/helpers/shared-data.ts';
import { decodeText, parseCsv } from './csv.ts';
import { pstwLayoutCases } from './pstw.cases.ts';
import { parsePstw } from './pstw.ts';

describeSharedData('PSTW landscape 2024 (Windows-1252)', () => {
  const parsed = parsePstw(readFileSync(sharedDataFile('pstw/landscape-2024.csv')));
  const byId = (id: string) => parsed.records.find((r) => r.externalKey === `pstw:${id}`)!;

  pstwLayoutCases({
    parsed,
    rowsLabel: '1,617',
    rows: 1617,
    austrianId: 'PSTW-1',
    frenchCommuneId: 'PSTW-1027',
    french: 68,
    countries: 42,
  });

  it('decodes Windows-1252 text', () => {
    const anfr = byId('PSTW-1315');
    assert.equal(anfr.organisation.name, 'Agence Nationale des Fréquences');
  });

  it('maps statuses, themes, techniques, audiences and commons categories', () => {
    const ams = byId('PSTW-1');
    assert.equal(ams.content.title, 'AMS - public empolyment service');
    assert.equal(ams.content.projectStatus, 'finished'); // Not in use anymore
    assert.equal(ams.content.theme, 'citizenship'); // Social protection
    assert.deepEqual(ams.content.techniques, ['machine_learning', 'knowledge_reasoning']);
    assert.deepEqual(ams.content.audiences, ['general_public']); // G2C
    assert.equal(ams.content.startDate, '2020');
    assert.equal(ams.content.infoUpdatedOn, '2023-10-06');

    const mona = byId('PSTW-2');
    assert.equal(mona.content.projectStatus, 'deployment'); // Implemented
    assert.equal(mona.content.commonsCategory, 'conversational_assistant');
    assert.ok(mona.content.techniques.includes('nlp'));

    const pools = byId('PSTW-887');
    assert.equal(pools.content.commonsCategory, 'aerial_shape_classification');
    assert.ok(pools.content.techniques.includes('computer_vision'));

    const blockchain = byId('PSTW-1315');
    assert.deepEqual(blockchain.content.techniques, ['blockchain']);
    assert.deepEqual(blockchain.content.audiences, ['businesses']); // G2B

    const schools = byId('PSTW-430');
    assert.deepEqual(schools.content.subThemes, ['education']);
  });

  it('warns about unreadable values instead of failing', () => {
    assert.deepEqual(
      parsed.warnings.map((w) => `${w.line}|${w.column}`),
      ['147|End Year', '197|Website'],
    );
  });
});

describeSharedData('our PSTW fixture keeps the layout of the real file', () => {
  it('has the same 46 columns, in the same order, in Windows-1252', () => {
    const headerOf = (bytes: Uint8Array) => parseCsv(decodeText(bytes)).records[0]!.fields;
    const real = headerOf(readFileSync(sharedDataFile('pstw/landscape-2024.csv')));
    assert.equal(real.length, 46);
    assert.deepEqual(headerOf(fixtureBytes('pstw/landscape.csv')), real);
  });
});
