// Plain language on the sheet page (pure): which sentences of the « En bref » summary are too long, and which texts
// are cut for the glossary (one section per form step, the summary its own).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GlossarySegment } from '../ports.ts';
import { linkSheetTexts, longSentences } from './plain-language.ts';

test('sentences past twenty words are pointed at by their first words; short ones pass', () => {
  const long =
    'Le système lit chaque matin les inscriptions de la veille, les menus prévus, la météo annoncée et les vacances scolaires pour proposer un nombre de repas.';
  assert.deepEqual(longSentences(`Le système prévoit les repas. ${long} Un agent vérifie.`), [
    { words: 26, start: 'Le système lit chaque matin les' },
  ]);
  assert.deepEqual(longSentences('Court. Très court ! Encore ?'), []);
  assert.equal(longSentences('un – deux – trois', 2).length, 1, 'dashes are not words');
});

test('the summary is its own section; each form step shares one set of seen terms', () => {
  const calls: { text: string; seen: Set<string> }[] = [];
  const link = (text: string, seen: Set<string>): GlossarySegment[] => {
    calls.push({ text, seen });
    return [{ text }];
  };
  const out = linkSheetTexts(
    { plainSummary: 'En bref', description: 'Description', goal: 'Objectif', algorithmDescription: 'Algo', title: 'T' },
    link,
  );
  assert.deepEqual(Object.keys(out).sort(), ['algorithmDescription', 'description', 'goal', 'plainSummary']);
  const seenOf = (text: string) => calls.find((c) => c.text === text)!.seen;
  assert.equal(seenOf('Description'), seenOf('Objectif'), 'same step, same set');
  assert.notEqual(seenOf('Description'), seenOf('Algo'), 'another step, another set');
  assert.notEqual(seenOf('En bref'), seenOf('Description'));
});
