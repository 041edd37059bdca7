/**
 * Text that no page or API of the product accepts, refused once in the pipeline for every route: the NUL character
 * (U+0000). PostgreSQL refuses it in text columns (SQLite stores it), so without this guard the same input gave an
 * answer on one database and a 500 on the other. Query, path parameters, form and JSON bodies (keys and values,
 * at any depth) and multipart fields are all checked; imported files are checked by the upload reader (sniff.ts).
 */
import { HttpError } from './errors.ts';

export const NUL_MESSAGE =
  'La requête contient un caractère nul (U+0000), qui n’est accepté dans aucun champ. Retirez-le et recommencez.';

/** The first place where a NUL character appears in the value (`body.title`, `query.q`…), or null. */
export function nulCharacterIn(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  if (Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulCharacterIn(value[i], `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}.${key.split('\u0000').join('\\0')}`;
    const found = nulCharacterIn(v, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Throws 400 (JSON `{ error: { code: 'nul_character', fields } }` in the API, a French page otherwise). */
export function refuseNulCharacters(parts: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(parts)) {
    const found = nulCharacterIn(value, name);
    if (found) throw new HttpError(400, 'nul_character', NUL_MESSAGE, { [found]: 'Caractère nul (U+0000) refusé.' });
  }
}
