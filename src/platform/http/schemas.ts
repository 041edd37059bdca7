/**
 * TypeBox schemas shared by routes. Every route declares `schema: { params?, querystring?, body? }`; the OpenAPI
 * document is generated from them. A path parameter that does not match its schema is a 404 (the page does not
 * exist), not a 400 (see the error handler in plugin.tsx).
 */
import { Type } from 'typebox';

/** A positive integer id in the path (`/bibliotheque/:id`). */
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }) });

/**
 * Any query string made of texts or repeated texts (a page whose parameters are read by a parser of its own).
 * An object without properties, so that the OpenAPI document lists no made-up parameter for it.
 */
export const LooseQuery = Type.Object(
  {},
  { additionalProperties: Type.Union([Type.String(), Type.Array(Type.String())]) },
);

/** A form body whose fields are read by the one form reader (platform/http/form.ts). */
export const LooseForm = Type.Record(Type.String(), Type.Unknown());

/**
 * A multipart/form-data body (fields and files), read by `readMultipartForm` in the handler: the body is not parsed
 * before the handler runs, so its schema documents it without constraining it (an urlencoded post of the same form
 * is accepted too).
 */
export const MultipartForm = Type.Unknown({
  description: 'Formulaire multipart/form-data (champs et fichiers) ou application/x-www-form-urlencoded',
});

/** The positive integer of a path parameter already checked by its schema. */
export function idOf(params: unknown, name = 'id'): number {
  return Number((params as Record<string, string>)[name]);
}
