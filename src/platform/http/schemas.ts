/**
 * TypeBox schemas shared by routes. Every route declares `schema: { params?, querystring?, body? }`; the OpenAPI
 * document is generated from them. A path parameter that does not match its schema is a 404 (the page does not
 * exist), not a 400 (see the error handler in plugin.tsx).
 */
import { Type } from 'typebox';

/** A positive integer id in the path (`/bibliotheque/:id`). */
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }) });

/** Any query string made of texts or repeated texts (a page whose parameters are read by a parser of its own). */
export const LooseQuery = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]));

/** A form body whose fields are read by the one form reader (platform/http/form.ts). */
export const LooseForm = Type.Record(Type.String(), Type.Unknown());

/** The positive integer of a path parameter already checked by its schema. */
export function idOf(params: unknown, name = 'id'): number {
  return Number((params as Record<string, string>)[name]);
}
