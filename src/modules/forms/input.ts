/**
 * Reading answers from a posted HTML form (urlencoded or multipart, or the island's own reading of the page):
 * normalisation never fails, it keeps what was typed for validation to judge and the form to show back.
 *
 * Pure and free of Node APIs (bundled for the browser island).
 */
import type { FormBody } from '../../platform/http/form.ts';
import { usesOther } from './answers.ts';
import { type Answers, type AnswerValue, type Form, otherKey, type Question } from './model.ts';

// ---------------------------------------------------------------------------------------------------------------
// HTML form submissions
// ---------------------------------------------------------------------------------------------------------------

/**
 * A parsed `application/x-www-form-urlencoded` body: repeated names give arrays. Bracketed names
 * (`matrice[ligne]`) may arrive flat or already nested, depending on the parser: both are read.
 */
export type { FormBody };

function lastString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    for (let i = v.length - 1; i >= 0; i--) if (typeof v[i] === 'string') return v[i] as string;
  }
  return undefined;
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Reads `name[key]` fields, flat (`{ 'm[a]': 'x' }`) or nested (`{ m: { a: 'x' } }`). */
function bracketed(form: FormBody, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  const nested = form[name];
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) {
    for (const [k, v] of Object.entries(nested)) {
      const s = lastString(v);
      if (s !== undefined) out[k] = s;
    }
  }
  const prefix = `${name}[`;
  for (const [k, v] of Object.entries(form)) {
    if (k.startsWith(prefix) && k.endsWith(']')) {
      const s = lastString(v);
      if (s !== undefined) out[k.slice(prefix.length, -1)] = s;
    }
  }
  return out;
}

/** `1 234,5` → 1234.5; anything else unparsable → null. */
export function parseFrenchNumber(raw: string): number | null {
  const s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** `15/03/2024`, `15-03-2024`, `2024-03-15` → `2024-03-15`; `03/2024`, `2024-03` → `2024-03` (month precision). */
export function parseFrenchDate(raw: string, precision: 'day' | 'month' = 'day'): string | null {
  const s = raw.trim();
  if (precision === 'month') {
    let m = /^(\d{4})-(\d{1,2})$/.exec(s);
    if (m) return `${m[1]}-${m[2].padStart(2, '0')}`;
    m = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
    if (m) return `${m[2]}-${m[1].padStart(2, '0')}`;
    return null;
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return null;
}

/**
 * Reads one question's value from a form body. Returns `undefined` when nothing was answered. Values that cannot be
 * read as their type are returned as typed, for validation to reject and the form to show back.
 * Field names: the question id; `id.other` for the « Autre » text; `id[ligne]=colonne` for a matrix;
 * `id[élément]=rang` for a ranking (or the codes in order under `id`, as the script sends them).
 */
export function formValue(q: Question, form: FormBody): AnswerValue | undefined {
  const raw = form[q.id];
  switch (q.type) {
    case 'short_text':
    case 'email':
    case 'organisation': {
      const s = lastString(raw)?.trim();
      return s ? s : undefined;
    }
    case 'url': {
      const s = lastString(raw)?.trim();
      if (!s) return undefined;
      return /^www\./i.test(s) ? `https://${s}` : s;
    }
    case 'long_text': {
      const s = lastString(raw)?.replace(/\r\n?/g, '\n').trim();
      return s ? s : undefined;
    }
    case 'number': {
      const s = lastString(raw)?.trim();
      if (!s) return undefined;
      return parseFrenchNumber(s) ?? s;
    }
    case 'scale': {
      const s = lastString(raw)?.trim();
      if (!s) return undefined;
      return /^\d+$/.test(s) ? Number(s) : s;
    }
    case 'date': {
      const s = lastString(raw)?.trim();
      if (!s) return undefined;
      return parseFrenchDate(s, q.precision ?? 'day') ?? s;
    }
    case 'single_choice':
    case 'dropdown': {
      const s = lastString(raw)?.trim();
      return s ? s : undefined;
    }
    case 'multiple_choice': {
      const list = [
        ...new Set(
          strings(raw)
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      return list.length ? list : undefined;
    }
    case 'yes_no': {
      const s = lastString(raw)?.trim().toLowerCase();
      if (!s) return undefined;
      if (s === 'oui' || s === 'true' || s === '1') return true;
      if (s === 'non' || s === 'false' || s === '0') return false;
      return s;
    }
    case 'matrix': {
      const cells = bracketed(form, q.id);
      const out: Record<string, string> = {};
      for (const [row, col] of Object.entries(cells)) if (col.trim()) out[row] = col.trim();
      return Object.keys(out).length ? out : undefined;
    }
    case 'ranking': {
      if (Array.isArray(raw) && raw.every((x) => typeof x === 'string'))
        return raw.length ? (raw as string[]) : undefined;
      const ranks = bracketed(form, q.id);
      const given = Object.entries(ranks).filter(([, r]) => r.trim() !== '');
      if (given.length === 0) return undefined;
      const codes = q.choices.map((c) => c.code);
      const n = codes.length;
      const byRank = new Map<number, string>();
      let complete = given.length === n;
      for (const [code, r] of given) {
        const rank = /^\d+$/.test(r.trim()) ? Number(r.trim()) : Number.NaN;
        if (!codes.includes(code) || !(rank >= 1 && rank <= n) || byRank.has(rank)) complete = false;
        else byRank.set(rank, code);
      }
      if (complete) return Array.from({ length: n }, (_, i) => byRank.get(i + 1)!);
      // Not a full ranking: keep the ranks as typed so that the form shows them back with the error.
      return Object.fromEntries(given.map(([code, r]) => [code, r.trim()]));
    }
    case 'file':
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Applies a submitted form to the previous answers: every question in scope (one page, or all) takes the form's
 * value, or loses its answer when the form has none (an unticked box is an answer removed). File questions keep
 * their stored file unless `id.remove` is sent (files arrive through the upload route, not here).
 */
export function applyForm(
  questionnaire: Form,
  previous: Answers,
  form: FormBody,
  options: { pageId?: string } = {},
): Answers {
  const pages = options.pageId ? questionnaire.pages.filter((p) => p.id === options.pageId) : questionnaire.pages;
  if (options.pageId && pages.length === 0) throw new Error(`Page inconnue : ${options.pageId}`);
  const out: Answers = { ...previous };
  for (const page of pages) {
    for (const element of page.elements) {
      if (element.type === 'info') continue;
      const q = element;
      if (q.type === 'file') {
        if (lastString(form[`${q.id}.remove`])) delete out[q.id];
        continue;
      }
      const value = formValue(q, form);
      if (value === undefined) delete out[q.id];
      else out[q.id] = value;
      if ('allowOther' in q && q.allowOther) {
        const other = lastString(form[otherKey(q.id)])?.trim();
        if (other && usesOther(q, value)) out[otherKey(q.id)] = other;
        else delete out[otherKey(q.id)];
      }
    }
  }
  return out;
}
