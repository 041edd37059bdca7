// The pure rules of initiatives: resources as people type them, what review needs, the census mapping, and the
// Manifesto's commitments as data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { participation } from '../questionnaires/index.ts';
import { initiativeFromCensus, mapsToInitiative } from './census.ts';
import { COMMITMENT_CODES, COMMITMENTS, MANIFESTO } from './commitments.ts';
import { completenessProblems, contentOf, emptyContent, readResources, resourcesText } from './model.ts';

test('resources: « label | address » or the address alone, one per line; a wrong line is named', () => {
  const read = readResources('Compte rendu | https://ville.fr/cr\n\n  http://ville.fr/carte  ');
  assert.deepEqual(read, {
    resources: [
      { label: 'Compte rendu', url: 'https://ville.fr/cr' },
      { label: 'http://ville.fr/carte', url: 'http://ville.fr/carte' },
    ],
  });
  assert.equal(
    resourcesText('resources' in read ? read.resources : []),
    'Compte rendu | https://ville.fr/cr\nhttp://ville.fr/carte',
  );
  assert.deepEqual(readResources('ok | https://a.fr\njavascript:alert(1)'), {
    error: 'Ressources, ligne 2 : seules les adresses https:// (ou http://) sont acceptées.',
  });
});

test('review needs the plain summary, summary, format, a topic, a public and a start date; a draft only its title', () => {
  assert.deepEqual(Object.keys(completenessProblems({ ...emptyContent(), title: 'Titre' })), [
    'en_bref',
    'resume',
    'format',
    'sujets',
    'publics',
    'debut',
  ]);
});

test('stored content is read back whole, whatever a row lacks', () => {
  assert.equal(contentOf('not json'), null);
  const c = contentOf('{"title":"T","topics":["ai",3],"participants":"12"}')!;
  assert.equal(c.title, 'T');
  assert.deepEqual(c.topics, ['ai']);
  assert.equal(c.participants, null);
  assert.deepEqual(c.resources, []);
});

test('the participation census maps to a draft initiative; other forms do not', () => {
  assert.equal(mapsToInitiative(participation), true);
  assert.equal(mapsToInitiative({ ...participation, pages: [] }), false);
  const c = initiativeFromCensus(participation, {
    formats: ['atelier', 'debat_public', 'other'],
    'formats.other': 'Balade urbaine',
    sujets: ['inclusion', 'infrastructures'],
    publics: ['seniors', 'eloignes_numerique', 'martiens'],
    eloignes_comment: 'Des permanences au marché.',
    leviers: ['partenaires'],
    freins: ['moyens'],
    resultats: 'Un guichet numérique ouvert le samedi.',
    compte_rendu: 'https://ville.fr/bilan',
    derniere_demarche: '2025-06-14',
  });
  assert.equal(c.format, 'workshop');
  assert.equal(c.title, 'Atelier : inclusion numérique');
  assert.deepEqual(c.topics, ['digital_inclusion', 'infrastructure_5g']);
  assert.deepEqual(c.publics, ['seniors', 'eloignes_numerique']);
  assert.equal(c.farFromDigital, 'Des permanences au marché.');
  assert.equal(c.strengths, 'Des partenaires associatifs ou des médiateurs numériques');
  assert.equal(c.obstacles, 'Le manque de temps ou de moyens');
  assert.equal(c.startDate, '2025-06-14');
  assert.deepEqual(c.resources, [{ label: 'Compte rendu public', url: 'https://ville.fr/bilan' }]);
  assert.deepEqual(c.commitments, ['inclusion', 'infrastructures', 'intelligence_collective']);
  assert.match(c.summary, /Formats utilisés : Ateliers de travail avec des habitants ; Débat public/);
  assert.equal(c.plainSummary, '', 'the plain summary is the authority’s to write');
});

test('the Manifesto: nine commitments in three ambitions, unique codes, the source named', () => {
  assert.equal(COMMITMENTS.length, 9);
  assert.equal(new Set(COMMITMENT_CODES).size, 9);
  assert.deepEqual(
    COMMITMENTS.map((c) => c.number),
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.deepEqual([...new Set(COMMITMENTS.map((c) => c.ambition))], [1, 2, 3]);
  assert.match(MANIFESTO.source, /AdCF.*France urbaine.*Les Interconnectés/);
  assert.ok(MANIFESTO.source.includes(MANIFESTO.url), 'the source cites its address');
  assert.match(MANIFESTO.url, /^https:\/\/franceurbaine\.org\//);
});
