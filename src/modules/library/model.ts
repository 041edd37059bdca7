/**
 * The library's domain: use-case sheets (« fiches »), their validation per form step, the review workflow as a pure
 * state machine, the presenter that decides which fields a viewer may read, and the field-by-field diff of two
 * versions. Pure code only: no I/O.
 *
 * The presenter (`present`) is the one door through which a sheet leaves the module: pages, API responses, exports,
 * feeds, search indexing and snippets all read presented sheets, so a restricted value cannot reach someone without
 * access by another path.
 */
import Type, { type Static } from 'typebox';
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { OrganisationType } from '../organisations/model.ts';
import {
  type AccessLevel,
  type ContentKey,
  canRead,
  type DatasetLink,
  emptyContent,
  FIELDS,
  type FieldDef,
  type FormStepKey,
  fieldDef,
  type UseCaseContent,
} from './fields.ts';
import { type CommonsCategoryCode, type ReferenceList, referenceList } from './reference.ts';

export type { AccessLevel, ContentKey, DatasetLink, FormStepKey, UseCaseContent } from './fields.ts';
export { emptyContent } from './fields.ts';

// ---------------------------------------------------------------------------------------------------------------
// Sheets
// ---------------------------------------------------------------------------------------------------------------

/** Workflow state of a sheet. */
export type WorkflowState = 'draft' | 'submitted' | 'changes_requested' | 'published' | 'archived';
export const WORKFLOW_STATES: readonly WorkflowState[] = [
  'draft',
  'submitted',
  'changes_requested',
  'published',
  'archived',
];

/** State of the pending revision of a published sheet (null: none). The published version stays visible meanwhile. */
export type RevisionState = 'draft' | 'submitted' | 'changes_requested';

export const WORKFLOW_STATE_LABELS: Record<WorkflowState, string> = {
  draft: 'Brouillon',
  submitted: 'En relecture',
  changes_requested: 'Modifications demandées',
  published: 'Publiée',
  archived: 'Archivée',
};

export const REVISION_STATE_LABELS: Record<RevisionState, string> = {
  draft: 'Révision en brouillon',
  submitted: 'Révision en relecture',
  changes_requested: 'Modifications demandées sur la révision',
};

/** What the library needs to know about a sheet's organisation (all public information). */
export interface OrganisationSummary {
  id: number;
  name: string;
  slug?: string | null;
  type: OrganisationType | null;
  siren: string | null;
  siret: string | null;
  /** ISO 3166-1 alpha-2 code (« FR »). */
  country: string;
  departementCode?: string | null;
  regionCode?: string | null;
  logoUrl?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

/** A sheet as stored: the current content (the published version, or the draft before first publication). */
export interface UseCaseRecord {
  id: number;
  slug: string;
  organisationId: number;
  organisation: OrganisationSummary;
  state: WorkflowState;
  revision: RevisionState | null;
  /** Optimistic concurrency: every write names the version it started from. */
  version: number;
  content: UseCaseContent;
  /** Stable key of an imported sheet (« interconnectes:<siret>:<slug> », « pstw:PSTW-12 »); null if written here. */
  externalKey: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  archivedAt: string | null;
  archiveReason: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Small value helpers
// ---------------------------------------------------------------------------------------------------------------

/** « Prévision des repas — cantines » -> « prevision-des-repas-cantines ». */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '') || 'fiche';
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Reads a date as people type it and returns an ISO partial date, or null when it is not one:
 * « 2024 » -> 2024; « 3/2024 », « 03/2024 », « 2024-03 » -> 2024-03; « 15/03/2024 », « 2024-03-15 » -> 2024-03-15.
 */
export function parsePartialDate(input: string): string | null {
  const s = input.trim();
  let m = /^(\d{4})$/.exec(s);
  if (m) return validYmd(Number(m[1]), 1, 1) ? m[1]! : null;
  m = /^(\d{4})-(\d{1,2})$/.exec(s) ?? null;
  if (m) return validYmd(Number(m[1]), Number(m[2]), 1) ? `${m[1]}-${pad2(Number(m[2]))}` : null;
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return validYmd(Number(m[2]), Number(m[1]), 1) ? `${m[2]}-${pad2(Number(m[1]))}` : null;
  const full = parseFullDate(s);
  return full;
}

/** « 15/03/2024 », « 15-03-2024 », « 2024-03-15 » -> 2024-03-15 (day first: French order); null otherwise. */
export function parseFullDate(input: string): string | null {
  const s = input.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validYmd(y, mo, d) ? `${y}-${pad2(mo)}-${pad2(d)}` : null;
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validYmd(y, mo, d) ? `${y}-${pad2(mo)}-${pad2(d)}` : null;
  }
  return null;
}

export function isPartialDate(value: string): boolean {
  return /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) && parsePartialDate(value) === value;
}

export function isFullDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && parseFullDate(value) === value;
}

/** « 2024-03 » -> « mars 2024 »; « 2024-03-05 » -> « 5 mars 2024 »; « 2024 » -> « 2024 ». */
export function formatPartialDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  if (!m) return y ?? '';
  const month = MONTHS[Number(m) - 1] ?? m;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

/** The year of a partial date (facets « année de démarrage »). */
export function yearOf(iso: string | null): number | null {
  if (!iso) return null;
  const y = Number(iso.slice(0, 4));
  return Number.isInteger(y) ? y : null;
}

const URL_RE = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

export function isWebUrl(value: string): boolean {
  if (!URL_RE.test(value)) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.includes('.');
  } catch {
    return false;
  }
}

const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL_RE.test(value);
}

/** Text as stored: trimmed, Windows line ends unified, empty -> null. */
export function cleanText(value: unknown): string | null {
  if (value == null) return null;
  const s = String(value).replace(/\r\n?/g, '\n').trim();
  return s === '' ? null : s;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading input (HTML forms send strings; the API sends JSON)
// ---------------------------------------------------------------------------------------------------------------

export type FieldErrors = Partial<Record<ContentKey, string>>;

function listOf(field: FieldDef): ReferenceList {
  if (!field.list) throw new Error(`Champ ${field.key} sans liste`);
  return referenceList(field.list);
}

function asArray(raw: unknown): unknown[] {
  if (raw == null || raw === '') return [];
  return Array.isArray(raw) ? raw : [raw];
}

/**
 * Converts one raw input value (form string, JSON value) to the field's stored type.
 * Returns the value and, when it cannot be read, a French error message (the value is then left as null/[]).
 */
export function readFieldValue(field: FieldDef, raw: unknown): { value: unknown; error?: string } {
  const label = field.label;
  switch (field.type) {
    case 'text':
    case 'longtext':
    case 'email':
    case 'url': {
      if (raw != null && typeof raw !== 'string' && typeof raw !== 'number') {
        return { value: null, error: `${label} : saisissez du texte.` };
      }
      let v = cleanText(raw);
      if (v && field.type === 'text') v = v.replace(/\s*\n\s*/g, ' ');
      return { value: v };
    }
    case 'date': {
      const v = cleanText(raw);
      if (!v) return { value: null };
      const iso = parseFullDate(v);
      return iso ? { value: iso } : { value: null, error: `${label} : saisissez une date valide, comme 15/03/2026.` };
    }
    case 'partialDate': {
      const v = cleanText(raw);
      if (!v) return { value: null };
      const iso = parsePartialDate(v);
      return iso
        ? { value: iso }
        : { value: null, error: `${label} : saisissez une année (2024), un mois (03/2024) ou une date (15/03/2024).` };
    }
    case 'integer':
    case 'number': {
      if (raw == null || raw === '') return { value: null };
      let n: number;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string') {
        const s = raw
          .trim()
          .replace(/[\s\u00a0\u202f]/g, '')
          .replace(',', '.');
        if (s === '') return { value: null };
        n = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
      } else n = Number.NaN;
      if (!Number.isFinite(n)) return { value: null, error: `${label} : saisissez un nombre, en chiffres.` };
      if (field.type === 'integer' && !Number.isInteger(n)) {
        return { value: null, error: `${label} : saisissez un nombre entier.` };
      }
      return { value: n };
    }
    case 'code': {
      const v = cleanText(Array.isArray(raw) ? raw[0] : raw);
      if (!v) return { value: null };
      const list = listOf(field);
      return list.has(v) ? { value: v } : { value: null, error: `${label} : choisissez une valeur de la liste.` };
    }
    case 'codes': {
      const list = listOf(field);
      const values: string[] = [];
      for (const item of asArray(raw)) {
        const v = cleanText(item);
        if (!v) continue;
        if (!list.has(v)) return { value: [], error: `${label} : choisissez des valeurs de la liste.` };
        if (!values.includes(v)) values.push(v);
      }
      return { value: values };
    }
    case 'links':
      return readLinks(field, raw);
  }
}

/**
 * Links come as `{ title, url }` objects (API) or as text, one link per line, the address first and an optional
 * title after it (« https://www.data.gouv.fr/… Comptages routiers »).
 */
function readLinks(field: FieldDef, raw: unknown): { value: DatasetLink[]; error?: string } {
  const links: DatasetLink[] = [];
  const items: unknown[] =
    typeof raw === 'string'
      ? raw
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)
      : asArray(raw);
  for (const item of items) {
    if (typeof item === 'string') {
      const [url, ...rest] = item.split(/\s+/);
      links.push({
        url: url ?? '',
        title: rest
          .join(' ')
          .replace(/^[-–—:|]\s*/, '')
          .trim(),
      });
    } else if (item && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      links.push({ url: cleanText(o.url) ?? '', title: cleanText(o.title) ?? '' });
    } else {
      return { value: [], error: `${field.label} : liste de liens illisible.` };
    }
  }
  return { value: links };
}

/** Reads the fields of one form step from a form body; unknown keys are ignored. */
export function readStepForm(
  step: FormStepKey,
  body: Record<string, unknown>,
): { values: Partial<UseCaseContent>; errors: FieldErrors } {
  const values: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const field of FIELDS) {
    if (field.step !== step) continue;
    const r = readFieldValue(field, body[field.key]);
    values[field.key] = r.value;
    if (r.error) errors[field.key] = r.error;
  }
  return { values: values as Partial<UseCaseContent>, errors };
}

/** Reads a JSON patch of content (API): only known fields, each converted; reports unknown keys as errors. */
export function readContentPatch(input: Record<string, unknown>): {
  values: Partial<UseCaseContent>;
  errors: FieldErrors & Record<string, string>;
} {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [key, raw] of Object.entries(input)) {
    const field = FIELDS.find((f) => f.key === key);
    if (!field || field.step === null) {
      errors[key] = `Champ inconnu ou non modifiable : ${key}.`;
      continue;
    }
    const r = readFieldValue(field, raw);
    values[key] = r.value;
    if (r.error) errors[key] = r.error;
  }
  return { values: values as Partial<UseCaseContent>, errors };
}

// ---------------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------------

function isEmpty(value: unknown): boolean {
  return value == null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** True when the sheet says the system contributes to decisions about people. */
export function involvesDecisions(content: Pick<UseCaseContent, 'automationLevel'>): boolean {
  return content.automationLevel != null && content.automationLevel !== 'no_decision';
}

/** Whether a field must be filled, given the rest of the sheet. */
export function isRequired(field: FieldDef, content: UseCaseContent): boolean {
  switch (field.required) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'when_abandoned':
      return content.projectStatus === 'abandoned';
    case 'when_decisions':
      return involvesDecisions(content);
  }
}

function formatError(field: FieldDef, value: unknown): string | null {
  if (isEmpty(value)) return null;
  const label = field.label;
  switch (field.type) {
    case 'text':
    case 'longtext': {
      const s = String(value);
      if (field.maxLength && s.length > field.maxLength) {
        return `${label} doit contenir au plus ${field.maxLength.toLocaleString('fr-FR')} caractères (${s.length.toLocaleString('fr-FR')} saisis).`;
      }
      return null;
    }
    case 'url': {
      const s = String(value);
      if (!isWebUrl(s)) return `${label} : saisissez une adresse web complète, commençant par https://`;
      if (field.maxLength && s.length > field.maxLength) return `${label} : adresse trop longue.`;
      return null;
    }
    case 'email':
      return isEmail(String(value))
        ? null
        : `${label} : saisissez une adresse électronique valide, comme numerique@ville.fr.`;
    case 'date':
      return typeof value === 'string' && isFullDate(value)
        ? null
        : `${label} : saisissez une date valide, comme 15/03/2026.`;
    case 'partialDate':
      return typeof value === 'string' && isPartialDate(value)
        ? null
        : `${label} : saisissez une année (2024), un mois (03/2024) ou une date (15/03/2024).`;
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${label} : saisissez un nombre.`;
      if (field.type === 'integer' && !Number.isInteger(value)) return `${label} : saisissez un nombre entier.`;
      if (field.min != null && value < field.min) {
        return `${label} doit être supérieure ou égale à ${field.min.toLocaleString('fr-FR')}.`;
      }
      if (field.max != null && value > field.max) {
        return `${label} doit être inférieure ou égale à ${field.max.toLocaleString('fr-FR')}.`;
      }
      return null;
    }
    case 'code':
      return listOf(field).has(value) ? null : `${label} : choisissez une valeur de la liste.`;
    case 'codes': {
      if (!Array.isArray(value)) return `${label} : choisissez des valeurs de la liste.`;
      const list = listOf(field);
      if (value.some((v) => !list.has(v))) return `${label} : choisissez des valeurs de la liste.`;
      if (new Set(value).size !== value.length) return `${label} : une valeur est choisie deux fois.`;
      if (field.maxItems && value.length > field.maxItems) {
        return `${label} : choisissez au plus ${field.maxItems} valeurs.`;
      }
      return null;
    }
    case 'links': {
      if (!Array.isArray(value)) return `${label} : liste de liens illisible.`;
      if (field.maxItems && value.length > field.maxItems) return `${label} : ${field.maxItems} liens au plus.`;
      for (const [i, link] of (value as DatasetLink[]).entries()) {
        if (!link || typeof link.url !== 'string' || !isWebUrl(link.url)) {
          return `${label} : le lien n° ${i + 1} doit être une adresse web complète, commençant par https://`;
        }
        if (typeof link.title !== 'string' || link.title.length > 300) {
          return `${label} : le titre du lien n° ${i + 1} doit contenir au plus 300 caractères.`;
        }
      }
      return null;
    }
  }
}

export interface ValidateOptions {
  /** Only these steps (default: every step). Metadata fields are checked only when no step is given. */
  steps?: readonly FormStepKey[];
  /**
   * false: only what is filled in is checked (saving a draft, autosave).
   * true: required fields too (continuing past a step, submitting for review).
   */
  complete: boolean;
}

/**
 * Validates a sheet. Returns the errors by field, in form order, with French messages (empty object: valid).
 */
export function validateContent(content: UseCaseContent, options: ValidateOptions): FieldErrors {
  const errors: FieldErrors = {};
  const inScope = (f: FieldDef) => (options.steps ? f.step !== null && options.steps.includes(f.step) : true);
  for (const field of FIELDS) {
    if (!inScope(field)) continue;
    const value = content[field.key];
    if (isEmpty(value)) {
      if (options.complete && isRequired(field, content)) {
        errors[field.key] = field.requiredMessage ?? `Renseignez le champ « ${field.label} ».`;
      }
      continue;
    }
    const error = formatError(field, value);
    if (error) errors[field.key] = error;
  }
  // Rules across fields.
  const check = (key: ContentKey, message: string) => {
    if (inScope(fieldDef(key)) && !errors[key]) errors[key] = message;
  };
  if (content.startDate && content.endDate && !errors.startDate && !errors.endDate) {
    if (content.endDate.slice(0, content.startDate.length) < content.startDate.slice(0, content.endDate.length)) {
      check('endDate', 'La date de fin doit être postérieure à la date de démarrage.');
    }
  }
  if ((content.latitude == null) !== (content.longitude == null)) {
    if (content.latitude == null) check('latitude', 'Saisissez aussi la latitude, ou effacez la longitude.');
    else check('longitude', 'Saisissez aussi la longitude, ou effacez la latitude.');
  }
  if (content.sourceCodeLicence && !content.sourceCodeUrl) {
    check('sourceCodeUrl', 'Indiquez le lien vers le code source dont vous avez précisé la licence.');
  }
  return orderErrors(errors);
}

/** The same errors in form order (the error summary lists them in the order of the page). */
export function orderErrors(errors: FieldErrors): FieldErrors {
  const ordered: FieldErrors = {};
  for (const f of FIELDS) if (errors[f.key]) ordered[f.key] = errors[f.key];
  return ordered;
}

/** The error summary of a form page: `[{ key, label, message }]` in form order. */
export function errorSummary(errors: FieldErrors): { key: ContentKey; label: string; message: string }[] {
  return FIELDS.filter((f) => errors[f.key]).map((f) => ({ key: f.key, label: f.label, message: errors[f.key]! }));
}

/** Steps that still have errors for submission (used by the check-your-answers page). */
export function incompleteSteps(content: UseCaseContent): FormStepKey[] {
  const errors = validateContent(content, { complete: true });
  const steps: FormStepKey[] = [];
  for (const f of FIELDS) if (errors[f.key] && f.step && !steps.includes(f.step)) steps.push(f.step);
  return steps;
}

/** A complete sheet from partial content (missing keys get their empty value). */
export function withDefaults(partial: Partial<UseCaseContent>): UseCaseContent {
  return { ...emptyContent(), ...partial };
}

// ---------------------------------------------------------------------------------------------------------------
// Workflow (pure state machine)
// ---------------------------------------------------------------------------------------------------------------

export interface WorkflowStatus {
  state: WorkflowState;
  revision: RevisionState | null;
}

export type WorkflowAction =
  /** Saving the content (draft, requested changes, or a revision of a published sheet). */
  | 'save'
  | 'submit'
  /** The editor takes back a submission before it is reviewed. */
  | 'withdraw'
  | 'request_changes'
  | 'publish'
  | 'discard_revision'
  | 'archive'
  | 'restore';

/** Roles for the workflow: editors of the sheet's authority; coordinators (and administrators). */
export type WorkflowRole = 'editor' | 'coordinator';

export type WorkflowEvent =
  | 'saved'
  | 'revision_started'
  | 'submitted'
  | 'revision_submitted'
  | 'withdrawn'
  | 'changes_requested'
  | 'published'
  | 'revision_published'
  | 'revision_discarded'
  | 'archived'
  | 'restored';

export type TransitionError = 'forbidden' | 'invalid_transition' | 'comment_required' | 'reason_required';

export type TransitionResult =
  | {
      ok: true;
      next: WorkflowStatus;
      event: WorkflowEvent;
      /** The pending revision's content becomes the published content (a new published version). */
      publishesRevision: boolean;
      /** Content becomes a new published version (first publication, revision publication, restoration). */
      createsPublishedVersion: boolean;
    }
  | { ok: false; code: TransitionError; message: string };

export const WORKFLOW_ACTION_LABELS: Record<WorkflowAction, string> = {
  save: 'Enregistrer',
  submit: 'Soumettre pour relecture',
  withdraw: 'Retirer de la relecture',
  request_changes: 'Demander des modifications',
  publish: 'Publier',
  discard_revision: 'Abandonner la révision',
  archive: 'Archiver',
  restore: 'Republier',
};

interface Rule {
  from: (s: WorkflowStatus) => boolean;
  roles: readonly WorkflowRole[];
  to: (s: WorkflowStatus) => WorkflowStatus;
  event: (s: WorkflowStatus) => WorkflowEvent;
  publishesRevision?: boolean;
  createsPublishedVersion?: boolean;
}

const editable = (s: WorkflowStatus) =>
  s.state === 'draft' || s.state === 'changes_requested' || (s.state === 'published' && s.revision !== 'submitted');

const RULES: Record<WorkflowAction, Rule> = {
  save: {
    from: editable,
    roles: ['editor', 'coordinator'],
    to: (s) => (s.state === 'published' ? { state: 'published', revision: s.revision ?? 'draft' } : s),
    event: (s) => (s.state === 'published' && s.revision === null ? 'revision_started' : 'saved'),
  },
  submit: {
    from: (s) =>
      s.state === 'draft' ||
      s.state === 'changes_requested' ||
      (s.state === 'published' && (s.revision === 'draft' || s.revision === 'changes_requested')),
    roles: ['editor'],
    to: (s) =>
      s.state === 'published' ? { state: 'published', revision: 'submitted' } : { state: 'submitted', revision: null },
    event: (s) => (s.state === 'published' ? 'revision_submitted' : 'submitted'),
  },
  withdraw: {
    from: (s) => s.state === 'submitted' || (s.state === 'published' && s.revision === 'submitted'),
    roles: ['editor'],
    to: (s) =>
      s.state === 'published' ? { state: 'published', revision: 'draft' } : { state: 'draft', revision: null },
    event: () => 'withdrawn',
  },
  request_changes: {
    from: (s) => s.state === 'submitted' || (s.state === 'published' && s.revision === 'submitted'),
    roles: ['coordinator'],
    to: (s) =>
      s.state === 'published'
        ? { state: 'published', revision: 'changes_requested' }
        : { state: 'changes_requested', revision: null },
    event: () => 'changes_requested',
  },
  publish: {
    from: (s) => s.state === 'submitted' || (s.state === 'published' && s.revision === 'submitted'),
    roles: ['coordinator'],
    to: () => ({ state: 'published', revision: null }),
    event: (s) => (s.state === 'published' ? 'revision_published' : 'published'),
    createsPublishedVersion: true,
  },
  discard_revision: {
    from: (s) => s.state === 'published' && s.revision !== null,
    roles: ['editor', 'coordinator'],
    to: () => ({ state: 'published', revision: null }),
    event: () => 'revision_discarded',
  },
  archive: {
    from: (s) => s.state === 'published',
    roles: ['editor', 'coordinator'],
    to: () => ({ state: 'archived', revision: null }),
    event: () => 'archived',
  },
  restore: {
    from: (s) => s.state === 'archived',
    roles: ['coordinator'],
    to: () => ({ state: 'published', revision: null }),
    event: () => 'restored',
  },
};

/**
 * Applies a workflow action. Pure: says whether the action is allowed for these roles in this state, and what
 * follows. Requesting changes needs a comment; archiving needs a reason.
 */
export function transition(
  status: WorkflowStatus,
  action: WorkflowAction,
  roles: readonly WorkflowRole[],
  input: { comment?: string | null; reason?: string | null } = {},
): TransitionResult {
  const rule = RULES[action];
  if (!rule.roles.some((r) => roles.includes(r))) {
    return {
      ok: false,
      code: 'forbidden',
      message:
        rule.roles.length === 1 && rule.roles[0] === 'coordinator'
          ? 'Seuls les coordinateurs du réseau peuvent faire cette action.'
          : 'Seuls les rédacteurs de la collectivité peuvent faire cette action.',
    };
  }
  if (!rule.from(status)) {
    return {
      ok: false,
      code: 'invalid_transition',
      message: `Action impossible : « ${WORKFLOW_ACTION_LABELS[action]} » sur une fiche « ${statusLabel(status)} ».`,
    };
  }
  if (action === 'request_changes' && !cleanText(input.comment)) {
    return { ok: false, code: 'comment_required', message: 'Expliquez les modifications demandées.' };
  }
  if (action === 'archive' && !cleanText(input.reason)) {
    return { ok: false, code: 'reason_required', message: 'Indiquez la raison de l’archivage.' };
  }
  const publishesRevision = action === 'publish' && status.state === 'published';
  return {
    ok: true,
    next: rule.to(status),
    event: rule.event(status),
    publishesRevision,
    createsPublishedVersion: rule.createsPublishedVersion === true || action === 'restore',
  };
}

/** The actions these roles may take on a sheet in this state (buttons to show). */
export function availableActions(status: WorkflowStatus, roles: readonly WorkflowRole[]): WorkflowAction[] {
  return (Object.keys(RULES) as WorkflowAction[]).filter(
    (a) => RULES[a].roles.some((r) => roles.includes(r)) && RULES[a].from(status),
  );
}

export function statusLabel(status: WorkflowStatus): string {
  return status.revision && status.state === 'published'
    ? `${WORKFLOW_STATE_LABELS.published} (${REVISION_STATE_LABELS[status.revision].toLowerCase()})`
    : WORKFLOW_STATE_LABELS[status.state];
}

// ---------------------------------------------------------------------------------------------------------------
// Viewers and the presenter
// ---------------------------------------------------------------------------------------------------------------

/**
 * Who is looking. Built from the signed-in user by `viewerOf`; tests build them directly.
 * Every active member of an authority writes its sheets (membership roles « membre » and « responsable » both
 * write; see the organisations module), so « editors » of a sheet are the members of its authority.
 */
export type Viewer =
  | { kind: 'anonymous' }
  /** Signed in, belongs to no authority (a citizen with an account). */
  | { kind: 'user'; userId: number }
  /** Belongs to at least one authority: a network member, and an editor of those authorities' sheets. */
  | { kind: 'member'; userId: number; organisations: readonly number[] }
  | { kind: 'coordinator'; userId: number }
  | { kind: 'admin'; userId: number };

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

export function viewerOf(user: CurrentUser | null): Viewer {
  if (!user) return ANONYMOUS;
  if (user.role === 'admin') return { kind: 'admin', userId: user.id };
  if (user.role === 'coordinator') return { kind: 'coordinator', userId: user.id };
  if (user.memberships.length === 0) return { kind: 'user', userId: user.id };
  return { kind: 'member', userId: user.id, organisations: user.memberships.map((m) => m.organisationId) };
}

/** The access level a viewer has on the sheets of an organisation. */
export function accessFor(viewer: Viewer, organisationId: number): AccessLevel {
  switch (viewer.kind) {
    case 'anonymous':
    case 'user':
      return 'public';
    case 'member':
      return viewer.organisations.includes(organisationId) ? 'editors' : 'members';
    case 'coordinator':
    case 'admin':
      return 'editors';
  }
}

/** The viewer's workflow roles on a sheet of this organisation. */
export function workflowRoles(viewer: Viewer, organisationId: number): WorkflowRole[] {
  const roles: WorkflowRole[] = [];
  if (viewer.kind === 'member' && viewer.organisations.includes(organisationId)) roles.push('editor');
  if (viewer.kind === 'coordinator' || viewer.kind === 'admin') roles.push('coordinator');
  return roles;
}

/** Whether the viewer may see the sheet at all: published and archived sheets are public; others are not. */
export function canSee(record: Pick<UseCaseRecord, 'state' | 'organisationId'>, viewer: Viewer): boolean {
  if (record.state === 'published' || record.state === 'archived') return true;
  return accessFor(viewer, record.organisationId) === 'editors';
}

/** A sheet as a viewer may see it: only the fields of their access level are present (others are absent). */
export interface PresentedUseCase {
  id: number;
  slug: string;
  organisation: OrganisationSummary;
  state: WorkflowState;
  /** Pending revision state, shown only to editors and coordinators (null for others). */
  revision: RevisionState | null;
  version: number;
  /** The viewer's access level on this sheet. */
  access: AccessLevel;
  content: Partial<UseCaseContent>;
  externalKey: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  archivedAt: string | null;
  archiveReason: string | null;
}

/** Keeps only the content fields readable at an access level. */
export function presentContent(content: Partial<UseCaseContent>, access: AccessLevel): Partial<UseCaseContent> {
  const out: Record<string, unknown> = {};
  for (const field of FIELDS) {
    if (!canRead(access, field.access)) continue;
    if (Object.hasOwn(content, field.key)) out[field.key] = structuredClone(content[field.key]);
  }
  return out as Partial<UseCaseContent>;
}

/**
 * THE presenter: what a viewer may see of a sheet, or null when they may not see it at all.
 * Everything that shows a sheet (pages, API, exports, feeds, search indexing, snippets) goes through it.
 */
export function present(record: UseCaseRecord, viewer: Viewer): PresentedUseCase | null {
  if (!canSee(record, viewer)) return null;
  const access = accessFor(viewer, record.organisationId);
  return {
    id: record.id,
    slug: record.slug,
    organisation: { ...record.organisation },
    state: record.state,
    revision: access === 'editors' ? record.revision : null,
    version: record.version,
    access,
    content: presentContent(record.content, access),
    externalKey: record.externalKey,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    publishedAt: record.publishedAt,
    archivedAt: record.archivedAt,
    archiveReason: record.archiveReason,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Display values and diff
// ---------------------------------------------------------------------------------------------------------------

/** A field value as French text (codes as labels, dates in words, links as « titre (adresse) »); '' when empty. */
export function displayValue(field: FieldDef, value: unknown): string {
  if (isEmpty(value)) return '';
  switch (field.type) {
    case 'code':
      return listOf(field).labelOf(String(value));
    case 'codes':
      return (value as string[]).map((c) => listOf(field).labelOf(c)).join(', ');
    case 'partialDate':
      return formatPartialDate(String(value));
    case 'date':
      return formatPartialDate(String(value));
    case 'integer':
    case 'number':
      return (value as number).toLocaleString('fr-FR', { maximumFractionDigits: 7 });
    case 'links':
      return (value as DatasetLink[]).map((l) => (l.title ? `${l.title} (${l.url})` : l.url)).join('\n');
    default:
      return String(value);
  }
}

export interface FieldChange {
  key: ContentKey;
  label: string;
  kind: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
  beforeText: string;
  afterText: string;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Field-by-field comparison of two versions, limited to the fields the access level may read (the history page is
 * public: pass 'public'). Fields absent from a presented version count as empty.
 */
export function diffContents(
  before: Partial<UseCaseContent>,
  after: Partial<UseCaseContent>,
  access: AccessLevel,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of FIELDS) {
    if (!canRead(access, field.access)) continue;
    const a = before[field.key];
    const b = after[field.key];
    if (sameValue(a, b)) continue;
    changes.push({
      key: field.key,
      label: field.label,
      kind: isEmpty(a) ? 'added' : isEmpty(b) ? 'removed' : 'changed',
      before: a ?? null,
      after: b ?? null,
      beforeText: displayValue(field, a),
      afterText: displayValue(field, b),
    });
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------------------------
// Search text of a sheet (public fields only, from a presented sheet)
// ---------------------------------------------------------------------------------------------------------------

/** Text to index by weight, from the anonymous presentation only: search can never reveal a restricted value. */
export function searchDocument(record: UseCaseRecord): { A: string; B: string; C: string } | null {
  const presented = present(record, ANONYMOUS);
  if (!presented) return null;
  const parts = { A: [] as string[], B: [] as string[], C: [] as string[] };
  for (const field of FIELDS) {
    if (!field.search || field.access !== 'public') continue;
    const text = displayValue(field, presented.content[field.key]);
    if (text) parts[field.search].push(text);
  }
  parts.C.push(presented.organisation.name);
  for (const key of ['theme', 'subThemes', 'commonsCategory', 'techniques'] as const) {
    const text = displayValue(fieldDef(key), presented.content[key]);
    if (text) parts.C.push(text);
  }
  return { A: parts.A.join('\n'), B: parts.B.join('\n'), C: parts.C.join('\n') };
}

// ---------------------------------------------------------------------------------------------------------------
// Imports (records produced by the parsers of formats/, consumed by the service)
// ---------------------------------------------------------------------------------------------------------------

/** The organisation an imported row belongs to, as the source describes it (matched by SIRET/SIREN on import). */
export interface ImportOrganisation {
  name: string;
  siret: string | null;
  siren: string | null;
  type: OrganisationType | null;
  /** ISO 3166-1 alpha-2 code (« EU » for European bodies). */
  country: string;
  /** A body outside France: imported as an « other body » with its country. */
  foreign: boolean;
  /** The source's own category, kept for the record (PSTW « Central-Government »…). */
  sourceCategory: string | null;
}

export type ImportSource = 'interconnectes' | 'pstw';

/** One sheet to create or update, keyed by a stable external key (re-importing updates, never duplicates). */
export interface ImportRecord {
  externalKey: string;
  source: ImportSource;
  /** Line of the source file where the row starts. */
  line: number;
  organisation: ImportOrganisation;
  content: UseCaseContent;
}

/** A problem in an imported file, in French, with its line and column (column null: the whole row or file). */
export interface ImportIssue {
  line: number;
  column: string | null;
  message: string;
}

export interface ImportParseResult {
  source: ImportSource;
  /** Which layout was recognised (« public » 16 columns, « full » 27 columns, « pstw »). */
  variant: string;
  /** Data rows read (empty lines excluded). */
  rows: number;
  /** The content fields the file provides: re-importing updates these and leaves the others as edited here. */
  fields: ContentKey[];
  records: ImportRecord[];
  /** Problems that prevent the import (an import with errors changes nothing). */
  errors: ImportIssue[];
  /** Values adjusted or dropped; the import can go on. */
  warnings: ImportIssue[];
}

/** Sorts issues by line, then column (the report reads top to bottom). */
export function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || (a.column ?? '').localeCompare(b.column ?? ''));
}

// ---------------------------------------------------------------------------------------------------------------
// Commons category from text (imports)
// ---------------------------------------------------------------------------------------------------------------

const COMMONS_CLUES: readonly [CommonsCategoryCode, RegExp][] = [
  [
    'conversational_assistant',
    /chat\s?-?bot|voice\s?-?bot|call\s?-?bot|virtual (assistant|agent)|conversational|digital assistant|agent conversationnel|assistant (virtuel|conversationnel)|\brag\b/i,
  ],
  [
    'aerial_shape_classification',
    /satellit|aerial|a[ée]rien|orthophoto|drone|remote sensing|t[ée]l[ée]d[ée]tection|earth observation|lidar/i,
  ],
  [
    'text_extraction',
    /\bocr\b|optical character|handwrit|text recognition|scanned (documents|forms|files)|reconnaissance (optique )?de (caract[èe]res|texte)|lecture automatique de documents/i,
  ],
  ['anomaly_detection', /anomal|fraud|irregularit|fuites?\b|leak|d[ée]gradation|conflits? d.int[ée]r[êe]t/i],
  ['forecasting', /forecast|predict|pr[ée]vision|pr[ée]di|anticip/i],
  ['optimisation', /optimi[sz]/i],
];

/**
 * A likely commons category from a sheet's text (French or English) and techniques, for imported sheets that have
 * none; null when no clue is found. Aerial images need computer vision when techniques are known.
 */
export function guessCommonsCategory(text: string, techniques: readonly string[] = []): CommonsCategoryCode | null {
  for (const [code, clue] of COMMONS_CLUES) {
    if (!clue.test(text)) continue;
    if (code === 'aerial_shape_classification' && techniques.length > 0 && !techniques.includes('computer_vision')) {
      continue;
    }
    return code;
  }
  if (techniques.includes('planning_optimisation')) return 'optimisation';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// TypeBox schemas (API validation and OpenAPI), generated from the catalogue
// ---------------------------------------------------------------------------------------------------------------

/**
 * A nullable JSON Schema written with a type array (`["string", "null"]`, valid in JSON Schema and OpenAPI 3.1):
 * the response serializer handles it directly, where `anyOf` would make it test each branch for every value.
 */
function nullable(
  type: 'string' | 'integer' | 'number',
  options: Record<string, unknown>,
  meta: Record<string, unknown>,
) {
  return Type.Unsafe({ type: [type, 'null'], ...options, ...meta });
}

function fieldSchema(field: FieldDef) {
  const meta = { title: field.label, ...(field.hint ? { description: field.hint } : {}) };
  switch (field.type) {
    case 'text':
    case 'longtext':
      return nullable('string', { maxLength: field.maxLength ?? 20_000 }, meta);
    case 'email':
      return nullable('string', { maxLength: 254 }, meta);
    case 'url':
      return nullable('string', { maxLength: field.maxLength ?? 2000, pattern: '^https?://' }, meta);
    case 'date':
      return nullable('string', { pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, meta);
    case 'partialDate':
      return nullable('string', { pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' }, meta);
    case 'integer':
      return nullable('integer', { minimum: field.min, maximum: field.max }, meta);
    case 'number':
      return nullable('number', { minimum: field.min, maximum: field.max }, meta);
    case 'code':
      return nullable('string', { enum: [...listOf(field).codes, null] }, meta);
    case 'codes':
      return Type.Array(Type.String({ enum: [...listOf(field).codes] }), {
        ...meta,
        uniqueItems: true,
        ...(field.maxItems ? { maxItems: field.maxItems } : {}),
      });
    case 'links':
      return Type.Array(
        Type.Object({
          title: Type.String({ maxLength: 300 }),
          url: Type.String({ maxLength: 2000, pattern: '^https?://' }),
        }),
        { ...meta, maxItems: field.maxItems ?? 20 },
      );
  }
}

function contentSchema(fields: readonly FieldDef[], description: string) {
  const properties: Record<string, any> = {};
  for (const f of fields) properties[f.key] = Type.Optional(fieldSchema(f));
  return Type.Object(properties, { additionalProperties: false, description });
}

/** Content of a sheet as the API returns it (fields the caller may not read are absent). */
export const UseCaseContentSchema = Type.Unsafe<Partial<UseCaseContent>>(
  contentSchema(FIELDS, 'Contenu d’une fiche ; les champs que l’appelant ne peut pas lire sont absents.'),
);

/** Content an API client may write (every form field; metadata is set by the platform). */
export const UseCaseContentInputSchema = Type.Unsafe<Partial<UseCaseContent>>(
  contentSchema(
    FIELDS.filter((f) => f.step !== null),
    'Champs à enregistrer ; les champs absents restent inchangés.',
  ),
);

export const OrganisationSummarySchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  slug: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] })),
  type: Type.Unsafe<string | null>({ type: ['string', 'null'] }),
  siren: Type.Unsafe<string | null>({ type: ['string', 'null'] }),
  siret: Type.Unsafe<string | null>({ type: ['string', 'null'] }),
  country: Type.String(),
  departementCode: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] })),
  regionCode: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] })),
  logoUrl: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] })),
  latitude: Type.Optional(Type.Unsafe<number | null>({ type: ['number', 'null'] })),
  longitude: Type.Optional(Type.Unsafe<number | null>({ type: ['number', 'null'] })),
});

export const PresentedUseCaseSchema = Type.Object(
  {
    id: Type.Integer(),
    slug: Type.String(),
    organisation: OrganisationSummarySchema,
    state: Type.String({ enum: [...WORKFLOW_STATES] }),
    revision: Type.Unsafe<string | null>({
      type: ['string', 'null'],
      enum: ['draft', 'submitted', 'changes_requested', null],
    }),
    version: Type.Integer(),
    access: Type.String({ enum: ['public', 'members', 'editors'] }),
    content: UseCaseContentSchema,
    externalKey: Type.Unsafe<string | null>({ type: ['string', 'null'] }),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    publishedAt: Type.Unsafe<string | null>({ type: ['string', 'null'] }),
    archivedAt: Type.Unsafe<string | null>({ type: ['string', 'null'] }),
    archiveReason: Type.Unsafe<string | null>({ type: ['string', 'null'] }),
  },
  { description: 'Une fiche telle que l’appelant peut la voir.' },
);

/** Body of a write through the API: the content to save and the version it was based on. */
export const UseCaseWriteSchema = Type.Object({
  version: Type.Optional(Type.Integer({ minimum: 0, description: 'Version lue avant modification (conflits).' })),
  content: UseCaseContentInputSchema,
});
export type UseCaseWrite = Static<typeof UseCaseWriteSchema>;
