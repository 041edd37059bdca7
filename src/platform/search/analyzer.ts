import snowball from 'snowball-stemmers';

/**
 * French text analysis, done once in our code so that SQLite FTS5 and PostgreSQL tsvector index exactly the same
 * terms and therefore match exactly the same documents.
 *
 * Pipeline for each word of a text:
 *  1. tokenisation: maximal runs of letters, digits and combining marks (anything else separates words);
 *     French elided prefixes (l', d', qu', jusqu'…) are dropped;
 *  2. `word`: NFKC, lower-case, accents kept (the display form kept in the vocabulary, e.g. « énergie »);
 *  3. `folded`: accents removed, œ→oe, æ→ae (and a few other Latin letters without decomposition);
 *  4. stop words (compared on the folded form) are ignored;
 *  5. `stem`: Snowball French stem of the folded form. Stemming the folded form (rather than the accented one)
 *     makes `energie` and `énergie` give the same stem whatever the user typed. Since folding loses the « ée »
 *     ending that the French stemmer relies on for feminine participles, a folded word ending in « ee(s) » gets
 *     its accent back before stemming (« mesuree » → « mesurée » → « mesur »), and plural marks are removed first
 *     so that singular and plural forms always share their stem (see `singular`).
 *
 * Every term produced here is made only of Unicode letters and digits (no spaces, quotes or punctuation), which is
 * what makes it safe to quote inside FTS5 and tsquery expressions.
 */

/** Longest term kept (characters); longer words are cut, identically at indexing and query time. */
export const MAX_TERM_LENGTH = 64;
/**
 * Stands for an occurrence of a stem that is not indexed (PostgreSQL keeps at most 256 positions per lexeme):
 * it keeps the positions of the following words and can never be matched (it is not a letter or digit).
 */
export const UNINDEXED_OCCURRENCE = '\u2063';
/** At most this many occurrences of one stem are indexed in a document. */
export const MAX_OCCURRENCES = 256;
/** Query text beyond this length is ignored. */
export const MAX_QUERY_LENGTH = 500;
/** At most this many clauses (terms or phrases) are used from a query; the rest is ignored. */
export const MAX_QUERY_CLAUSES = 32;
/** A prefix (typing) term needs at least this many characters. */
export const MIN_PREFIX_LENGTH = 2;

// Folded forms. Written for this project: articles, pronouns, prepositions, conjunctions, auxiliaries and the
// most common adverbs. Deliberately not included: « été » (also the summer), « non », « est » is included although
// it also names a direction (« Grand Est »): as a verb it is far too frequent to be a useful required term.
const STOP_WORDS_LIST = `
a afin ai aie aient aies ait as au aucun aucune aupres auquel aura aurai auraient aurais aurait auras aurez auriez
aurons auront aussi autant aux auxquelles auxquels avaient avais avait avant avec avez aviez avions avoir avons ayant
ayez ayons
c ca car ce ceci cela celle celles celui cependant ces cet cette ceux chacun chacune chaque chez ci comme comment
d dans de des desquelles desquels deja donc dont du duquel
elle elles en encore entre es est et etaient etais etait etant etc etes etiez etions etre eu eue eues eurent eus eut
eux
fut furent
il ils
j je jusqu jusque
l la laquelle le lequel les lesquelles lesquels leur leurs lorsqu lorsque lui
m ma mais me meme memes mes moi mon
n ne ni nos notre nous
on ont or ou
par parce pas pendant peu plus plutot pour pourquoi puis puisqu puisque
qu quand que quel quelle quelles quels qui quoi quoiqu quoique
s sa sans se selon sera serai seraient serais serait seras serez seriez serions serons seront ses si soi soient sois
soit sommes son sont sous soyez soyons suis sur
t ta tandis te tes toi ton tous tout toute toutes tres tu
un une
vers via voici voila vos votre vous
y
`;

const STOP_WORDS: ReadonlySet<string> = new Set(STOP_WORDS_LIST.split(/\s+/).filter(Boolean));

/** Elided forms that precede an apostrophe (folded): « l'eau », « qu'il », « jusqu'à »… */
const ELISIONS: ReadonlySet<string> = new Set([
  'l',
  'd',
  'j',
  'm',
  'n',
  's',
  't',
  'c',
  'qu',
  'jusqu',
  'lorsqu',
  'puisqu',
  'quoiqu',
  'presqu',
]);

const APOSTROPHES = new Set(["'", '’', 'ʼ', '‘', '`', '´', '′']);

/** Letters that NFD does not decompose, mapped to their French-keyboard equivalents. */
const EXTRA_FOLDS: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ŀ: 'l',
};
const EXTRA_FOLD_RE = /[œæßøłđðþıŀ]/g;

const WORD_RE = /[\p{L}\p{N}\p{M}]+/gu;

/** Keeps at most `max` code points (never cuts a surrogate pair). */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  return Array.from(s).slice(0, max).join('');
}

/** Display form of a word: NFKC, lower-case, only letters and digits, accents kept (NFC). */
export function normalizeWord(raw: string): string {
  const w = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '')
    .normalize('NFC')
    .replace(/^\p{M}+/u, '');
  return cut(w, MAX_TERM_LENGTH);
}

/** Lower-case, accents removed, ligatures expanded; only letters and digits remain. */
export function foldWord(raw: string): string {
  const f = raw
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(EXTRA_FOLD_RE, (c) => EXTRA_FOLDS[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, '');
  return cut(f, MAX_TERM_LENGTH);
}

/** True for a folded word that carries no meaning for search (« le », « des », « qu »…). */
export function isStopWord(folded: string): boolean {
  return STOP_WORDS.has(folded);
}

const stemmer = snowball.newStemmer('french');
const stemCache = new Map<string, string>();
/** Entries per cache (word forms, stems): a French corpus' common words fit; the unique ones (numbers, names) do
 * not grow the heap with the size of what is indexed (an import of 100,000 rows once kept ~750 bytes per row here). */
const STEM_CACHE_LIMIT = 20_000;
/** Longer words (made up, or pasted garbage) are analysed each time, never kept: the caches stay a few MB. */
const CACHED_WORD_MAX = 40;

/** Nouns in « -eu » whose plural takes an x (adjectives in « -eux » keep it: « dangereux »). */
const EU_NOUNS = ['jeu', 'lieu', 'feu', 'cheveu', 'voeu', 'aveu', 'neveu', 'dieu', 'pneu', 'essieu', 'moyeu'];

/**
 * Removes a plural mark before stemming so that singular and plural always stem alike. Snowball removes a final
 * « s » only as its last step, after verb endings were matched on the plural form: « conflit » gave « confl » but
 * « conflits » « conflit ». The « s » is removed where Snowball would remove it (not after a, i, o, u or s).
 */
function singular(folded: string): string {
  if (folded.length >= 4 && /[^aiosu]s$/.test(folded)) return folded.slice(0, -1);
  if (folded.endsWith('eux') && EU_NOUNS.some((n) => folded.endsWith(`${n}x`))) return folded.slice(0, -1);
  return folded;
}

/** Snowball French stem of a folded word (see the module comment). Digits-only words are kept as they are. */
export function stemFolded(folded: string): string {
  if (!folded) return folded;
  const cached = stemCache.get(folded);
  if (cached !== undefined) return cached;
  let out: string;
  if (/^\p{N}+$/u.test(folded)) {
    out = folded;
  } else {
    out = foldWord(stemmer.stem(singular(folded).replace(/ee$/, 'ée'))) || folded;
  }
  if (folded.length > CACHED_WORD_MAX) return out;
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(folded, out);
  return out;
}

interface WordForms {
  word: string;
  folded: string;
  stem: string | null;
}
const formsCache = new Map<string, WordForms | null>();

/** The forms of a word as written (cached: texts repeat their words). Null when nothing indexable remains. */
function wordForms(surface: string): WordForms | null {
  let forms = formsCache.get(surface);
  if (forms !== undefined) return forms;
  const word = normalizeWord(surface);
  const folded = word ? foldWord(word) : '';
  forms = folded ? { word, folded, stem: isStopWord(folded) ? null : stemFolded(folded) } : null;
  if (surface.length > CACHED_WORD_MAX) return forms;
  if (formsCache.size >= STEM_CACHE_LIMIT) formsCache.clear();
  formsCache.set(surface, forms);
  return forms;
}

/** One word of a text, with where it is in that text (UTF-16 offsets, end exclusive). */
export interface Token {
  /** The word as written. */
  surface: string;
  start: number;
  end: number;
  /** Lower-case display form with accents (« énergies »). */
  word: string;
  /** Lower-case, accents folded (« energies »). */
  folded: string;
  /** Indexed term (« energ »), or null for a stop word. */
  stem: string | null;
}

/**
 * Splits a text into words with their offsets. Elided prefixes (« l' », « qu' »…) are not returned; stop words are
 * returned with `stem: null` so that highlighting can still see them.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  if (typeof text !== 'string' || !text) return tokens;
  for (const m of text.matchAll(WORD_RE)) {
    const surface = m[0];
    const start = m.index ?? 0;
    const end = start + surface.length;
    const forms = wordForms(surface);
    if (!forms) continue;
    // « l'énergie », « qu'il »: the elided article is no word of its own.
    if (ELISIONS.has(forms.folded) && APOSTROPHES.has(text[end] ?? '') && /[\p{L}\p{N}]/u.test(text[end + 1] ?? '')) {
      continue;
    }
    tokens.push({ surface, start, end, word: forms.word, folded: forms.folded, stem: forms.stem });
  }
  return tokens;
}

/** A code point of a word (a letter, a digit or a mark: what `WORD_RE` matches). */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Whether each UTF-16 unit below 0x800 is a word character (Latin, Greek, Cyrillic…: nearly every text). */
const WORD_UNITS = Uint8Array.from({ length: 0x800 }, (_, c) => (WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0));

/** Where the word character at `i` ends (`i` itself when there is none): code points, surrogate pairs included. */
function wordCharEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x800) return WORD_UNITS[c] ? i + 1 : i;
  const cp = text.codePointAt(i)!;
  return WORD_CHAR.test(String.fromCodePoint(cp)) ? i + (cp > 0xffff ? 2 : 1) : i;
}

/**
 * The indexed words of a text, in order, for indexing: `visit(word, stem)` for each word `tokenize` gives a stem
 * (the same words, elisions and stop words left out alike), without the offsets and objects highlighting needs.
 * Stops when `visit` returns false. The words are the runs `WORD_RE` finds, read with a table of characters: about
 * 30 % less time than the expression on sheets of 1 KB of French.
 */
export function forEachTerm(text: string, visit: (word: string, stem: string) => boolean): void {
  if (typeof text !== 'string' || !text) return;
  const n = text.length;
  let i = 0;
  while (i < n) {
    let end = wordCharEnd(text, i);
    if (end === i) {
      i++;
      continue;
    }
    for (;;) {
      const next = end < n ? wordCharEnd(text, end) : end;
      if (next === end) break;
      end = next;
    }
    const forms = wordForms(text.slice(i, end));
    i = end;
    if (!forms || forms.stem === null) continue;
    if (ELISIONS.has(forms.folded) && APOSTROPHES.has(text[end] ?? '') && /[\p{L}\p{N}]/u.test(text[end + 1] ?? '')) {
      continue;
    }
    if (!visit(forms.word, forms.stem)) break;
  }
}

/** The indexed terms of a text, in order (stop words left out). */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) if (t.stem !== null) out.push(t.stem);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Queries

/** One word of a query. */
export interface QueryWord {
  surface: string;
  start: number;
  end: number;
  word: string;
  folded: string;
  stem: string;
}

export type QueryClause =
  /** A word that must appear (any inflection); with `prefix`, any word starting with `folded` also matches. */
  | { type: 'term'; word: QueryWord; prefix: boolean }
  /** Words that must appear next to each other, in this order (stop words between them are ignored). */
  | { type: 'phrase'; words: QueryWord[] };

/** A query's clauses `from`…`to - 1` (all of them required), or any of `alternatives` (stem sequences: synonyms). */
export interface QueryExpansion {
  from: number;
  to: number;
  alternatives: string[][];
}

/** A user query, reduced to what the search engines will run. Every clause must match (AND). */
export interface SearchQuery {
  /** The text the query was parsed from (after the length cut). */
  text: string;
  clauses: QueryClause[];
  /** Runs of clauses that may be replaced by synonyms (synonyms.ts `expandSynonyms`), left to right, disjoint. */
  expansions?: QueryExpansion[];
}

const QUOTES = new Set(['"', '“', '”', '«', '»', '„', '‟', '＂']);
/** Upper-case operator words people type out of habit; the search has no boolean syntax, so they are ignored. */
const OPERATOR_WORDS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

function queryWord(t: Token): QueryWord {
  return { surface: t.surface, start: t.start, end: t.end, word: t.word, folded: t.folded, stem: t.stem ?? '' };
}

/**
 * Parses what a user typed. Never throws, whatever the input.
 * - words outside quotes are terms, all required;
 * - text between double quotes (" ", “ ”, « ») is a phrase; an unpaired quote is ignored;
 * - the last word is a prefix when the query does not end with a space or punctuation (the user is typing),
 *   and any word directly followed by `*` is a prefix;
 * - stop words, upper-case AND/OR/NOT/NEAR, punctuation and symbols are ignored.
 */
export function parseQuery(input: unknown): SearchQuery {
  let text = typeof input === 'string' ? input : '';
  let truncated = false;
  if (text.length > MAX_QUERY_LENGTH) {
    text = cut(text, MAX_QUERY_LENGTH);
    truncated = true;
  }
  const clauses: QueryClause[] = [];
  // Split into alternating outside / inside-quotes segments; quotes pair up in order of appearance.
  const quotePositions: number[] = [];
  for (let i = 0; i < text.length; i++) if (QUOTES.has(text[i] as string)) quotePositions.push(i);
  if (quotePositions.length % 2 === 1) quotePositions.pop();
  const segments: { from: number; to: number; phrase: boolean }[] = [];
  let cursor = 0;
  for (let i = 0; i < quotePositions.length; i += 2) {
    const open = quotePositions[i] as number;
    const close = quotePositions[i + 1] as number;
    if (open > cursor) segments.push({ from: cursor, to: open, phrase: false });
    segments.push({ from: open + 1, to: close, phrase: true });
    cursor = close + 1;
  }
  if (cursor < text.length) segments.push({ from: cursor, to: text.length, phrase: false });

  const seen = new Set<string>();
  for (const seg of segments) {
    const part = text.slice(seg.from, seg.to);
    const tokens = tokenize(part).map((t) => ({ ...t, start: t.start + seg.from, end: t.end + seg.from }));
    if (seg.phrase) {
      const words = tokens.filter((t) => t.stem !== null).map(queryWord);
      if (words.length === 1) {
        const w = words[0] as QueryWord;
        if (!seen.has(`t:${w.stem}`)) {
          seen.add(`t:${w.stem}`);
          clauses.push({ type: 'term', word: w, prefix: false });
        }
      } else if (words.length > 1) {
        const key = `p:${words.map((w) => w.stem).join(' ')}`;
        if (!seen.has(key)) {
          seen.add(key);
          clauses.push({ type: 'phrase', words: words.slice(0, MAX_QUERY_CLAUSES) });
        }
      }
      continue;
    }
    for (const t of tokens) {
      if (OPERATOR_WORDS.has(t.surface)) continue;
      const starred = text[t.end] === '*';
      const typing = !truncated && t.end === text.length;
      let prefix = starred || typing;
      if (prefix && t.folded.length < MIN_PREFIX_LENGTH) {
        // « eau é… »: a single letter being typed says nothing yet.
        if (typing && !starred) continue;
        prefix = false;
      }
      if (t.stem === null) {
        // A stop word is kept only when explicitly asked as a prefix (« de* »).
        if (!starred || t.folded.length < MIN_PREFIX_LENGTH) continue;
      }
      const word = queryWord(t);
      if (!word.stem) word.stem = stemFolded(t.folded);
      const key = prefix ? `x:${word.folded}` : `t:${word.stem}`;
      if (seen.has(key)) continue;
      seen.add(key);
      clauses.push({ type: 'term', word, prefix });
    }
  }
  return { text, clauses: clauses.slice(0, MAX_QUERY_CLAUSES) };
}

/** True when a query has nothing to search for (empty, only stop words or symbols). */
export function isEmptyQuery(q: SearchQuery): boolean {
  return q.clauses.length === 0;
}

/** Every query word, in order (terms and phrase words). */
export function queryWords(q: SearchQuery): { word: QueryWord; prefix: boolean }[] {
  const out: { word: QueryWord; prefix: boolean }[] = [];
  for (const c of q.clauses) {
    if (c.type === 'term') out.push({ word: c.word, prefix: c.prefix });
    else for (const w of c.words) out.push({ word: w, prefix: false });
  }
  return out;
}
