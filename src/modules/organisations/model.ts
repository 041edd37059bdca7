/**
 * Organisations (authorities and other public bodies): types, SIREN/SIRET rules and search normalisation.
 * Pure code only: no I/O. Other modules import organisation types from here (this module owns them).
 */
import Type, { type Static } from 'typebox';

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

/** A refused identifier, with the reason. */
function refused(code: IdentifierErrorCode, value: string, message: string): IdentifierResult {
  return { ok: false, code, value, message };
}

function validateIdentifier(input: string, kind: IdentifierKind, expected: number): IdentifierResult {
  const value = normaliseIdentifier(input ?? '');
  const article = kind === 'SIREN' ? 'Le numéro SIREN' : 'Le numéro SIRET';
  if (value === '') return refused('required', value, `Saisissez le numéro ${kind}.`);
  const bad = value.match(/[^0-9]/);
  if (bad) {
    return refused(
      'characters',
      value,
      `${article} ne doit contenir que des chiffres (caractère « ${bad[0]} » non admis).`,
    );
  }
  if (value.length !== expected) {
    return refused('length', value, `Le ${kind} doit compter ${expected} chiffres (${digitsWord(value.length)}).`);
  }
  if (/^0+$/.test(value)) return refused('checksum', value, `${article} ${value} n'est pas valide (que des zéros).`);
  return { ok: true, value };
}

/** Validates a SIREN (9 digits, Luhn key). Separators are removed first. */
export function validateSiren(input: string): IdentifierResult {
  const r = validateIdentifier(input, 'SIREN', 9);
  if (!r.ok) return r;
  if (!luhnValid(r.value)) {
    return refused('checksum', r.value, `Le numéro SIREN ${r.value} n'est pas valide (clé de contrôle incorrecte).`);
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
    return refused(
      'siren_checksum',
      r.value,
      `Le numéro SIRET ${r.value} n'est pas valide : son SIREN ${siren} (9 premiers chiffres) a une clé de contrôle incorrecte.`,
    );
  }
  if (!siretChecksumValid(r.value)) {
    return refused('checksum', r.value, `Le numéro SIRET ${r.value} n'est pas valide (clé de contrôle incorrecte).`);
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

// ---------------------------------------------------------------------------------------------------------------
// Organisations and memberships as the rest of the code sees them
// ---------------------------------------------------------------------------------------------------------------

export type OrganisationSource = 'cog' | 'admin' | 'import';

export interface Organisation {
  id: number;
  /** Stable code: 'commune:75056', 'epci:200046977', 'departement:75', 'region:11', 'other:<SIREN>'. */
  code: string;
  name: string;
  type: OrganisationType;
  inseeCode: string | null;
  siren: string | null;
  siret: string | null;
  population: number | null;
  departementCode: string | null;
  regionCode: string | null;
  postcodes: string[];
  website: string | null;
  /** ISO 3166-1 alpha-2 (« FR »; « EU » for European bodies). */
  country: string;
  latitude: number | null;
  longitude: number | null;
  source: OrganisationSource;
  createdAt: string;
  updatedAt: string;
}

/** A département or région, for filters and « Rhône (69) » labels. */
export interface Division {
  code: string;
  name: string;
  regionCode: string | null;
}

export type MembershipRole = 'member' | 'editor';
export type MembershipStatus = 'pending' | 'active' | 'refused';

export const MEMBERSHIP_ROLES: readonly { code: MembershipRole; label: string; hint: string }[] = [
  { code: 'member', label: 'Membre', hint: 'répond aux questionnaires et rédige les fiches de la collectivité' },
  {
    code: 'editor',
    label: 'Responsable',
    hint: 'fait de même et, en plus, accepte les nouveaux membres et gère leurs rôles',
  },
];

export const MEMBERSHIP_STATUS_LABELS: Record<MembershipStatus, string> = {
  pending: 'En attente',
  active: 'Acceptée',
  refused: 'Refusée',
};

export const isMembershipRole = (v: unknown): v is MembershipRole => v === 'member' || v === 'editor';

export const membershipRoleLabel = (role: MembershipRole): string =>
  MEMBERSHIP_ROLES.find((r) => r.code === role)?.label ?? role;

export interface Membership {
  id: number;
  userId: number;
  organisationId: number;
  role: MembershipRole;
  status: MembershipStatus;
  message: string;
  requestedAt: string;
  decidedAt: string | null;
  decidedBy: number | null;
}

/** Longest message a person may attach to a join request. */
export const JOIN_MESSAGE_MAX = 1000;

// ---------------------------------------------------------------------------------------------------------------
// Other bodies created by an administrator
// ---------------------------------------------------------------------------------------------------------------

export interface OtherBodyInput {
  name?: string;
  type?: string;
  siren?: string;
  siret?: string;
  website?: string;
  departementCode?: string;
  regionCode?: string;
}

export interface OtherBody {
  name: string;
  type: OrganisationType;
  siren: string;
  siret: string | null;
  website: string | null;
  departementCode: string | null;
  regionCode: string | null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/**
 * Validates the form for another body (syndicat mixte, opérateur, association…). A SIREN or a SIRET is required;
 * with only a SIRET, the SIREN is its first 9 digits; with both, they must agree. Field messages are French and
 * keyed by field name (for the error summary). Département/région existence is checked by the service.
 */
export function checkOtherBody(input: OtherBodyInput): Checked<OtherBody> {
  const errors: Record<string, string> = {};
  const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
  if (!name) errors.name = "Saisissez le nom de l'organisme.";
  else if (name.length > 200) errors.name = `Le nom doit compter 200 caractères au plus (${name.length} saisis).`;

  const type = (input.type ?? '').trim();
  if (!type) errors.type = "Choisissez le type d'organisme.";
  else if (!isOrganisationType(type) || !OTHER_BODY_TYPES.includes(type)) {
    errors.type = isOrganisationType(type)
      ? `Les organismes de type « ${organisationTypeLabel(type)} » viennent du code géographique officiel : ils ne se créent pas à la main.`
      : "Choisissez un type d'organisme dans la liste.";
  }

  const sirenText = normaliseIdentifier(input.siren ?? '');
  const siretText = normaliseIdentifier(input.siret ?? '');
  let siren: string | null = null;
  let siret: string | null = null;
  if (siretText) {
    const r = validateSiret(siretText);
    if (r.ok) siret = r.value;
    else errors.siret = r.message;
  }
  if (sirenText) {
    const r = validateSiren(sirenText);
    if (r.ok) siren = r.value;
    else errors.siren = r.message;
  } else if (siret) {
    siren = siret.slice(0, 9);
  } else if (!siretText) {
    errors.siren = 'Saisissez le numéro SIREN (9 chiffres) ou, plus bas, le numéro SIRET (14 chiffres).';
  }
  if (siren && siret && !siret.startsWith(siren)) {
    errors.siret = `Le SIRET ${siret} n'appartient pas au SIREN ${siren} : ses 9 premiers chiffres doivent être ceux du SIREN.`;
  }

  const websiteText = (input.website ?? '').trim();
  let website: string | null = null;
  if (websiteText) {
    try {
      const url = new URL(/^https?:\/\//i.test(websiteText) ? websiteText : `https://${websiteText}`);
      if (!/^https?:$/.test(url.protocol) || !url.hostname.includes('.')) throw new Error('bad');
      website = url.toString();
    } catch {
      errors.website = "L'adresse du site n'est pas valide (exemple : https://www.exemple.fr).";
    }
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      type: type as OrganisationType,
      siren: siren!,
      siret,
      website,
      departementCode: (input.departementCode ?? '').trim() || null,
      regionCode: (input.regionCode ?? '').trim() || null,
    },
  };
}

/** The stable code of a body created by an administrator. */
export const otherBodyCode = (siren: string): string => `other:${siren}`;

/**
 * The stable code of a body created by an import: by SIREN when it has one (the same code as an administrator's
 * body, so that both meet), otherwise by country and folded name (« import:DE:stadt-koln »).
 */
export function importedBodyCode(org: { name: string; siren?: string | null; country: string }): string {
  if (org.siren) return otherBodyCode(org.siren);
  return `import:${org.country.toUpperCase()}:${foldText(org.name).replace(/ /g, '-').slice(0, 120).replace(/-+$/, '')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Listing
// ---------------------------------------------------------------------------------------------------------------

export type OrganisationSort = 'population' | 'nom';

export interface OrganisationFilter {
  q?: string;
  type?: OrganisationType;
  regionCode?: string;
  departementCode?: string;
  sort?: OrganisationSort;
}

/** Reads the list page's query string leniently: unknown values are dropped rather than refused. */
export function parseOrganisationFilter(query: Record<string, unknown>): OrganisationFilter {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const filter: OrganisationFilter = {};
  const q = text(query.q).slice(0, 200);
  if (q) filter.q = q;
  const type = text(query.type);
  if (isOrganisationType(type)) filter.type = type;
  const region = text(query.region);
  if (/^[0-9]{2,3}$/.test(region)) filter.regionCode = region;
  const dep = text(query.departement).toUpperCase();
  if (/^([0-9]{2,3}|2A|2B)$/.test(dep)) filter.departementCode = dep;
  const sort = text(query.tri);
  if (sort === 'nom' || sort === 'population') filter.sort = sort;
  return filter;
}

/** « Commune · Rhône (69) » — the line shown under a name in lists and the picker. */
export function organisationContext(
  org: Pick<Organisation, 'type' | 'departementCode' | 'regionCode'>,
  divisions: { departements: Map<string, string>; regions: Map<string, string> },
): string {
  const parts = [organisationTypeLabel(org.type)];
  if (org.type !== 'departement' && org.type !== 'region' && org.departementCode) {
    const name = divisions.departements.get(org.departementCode);
    parts.push(name ? `${name} (${org.departementCode})` : org.departementCode);
  } else if (org.type === 'departement' && org.regionCode) {
    const name = divisions.regions.get(org.regionCode);
    if (name) parts.push(name);
  }
  return parts.join(' · ');
}

// ---------------------------------------------------------------------------------------------------------------
// JSON API schemas (validation + OpenAPI)
// ---------------------------------------------------------------------------------------------------------------

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const OrganisationJsonSchema = Type.Object(
  {
    id: Type.Integer(),
    code: Type.String({ description: "Code stable : 'commune:75056', 'epci:200046977', 'departement:75'…" }),
    name: Type.String(),
    type: Type.String({ enum: [...ORGANISATION_TYPE_CODES] }),
    typeLabel: Type.String(),
    context: Type.String({ description: 'Type et département, pour l’affichage (« Commune · Rhône (69) »)' }),
    inseeCode: Nullable(Type.String()),
    siren: Nullable(Type.String()),
    siret: Nullable(Type.String()),
    population: Nullable(Type.Integer()),
    departementCode: Nullable(Type.String()),
    regionCode: Nullable(Type.String()),
    postcodes: Type.Array(Type.String()),
    website: Nullable(Type.String()),
    country: Type.String({ description: 'Pays (ISO 3166-1 alpha-2), « FR » pour les collectivités françaises' }),
    url: Type.String({ description: 'Page de l’organisation sur ce site' }),
  },
  { description: 'Une collectivité ou un autre organisme' },
);
export type OrganisationJson = Static<typeof OrganisationJsonSchema>;

export const OrganisationListQuerySchema = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'Nom, code postal, code INSEE, SIREN ou SIRET (début de mot)' }),
  ),
  type: Type.Optional(Type.String({ enum: [...ORGANISATION_TYPE_CODES] })),
  region: Type.Optional(Type.String({ pattern: '^[0-9]{2,3}$', description: 'Code INSEE de la région' })),
  departement: Type.Optional(
    Type.String({ pattern: '^([0-9]{2,3}|2[ABab])$', description: 'Code INSEE du département' }),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type OrganisationListQuery = Static<typeof OrganisationListQuerySchema>;

export const OrganisationListSchema = Type.Object({
  data: Type.Array(OrganisationJsonSchema),
  page: Type.Integer(),
  perPage: Type.Integer(),
  total: Type.Integer(),
});
