/**
 * Commons: domain types, reference lists (kinds, statuses, organisation roles) and pure rules (links, the entry
 * form). No I/O.
 */
import { commonsCategories, themes } from '../library/index.ts';
import { spdxIdentifier } from './spdx.ts';

export const KINDS = [
  { code: 'code', label: 'Code' },
  { code: 'dataset', label: 'Jeu de données' },
  { code: 'model', label: 'Modèle entraîné' },
  { code: 'specification', label: 'Spécification' },
  { code: 'guide', label: 'Méthode ou guide' },
  { code: 'service', label: 'Service' },
] as const;
export type CommonsKind = (typeof KINDS)[number]['code'];

export const STATUSES = [
  { code: 'idea', label: 'Idée' },
  { code: 'building', label: 'En construction' },
  { code: 'available', label: 'Disponible' },
  { code: 'maintained', label: 'Maintenu' },
  { code: 'archived', label: 'Archivé' },
] as const;
export type CommonsStatus = (typeof STATUSES)[number]['code'];

export type OrganisationRole = 'maintainer' | 'user' | 'contributor';

const labelIn = (list: readonly { code: string; label: string }[]) => (code: string | null) =>
  list.find((i) => i.code === code)?.label ?? code ?? '';
export const kindLabel = labelIn(KINDS);
export const statusLabel = labelIn(STATUSES);
export const KIND_CODES = KINDS.map((k) => k.code);
export const STATUS_CODES = STATUSES.map((s) => s.code);
export const THEME_CODES = themes.codes;
export const CATEGORY_CODES = commonsCategories.codes;
export const themeLabel = (code: string) => themes.labelOf(code);
export const categoryLabel = (code: string) => commonsCategories.labelOf(code);

export interface Contact {
  name: string;
  email: string | null;
}

/** What a writer sets on an entry (the form, the publiccode.yml import). */
export interface CommonsInput {
  name: string;
  summary: string;
  kind: CommonsKind;
  status: CommonsStatus;
  licence: string | null;
  repositoryUrl: string | null;
  downloadUrl: string | null;
  documentationUrl: string | null;
  themes: string[];
  commonsCategory: string | null;
  maintainerIds: number[];
  userIds: number[];
  contributorIds: number[];
  useCaseIds: number[];
  contacts?: Contact[];
}

/** A stored entry, with its ties (store.ts reads it; never shown as such): what a writer set, and its bookkeeping. */
export interface CommonsRecord extends CommonsInput {
  id: number;
  contacts: Contact[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewsRecord {
  id: number;
  commonsId: number;
  date: string;
  title: string;
  body: string;
  release: string | null;
}

export const LIMITS = { name: 200, summary: 4000, url: 2000, newsTitle: 200, newsBody: 4000 } as const;

/**
 * A link as people may give it: an absolute http(s) address, https preferred. Returns the message of what is wrong,
 * or null when it is right.
 */
export function linkProblem(label: string, value: string): string | null {
  if (value.length > LIMITS.url) return `${label} : ${LIMITS.url} caractères au plus.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${label} : indiquez une adresse complète, commençant par https:// (« ${value.slice(0, 80)} » n’en est pas une).`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `${label} : seules les adresses https:// (ou http://) sont acceptées.`;
  if (!url.hostname.includes('.')) return `${label} : le nom de domaine « ${url.hostname} » est incomplet.`;
  return null;
}

/** The licence as an SPDX identifier, or the French message saying why not. */
export function readLicence(value: string): { value: string | null } | { error: string } {
  const v = value.trim();
  if (!v) return { value: null };
  const id = spdxIdentifier(v);
  return id
    ? { value: id }
    : {
        error: `Licence : « ${v.slice(0, 80)} » n’est pas un identifiant de la liste SPDX (par exemple MIT, Apache-2.0, EUPL-1.2, etalab-2.0).`,
      };
}

/** Sheet ids from what people paste: numbers or sheet addresses (« /bibliotheque/12-titre »), one per line. */
export function readSheetRefs(text: string): { ids: number[]; wrong: string[] } {
  const ids: number[] = [];
  const wrong: string[] = [];
  for (const raw of text.split(/[\n,;]+/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(?:.*\/bibliotheque\/)?(\d{1,12})(?:-[^/]*)?\/?$/.exec(line);
    if (m) ids.push(Number(m[1]));
    else wrong.push(line);
  }
  return { ids: [...new Set(ids)], wrong };
}

/** Organisation references people type: codes (« commune:44109 ») or SIREN numbers, one per line. */
export function readOrganisationRefs(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,;]+/)
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
}

/** A calendar date « AAAA-MM-JJ » that exists. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
