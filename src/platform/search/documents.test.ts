import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseDocument, editDistance } from './documents.ts';

describe('Edit distance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    assert.equal(editDistance('enegrie', 'energie'), 1);
    assert.equal(editDistance('energi', 'energie'), 1);
    assert.equal(editDistance('enrgie', 'energie'), 1);
    assert.equal(editDistance('eua', 'eau'), 1);
    assert.equal(editDistance('chat', 'chien'), 3);
    assert.equal(editDistance('', 'ab'), 2);
  });
});

describe('documents as the index stores them', () => {
  it('keeps title and body stems apart, and the distinct word forms without stop words', () => {
    const doc = analyseDocument({ kind: 'notes', id: 3, title: 'Les écoles', body: 'Une école, des écoles.' });
    assert.equal(doc.titleStems.length, 1);
    assert.equal(doc.bodyStems.length, 2);
    assert.equal(doc.titleStems[0], doc.bodyStems[0]);
    assert.deepEqual(doc.words, ['école', 'écoles']);
  });

  it('refuses a document without a kind or with a fractional id', () => {
    assert.throws(() => analyseDocument({ kind: '', id: 1, title: '', body: '' }), /type de document invalide/);
    assert.throws(() => analyseDocument({ kind: 'x', id: 1.5, title: '', body: '' }), /identifiant de document/);
  });
});
