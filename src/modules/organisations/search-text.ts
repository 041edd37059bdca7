/**
 * How the authority directory finds organisations by what people type (the picker, the list's search box, the
 * API): folding, the stored search text, the parsed query, and the relevance tier. Pure code; the same functions
 * build the stored text and match it, so SQLite and PostgreSQL agree.
 */
import { normaliseIdentifier } from './identifiers.ts';

/**
 * Folds text for matching: lower-case, accents removed, œ/æ expanded, every other character (hyphen, apostrophe,
 * punctuation) becomes a space, spaces collapsed. « L'Haÿ-les-Roses » -> « l hay les roses ».
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Abbreviations written out so that either form finds a name. */
const WORD_EXPANSIONS: Record<string, string> = {
  st: 'saint',
  ste: 'sainte',
  sts: 'saints',
  stes: 'saintes',
};

/** Leading abbreviations of EPCI names (« CC du Pays… ») and what they stand for. */
const NAME_PREFIX_EXPANSIONS: Record<string, string> = {
  cc: 'communaute de communes',
  ca: 'communaute d agglomeration',
  cu: 'communaute urbaine',
};

/** The name as compared for exact and prefix matches: folded, with « st »/« ste » written out. */
export function nameKey(name: string): string {
  return foldText(name)
    .split(' ')
    .map((w) => WORD_EXPANSIONS[w] ?? w)
    .join(' ');
}

export interface SearchableOrganisation {
  name: string;
  inseeCode?: string | null;
  siren?: string | null;
  postcodes?: readonly string[];
}

/**
 * The text an organisation is found by: « ␠name key␠|␠ » then the written-out form of a leading « CC »/« CA »/« CU »,
 * INSEE code, SIREN and postcodes, with a leading and trailing space so that `LIKE '% token%'` matches word
 * starts only, and the « | » marking where the name ends (so that SQL can rank exact and prefix name matches).
 * Stored in a column; the same function runs for every row, so SQLite and PostgreSQL agree.
 */
export function searchText(org: SearchableOrganisation): string {
  const words = [nameKey(org.name), '|'];
  const first = foldText(org.name).split(' ')[0] ?? '';
  const expansion = NAME_PREFIX_EXPANSIONS[first];
  if (expansion) words.push(expansion);
  if (org.inseeCode) words.push(foldText(org.inseeCode));
  if (org.siren) words.push(org.siren);
  for (const p of org.postcodes ?? []) words.push(foldText(p));
  return ` ${words.join(' ')} `;
}

export interface OrganisationQuery {
  /** The query as typed, trimmed. */
  raw: string;
  /** The query's name key (for exact and prefix ranking). */
  key: string;
  /**
   * Each term must match the start of a word of `searchText`; a term is a list of alternatives
   * (« st » -> ['saint', 'st'] so that typing « st » still finds « Strasbourg » on the way).
   */
  terms: string[][];
}

/**
 * Parses what a person typed in the picker. Digits typed with spaces (« 217 500 016 ») are joined; a SIRET
 * (14 digits, or 10–13 while typing) is reduced to its SIREN since organisations are found by SIREN.
 * Returns null when nothing searchable remains.
 */
export function parseOrganisationQuery(input: string): OrganisationQuery | null {
  const raw = (input ?? '').trim().slice(0, 200);
  let compact = raw;
  // Join digit groups: « 217 500 016 00019 » -> « 21750001600019 ».
  if (/^[\d\s\u00a0\u202f.]+$/.test(raw)) compact = normaliseIdentifier(raw);
  const folded = foldText(compact);
  if (!folded) return null;
  const terms: string[][] = [];
  for (let word of folded.split(' ')) {
    if (/^\d{10,14}$/.test(word)) word = word.slice(0, 9);
    const expanded = WORD_EXPANSIONS[word];
    terms.push(expanded ? [expanded, word] : [word]);
  }
  return { raw, key: nameKey(compact), terms };
}

/** True when every term of the query matches the start of a word of the search text. */
export function matchesQuery(text: string, query: OrganisationQuery): boolean {
  return query.terms.every((alternatives) => alternatives.some((t) => text.includes(` ${t}`)));
}

/**
 * Relevance tier (lower is better): 0 exact name, 1 name starts with the query, 2 a name word starts with the
 * query, 3 other matches (postcode, code, scattered words). Within a tier, larger populations come first.
 */
export function relevanceTier(name: string, query: OrganisationQuery): number {
  const key = nameKey(name);
  if (key === query.key) return 0;
  if (key.startsWith(query.key)) return 1;
  if (` ${key}`.includes(` ${query.key}`)) return 2;
  return 3;
}

export interface RankableOrganisation extends SearchableOrganisation {
  code: string;
  population?: number | null;
}

/**
 * Orders matches by relevance tier, then population (largest first), then code (deterministic, ASCII, so both
 * databases agree). Pure; the store mirrors it in SQL.
 */
export function compareForQuery<T extends RankableOrganisation>(query: OrganisationQuery): (a: T, b: T) => number {
  return (a, b) =>
    relevanceTier(a.name, query) - relevanceTier(b.name, query) ||
    (b.population ?? -1) - (a.population ?? -1) ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * The relevance tier of a row by its stored search text (lower is better): 0 its name is the query, 1 its name
 * starts with the query, 2 a word of its name does, 3 another match. The same rules as `relevanceTier`, read from
 * the stored text as the directory's SQL ranking read it (`LIKE` patterns on « ␠ » + search_text).
 */
export function tierOfSearchText(text: string, key: string): number {
  const spaced = ` ${text}`;
  if (spaced.startsWith(`  ${key} |`) || spaced === ` ${key}`) return 0;
  if (spaced.startsWith(`  ${key}`) || spaced.startsWith(` ${key}`)) return 1;
  const at = spaced.indexOf(` ${key}`);
  if (at >= 0 && spaced.indexOf('|', at + key.length + 1) >= 0) return 2;
  return 3;
}

/**
 * What the directory's text search does with a query: null when nothing is searchable, else the tier of a stored
 * search text (-1 when one of the query's terms starts no word of it).
 */
export function directoryMatcher(input: string): ((text: string) => number) | null {
  const query = parseOrganisationQuery(input);
  if (!query) return null;
  const { terms, key } = query;
  return (text) => {
    const spaced = ` ${text}`;
    for (const alternatives of terms) {
      if (!alternatives.some((t) => spaced.includes(` ${t}`))) return -1;
    }
    return tierOfSearchText(text, key);
  };
}
