/** The library page: one search box, facets with counts, sorting, results, pagination — all in the URL. */
import { Pagination } from '../../../platform/ui/components.tsx';
import {
  FACET_PARAMS,
  type FacetKey,
  type LibraryQuery,
  type LibraryResult,
  SORT_KEYS,
  SORT_LABELS,
  type SortKey,
} from '../services/search.ts';
import { UseCaseCard } from './common.tsx';

/** Facets shown on the page, in order, with their French titles. */
export const FACET_TITLES: [FacetKey, string][] = [
  ['theme', 'Thème'],
  ['subTheme', 'Sous-thème'],
  ['status', 'Statut du projet'],
  ['technique', 'Technique'],
  ['commons', 'Catégorie de commun'],
  ['audience', 'Public'],
  ['authorityType', 'Type de collectivité'],
  ['region', 'Région'],
  ['departement', 'Département'],
  ['startYear', 'Année de démarrage'],
  ['country', 'Pays'],
  ['aiAct', 'Règlement européen sur l’IA'],
  ['notice', 'Notice de transparence'],
  ['assessment', 'Auto-évaluation IA responsable'],
];

const VISIBLE_VALUES = 8;

/** The query string of a library state (same parameters in the API). */
export function libraryQueryString(
  query: LibraryQuery,
  overrides: { page?: number; remove?: [FacetKey, string] } = {},
) {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const [key] of FACET_TITLES) {
    for (const v of query.filters[key] ?? []) {
      if (overrides.remove && overrides.remove[0] === key && overrides.remove[1] === v) continue;
      params.append(FACET_PARAMS[key], v);
    }
  }
  for (const v of query.filters.organisation ?? []) params.append(FACET_PARAMS.organisation, v);
  if (query.sort) params.set('tri', query.sort);
  const page = overrides.page ?? 1;
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function FacetGroup({ facet, title, result }: { facet: FacetKey; title: string; result: LibraryResult }) {
  const values = result.facets[facet];
  if (!values.length) return null;
  const shown = values.filter((v, i) => i < VISIBLE_VALUES || v.selected);
  const more = values.filter((v, i) => i >= VISIBLE_VALUES && !v.selected);
  const option = (v: (typeof values)[number]) => {
    const id = `f-${facet}-${v.code}`.replace(/[^a-zA-Z0-9_-]/g, '-');
    return (
      <div class="choice">
        <input type="checkbox" id={id} name={FACET_PARAMS[facet]} value={v.code} checked={v.selected} />
        <label for={id}>
          {v.label} <span class="count">({v.count.toLocaleString('fr-FR')})</span>
        </label>
      </div>
    );
  };
  return (
    <fieldset class="facet">
      <legend>{title}</legend>
      {shown.map(option)}
      {more.length > 0 && (
        <details class="facet-more">
          <summary>
            Voir plus ({more.length})<span class="visually-hidden"> : {title}</span>
          </summary>
          {more.map(option)}
        </details>
      )}
    </fieldset>
  );
}

export function LibraryPage({
  query,
  result,
  canWrite,
  organisationName,
  logos = new Map(),
}: {
  query: LibraryQuery;
  result: LibraryResult;
  canWrite: boolean;
  organisationName: string | null;
  /** The logos the server fetched, by the sheets' logo address (services/logos.ts `pathsFor`). */
  logos?: ReadonlyMap<string, string>;
}) {
  const pages = Math.max(1, Math.ceil(result.total / result.perPage));
  const chosen = FACET_TITLES.flatMap(([key, title]) =>
    result.facets[key].filter((v) => v.selected).map((v) => ({ key, title, value: v })),
  );
  const sortOptions = SORT_KEYS.filter((k) => k !== 'relevance' || query.q);
  const hasFacets = FACET_TITLES.some(([key]) => result.facets[key].length > 0);
  return (
    <>
      <h1>{organisationName ? `Fiches de ${organisationName}` : 'Bibliothèque des usages de l’IA'}</h1>
      <p class="lead">
        Les projets d’intelligence artificielle des collectivités, décrits par elles-mêmes et relus par le réseau.
      </p>
      {canWrite && (
        <p class="actions">
          <a class="button" href="/bibliotheque/nouvelle">
            Rédiger une fiche
          </a>
          <a href="/bibliotheque/mes-fiches">Les fiches de ma collectivité</a>
        </p>
      )}
      <form
        method="get"
        action="/bibliotheque"
        class="library-form"
        aria-label="Rechercher dans la bibliothèque"
        data-auto-submit=".facets input[type=checkbox], #tri"
      >
        <div class="search-form">
          <div class="field search-field">
            <label for="q">Rechercher une fiche</label>
            <p class="hint" id="q-hint">
              Des mots, ou une expression entre guillemets. Par exemple : « prévision des repas », fuites d’eau.
            </p>
            <input
              id="q"
              name="q"
              type="search"
              class="input"
              value={query.q}
              aria-describedby="q-hint"
              autocomplete="off"
              maxLength={500}
            />
          </div>
          <div class="field">
            <label for="tri">Trier par</label>
            <select id="tri" name="tri" class="input">
              {sortOptions.map((k) => (
                <option value={k} selected={result.sort === k}>
                  {SORT_LABELS[k as SortKey]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button">
            Rechercher
          </button>
        </div>
        {query.filters.organisation?.map((o) => (
          <input type="hidden" name="organisation" value={o} />
        ))}
        <div class="with-sidebar library-layout">
          <aside class="facets" aria-labelledby="filters-title">
            <details class="facets-panel">
              <summary class="button button-secondary">
                <span id="filters-title">Filtrer</span>
                {chosen.length > 0 && ` (${chosen.length})`}
              </summary>
              <p class="hint auto-apply-hint" hidden>
                Les filtres s’appliquent dès que vous les cochez ; la page se recharge.
              </p>
              {FACET_TITLES.map(([key, title]) => (
                <FacetGroup facet={key} title={title} result={result} />
              ))}
              {hasFacets && (
                <button type="submit" class="button button-secondary apply-filters">
                  Appliquer les filtres
                </button>
              )}
            </details>
          </aside>
          <div class="results" aria-live="polite">
            <h2 class="results-count">
              {result.total === 0
                ? 'Aucune fiche ne correspond'
                : `${result.total.toLocaleString('fr-FR')} fiche${result.total > 1 ? 's' : ''}`}
              {query.q && ` pour « ${result.corrected?.to ?? query.q} »`}
            </h2>
            {result.corrected && (
              <p class="suggestion" role="status">
                Aucun résultat pour « {result.corrected.from} » ; résultats pour « {result.corrected.to} ».
              </p>
            )}
            {result.suggestion && !result.corrected && (
              <p class="suggestion">
                Vouliez-vous dire :{' '}
                <a href={`/bibliotheque${libraryQueryString({ ...query, q: result.suggestion })}`}>
                  {result.suggestion}
                </a>{' '}
                ?
              </p>
            )}
            {chosen.length > 0 && (
              <ul class="chosen-filters" aria-label="Filtres appliqués">
                {chosen.map((c) => (
                  <li>
                    <a href={`/bibliotheque${libraryQueryString(query, { remove: [c.key, c.value.code] })}`}>
                      <span class="visually-hidden">Retirer le filtre </span>
                      {c.title} : {c.value.label} <span aria-hidden="true">×</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
            {result.total === 0 && (
              <p>
                Essayez d’autres mots, retirez des filtres ou{' '}
                <a href="/bibliotheque">parcourez toute la bibliothèque</a>.
              </p>
            )}
            <ul class="cards sheet-list">
              {result.items.map((i) => (
                <UseCaseCard
                  useCase={i.useCase}
                  snippet={i.snippet}
                  title={i.title}
                  logo={i.useCase.content.logoUrl ? logos.get(i.useCase.content.logoUrl) : null}
                />
              ))}
            </ul>
            <Pagination
              page={result.page}
              pageCount={pages}
              href={(p) => `/bibliotheque${libraryQueryString(query, { page: p })}`}
            />
            <p class="meta">
              Ces résultats existent aussi en données :{' '}
              <a href={`/api/v1/use-cases${libraryQueryString(query)}`}>API (JSON)</a> ·{' '}
              <a href="/donnees-ouvertes">téléchargements</a> · <a href="/bibliotheque/flux.atom">flux Atom</a>
            </p>
          </div>
        </div>
      </form>
    </>
  );
}
