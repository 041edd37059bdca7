import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuery } from './analyzer.ts';
import { compileSynonyms, expandSynonyms } from './synonyms.ts';

const set = compileSynonyms([
  ['vidéoprotection', 'vidéosurveillance', 'caméra'],
  ['chatbot', 'agent conversationnel', 'assistant virtuel'],
  ['IA générative', 'LLM', 'modèle de langage'],
  ['IA', 'intelligence artificielle'],
]);

test('a word of a group is expanded to the other expressions of its group, analysed (accents, plurals)', () => {
  const q = expandSynonyms(parseQuery('Caméras '), set);
  assert.deepEqual(q.expansions, [{ from: 0, to: 1, alternatives: [['videoprotect'], ['videosurveil']] }]);
});

test('an expression of several words is recognised on consecutive words, the longest first', () => {
  const q = expandSynonyms(parseQuery('IA générative pour les agents '), set);
  assert.equal(q.expansions?.length, 1);
  assert.deepEqual(q.expansions![0]!.from, 0);
  assert.deepEqual(q.expansions![0]!.to, 2);
  assert.deepEqual(q.expansions![0]!.alternatives, [['llm'], ['model', 'langag']]);
  // « agent » alone is not « agent conversationnel ».
  assert.equal(expandSynonyms(parseQuery('agent accueil '), set).expansions, undefined);
  // « IA » alone belongs to its own group.
  assert.deepEqual(expandSynonyms(parseQuery('IA '), set).expansions![0]!.alternatives, [
    ['intelligent', 'artificiel'],
  ]);
});

test('a quoted phrase is an expression on its own; words outside groups are left as they are', () => {
  const q = expandSynonyms(parseQuery('"assistant virtuel" mairie'), set);
  assert.deepEqual(q.expansions, [{ from: 0, to: 1, alternatives: [['chatbot'], ['agent', 'conversationnel']] }]);
  assert.equal(q.clauses.length, 2);
});

test('groups of fewer than two searchable expressions are ignored', () => {
  const none = compileSynonyms([['les', 'caméra'], ['photovoltaïque']]);
  assert.equal(none.size, 0);
  assert.equal(expandSynonyms(parseQuery('caméra'), none).expansions, undefined);
});
