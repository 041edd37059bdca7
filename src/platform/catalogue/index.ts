/**
 * The catalogue read-model (see catalogue.ts): what a module uses to make something searchable and filterable.
 *
 *   const catalogue = createCatalogue(entity, { dialect: platform.dialect });
 *   const result = await catalogue.search({ q, filters, sort, page, perPage });
 *   // result.ids → the module loads and presents those rows; result.facets, result.total, result.suggestion
 */
export {
  type Catalogue,
  type CatalogueEntity,
  type CatalogueOptions,
  type CatalogueQuery,
  type CatalogueReader,
  type CatalogueResult,
  COUNTER_TRUST_MS,
  createCatalogue,
  type FacetCount,
  type FacetSpec,
  type Version,
} from './catalogue.ts';
export { type ChangeCounter, settingsCounter } from './change-counter.ts';
export {
  FacetIndex,
  type FacetIndexShape,
  type Filters,
  type IndexQuery,
  type IndexResult,
  type SortKeySpec,
  type SortSpec,
} from './facet-index.ts';
export { highlight, indexedText, memoryText, type TextSearch } from './text.ts';
