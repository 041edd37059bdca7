/** The catalogue of initiatives: search, facets with counts, results, pagination, the other views, open data. */
import type { FacetCount } from '../../../platform/catalogue/index.ts';
import { CatalogueSearchForm } from '../../../platform/ui/catalogue-search.tsx';
import { Pagination } from '../../../platform/ui/components.tsx';
import type { PresentedInitiative } from '../services/presenter.ts';
import { FACET_LABELS, FACET_PARAMS, type InitiativeFacet } from '../services/search.ts';

/** Facets offered as checkboxes on the page (the authority facet is reached from the map). */
const SHOWN: InitiativeFacet[] = [
  'format',
  'topic',
  'public',
  'commitment',
  'region',
  'departement',
  'authorityType',
  'year',
];

export interface ListView {
  q: string;
  sort: string;
  total: number;
  page: number;
  pageCount: number;
  facets: Record<InitiativeFacet, FacetCount[]>;
  items: PresentedInitiative[];
  suggestion: string | null;
  correctedFrom: string | null;
  canCreate: boolean;
  hasInProgress: boolean;
  /** The authorities the list is filtered on (from the map), and the address without that filter. */
  authorityFilter: { names: string[]; clearHref: string } | null;
  pageHref: (page: number) => string;
}

export function InitiativeCard({ p }: { p: PresentedInitiative }) {
  const text = p.content.plainSummary || p.content.summary;
  return (
    <li class="card">
      <h3>
        <a href={p.path}>{p.content.title || 'Initiative sans titre'}</a>
      </h3>
      <p class="meta">
        {p.organisation.name}
        {p.format ? ` · ${p.format.label}` : ''}
        {p.year ? ` · ${p.year}` : ''}
        {p.working ? ` · ${p.statusLabel}` : ''}
      </p>
      {text && <p>{text.length > 300 ? `${text.slice(0, 300)}…` : text}</p>}
    </li>
  );
}

export function InitiativesNav() {
  return (
    <nav aria-label="Autour des initiatives" class="toc">
      <ul>
        <li>
          <a href="/manifeste">Le Manifeste et ses engagements</a>
        </li>
        <li>
          <a href="/initiatives/statistiques">Statistiques</a>
        </li>
        <li>
          <a href="/initiatives/carte">Carte</a>
        </li>
      </ul>
    </nav>
  );
}

export function InitiativesListPage(v: ListView) {
  const filtered = Object.values(v.facets).some((f) => f.some((c) => c.selected));
  return (
    <>
      <h1>Initiatives de participation</h1>
      <p class="lead">
        Comment les collectivités associent les habitants à leurs choix numériques : débats sur la 5G, ateliers,
        médiation numérique, budgets participatifs… avec ce qui a marché, ce qui a freiné et ce que cela a changé.
      </p>
      <InitiativesNav />
      {(v.canCreate || v.hasInProgress) && (
        <p>
          {v.canCreate && (
            <a class="button button-primary" href="/initiatives/nouvelle">
              Décrire une initiative
            </a>
          )}{' '}
          {v.hasInProgress && <a href="/initiatives/en-cours">Initiatives en cours de rédaction ou de relecture</a>}
        </p>
      )}
      <CatalogueSearchForm
        action="/initiatives"
        label="Rechercher une initiative"
        q={v.q}
        facets={SHOWN.map((k) => ({ param: FACET_PARAMS[k], legend: FACET_LABELS[k], values: v.facets[k] }))}
        sort={{
          value: v.sort,
          emptyLabel: 'Pertinence, puis date',
          options: [
            { value: 'date', label: 'Date, la plus récente d’abord' },
            { value: 'titre', label: 'Titre' },
          ],
        }}
        correctedFrom={v.correctedFrom}
      />
      {v.authorityFilter && (
        <p>
          Initiatives de {v.authorityFilter.names.join(', ')} seulement.{' '}
          <a href={v.authorityFilter.clearHref}>Voir les initiatives de toutes les collectivités</a>
        </p>
      )}
      <h2 aria-live="polite">
        {v.total === 0 ? 'Aucune initiative trouvée' : v.total === 1 ? '1 initiative' : `${v.total} initiatives`}
      </h2>
      {v.total === 0 && (
        <p>
          {v.q || filtered
            ? 'Essayez d’autres mots ou retirez des filtres.'
            : 'Aucune initiative n’est encore publiée.'}
          {v.suggestion && (
            <>
              {' '}
              Vouliez-vous dire <a href={`/initiatives?q=${encodeURIComponent(v.suggestion)}`}>« {v.suggestion} »</a> ?
            </>
          )}
        </p>
      )}
      <ul class="card-list">
        {v.items.map((p) => (
          <InitiativeCard p={p} />
        ))}
      </ul>
      <Pagination page={v.page} pageCount={v.pageCount} href={v.pageHref} />
      <h2>Données ouvertes</h2>
      <ul>
        <li>
          <a href="/initiatives/initiatives.csv">Toutes les initiatives publiées (CSV)</a>
        </li>
        <li>
          <a href="/initiatives/initiatives.json">Toutes les initiatives publiées (JSON)</a>
        </li>
        <li>
          <a href="/initiatives/flux.atom">Flux Atom des initiatives publiées</a>
        </li>
        <li>
          <a href="/api/openapi.json">API : /api/v1/initiatives (document OpenAPI)</a>
        </li>
      </ul>
    </>
  );
}

/** A list of initiatives under a title (in progress, review queue), with its empty state. */
export function InitiativeListPage({
  title,
  lead,
  empty,
  items,
}: {
  title: string;
  lead: string;
  empty: string;
  items: PresentedInitiative[];
}) {
  return (
    <>
      <h1>{title}</h1>
      <p class="lead">{lead}</p>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul class="card-list">
          {items.map((p) => (
            <InitiativeCard p={p} />
          ))}
        </ul>
      )}
    </>
  );
}
