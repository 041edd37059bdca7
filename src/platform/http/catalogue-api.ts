/**
 * The JSON face of a catalogue (src/platform/catalogue) in the API: the list route's query (`q`, `tri`, `page`,
 * `per_page` and one parameter per facet, repeated for several values), its response (items, total, page, per_page,
 * facet counts by parameter, the « did you mean » suggestion), and the reading of `per_page` and of the facets. Each
 * catalogue's list route (commons, challenges, initiatives…) describes its items and its facet parameters; the rest
 * is the same everywhere.
 */
import Type, { type TSchema } from 'typebox';

/** The API's error body (errors.ts writes it): a code, a French message, field messages, the current version. */
export const ApiErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Record(Type.String(), Type.String())),
    current: Type.Optional(Type.Any()),
  }),
});

/** One facet's values with their counts, as the list routes give them. */
export const FacetCountsSchema = Type.Array(
  Type.Object({ code: Type.String(), label: Type.String(), count: Type.Integer(), selected: Type.Boolean() }),
);

/** The list route's query: the text, the order (described by `sortDescription`), the page, and each facet's parameter. */
export function catalogueListQuery(facetParams: readonly string[], sortDescription: string) {
  return Type.Object(
    {
      q: Type.Optional(Type.String({ description: 'Texte cherché (analyse française)' })),
      tri: Type.Optional(Type.String({ description: sortDescription })),
      page: Type.Optional(Type.String()),
      per_page: Type.Optional(Type.String()),
      ...Object.fromEntries(
        facetParams.map((p) => [p, Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]))]),
      ),
    },
    { additionalProperties: true },
  );
}

/** The list route's answer around its items. */
export function catalogueListResponse<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    per_page: Type.Integer(),
    facets: Type.Record(Type.String(), FacetCountsSchema),
    suggestion: Type.Union([Type.String(), Type.Null()]),
  });
}

/** `per_page` as asked, between 1 and 100 (20 when absent or not a number). */
export function apiPerPage(raw: Record<string, unknown>): number {
  return Math.min(Math.max(Number(raw.per_page) || 20, 1), 100);
}

/** The facet counts keyed by their query parameter (`FACET_PARAMS`: facet key → parameter), leaving out `skip`. */
export function facetsByParam(
  facets: Readonly<Record<string, unknown>>,
  params: Readonly<Record<string, string>>,
  skip: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, param] of Object.entries(params)) if (!skip.includes(key)) out[param] = facets[key];
  return out;
}
