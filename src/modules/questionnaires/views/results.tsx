/**
 * Results of a campaign: the forms engine's per-question results (FormResultsList), with the campaign's header (how
 * many responses, from how many authorities), filters by authority type and région, the breakdown of respondents,
 * and the coordinators' export links and publication threshold. Public results are under small-number protection:
 * a breakdown with too few respondents (or hidden so that it cannot be subtracted from the totals) is « non publié ».
 */

import { formatNumber, PostForm } from '../../../platform/ui/components.tsx';
import { FormResultsList } from '../../forms/index.ts';
import type { BreakdownOption, ResultsModel } from '../services/results.ts';

export interface ResultsPageProps extends ResultsModel {
  basePath: string;
  coordination?: boolean;
}

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n > 1 ? many : one}`;

function Counts(props: ResultsPageProps) {
  const { counts } = props;
  if (!counts) return null;
  return (
    <p class="lead">
      {plural(counts.responses, 'réponse envoyée', 'réponses envoyées')}
      {counts.authorities > 0 && <> par {plural(counts.authorities, 'collectivité', 'collectivités')}</>}
      {props.state === 'closed' ? ' (campagne close)' : ' à ce jour'}
      {props.versions.length > 1
        ? `, sur les versions ${props.versions.join(', ')} du questionnaire (questions rapprochées par identifiant)`
        : ''}
      .
    </p>
  );
}

function Withheld({ withheld, minCell }: { withheld: 'small' | 'secondary'; minCell: number }) {
  return (
    <div class="notice" role="status">
      <p>
        <strong>Résultats non publiés pour ce choix.</strong>{' '}
        {withheld === 'small'
          ? `Moins de ${minCell} répondants : leurs réponses pourraient les faire reconnaître.`
          : `Ces résultats sont masqués pour qu’on ne puisse pas retrouver, par différence avec les autres, ceux d’un groupe de moins de ${minCell} répondants.`}{' '}
        Choisissez un ensemble plus large.
      </p>
    </div>
  );
}

function respondents(o: BreakdownOption, minCell: number) {
  if (o.respondents !== null) return formatNumber(o.respondents);
  return o.status === 'small' ? `moins de ${minCell}` : 'masqué (secret statistique)';
}

function BreakdownTable({
  caption,
  options,
  minCell,
}: {
  caption: string;
  options: BreakdownOption[];
  minCell: number;
}) {
  if (!options.length) return null;
  return (
    <div class="table-wrap">
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">
              {caption.startsWith('Par type') ? 'Type' : caption === 'Par réseau' ? 'Réseau' : 'Région'}
            </th>
            <th scope="col">Répondants</th>
          </tr>
        </thead>
        <tbody>
          {options.map((o) => (
            <tr>
              <th scope="row">{o.label}</th>
              <td>{respondents(o, minCell)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Filters(props: ResultsPageProps) {
  const { filter, filterOptions } = props;
  if (!filterOptions.types.length && !filterOptions.regions.length && !filterOptions.networks.length) return null;
  return (
    <form method="get" action={props.basePath} class="search-form" aria-label="Filtrer les résultats">
      <div class="field">
        <label for="filtre-type">Type de collectivité</label>
        <select id="filtre-type" name="type" class="input">
          <option value="">Tous</option>
          {filterOptions.types.map((t) => (
            <option value={t.value} selected={t.value === filter.organisationType}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filtre-region">Région</label>
        <select id="filtre-region" name="region" class="input">
          <option value="">Toutes</option>
          {filterOptions.regions.map((t) => (
            <option value={t.value} selected={t.value === filter.regionCode}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      {filterOptions.networks.length > 0 && (
        <div class="field">
          <label for="filtre-reseau">Réseau</label>
          <p class="hint" id="filtre-reseau-aide">
            Un réseau s’affiche seul : le type et la région ne s’y ajoutent pas.
          </p>
          <select id="filtre-reseau" name="reseau" class="input" aria-describedby="filtre-reseau-aide">
            <option value="">Tous</option>
            {filterOptions.networks.map((n) => (
              <option value={n.value} selected={n.value === String(filter.network ?? '')}>
                {n.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" class="button button-secondary">
        Filtrer
      </button>
    </form>
  );
}

export function ResultsPage(props: ResultsPageProps) {
  const { campaign, results } = props;
  return (
    <>
      <h1>Résultats : {campaign.title}</h1>
      <Counts {...props} />
      {!props.includeRestricted && <p class="meta">Les questions réservées aux coordinateurs ne sont pas affichées.</p>}
      {props.protected && (
        <p class="meta">
          Aucun résultat n’est publié pour un ensemble de moins de {props.minCell} répondants ; les réponses écrites ne
          sont publiées que pour les questions qui le permettent.
        </p>
      )}
      <Filters {...props} />
      <p>
        <a href={`${props.coordination ? '/coordination/campagnes' : '/recensements'}/comparer?a=${campaign.id}`}>
          Comparer avec une autre campagne
        </a>
      </p>
      {props.combined && (
        <p class="notice" role="status">
          Résultats du réseau choisi, pour tous les types de collectivités et toutes les régions : un réseau ne se
          combine pas avec les autres filtres.
        </p>
      )}
      {props.coordination && (
        <>
          <p class="actions">
            <a href={`/coordination/campagnes/${campaign.id}/export.csv`}>Exporter en CSV</a>
            <a href={`/coordination/campagnes/${campaign.id}/export.xlsx`}>Exporter en XLSX</a>
            <a href={`/coordination/campagnes/${campaign.id}/export.json`}>Exporter en JSON</a>
          </p>
          <PostForm action={`/coordination/campagnes/${campaign.id}/resultats/seuil`} class="search-form">
            <div class="field">
              <label for="seuil">Résultats publics : nombre minimum de répondants par ensemble publié</label>
              <input
                id="seuil"
                name="minCell"
                type="number"
                min="1"
                max="1000"
                required
                class="input"
                value={String(props.minCell)}
              />
            </div>
            <button type="submit" class="button button-secondary">
              Enregistrer le seuil
            </button>
          </PostForm>
        </>
      )}
      {props.withheld ? (
        <Withheld withheld={props.withheld} minCell={props.minCell} />
      ) : (
        results && <FormResultsList results={results} />
      )}
      {(props.breakdown.types.length > 0 ||
        props.breakdown.regions.length > 0 ||
        props.breakdown.networks.length > 0) && (
        <section aria-labelledby="repartition">
          <h2 id="repartition">Répartition des répondants</h2>
          <BreakdownTable caption="Par type de collectivité" options={props.breakdown.types} minCell={props.minCell} />
          <BreakdownTable caption="Par région" options={props.breakdown.regions} minCell={props.minCell} />
          <BreakdownTable caption="Par réseau" options={props.breakdown.networks} minCell={props.minCell} />
          {props.breakdown.networks.length > 0 && (
            <p class="meta">
              Une collectivité peut appartenir à plusieurs réseaux, ou à aucun : les réseaux ne s’additionnent pas.
            </p>
          )}
        </section>
      )}
    </>
  );
}
