/**
 * Organisations (authorities and other public bodies) and memberships: types, other bodies' rules, listing filters,
 * API schemas. Pure code only: no I/O. SIREN/SIRET rules are in identifiers.ts, search normalisation in
 * search-text.ts (re-exported here). Other modules reach all of it through index.ts.
 */
import Type, { type Static } from 'typebox';
import { normaliseIdentifier, validateSiren, validateSiret } from './identifiers.ts';
import { foldText } from './search-text.ts';

export * from './identifiers.ts';
export * from './search-text.ts';

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
  'laboratoire_etat',
  'entreprise',
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
  {
    code: 'laboratoire_etat',
    label: "Laboratoire de l'État",
    plural: "Laboratoires de l'État",
    geographic: false,
    intercommunal: false,
  },
  { code: 'entreprise', label: 'Entreprise', plural: 'Entreprises', geographic: false, intercommunal: false },
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

/**
 * Types shown as « partenaires » beside authorities (State labs, operators, associations, companies, public
 * establishments): bodies that maintain or support commons without being a territorial authority.
 */
export const PARTNER_TYPES: readonly OrganisationType[] = [
  'laboratoire_etat',
  'operateur',
  'association',
  'entreprise',
  'etablissement_public',
];

export function isPartnerType(type: string): boolean {
  return (PARTNER_TYPES as readonly string[]).includes(type);
}

/** Types that need no SIREN or SIRET: a State lab is a team inside an administration, without its own number. */
export const TYPES_WITHOUT_SIREN: readonly OrganisationType[] = ['laboratoire_etat'];

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

/** Départements and régions by code (labels), and as lists (filters). */
export interface DivisionMaps {
  departements: Map<string, string>;
  regions: Map<string, string>;
  list: { departements: Division[]; regions: Division[] };
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
  /** Null only for the types that have none (TYPES_WITHOUT_SIREN). */
  siren: string | null;
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
  } else if (!siretText && !(TYPES_WITHOUT_SIREN as readonly string[]).includes(type)) {
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
      siren,
      siret,
      website,
      departementCode: (input.departementCode ?? '').trim() || null,
      regionCode: (input.regionCode ?? '').trim() || null,
    },
  };
}

/** The stable code of a body created by an administrator. */
export const otherBodyCode = (siren: string): string => `other:${siren}`;

/** The stable code of a body without SIREN created by an administrator (a State lab): by its folded name. */
export const namedBodyCode = (type: string, name: string): string =>
  `${type}:${foldText(name).replace(/ /g, '-').slice(0, 120).replace(/-+$/, '')}`;

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

/** Population (largest first), name, or number of published sheets (most first). */
export type OrganisationSort = 'population' | 'nom' | 'fiches';

export interface OrganisationFilter {
  q?: string;
  type?: OrganisationType;
  regionCode?: string;
  departementCode?: string;
  /** Members of this network only (campaign targeting, the directory's « réseau » filter). */
  networkId?: number;
  /** Only authorities that have at least one published sheet in the library (« avec des fiches »). */
  withSheets?: boolean;
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
  const network = text(query.reseau);
  if (/^[1-9][0-9]{0,9}$/.test(network)) filter.networkId = Number(network);
  if (text(query.fiches) === 'avec') filter.withSheets = true;
  const sort = text(query.tri);
  if (sort === 'nom' || sort === 'population' || sort === 'fiches') filter.sort = sort;
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
