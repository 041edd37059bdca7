/** The commons catalogue: search, facets with counts, results, pagination, open-data links. */
import type { FacetCount } from '../../../platform/catalogue/index.ts';
import { CatalogueSearchForm } from '../../../platform/ui/catalogue-search.tsx';
import { Pagination } from '../../../platform/ui/components.tsx';
import type { PresentedEntry } from '../services/presenter.ts';
import { type CommonsFacet, FACET_LABELS, FACET_PARAMS } from '../services/search.ts';

export interface CommonsListView {
  q: string;
  /** The order asked for (« date », « nom »), '' for the default. */
  sort: string;
  total: number;
  page: number;
  pageCount: number;
  facets: Record<CommonsFacet, FacetCount[]>;
  entries: PresentedEntry[];
  suggestion: string | null;
  correctedFrom: string | null;
  canCreate: boolean;
  pageHref: (page: number) => string;
}

export function CommonsListPage(v: CommonsListView) {
  const filtered = Object.values(v.facets).some((f) => f.some((c) => c.selected));
  return (
    <>
      <h1>Communs</h1>
      <p class="lead">
        Code, jeux de données, modèles entraînés, spécifications, méthodes et services que les collectivités et leurs
        partenaires partagent pour l’IA.
      </p>
      {v.canCreate && (
        <p>
          <a class="button button-primary" href="/communs/nouveau">
            Décrire un commun
          </a>{' '}
          <a class="button button-secondary" href="/communs/importer-publiccode">
            Importer un fichier publiccode.yml
          </a>
        </p>
      )}
      <CatalogueSearchForm
        action="/communs"
        label="Rechercher un commun"
        q={v.q}
        facets={(Object.keys(FACET_PARAMS) as CommonsFacet[]).map((k) => ({
          param: FACET_PARAMS[k],
          legend: FACET_LABELS[k],
          values: v.facets[k],
        }))}
        sort={{
          value: v.sort,
          emptyLabel: 'Pertinence, puis dernière mise à jour',
          options: [
            { value: 'date', label: 'Dernière mise à jour' },
            { value: 'nom', label: 'Nom' },
          ],
        }}
        correctedFrom={v.correctedFrom}
      />
      <h2 aria-live="polite">
        {v.total === 0 ? 'Aucun commun trouvé' : v.total === 1 ? '1 commun' : `${v.total} communs`}
      </h2>
      {v.total === 0 && (
        <p>
          {v.q || filtered ? 'Essayez d’autres mots ou retirez des filtres.' : 'Aucun commun n’est encore décrit.'}
          {v.suggestion && (
            <>
              {' '}
              Vouliez-vous dire <a href={`/communs?q=${encodeURIComponent(v.suggestion)}`}>« {v.suggestion} »</a> ?
            </>
          )}
        </p>
      )}
      <ul class="card-list">
        {v.entries.map((e) => (
          <li class="card">
            <h3>
              <a href={e.path}>{e.name}</a>
            </h3>
            <p class="meta">
              {e.kindLabel} · {e.statusLabel}
              {e.licence ? ` · ${e.licence}` : ''}
              {e.maintainers.length ? ` · ${e.maintainers.map((m) => m.name).join(', ')}` : ''}
            </p>
            <p>{e.summary.length > 300 ? `${e.summary.slice(0, 300)}…` : e.summary}</p>
          </li>
        ))}
      </ul>
      <Pagination page={v.page} pageCount={v.pageCount} href={v.pageHref} />
      <h2>Données ouvertes</h2>
      <ul>
        <li>
          <a href="/communs/communs.csv">Tous les communs (CSV)</a>
        </li>
        <li>
          <a href="/communs/communs.json">Tous les communs (JSON)</a>
        </li>
        <li>
          <a href="/communs/flux.atom">Flux Atom des communs et de leurs actualités</a>
        </li>
      </ul>
    </>
  );
}
