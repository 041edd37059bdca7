/**
 * A catalogue's list page and list API read the same query string: `q`, `tri`, `page` and one parameter per facet
 * (repeated for several values). `catalogueQuery` reads it into the catalogue's query (unknown values are simply not
 * found; at most 20 values a facet, 200 characters of text, page 1 to 10,000), and writes back the parameters of the
 * page's links (the pager keeps the text, the order and the filters).
 */
import { listOf, textOf } from './form.ts';

export interface CatalogueListQuery<F extends string, O extends string> {
  q: string;
  filters: Partial<Record<F, string[]>>;
  sort: O | null;
  page: number;
}

/**
 * `facetParams`: each facet's query parameter (« type » → `kind`); `sorts`: each `tri` value's order (« nom » →
 * `name`); any other `tri` is the catalogue's default order.
 */
export function catalogueQuery<F extends string, O extends string>(
  facetParams: Record<F, string>,
  sorts: Record<string, O>,
) {
  const facets = Object.entries(facetParams) as [F, string][];
  const sortParamOf = (sort: O | null) => Object.entries(sorts).find(([, o]) => o === sort)?.[0] ?? '';

  return {
    read(query: Record<string, unknown>): CatalogueListQuery<F, O> {
      const filters: Partial<Record<F, string[]>> = {};
      for (const [facet, param] of facets) {
        const values = listOf(query[param]).slice(0, 20);
        if (values.length) filters[facet] = values;
      }
      const tri = textOf(query.tri);
      const sort = Object.hasOwn(sorts, tri) ? sorts[tri]! : null;
      const page = Math.min(Math.max(Number(textOf(query.page)) || 1, 1), 10_000);
      return { q: textOf(query.q).trim().slice(0, 200), filters, sort, page };
    },

    /**
     * The list page's own parameters (without `page`), the `tri` value shown in the form, and the pager's links to
     * `path`. `searched` is the text the catalogue searched (after correction), not the one typed.
     */
    links(path: string, query: CatalogueListQuery<F, O>, searched: string) {
      const params = new URLSearchParams();
      if (searched) params.set('q', searched);
      const sortParam = sortParamOf(query.sort);
      if (sortParam) params.set('tri', sortParam);
      for (const [facet, param] of facets) for (const v of query.filters[facet] ?? []) params.append(param, v);
      return {
        params,
        sortParam,
        pageHref(page: number) {
          const next = new URLSearchParams(params);
          next.set('page', String(page));
          return `${path}?${next}`;
        },
      };
    },
  };
}
