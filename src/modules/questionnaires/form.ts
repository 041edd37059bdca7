/** Reading the values of a posted HTML form (urlencoded or multipart), leniently: the builder, campaigns, answers. */

/** A field as text: the last value when it was sent several times, '' when absent or not text. */
export const str = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : Array.isArray(v) && typeof v[v.length - 1] === 'string'
      ? (v[v.length - 1] as string)
      : '';

/** A field sent zero, one or several times (checkboxes, multiple selects) as a list; an empty text is no value. */
export const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : [];
