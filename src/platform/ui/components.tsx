import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../http/errors.ts';
import { usePage } from './context.ts';

/** Hidden CSRF field: put it in every form that POSTs (the <PostForm> component does it for you). */
export function CsrfField() {
  return <input type="hidden" name="_csrf" value={usePage().csrfToken} />;
}

export function PostForm(props: {
  action: string;
  children: ComponentChildren;
  class?: string;
  enctype?: string;
  id?: string;
  'data-autosave'?: string;
  /** A question the browser asks before sending (enhance.js); the form is sent without it when scripts are off. */
  'data-confirm'?: string;
  'aria-label'?: string;
  novalidate?: boolean;
}) {
  const { children, novalidate = true, ...rest } = props;
  return (
    <form method="post" {...rest} noValidate={novalidate}>
      <CsrfField />
      {children}
    </form>
  );
}

/** GOV.UK-style error summary: focused on load by enhance.js, each message links to its field. */
export function ErrorSummary({
  errors,
  title = 'Il y a un problème',
}: {
  errors?: FieldErrors | null;
  title?: string;
}) {
  const entries = Object.entries(errors ?? {});
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} data-error-summary>
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${fieldId(field)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The id of a field's input for a given name (used by labels and the error summary). */
export function fieldId(name: string): string {
  return `champ-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

/**
 * Binds form fields to what the form is shown with: `const field = bindFields(values, errors)`, then
 * `<TextInput {...field('title')} label="Titre" />` gets the field's name, the value typed (a string, or '') and its
 * error. Without `values` (a form shown before any submission), a field shows `current`.
 */
export function bindFields(values: object | null | undefined, errors?: FieldErrors | null) {
  return (name: string, current = '') => {
    const value = values ? (values as Record<string, unknown>)[name] : current;
    return { name, value: typeof value === 'string' ? value : '', error: errors?.[name] };
  };
}

interface FieldBase {
  name: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string;
  required?: boolean;
  id?: string;
  /** The length the server accepts: a counter of the characters left is shown (client/enhance.ts); not enforced. */
  maxLength?: number;
}

/** The `aria-describedby` of a field with id `id`: its hint and its error, when it has them. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** « (obligatoire) » or « (facultatif) », after a label or a legend. */
export function RequiredMark({ required }: { required?: boolean }) {
  return required ? <span class="required"> (obligatoire)</span> : <span class="optional"> (facultatif)</span>;
}

/** The hint of the field `id` (referenced by its aria-describedby); nothing without a hint. */
export function FieldHint({ id, children }: { id: string; children?: ComponentChildren }) {
  if (!children) return null;
  return (
    <p class="hint" id={`${id}-hint`}>
      {children}
    </p>
  );
}

/** The error message of the field `id` (referenced by its aria-describedby); nothing without an error. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p class="error-message" id={`${id}-error`}>
      <span class="visually-hidden">Erreur : </span>
      {error}
    </p>
  );
}

function FieldFrame({
  id,
  label,
  hint,
  error,
  required,
  children,
}: FieldBase & { id: string; children: ComponentChildren }) {
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>
        {label}
        <RequiredMark required={required} />
      </label>
      <FieldHint id={id}>{hint}</FieldHint>
      <FieldError id={id} error={error} />
      {children}
    </div>
  );
}

export function TextInput(
  props: FieldBase & {
    value?: string | number | null;
    type?: string;
    autocomplete?: string;
    inputmode?: string;
    width?: 'short' | 'medium' | 'full';
    placeholder?: string;
    extra?: Record<string, string>;
  },
) {
  const id = props.id ?? fieldId(props.name);
  return (
    <FieldFrame {...props} id={id}>
      <input
        id={id}
        name={props.name}
        type={(props.type ?? 'text') as any}
        value={props.value ?? ''}
        class={`input input-${props.width ?? 'full'}`}
        autoComplete={props.autocomplete}
        inputMode={props.inputmode as any}
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
        required={props.required}
        placeholder={props.placeholder}
        data-max-length={props.maxLength}
        {...(props.extra ?? {})}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldBase & { value?: string | null; rows?: number }) {
  const id = props.id ?? fieldId(props.name);
  return (
    <FieldFrame {...props} id={id}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        class="input"
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
        required={props.required}
        data-max-length={props.maxLength}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

export function Select(props: FieldBase & { value?: string | null; options: Option[]; emptyLabel?: string }) {
  const id = props.id ?? fieldId(props.name);
  return (
    <FieldFrame {...props} id={id}>
      <select
        id={id}
        name={props.name}
        class="input"
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
        required={props.required}
      >
        <option value="">{props.emptyLabel ?? '— Choisir —'}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Radios or checkboxes in a fieldset with a legend. */
export function ChoiceGroup(
  props: Omit<FieldBase, 'label'> & {
    legend: ComponentChildren;
    type: 'radio' | 'checkbox';
    options: Option[];
    value?: string | string[] | null;
    inline?: boolean;
  },
) {
  const id = props.id ?? fieldId(props.name);
  const selected = new Set(Array.isArray(props.value) ? props.value : props.value ? [props.value] : []);
  return (
    <fieldset
      class={`field choice-group${props.error ? ' field-error' : ''}${props.inline ? ' inline' : ''}`}
      aria-describedby={describedBy(id, props.hint, props.error)}
      id={id}
      tabIndex={-1}
    >
      <legend>
        {props.legend}
        <RequiredMark required={props.required} />
      </legend>
      <FieldHint id={id}>{props.hint}</FieldHint>
      <FieldError id={id} error={props.error} />
      {props.options.map((o, i) => {
        const optionId = `${id}-${i}`;
        return (
          <div class="choice">
            <input
              type={props.type}
              id={optionId}
              name={props.name}
              value={o.value}
              checked={selected.has(o.value)}
              aria-describedby={o.hint ? `${optionId}-hint` : undefined}
            />
            <label for={optionId}>{o.label}</label>
            <FieldHint id={optionId}>{o.hint}</FieldHint>
          </div>
        );
      })}
    </fieldset>
  );
}

export function Button(props: {
  children: ComponentChildren;
  kind?: 'primary' | 'secondary' | 'danger';
  name?: string;
  value?: string;
  type?: 'submit' | 'button';
}) {
  return (
    <button
      type={props.type ?? 'submit'}
      class={`button button-${props.kind ?? 'primary'}`}
      name={props.name}
      value={props.value}
    >
      {props.children}
    </button>
  );
}

/**
 * A data table: its caption (read by screen readers; shown too with `showCaption`), one header cell per column and
 * the rows, each starting with its <th scope="row">. `wrap` lets a wide table scroll sideways on a narrow screen.
 */
export function Table(props: {
  caption: ComponentChildren;
  columns: ComponentChildren[];
  children: ComponentChildren;
  showCaption?: boolean;
  wrap?: boolean;
}) {
  const table = (
    <table class="table">
      <caption class={props.showCaption ? undefined : 'visually-hidden'}>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th scope="col">{column}</th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
  // Wrapped by default: a wide table scrolls inside its box instead of widening the page on a phone.
  return props.wrap === false ? table : <div class="table-wrap">{table}</div>;
}

/** Pagination links that keep the rest of the query string. */
export function Pagination({
  page,
  pageCount,
  href,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  const pages = new Set([1, pageCount, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pageCount));
  const sorted = [...pages].sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label="Pagination">
      <ul>
        {page > 1 && (
          <li>
            <a href={href(page - 1)} rel="prev">
              Précédente
            </a>
          </li>
        )}
        {sorted.map((p, i) => (
          <>
            {i > 0 && p - sorted[i - 1]! > 1 && (
              <li aria-hidden="true" class="ellipsis">
                …
              </li>
            )}
            <li>
              {p === page ? (
                <span aria-current="page">
                  <span class="visually-hidden">Page </span>
                  {p}
                </span>
              ) : (
                <a href={href(p)}>
                  <span class="visually-hidden">Page </span>
                  {p}
                </a>
              )}
            </li>
          </>
        ))}
        {page < pageCount && (
          <li>
            <a href={href(page + 1)} rel="next">
              Suivante
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export interface ChartDatum {
  label: string;
  value: number;
  href?: string;
}

const fmt = new Intl.NumberFormat('fr-FR');

/**
 * Horizontal bar chart as server-rendered SVG, followed by its data table (the accessible alternative).
 * The SVG is decorative for assistive technologies (aria-hidden); the table carries the data.
 */
export function BarChart({
  title,
  data,
  unit = '',
  id,
  order = 'value',
}: {
  title: string;
  data: ChartDatum[];
  unit?: string;
  id: string;
  /** `value`: largest first (default); `given`: as given (years, months, scales). */
  order?: 'value' | 'given';
}) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const total = data.reduce((s, d) => s + d.value, 0);
  const rows = order === 'value' ? [...data].sort((a, b) => b.value - a.value) : data;
  // Labels are HTML (whole, wrapping); each bar is a tiny SVG whose width attribute carries the value (the strict
  // CSP forbids style attributes); the chart uses the page's width.
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <ol class="bar-chart" aria-hidden="true">
        {rows.map((d) => (
          <li>
            <span class="bar-label">{d.label}</span>
            <span class="bar-value">
              {fmt.format(d.value)}
              {unit}
            </span>
            <svg viewBox="0 0 1000 20" preserveAspectRatio="none" class="bar-track" focusable="false">
              <rect
                x="0"
                y="2"
                height="16"
                width={Math.max(Math.round((d.value / max) * 1000), d.value > 0 ? 4 : 0)}
                class="chart-bar"
              />
            </svg>
          </li>
        ))}
      </ol>
      <details class="chart-data">
        <summary>Voir les données du graphique « {title} »</summary>
        <Table caption={title} columns={['Catégorie', 'Nombre', 'Part']}>
          {rows.map((d) => (
            <tr>
              <th scope="row">{d.href ? <a href={d.href}>{d.label}</a> : d.label}</th>
              <td>{fmt.format(d.value)}</td>
              <td>{total ? `${Math.round((d.value / total) * 1000) / 10} %` : '—'}</td>
            </tr>
          ))}
        </Table>
      </details>
    </figure>
  );
}

export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('fr-FR', {
    timeZone: 'Europe/Paris',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  });
}

export const formatNumber = (n: number) => fmt.format(n);
