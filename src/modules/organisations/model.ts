/**
 * Organisations (authorities and other public bodies): types, SIREN/SIRET rules and search normalisation.
 * Pure code only: no I/O. Other modules import organisation types from here (this module owns them).
 */

// ---------------------------------------------------------------------------------------------------------------
// Organisation types
// ---------------------------------------------------------------------------------------------------------------

/** Stable codes of organisation types. Order is the display order. */
export const ORGANISATION_TYPE_CODES = [
  'commune',
  'metropole',
  'communaute_urbaine',
  'communaute_agglomeration',
  'communaute_communes',
  'epci',
  'departement',
  'region',
  'syndicat_mixte',
  'operateur',
  'association',
  'etablissement_public',
  'autre',
] as const;

export type OrganisationType = (typeof ORGANISATION_TYPE_CODES)[number];

export interface OrganisationTypeInfo {
  code: OrganisationType;
  /** French label, singular, capitalised (« Communauté de communes »). */
  label: string;
  /** French label, plural (for filters and headings). */
  plural: string;
  /** Loaded from the official geographic code (true) or created by an administrator (false). */
  geographic: boolean;
  /** An intercommunal body (EPCI) of any kind. */
  intercommunal: boolean;
}

export const ORGANISATION_TYPES: readonly OrganisationTypeInfo[] = [
  { code: 'commune', label: 'Commune', plural: 'Communes', geographic: true, intercommunal: false },
  { code: 'metropole', label: 'Métropole', plural: 'Métropoles', geographic: true, intercommunal: true },
  {
    code: 'communaute_urbaine',
    label: 'Communauté urbaine',
    plural: 'Communautés urbaines',
    geographic: true,
    intercommunal: true,
  },
  {
    code: 'communaute_agglomeration',
    label: "Communauté d'agglomération",
    plural: "Communautés d'agglomération",
    geographic: true,
    intercommunal: true,
  },
  {
    code: 'communaute_communes',
    label: 'Communauté de communes',
    plural: 'Communautés de communes',
    geographic: true,
    intercommunal: true,
  },
  {
    code: 'epci',
    label: 'Autre établissement intercommunal',
    plural: 'Autres établissements intercommunaux',
    geographic: true,
    intercommunal: true,
  },
  { code: 'departement', label: 'Département', plural: 'Départements', geographic: true, intercommunal: false },
  { code: 'region', label: 'Région', plural: 'Régions', geographic: true, intercommunal: false },
  {
    code: 'syndicat_mixte',
    label: 'Syndicat mixte',
    plural: 'Syndicats mixtes',
    geographic: false,
    intercommunal: true,
  },
  {
    code: 'operateur',
    label: 'Opérateur public',
    plural: 'Opérateurs publics',
    geographic: false,
    intercommunal: false,
  },
  { code: 'association', label: 'Association', plural: 'Associations', geographic: false, intercommunal: false },
  {
    code: 'etablissement_public',
    label: 'Établissement public',
    plural: 'Établissements publics',
    geographic: false,
    intercommunal: false,
  },
  { code: 'autre', label: 'Autre organisme', plural: 'Autres organismes', geographic: false, intercommunal: false },
];

const TYPE_BY_CODE = new Map<string, OrganisationTypeInfo>(ORGANISATION_TYPES.map((t) => [t.code, t]));

export function isOrganisationType(value: unknown): value is OrganisationType {
  return typeof value === 'string' && TYPE_BY_CODE.has(value);
}

export function organisationTypeInfo(code: OrganisationType): OrganisationTypeInfo {
  const info = TYPE_BY_CODE.get(code);
  if (!info) throw new Error(`Type d'organisation inconnu : ${code}`);
  return info;
}

export function organisationTypeLabel(code: string): string {
  return TYPE_BY_CODE.get(code)?.label ?? code;
}

/** Types that come from the official geographic code (never created by hand). */
export const GEOGRAPHIC_TYPES: readonly OrganisationType[] = ORGANISATION_TYPES.filter((t) => t.geographic).map(
  (t) => t.code,
);

/** Types an administrator may create ("other bodies"). */
export const OTHER_BODY_TYPES: readonly OrganisationType[] = ORGANISATION_TYPES.filter((t) => !t.geographic).map(
  (t) => t.code,
);

// ---------------------------------------------------------------------------------------------------------------
// SIREN / SIRET
// ---------------------------------------------------------------------------------------------------------------

/** La Poste's SIREN: its establishments' SIRETs use a different control rule (sum of digits multiple of 5). */
export const LA_POSTE_SIREN = '356000000';

export type IdentifierKind = 'SIREN' | 'SIRET';
export type IdentifierErrorCode = 'required' | 'characters' | 'length' | 'checksum' | 'siren_checksum';

export type IdentifierResult =
  | { ok: true; value: string }
  | { ok: false; code: IdentifierErrorCode; message: string; value: string };

/** Removes the separators people type or paste: spaces (including non-breaking ones), dots and hyphens. */
export function normaliseIdentifier(input: string): string {
  return input.replace(/[\s\u00a0\u202f.-]/g, '');
}

/** Luhn (mod 10) check on a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits.charCodeAt(i) - 48;
  return sum;
}

/** SIRET control: Luhn on 14 digits, except La Poste's establishments whose digit sum is a multiple of 5. */
export function siretChecksumValid(siret: string): boolean {
  if (luhnValid(siret)) return true;
  return siret.startsWith(LA_POSTE_SIREN) && /^\d{14}$/.test(siret) && digitSum(siret) % 5 === 0;
}

function digitsWord(n: number): string {
  return n <= 1 ? `${n} saisi` : `${n} saisis`;
}

function validateIdentifier(input: string, kind: IdentifierKind, expected: number): IdentifierResult {
  const value = normaliseIdentifier(input ?? '');
  const article = kind === 'SIREN' ? 'Le numéro SIREN' : 'Le numéro SIRET';
  if (value === '') return { ok: false, code: 'required', value, message: `Saisissez le numéro ${kind}.` };
  const bad = value.match(/[^0-9]/);
  if (bad) {
    return {
      ok: false,
      code: 'characters',
      value,
      message: `${article} ne doit contenir que des chiffres (caractère « ${bad[0]} » non admis).`,
    };
  }
  if (value.length !== expected) {
    return {
      ok: false,
      code: 'length',
      value,
      message: `Le ${kind} doit compter ${expected} chiffres (${digitsWord(value.length)}).`,
    };
  }
  if (/^0+$/.test(value)) {
    return { ok: false, code: 'checksum', value, message: `${article} ${value} n'est pas valide (que des zéros).` };
  }
  return { ok: true, value };
}

/** Validates a SIREN (9 digits, Luhn key). Separators are removed first. */
export function validateSiren(input: string): IdentifierResult {
  const r = validateIdentifier(input, 'SIREN', 9);
  if (!r.ok) return r;
  if (!luhnValid(r.value)) {
    return {
      ok: false,
      code: 'checksum',
      value: r.value,
      message: `Le numéro SIREN ${r.value} n'est pas valide (clé de contrôle incorrecte).`,
    };
  }
  return r;
}

/**
 * Validates a SIRET (14 digits = SIREN + NIC). Both the SIREN part and the whole SIRET must pass their control,
 * with La Poste's exception for the whole SIRET.
 */
export function validateSiret(input: string): IdentifierResult {
  const r = validateIdentifier(input, 'SIRET', 14);
  if (!r.ok) return r;
  const siren = r.value.slice(0, 9);
  if (!luhnValid(siren)) {
    return {
      ok: false,
      code: 'siren_checksum',
      value: r.value,
      message: `Le numéro SIRET ${r.value} n'est pas valide : son SIREN ${siren} (9 premiers chiffres) a une clé de contrôle incorrecte.`,
    };
  }
  if (!siretChecksumValid(r.value)) {
    return {
      ok: false,
      code: 'checksum',
      value: r.value,
      message: `Le numéro SIRET ${r.value} n'est pas valide (clé de contrôle incorrecte).`,
    };
  }
  return r;
}

export function sirenOfSiret(siret: string): string {
  return normaliseIdentifier(siret).slice(0, 9);
}

/** « 217 500 016 » */
export function formatSiren(siren: string): string {
  return /^\d{9}$/.test(siren) ? `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}` : siren;
}

/** « 217 500 016 00019 » */
export function formatSiret(siret: string): string {
  return /^\d{14}$/.test(siret) ? `${formatSiren(siret.slice(0, 9))} ${siret.slice(9)}` : siret;
}

// ---------------------------------------------------------------------------------------------------------------
// Search normalisation (the picker and the list's search box)
// ---------------------------------------------------------------------------------------------------------------

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
 * The text an organisation is found by: name key (plus the written-out form of a leading « CC »/« CA »/« CU »),
 * INSEE code, SIREN and postcodes, with a leading and trailing space so that `LIKE '% token%'` matches word
 * starts only. Stored in a column; the same function runs for every row, so SQLite and PostgreSQL agree.
 */
export function searchText(org: SearchableOrganisation): string {
  const words = [nameKey(org.name)];
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
