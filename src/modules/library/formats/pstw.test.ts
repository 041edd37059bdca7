// The JRC Public Sector Tech Watch layout (46 columns, Windows-1252), on the fixture we wrote in it
// (test/fixtures/pstw/landscape.csv). The cases every file in that layout passes are
// written once in pstw.cases.ts; pstw.shared.test.ts runs them on the real file (1,617 cases).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureBytes } from '../../../../test/helpers/fixtures.ts';
import { pstwLayoutCases } from './pstw.cases.ts';
import { firstWebUrl, parsePstw, pstwTheme } from './pstw.ts';

describe('PSTW landscape layout (our Windows-1252 fixture)', () => {
  const bytes = fixtureBytes('pstw/landscape.csv');
  const parsed = parsePstw(bytes);
  const byId = (id: string) => parsed.records.find((r) => r.externalKey === `pstw:${id}`)!;

  it('is written in Windows-1252, not UTF-8', () => {
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  });

  pstwLayoutCases({
    parsed,
    rowsLabel: '6',
    rows: 6,
    austrianId: 'PSTW-501',
    frenchCommuneId: 'PSTW-502',
    french: 3,
    countries: ['AT', 'BE', 'FR', 'IT'],
  });

  it('decodes Windows-1252 text', () => {
    assert.equal(byId('PSTW-504').organisation.name, 'Agence nationale des fréquences');
    assert.equal(byId('PSTW-502').content.title, 'Agent conversationnel des démarches');
    assert.match(byId('PSTW-502').content.description!, /when it’s unsure/);
  });

  it('maps statuses, themes, techniques, audiences and commons categories', () => {
    const ams = byId('PSTW-501');
    assert.equal(ams.content.title, 'Job offer matching assistant');
    assert.equal(ams.content.projectStatus, 'finished'); // Not in use anymore
    assert.equal(ams.content.theme, 'citizenship'); // Social protection
    assert.deepEqual(ams.content.techniques, ['machine_learning', 'knowledge_reasoning']);
    assert.deepEqual(ams.content.audiences, ['general_public']); // G2C
    assert.equal(ams.content.startDate, '2020');
    assert.equal(ams.content.infoUpdatedOn, '2023-10-06');

    const chatbot = byId('PSTW-502');
    assert.equal(chatbot.content.projectStatus, 'experimentation'); // Pilot
    assert.equal(chatbot.content.commonsCategory, 'conversational_assistant');
    assert.ok(chatbot.content.techniques.includes('nlp'));
    assert.equal(chatbot.content.serviceUrl, 'https://exemple.fr/lille/demarches', 'la première adresse de la cellule');

    const pools = byId('PSTW-503');
    assert.equal(pools.content.projectStatus, 'deployment'); // Implemented
    assert.equal(pools.content.commonsCategory, 'aerial_shape_classification');
    assert.ok(pools.content.techniques.includes('computer_vision'));
    assert.equal(pools.content.serviceUrl, 'https://www.example.org/pools', '« www. » reçoit https://');

    const ledger = byId('PSTW-504');
    assert.equal(ledger.content.projectStatus, 'experimentation'); // In development
    assert.deepEqual(ledger.content.techniques, ['blockchain']);
    assert.deepEqual(ledger.content.audiences, ['businesses']); // G2B

    const meals = byId('PSTW-505');
    assert.deepEqual(meals.content.subThemes, ['education']);
    assert.deepEqual(meals.content.audiences, ['agents']); // G2G
    assert.equal(meals.content.commonsCategory, 'forecasting');

    const lighting = byId('PSTW-506');
    assert.equal(lighting.content.projectStatus, 'exploration'); // Planned
    assert.equal(lighting.content.theme, 'ecological_transition');
    assert.deepEqual(lighting.content.subThemes, ['public_lighting']);
  });

  it('warns about unreadable values instead of failing', () => {
    assert.deepEqual(
      parsed.warnings.map((w) => `${w.line}|${w.column}`),
      ['7|End Year', '8|Website'],
    );
    assert.equal(byId('PSTW-505').content.endDate, null, 'une fin antérieure au démarrage est ignorée');
    assert.equal(byId('PSTW-506').content.serviceUrl, null);
  });

  it('refuses a file without the PSTW columns', () => {
    const r = parsePstw('Nom_collectivite,Nom_du_projet\nA,B\n');
    assert.equal(r.records.length, 0);
    assert.ok(r.errors.some((e) => /Colonne obligatoire absente : « PSTW ID »/.test(e.message)));
  });
});

describe('PSTW helpers', () => {
  it('finds the web address in a cell', () => {
    assert.equal(
      firstWebUrl('Service: https://www.omgevingsloket.nl/\nPolicy: https://x.eu/'),
      'https://www.omgevingsloket.nl/',
    );
    assert.equal(firstWebUrl('www.kela.fi/lapsiperheet'), 'https://www.kela.fi/lapsiperheet');
    assert.equal(firstWebUrl('internal web address'), null);
  });
  it('maps COFOG areas to themes and sub-themes', () => {
    assert.deepEqual(pstwTheme('Economic affairs', 'Transport'), { theme: 'mobility', subTheme: null });
    assert.deepEqual(pstwTheme('Housing and community amenities', 'Street lighting.'), {
      theme: 'ecological_transition',
      subTheme: 'public_lighting',
    });
    assert.deepEqual(pstwTheme('Health', 'R&D health.'), { theme: 'citizenship', subTheme: 'health_access' });
  });
});
