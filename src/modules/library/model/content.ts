/**
 * A use case's content: reading input (HTML forms send strings, the API sends JSON), validation per form step with
 * French messages, display values, and the field-by-field diff of two versions. Pure code only.
 */
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
} from '../fields.ts';
import { type ReferenceList, referenceList } from '../reference.ts';
import {
  cleanText,
  formatPartialDate,
  isEmail,
  isFullDate,
  isPartialDate,
  isWebUrl,
  parseFullDate,
  parsePartialDate,
} from './values.ts';

export type FieldErrors = Partial<Record<ContentKey, string>>;

/** The reference list of a coded field. */
export function referenceListOf(field: FieldDef): ReferenceList {
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
      const list = referenceListOf(field);
      return list.has(v) ? { value: v } : { value: null, error: `${label} : choisissez une valeur de la liste.` };
    }
    case 'codes': {
      const list = referenceListOf(field);
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

export function isEmpty(value: unknown): boolean {
  return value == null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** True when the use case says the system contributes to decisions about people. */
export function involvesDecisions(content: Pick<UseCaseContent, 'automationLevel'>): boolean {
  return content.automationLevel != null && content.automationLevel !== 'no_decision';
}

/** Whether a field must be filled, given the rest of the use case. */
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
      // https:// preferred, http:// accepted, as the hint says (imported registers hold http:// addresses that a
      // coordinator must be able to open and save as they are).
      if (!isWebUrl(s)) return `${label} : saisissez une adresse web complète, commençant par https:// (ou http://)`;
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
      return referenceListOf(field).has(value) ? null : `${label} : choisissez une valeur de la liste.`;
    case 'codes': {
      if (!Array.isArray(value)) return `${label} : choisissez des valeurs de la liste.`;
      const list = referenceListOf(field);
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
          return `${label} : le lien n° ${i + 1} doit être une adresse web complète, commençant par https:// (ou http://)`;
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
 * Validates a use case. Returns the errors by field, in form order, with French messages (empty object: valid).
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

/** The keys of the fields that must be filled at submission, given the rest of the use case (form pages). */
export function requiredKeys(content: UseCaseContent): Set<string> {
  return new Set(FIELDS.filter((f) => isRequired(f, content)).map((f) => f.key as string));
}

/** Steps that still have errors for submission (used by the check-your-answers page). */
export function incompleteSteps(content: UseCaseContent): FormStepKey[] {
  const errors = validateContent(content, { complete: true });
  const steps: FormStepKey[] = [];
  for (const f of FIELDS) if (errors[f.key] && f.step && !steps.includes(f.step)) steps.push(f.step);
  return steps;
}

/** A complete use case from partial content (missing keys get their empty value). */
export function withDefaults(partial: Partial<UseCaseContent>): UseCaseContent {
  return { ...emptyContent(), ...partial };
}

// ---------------------------------------------------------------------------------------------------------------
// Display values and diff
// ---------------------------------------------------------------------------------------------------------------

/** A field value as French text (codes as labels, dates in words, links as « titre (adresse) »); '' when empty. */
export function displayValue(field: FieldDef, value: unknown): string {
  if (isEmpty(value)) return '';
  switch (field.type) {
    case 'code':
      return referenceListOf(field).labelOf(String(value));
    case 'codes':
      return (value as string[]).map((c) => referenceListOf(field).labelOf(c)).join(', ');
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
