import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../test/helpers/random.ts';
import {
  analyze,
  foldWord,
  forEachTerm,
  MAX_QUERY_CLAUSES,
  parseQuery,
  type QueryClause,
  queryWords,
  stemFolded,
  tokenize,
} from './analyzer.ts';
import { snippet } from './snippet.ts';

/** Stem of a single word, through the whole analysis. */
function stemOf(word: string): string | undefined {
  return analyze(word)[0];
}

/** A compact view of parsed clauses for assertions. */
function show(clauses: QueryClause[]): string[] {
  return clauses.map((c) =>
    c.type === 'phrase' ? `"${c.words.map((w) => w.stem).join(' ')}"` : c.prefix ? `${c.word.folded}*` : c.word.stem,
  );
}

describe('French analysis', () => {
  it('folds case and accents so that accented and plain spellings give the same terms', () => {
    const cases: [string, string][] = [
      ['énergie', 'energie'],
      ['ÉNERGIE', 'énergie'],
      ['Collectivités', 'collectivites'],
      ['développement', 'developpement'],
      ['prévision', 'PREVISION'],
      ['réseau', 'reseau'],
      ['chaîne', 'chaine'],
      ['forêt', 'foret'],
      ['noël', 'noel'],
      ['façade', 'facade'],
      ['où', 'ou'],
    ];
    for (const [a, b] of cases) assert.deepEqual(analyze(a), analyze(b), `${a} / ${b}`);
  });

  it('expands the œ and æ ligatures (and other compatibility characters)', () => {
    assert.equal(foldWord('œuvre'), 'oeuvre');
    assert.equal(foldWord('Œuvre'), 'oeuvre');
    assert.equal(foldWord('cæcum'), 'caecum');
    assert.equal(foldWord('ﬁnancement'), 'financement');
    assert.deepEqual(analyze('mise en œuvre'), analyze('mise en oeuvre'));
    assert.deepEqual(analyze('Ｅｎｅｒｇｉｅ'), analyze('energie'), 'full-width letters');
  });

  it('reduces plurals and inflections to one stem', () => {
    const families: string[][] = [
      ['énergie', 'énergies', 'energies'],
      ['eau', 'eaux'],
      ['réseau', 'réseaux'],
      ['cheval', 'chevaux'],
      ['territorial', 'territoriaux'],
      ['mesurer', 'mesure', 'mesures', 'mesuré', 'mesurée', 'mesurées', 'mesurait', 'mesurant', 'mesuree'],
      ['gérer', 'géré', 'gérée', 'gère', 'gerees'],
      ['déchet', 'déchets'],
      ['détection', 'détecter', 'détectés'],
      ['prévision', 'prévisions'],
      ['collectivité', 'collectivités'],
      ['donnée', 'données', 'donnees'],
      ['analyse', 'analyser', 'analysé', 'analyses'],
      ['rénovation', 'rénovations', 'rénover'],
      ['intelligence', 'intelligente'],
      ['conflit', 'conflits'],
      ['crédit', 'crédits'],
      ['enjeu', 'enjeux'],
      ['lieu', 'lieux'],
      ['dangereux', 'dangereuse'],
      ['anglais', 'anglaise'],
    ];
    for (const family of families) {
      const stems = new Set(family.map(stemOf));
      assert.equal(stems.size, 1, `${family.join(', ')} → ${[...stems].join(', ')}`);
    }
  });

  it('removes elisions and ignores stop words', () => {
    assert.deepEqual(analyze("l'eau"), ['eau']);
    assert.deepEqual(analyze('l’énergie'), analyze('énergie'));
    assert.deepEqual(analyze("qu'il mesure jusqu'à présent"), [stemOf('mesure'), stemOf('présent')]);
    assert.deepEqual(analyze("d'une part et d'autre part"), analyze('une part autre part'));
    assert.deepEqual(analyze('le la les de des du à au aux et ou où est sont pour par dans sur avec'), []);
    assert.deepEqual(analyze('La gestion des déchets'), [stemOf('gestion'), stemOf('déchets')]);
    // « été » is also the summer: it stays a word.
    assert.deepEqual(analyze('canicule en été'), [stemOf('canicule'), stemOf('été')]);
  });

  it('tokenizes on anything that is not a letter or a digit, keeping offsets for highlighting', () => {
    const text = 'Plan « eau » : 2024-2026, co2/énergie…';
    const tokens = tokenize(text);
    assert.deepEqual(
      tokens.map((t) => t.surface),
      ['Plan', 'eau', '2024', '2026', 'co2', 'énergie'],
    );
    for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.surface);
    const withStop = tokenize("Gestion de l'eau");
    assert.deepEqual(
      withStop.map((t) => [t.surface, t.stem]),
      [
        ['Gestion', stemOf('gestion')],
        ['de', null],
        ['eau', 'eau'],
      ],
    );
    assert.equal(tokenize('Énergies')[0]?.word, 'énergies');
    assert.equal(tokenize('Énergies')[0]?.folded, 'energies');
  });

  it('keeps numbers and other scripts as terms made only of letters and digits', () => {
    assert.deepEqual(analyze('1600 km en 2019'), ['1600', stemOf('km'), '2019']);
    for (const term of analyze('Ελληνικά 中文 ㈠ ﬃ données 😀 x²')) {
      assert.match(term, /^[\p{L}\p{N}]+$/u);
    }
    assert.equal(stemFolded('2024'), '2024');
  });

  it('indexes exactly the words tokenize finds, whatever the script, marks, surrogate pairs or punctuation', () => {
    const next = seededRandom(5);
    // Letters of several scripts, combining marks, digits of other systems, letters and symbols beyond 16 bits,
    // apostrophes (elisions), spaces, punctuation, lone surrogates.
    const pieces = [
      'l’',
      "qu'",
      'd’',
      'énergie',
      'Œuvre',
      'cafe\u0301',
      '\u0301x',
      'Ελληνικά',
      'русский',
      '中文',
      'عربى',
      'हिन्दी',
      '٣٤',
      'x²',
      '½',
      'ﬃ',
      '𝒜𝒷𝒸',
      '😀',
      '\ud800',
      '\udc00',
      '-',
      ' ',
      '  ',
      '\n',
      '.',
      ',',
      '«',
      '»',
      '_',
      '’',
      'eau',
      'les',
      'des',
      '2024',
      'ß',
      'ŀl',
      'Ⅻ',
      'ª',
      'µ',
      '\u00ad',
      '\u200b',
      'ｆｕｌｌ',
    ];
    for (let round = 0; round < 2000; round++) {
      let text = '';
      for (let k = Math.floor(next() * 12); k >= 0; k--) text += pieces[Math.floor(next() * pieces.length)];
      const expected = tokenize(text).flatMap((t) => (t.stem === null ? [] : [`${t.word}/${t.stem}`]));
      const got: string[] = [];
      forEachTerm(text, (word, stem) => got.push(`${word}/${stem}`) > 0);
      assert.deepEqual(got, expected, JSON.stringify(text));
    }
  });
});

describe('Query parsing', () => {
  it('requires every word, ignores stop words and makes the last word being typed a prefix', () => {
    assert.deepEqual(show(parseQuery('gestion des déchets').clauses), [stemOf('gestion'), 'dechets*']);
    assert.deepEqual(show(parseQuery('gestion des déchets ').clauses), [stemOf('gestion'), stemOf('déchets')]);
    const prefix = parseQuery('eau énerg').clauses[1];
    assert.equal(prefix?.type === 'term' && prefix.prefix, true);
    assert.equal(prefix?.type === 'term' && prefix.word.folded, 'energ');
  });

  it('reads quoted text as a phrase, with straight, curly or French quotes', () => {
    assert.deepEqual(show(parseQuery('"eau potable" fuites ').clauses), ['"eau potabl"', stemOf('fuites')]);
    assert.deepEqual(show(parseQuery('« réseau d’eau potable »').clauses), [`"reseau eau potabl"`]);
    assert.deepEqual(show(parseQuery('“eau potable”').clauses), ['"eau potabl"']);
    // A phrase of one word is a word; an empty phrase is nothing.
    assert.deepEqual(show(parseQuery('"eau" ""').clauses), ['eau']);
  });

  it('ignores an unpaired quote and treats its words as plain words', () => {
    assert.deepEqual(show(parseQuery('"eau potable').clauses), ['eau', 'potable*']);
    assert.deepEqual(show(parseQuery('"eau" "potable ').clauses), ['eau', stemOf('potable')]);
  });

  it('turns word* into a prefix and drops a single letter being typed', () => {
    assert.deepEqual(show(parseQuery('énerg* eau ').clauses), ['energ*', 'eau']);
    assert.deepEqual(show(parseQuery('eau p').clauses), ['eau']);
    assert.deepEqual(show(parseQuery('de').clauses), []);
  });

  it('treats operators and engine syntax as plain text', () => {
    assert.deepEqual(show(parseQuery('eau AND énergie OR NOT NEAR(x) ').clauses), ['eau', stemOf('énergie'), 'x']);
    assert.deepEqual(show(parseQuery('title:eau^2 -énergie ').clauses), [
      stemOf('title'),
      'eau',
      '2',
      stemOf('énergie'),
    ]);
    assert.deepEqual(show(parseQuery("'); drop table search_documents; -- ").clauses), [
      stemOf('drop'),
      stemOf('table'),
      stemOf('search'),
      stemOf('documents'),
    ]);
  });

  it('never throws and only produces letter-and-digit terms, whatever the input', () => {
    const hostile: unknown[] = [
      '',
      '   ',
      '"',
      '""""',
      '"""eau',
      '* ( ) : ^ - " NEAR AND OR',
      'NEAR/3 eau',
      '\\',
      "'",
      "''",
      '\u0000\u0001\u001f',
      '\ud800 lone surrogate \udfff',
      '😀🚀 énergie 👍🏽',
      '\u0301\u0301 combining',
      '((((((((((((((((((((eau',
      'a'.repeat(10_000),
      'énergie '.repeat(2_000),
      '"eau '.repeat(3_000),
      Array.from({ length: 2_000 }, (_, i) => `m${i}`).join(' '),
      null,
      undefined,
      42,
      { toString: () => 'eau' },
    ];
    for (const input of hostile) {
      const q = parseQuery(input);
      assert.ok(q.clauses.length <= MAX_QUERY_CLAUSES);
      for (const { word } of queryWords(q)) {
        assert.match(word.stem, /^[\p{L}\p{N}]+$/u);
        assert.match(word.folded, /^[\p{L}\p{N}]+$/u);
      }
    }
  });

  it('cuts long words the same way at indexing and at query time', () => {
    const long = 'anticonstitutionnellement'.repeat(8);
    assert.deepEqual(analyze(long), analyze(`${long}xyz`));
    assert.equal(queryWords(parseQuery(`${long} `))[0]?.word.stem, analyze(long)[0]);
  });
});

describe('Snippets', () => {
  const text =
    "Ce projet vise à améliorer et généraliser la détection de fuites sur le réseau d'eau potable par " +
    'prélèvements sonores et à améliorer la maintenance prédictive. L’expérimentation prend place sur un ' +
    'territoire impacté par le changement climatique et représentatif des enjeux nationaux.';

  it('flags every inflection of the query words, accents or not', () => {
    const segments = snippet(text, 'fuite reseau ameliorer', 1_000);
    const marked = segments.filter((s) => s.match).map((s) => s.text);
    assert.deepEqual(marked, ['améliorer', 'fuites', 'réseau', 'améliorer']);
    assert.equal(segments.map((s) => s.text).join(''), text);
  });

  it('flags a phrase as one passage, and only where the words follow each other', () => {
    const marked = snippet(text, '"eau potable" ').filter((s) => s.match);
    assert.deepEqual(
      marked.map((s) => s.text),
      ['eau potable'],
    );
    assert.deepEqual(
      snippet(text, '"potable eau" ').filter((s) => s.match),
      [],
    );
  });

  it('flags words starting with a prefix being typed', () => {
    assert.deepEqual(
      snippet(text, 'climat')
        .filter((s) => s.match)
        .map((s) => s.text),
      ['climatique'],
    );
  });

  it('picks the window with the most query words and marks the cuts', () => {
    const long = `${'Introduction sans rapport avec la question. '.repeat(20)}${text}`;
    const segments = snippet(long, 'maintenance prédictive changement climatique ', 120);
    const joined = segments.map((s) => s.text).join('');
    assert.ok(joined.startsWith('… '), joined);
    assert.ok(joined.length <= 120 + 4, `${joined.length}`);
    assert.deepEqual(
      segments.filter((s) => s.match).map((s) => s.text),
      ['maintenance', 'prédictive', 'changement', 'climatique'],
    );
  });

  it('starts at the beginning when nothing matches, and handles empty or hostile input', () => {
    const segments = snippet(text, 'bibliothèque', 60);
    assert.equal(segments.length, 1);
    assert.equal(segments[0]?.match, false);
    assert.ok(segments[0]?.text.startsWith('Ce projet vise'));
    assert.ok(segments[0]?.text.endsWith(' …'));
    assert.deepEqual(snippet('', 'eau'), []);
    assert.deepEqual(
      snippet(text, '* ( ) : ^ - "').map((s) => s.match),
      [false],
    );
    assert.doesNotThrow(() => snippet('😀'.repeat(5_000), '😀 "eau', 50));
  });
});
