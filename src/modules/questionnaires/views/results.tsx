/**
 * Results of a campaign: the forms engine's per-question results (FormResultsList), with the campaign's header,
 * filters by authority type and région, and the coordinators' export links. Restricted questions only reach
 * coordinators (the service leaves them out for everyone else).
 */

import { formatNumber } from '../../../platform/ui/components.tsx';
import { type FormResults, FormResultsList } from '../../forms/index.ts';
import type { CampaignState } from '../campaigns.ts';

export interface ResultsPageProps {
  campaign: { id: number; title: string };
  state: CampaignState;
  results: FormResults;
  includeRestricted: boolean;
  filter: { organisationType?: string; regionCode?: string };
  versions: number[];
  filterOptions: { types: { value: string; label: string }[]; regions: { value: string; label: string }[] };
  basePath: string;
  coordination?: boolean;
}

export function ResultsPage(props: ResultsPageProps) {
  const { campaign, results, filter, filterOptions } = props;
  return (
    <>
      <h1>Résultats : {campaign.title}</h1>
      <p class="lead">
        {formatNumber(results.responses)} réponse{results.responses > 1 ? 's' : ''} envoyée
        {results.responses > 1 ? 's' : ''}
        {props.state === 'closed' ? ' (campagne close)' : ' à ce jour'}
        {props.versions.length > 1
          ? `, sur les versions ${props.versions.join(', ')} du questionnaire (questions rapprochées par identifiant)`
          : ''}
        .
      </p>
      {!props.includeRestricted && <p class="meta">Les questions réservées aux coordinateurs ne sont pas affichées.</p>}
      {filterOptions.types.length > 0 && (
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
          <button type="submit" class="button button-secondary">
            Filtrer
          </button>
        </form>
      )}
      {props.coordination && (
        <p class="actions">
          <a href={`/coordination/campagnes/${campaign.id}/export.csv`}>Exporter en CSV</a>
          <a href={`/coordination/campagnes/${campaign.id}/export.xlsx`}>Exporter en XLSX</a>
          <a href={`/coordination/campagnes/${campaign.id}/export.json`}>Exporter en JSON</a>
        </p>
      )}
      <FormResultsList results={results} />
    </>
  );
}
