import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_OCCURRENCES, tokenize, UNINDEXED_OCCURRENCE } from './analyzer.ts';
import { analyseDocument, editDistance, MAX_INDEXED_TERMS, wordInfo } from './documents.ts';

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
    // Both forms share one stem: the vocabulary counts it once for the document.
    assert.deepEqual(doc.wordStems, [doc.titleStems[0]]);
  });

  it('gives the distinct stems of its words as the vocabulary computes them word by word', () => {
    const doc = analyseDocument({
      kind: 'notes',
      id: 4,
      title: 'Prévision des repas servis',
      body: "L'énergie des écoles, les énergies d'une école ; prévisions, repas, cantines et cantine. ".repeat(3),
    });
    assert.ok(doc.words.length > doc.wordStems.length);
    assert.deepEqual(new Set(doc.wordStems), new Set(doc.words.map((w) => wordInfo(w).stem)));
    assert.equal(new Set(doc.wordStems).size, doc.wordStems.length);
  });

  it('indexes exactly the words and stems the highlighter sees (elisions, stop words, repeats, the length cut)', () => {
    const texts = [
      "L'énergie d'aujourd'hui : qu'il pleuve ou non, jusqu'à la presqu'île et presqu' île, l' eau, d'Œuvre.",
      'Les ÉCOLES, des écoles… « Coopération » — n° 12 345 ; 3,14 % ; e\u0301cole (accent combinant).',
      'cantine '.repeat(MAX_OCCURRENCES + 5),
      'mot'.concat(' mot', ' autre'.repeat(MAX_INDEXED_TERMS)),
      '',
    ];
    for (const title of texts) {
      for (const body of texts) {
        const doc = analyseDocument({ kind: 'notes', id: 1, title, body });
        const stemsOf = (text: string, max: number) => {
          return tokenize(text)
            .filter((t) => t.stem !== null)
            .slice(0, max)
            .map((t) => ({ word: t.word, stem: t.stem! }));
        };
        const titleTerms = stemsOf(title, 1000);
        const bodyTerms = stemsOf(body, MAX_INDEXED_TERMS - titleTerms.length);
        const counts = new Map<string, number>();
        const expected = (terms: { stem: string }[]) =>
          terms.map(({ stem }) => {
            const n = (counts.get(stem) ?? 0) + 1;
            counts.set(stem, n);
            return n > MAX_OCCURRENCES ? UNINDEXED_OCCURRENCE : stem;
          });
        assert.deepEqual(doc.titleStems, expected(titleTerms));
        assert.deepEqual(doc.bodyStems, expected(bodyTerms));
        assert.deepEqual(doc.words, [...new Set([...titleTerms, ...bodyTerms].map((t) => t.word))].sort());
      }
    }
  });

  it('refuses a document without a kind or with a fractional id', () => {
    assert.throws(() => analyseDocument({ kind: '', id: 1, title: '', body: '' }), /type de document invalide/);
    assert.throws(() => analyseDocument({ kind: 'x', id: 1.5, title: '', body: '' }), /identifiant de document/);
  });
});
