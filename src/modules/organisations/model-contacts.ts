/**
 * Contacts and networks of authorities, and the public fields their editors keep: domain types and pure rules
 * (validation with French messages, CSV column reading). No I/O.
 */
import { validateSiret } from './identifiers.ts';

/** A professional contact of an authority: whom census invitations reach. */
export interface Contact {
  id: number;
  organisationId: number;
  name: string;
  function: string;
  /** Lower-case. */
  email: string;
  phone: string | null;
  /** « saisie » (typed on the contacts page) or « import : <file> ». */
  source: string;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** What a person types (or a CSV row gives) for a contact. */
export interface ContactInput {
  name: string;
  function: string;
  email: string;
  phone: string | null;
}

/** A network of authorities, as data. */
export interface Network {
  id: number;
  /** Stable code (« france-urbaine »). */
  code: string;
  name: string;
  description: string;
  website: string | null;
  memberCount: number;
}

/** One change of an authority's identifiers or public fields. */
export interface OrganisationChange {
  id: number;
  organisationId: number;
  field: EditableField;
  oldValue: string | null;
  newValue: string | null;
  changedBy: number | null;
  /** The person's name, when the change was made by someone. */
  changedByName?: string | null;
  source: string;
  changedAt: string;
}

export const EDITABLE_FIELDS = ['siret', 'contact_email', 'website', 'logo_url'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const EDITABLE_FIELD_LABELS: Record<EditableField, string> = {
  siret: 'SIRET du siège',
  contact_email: 'Adresse électronique de contact',
  website: 'Site web',
  logo_url: 'Adresse du logo',
};

/** The fields of the authority edit page. */
export interface OrganisationFields {
  siret: string | null;
  contactEmail: string | null;
  website: string | null;
  logoUrl: string | null;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

/** Whether an address looks deliverable (one @, a dot in the domain, no space nor bracket). */
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** French message for a bad e-mail, or null. */
export function emailProblem(value: string): string | null {
  if (!value) return 'Saisissez l’adresse électronique.';
  return isEmail(value)
    ? null
    : `L’adresse électronique « ${value} » n’est pas valide (exemple : prenom.nom@ville.fr).`;
}

/** Phone numbers: digits, spaces, dots, hyphens, parentheses and a leading +; 6 to 20 digits. */
export function phoneProblem(value: string): string | null {
  if (!/^\+?[0-9 .()\-\u00a0]+$/.test(value)) {
    return `Le numéro de téléphone « ${value} » ne doit contenir que des chiffres, espaces, points ou tirets.`;
  }
  const digits = value.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 20 ? null : `Le numéro de téléphone « ${value} » doit compter de 6 à 20 chiffres.`;
}

/** Checks and normalises a contact: the values, or one French message per wrong field. */
export function validateContact(
  input: Partial<Record<keyof ContactInput, string | null | undefined>>,
): { ok: true; value: ContactInput } | { ok: false; errors: Partial<Record<keyof ContactInput, string>> } {
  const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
  const fn = (input.function ?? '').trim().replace(/\s+/g, ' ');
  const email = (input.email ?? '').trim().toLowerCase();
  const phone = (input.phone ?? '').trim();
  const errors: Partial<Record<keyof ContactInput, string>> = {};
  if (!name) errors.name = 'Saisissez le nom du contact.';
  else if (name.length > 200) errors.name = 'Le nom ne doit pas dépasser 200 caractères.';
  if (fn.length > 200) errors.function = 'La fonction ne doit pas dépasser 200 caractères.';
  const badEmail = emailProblem(email);
  if (badEmail) errors.email = badEmail;
  const badPhone = phone ? phoneProblem(phone) : null;
  if (badPhone) errors.phone = badPhone;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { name, function: fn, email, phone: phone || null } };
}

/**
 * Checks the edit page's fields. A SIRET must pass its control and belong to the authority's SIREN (its 9 first
 * digits) when the authority has one. Empty fields clear the value.
 */
export function validateOrganisationFields(
  input: Partial<Record<keyof OrganisationFields, string | null | undefined>>,
  siren: string | null,
): { ok: true; value: OrganisationFields } | { ok: false; errors: Partial<Record<keyof OrganisationFields, string>> } {
  const errors: Partial<Record<keyof OrganisationFields, string>> = {};
  const siretText = (input.siret ?? '').trim();
  let siret: string | null = null;
  if (siretText) {
    const problem = siretProblem(siretText, siren);
    if (problem) errors.siret = problem;
    else siret = siretText.replace(/[\s\u00a0\u202f.-]/g, '');
  }
  const contactEmail = (input.contactEmail ?? '').trim().toLowerCase() || null;
  if (contactEmail) {
    const problem = emailProblem(contactEmail);
    if (problem) errors.contactEmail = problem;
  }
  const website = (input.website ?? '').trim() || null;
  if (website && !isHttpUrl(website)) {
    errors.website = `L’adresse du site « ${website} » doit commencer par https:// ou http://.`;
  }
  const logoUrl = (input.logoUrl ?? '').trim() || null;
  if (logoUrl && !isHttpUrl(logoUrl)) {
    errors.logoUrl = `L’adresse du logo « ${logoUrl} » doit commencer par https:// ou http://.`;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { siret, contactEmail, website, logoUrl } };
}

/** Why a siège SIRET is refused for an authority of this SIREN (control key, prefix), or null. */
export function siretProblem(input: string, siren: string | null): string | null {
  const r = validateSiret(input);
  if (!r.ok) return r.message;
  if (siren && !r.value.startsWith(siren)) {
    return `Le SIRET ${r.value} n’appartient pas au SIREN ${siren} de cette collectivité : ses 9 premiers chiffres doivent être ceux du SIREN.`;
  }
  return null;
}

function isHttpUrl(value: string): boolean {
  if (value.length > 500) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !!url.hostname.includes('.');
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// CSV imports (contacts of authorities, members of a network): column reading
// ---------------------------------------------------------------------------------------------------------------

/** How a CSV row names its authority: at least one of these columns. */
export const AUTHORITY_COLUMNS = ['siren', 'siret', 'insee'] as const;
export type AuthorityColumn = (typeof AUTHORITY_COLUMNS)[number];

/** Header names accepted for each column (folded: lower-case, no accent, no space nor punctuation). */
const COLUMN_ALIASES: Record<string, string> = {
  siren: 'siren',
  siret: 'siret',
  insee: 'insee',
  codeinsee: 'insee',
  codecommune: 'insee',
  cog: 'insee',
  nom: 'name',
  name: 'name',
  nomcomplet: 'name',
  contact: 'name',
  fonction: 'function',
  function: 'function',
  poste: 'function',
  email: 'email',
  mail: 'email',
  courriel: 'email',
  adressemail: 'email',
  adresseelectronique: 'email',
  telephone: 'phone',
  tel: 'phone',
  phone: 'phone',
};

export function foldHeader(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Maps a header line to known columns: for each accepted column, its index. Unknown or repeated columns and a
 * missing required column are errors (French, naming the column).
 */
export function readHeader(
  header: readonly string[],
  allowed: readonly string[],
  required: readonly string[],
): { ok: true; columns: Map<string, number> } | { ok: false; errors: string[] } {
  const columns = new Map<string, number>();
  const errors: string[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim();
    if (!name) return;
    const key = COLUMN_ALIASES[foldHeader(name)];
    if (!key || !allowed.includes(key)) {
      errors.push(`colonne « ${name} » inconnue (colonnes attendues : ${allowed.map(columnLabel).join(', ')})`);
    } else if (columns.has(key)) {
      errors.push(`colonne « ${name} » en double`);
    } else columns.set(key, index);
  });
  if (!AUTHORITY_COLUMNS.some((c) => columns.has(c)) && allowed.includes('siren')) {
    errors.push('il faut au moins une colonne SIREN, SIRET ou code INSEE pour trouver la collectivité');
  }
  for (const r of required) if (!columns.has(r)) errors.push(`colonne « ${columnLabel(r)} » manquante`);
  return errors.length ? { ok: false, errors } : { ok: true, columns };
}

const COLUMN_LABELS: Record<string, string> = {
  siren: 'SIREN',
  siret: 'SIRET',
  insee: 'code INSEE',
  name: 'nom',
  function: 'fonction',
  email: 'e-mail',
  phone: 'téléphone',
};

export function columnLabel(key: string): string {
  return COLUMN_LABELS[key] ?? key;
}

/** The authority reference of a row (normalised), or a French message. */
export function authorityRef(
  cell: (column: AuthorityColumn) => string,
): { ok: true; column: AuthorityColumn; value: string } | { ok: false; message: string } {
  const siret = cell('siret').replace(/[\s\u00a0\u202f.-]/g, '');
  const siren = cell('siren').replace(/[\s\u00a0\u202f.-]/g, '');
  const insee = cell('insee').trim().toUpperCase();
  if (siren) {
    if (!/^\d{9}$/.test(siren)) return { ok: false, message: `SIREN « ${siren} » : il faut 9 chiffres` };
    return { ok: true, column: 'siren', value: siren };
  }
  if (siret) {
    if (!/^\d{14}$/.test(siret)) return { ok: false, message: `SIRET « ${siret} » : il faut 14 chiffres` };
    return { ok: true, column: 'siret', value: siret };
  }
  if (insee) {
    if (!/^(\d{5}|2[AB]\d{3})$/.test(insee)) {
      return { ok: false, message: `code INSEE « ${insee} » : il faut 5 caractères (exemple : 49007)` };
    }
    return { ok: true, column: 'insee', value: insee };
  }
  return { ok: false, message: 'ni SIREN, ni SIRET, ni code INSEE pour trouver la collectivité' };
}
