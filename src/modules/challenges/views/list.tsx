/** The challenges catalogue: search, facets with counts, results, pagination, open-data links. */
import type { FacetCount } from '../../../platform/catalogue/index.ts';
import { CatalogueSearchForm } from '../../../platform/ui/catalogue-search.tsx';
import { Pagination } from '../../../platform/ui/components.tsx';
import { frenchDate } from '../model.ts';
import type { PresentedChallenge } from '../services/presenter.ts';
import { type ChallengeFacet, FACET_LABELS, FACET_PARAMS } from '../services/search.ts';

export interface ChallengesListView {
  q: string;
  /** The order asked for (« date », « titre »), '' for the default. */
  sort: string;
  total: number;
  page: number;
  pageCount: number;
  facets: Record<ChallengeFacet, FacetCount[]>;
  challenges: PresentedChallenge[];
  suggestion: string | null;
  correctedFrom: string | null;
  canCreate: boolean;
  pageHref: (page: number) => string;
}

export function ChallengesListPage(v: ChallengesListView) {
  const filtered = Object.values(v.facets).some((f) => f.some((c) => c.selected));
  return (
    <>
      <h1>Défis</h1>
      <p class="lead">
        Des besoins que les collectivités et les laboratoires de l’État relèvent ensemble pour produire un commun :
        rejoignez un défi comme porteur, contributeur ou observateur, et suivez où il en est.
      </p>
      {v.canCreate && (
        <p>
          <a class="button button-primary" href="/defis/nouveau">
            Ouvrir un défi
          </a>
        </p>
      )}
      <CatalogueSearchForm
        action="/defis"
        label="Rechercher un défi"
        q={v.q}
        facets={(Object.keys(FACET_PARAMS) as ChallengeFacet[]).map((k) => ({
          param: FACET_PARAMS[k],
          legend: FACET_LABELS[k],
          values: v.facets[k],
        }))}
        sort={{
          value: v.sort,
          emptyLabel: 'Pertinence, puis dernière mise à jour',
          options: [
            { value: 'date', label: 'Dernière mise à jour' },
            { value: 'titre', label: 'Titre' },
          ],
        }}
        correctedFrom={v.correctedFrom}
      />
      <h2 aria-live="polite">{v.total === 0 ? 'Aucun défi trouvé' : v.total === 1 ? '1 défi' : `${v.total} défis`}</h2>
      {v.total === 0 && (
        <p>
          {v.q || filtered ? 'Essayez d’autres mots ou retirez des filtres.' : 'Aucun défi n’est encore ouvert.'}
          {v.suggestion && (
            <>
              {' '}
              Vouliez-vous dire <a href={`/defis?q=${encodeURIComponent(v.suggestion)}`}>« {v.suggestion} »</a> ?
            </>
          )}
        </p>
      )}
      <ul class="card-list">
        {v.challenges.map((c) => (
          <li class="card">
            <h3>
              <a href={c.path}>{c.title}</a>
            </h3>
            <p class="meta">
              Étape : {c.stageLabel}
              {c.open
                ? c.joinDeadline
                  ? ` · inscriptions ouvertes jusqu’au ${frenchDate(c.joinDeadline)}`
                  : ' · inscriptions ouvertes'
                : ' · inscriptions closes'}
              {c.participants.length
                ? ` · ${c.participants.length} organisme${c.participants.length > 1 ? 's' : ''} participant${c.participants.length > 1 ? 's' : ''}`
                : ''}
            </p>
            <p>{c.need.length > 300 ? `${c.need.slice(0, 300)}…` : c.need}</p>
          </li>
        ))}
      </ul>
      <Pagination page={v.page} pageCount={v.pageCount} href={v.pageHref} />
      <h2>Données ouvertes</h2>
      <ul>
        <li>
          <a href="/defis/defis.csv">Tous les défis (CSV)</a>
        </li>
        <li>
          <a href="/defis/defis.json">Tous les défis (JSON)</a>
        </li>
        <li>
          <a href="/defis/flux.atom">Flux Atom des actualités et des étapes des défis</a>
        </li>
      </ul>
    </>
  );
}
