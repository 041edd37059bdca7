/**
 * Transition shim: the one form reader is src/platform/http/form.ts (`text(body, name)`, `list(body, name)`, and
 * `textOf` / `listOf` for a raw value). These two keep the former raw-value semantics for the files not yet moved.
 */
import { textOf } from '../../platform/http/form.ts';

/** A field as text: the last value when it was sent several times, '' when absent or not text. */
export const str = (v: unknown): string => textOf(v);

/**
 * A field sent zero, one or several times (checkboxes, multiple selects) as a list; an empty text is no value.
 * Unlike the platform's `listOf`, a repeated field keeps its empty values (as before).
 */
export const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : [];
