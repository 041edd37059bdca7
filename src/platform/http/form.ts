/**
 * The one form reader. Every HTML form post (urlencoded or multipart) is read here, with one rule for repeated
 * values: a text field sent several times keeps its LAST value (a hidden default followed by a checkbox, as browsers
 * send them); a list field keeps every non-empty value, in order; an absent field is '' or [].
 *
 * A route declares its form once with `formFields({...})`:
 *   - `schema: { body: form.schema }` documents it (OpenAPI) and lets Fastify refuse what is not a form at all;
 *   - `form.read(request.body)` gives typed values, or the French message of each field that is wrong (re-render the
 *     form with status 422 and the error summary).
 * Fields not declared (e.g. `_csrf`, or a form whose names are built at run time such as questionnaire answers)
 * stay readable with `text(body, name)` / `list(body, name)`, which follow the same rule.
 */
import type { FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { ValidationError } from './errors.ts';

export type FormBody = Record<string, unknown>;

/** A field as text: the last value when it was sent several times, '' when absent or not text. */
export function text(body: FormBody | undefined, name: string): string {
  return textOf(body?.[name]);
}

export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    for (let i = v.length - 1; i >= 0; i--) if (typeof v[i] === 'string') return v[i] as string;
  }
  return '';
}

/** A field sent zero, one or several times (checkboxes, multiple selects): its non-empty values, in order. */
export function list(body: FormBody | undefined, name: string): string[] {
  return listOf(body?.[name]);
}

export function listOf(v: unknown): string[] {
  const values = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return values.filter((x): x is string => typeof x === 'string' && x !== '');
}

// ---------------------------------------------------------------------------------------------------------------
// Declared fields
// ---------------------------------------------------------------------------------------------------------------

interface FieldSpec<T> {
  kind: 'text' | 'list' | 'integer' | 'boolean' | 'choice';
  /** French label used in messages (« Le champ « Titre » est obligatoire. »). */
  label: string;
  read(raw: unknown): { value: T } | { error: string };
}

/** Free text, trimmed. */
export function textField(
  label: string,
  options: {
    required?: boolean;
    maxLength?: number;
    minLength?: number;
    pattern?: RegExp;
    patternMessage?: string;
    trim?: boolean;
  } = {},
): FieldSpec<string> {
  return {
    kind: 'text',
    label,
    read(raw) {
      const value = options.trim === false ? textOf(raw) : textOf(raw).trim();
      if (!value) return options.required ? { error: `Indiquez ${lower(label)}.` } : { value };
      if (options.minLength && value.length < options.minLength)
        return { error: `${label} : au moins ${options.minLength} caractères.` };
      if (options.maxLength && value.length > options.maxLength)
        return { error: `${label} : ${options.maxLength} caractères au plus (${value.length} saisis).` };
      if (options.pattern && !options.pattern.test(value))
        return { error: options.patternMessage ?? `${label} : le format n'est pas reconnu.` };
      return { value };
    },
  };
}

/** Several values (checkboxes); `allowed` restricts them to known codes. */
export function listField(
  label: string,
  options: { allowed?: readonly string[]; max?: number } = {},
): FieldSpec<string[]> {
  return {
    kind: 'list',
    label,
    read(raw) {
      const values = listOf(raw);
      if (options.max && values.length > options.max) return { error: `${label} : ${options.max} choix au plus.` };
      const unknown = options.allowed ? values.find((v) => !options.allowed!.includes(v)) : undefined;
      if (unknown !== undefined) return { error: `${label} : choix inconnu « ${unknown} ».` };
      return { value: values };
    },
  };
}

/** One of a list of codes (radios, select). Empty gives null unless required. */
export function choiceField<C extends string>(
  label: string,
  allowed: readonly C[],
  options: { required?: boolean } = {},
): FieldSpec<C | null> {
  return {
    kind: 'choice',
    label,
    read(raw) {
      const value = textOf(raw).trim();
      if (!value) return options.required ? { error: `Choisissez ${lower(label)}.` } : { value: null };
      if (!allowed.includes(value as C)) return { error: `${label} : choix inconnu « ${value} ».` };
      return { value: value as C };
    },
  };
}

/** A whole number. Empty gives null unless required. */
export function integerField(
  label: string,
  options: { required?: boolean; min?: number; max?: number } = {},
): FieldSpec<number | null> {
  return {
    kind: 'integer',
    label,
    read(raw) {
      const value = textOf(raw).trim().replace(/\s/g, '');
      if (!value) return options.required ? { error: `Indiquez ${lower(label)}.` } : { value: null };
      if (!/^-?\d{1,15}$/.test(value)) return { error: `${label} : indiquez un nombre entier.` };
      const n = Number(value);
      if (options.min !== undefined && n < options.min) return { error: `${label} : au moins ${options.min}.` };
      if (options.max !== undefined && n > options.max) return { error: `${label} : au plus ${options.max}.` };
      return { value: n };
    },
  };
}

/** A checkbox: true when sent with any non-empty value other than "false"/"0". */
export function booleanField(label: string): FieldSpec<boolean> {
  return {
    kind: 'boolean',
    label,
    read(raw) {
      const value = textOf(raw).trim().toLowerCase();
      return { value: value !== '' && value !== 'false' && value !== '0' && value !== 'off' };
    },
  };
}

type Values<F extends Record<string, FieldSpec<any>>> = {
  [K in keyof F]: F[K] extends FieldSpec<infer T> ? T : never;
};

export interface DeclaredForm<F extends Record<string, FieldSpec<any>>> {
  /** The TypeBox schema of the body (every declared field as text or list of texts; other fields allowed). */
  schema: TSchema;
  /** Reads the body: values, and the French message of each wrong field. */
  read(body: unknown): { values: Values<F>; errors: Record<string, string> };
  /** Reads the body or throws a ValidationError carrying each wrong field's message (status 422). */
  parse(body: unknown): Values<F>;
}

export function formFields<F extends Record<string, FieldSpec<any>>>(fields: F): DeclaredForm<F> {
  const properties: Record<string, TSchema> = {};
  for (const [name, spec] of Object.entries(fields)) {
    const one = Type.String({ description: spec.label });
    properties[name] = Type.Optional(
      spec.kind === 'list' ? Type.Union([one, Type.Array(one)]) : Type.Union([one, Type.Array(one)]),
    );
  }
  const schema = Type.Object(properties, { additionalProperties: true });
  function read(body: unknown) {
    const form = (body && typeof body === 'object' ? body : {}) as FormBody;
    const values: Record<string, unknown> = {};
    const errors: Record<string, string> = {};
    for (const [name, spec] of Object.entries(fields)) {
      const r = spec.read(form[name]);
      if ('error' in r) errors[name] = r.error;
      else values[name] = r.value;
    }
    return { values: values as Values<F>, errors };
  }
  return {
    schema,
    read,
    parse(body) {
      const { values, errors } = read(body);
      if (Object.keys(errors).length) throw new ValidationError(errors);
      return values;
    },
  };
}

function lower(label: string): string {
  return label ? label[0]!.toLowerCase() + label.slice(1) : label;
}

// ---------------------------------------------------------------------------------------------------------------
// Multipart
// ---------------------------------------------------------------------------------------------------------------

export interface UploadedFile {
  field: string;
  filename: string;
  mimetype: string;
  data: Buffer;
}

/**
 * Reads a form body, urlencoded or multipart, with the same repeated-value shape for both. Multipart bodies were read
 * by the pipeline before the CSRF check (multipart.ts): files buffered (size-limited by the platform) and checked by
 * their content (magic bytes), a truncated body already answered with a 400. `tooLarge` names the file fields over
 * the size limit.
 */
export async function readMultipartForm(
  request: FastifyRequest,
): Promise<{ form: FormBody; files: UploadedFile[]; tooLarge: string[] }> {
  if (request.multipartContent) return request.multipartContent;
  return { form: (request.body ?? {}) as FormBody, files: [], tooLarge: [] };
}
