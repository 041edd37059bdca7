/** The statistics page: published use cases by facet (largest first), by start year and by month of publication. */
import { count } from '../../../platform/text/french.ts';
import { BarChart, type ChartDatum } from '../../../platform/ui/components.tsx';
import { type FacetCount, type FacetKey, facetFilterPath, type LibraryStatistics } from '../services/search.ts';

const toChart = (facet: FacetKey, rows: FacetCount[]): ChartDatum[] =>
  rows.map((r) => ({ label: r.label, value: r.count, href: facetFilterPath(facet, r.code) }));

/** What the page shows: the library's statistics (search service). */
export type Statistics = Omit<LibraryStatistics, 'byState'>;

const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const monthLabel = (key: string) => {
  const [y, m] = key.split('-');
  return `${MONTHS[Number(m) - 1]} ${y}`;
};

export function StatisticsPage({ stats, months }: { stats: Statistics; months: { month: string; count: number }[] }) {
  return (
    <>
      <h1>Statistiques de la bibliothèque</h1>
      <p class="lead">
        {count(stats.total, 'fiche publiée', 'fiches publiées')}. Chaque graphique est suivi de ses données ; chaque
        catégorie mène aux fiches correspondantes.
      </p>
      <BarChart id="stats-theme" title="Fiches par thème" data={toChart('theme', stats.theme)} />
      <BarChart id="stats-status" title="Fiches par statut du projet" data={toChart('status', stats.status)} />
      <BarChart id="stats-technique" title="Fiches par technique" data={toChart('technique', stats.technique)} />
      <BarChart id="stats-commons" title="Fiches par catégorie de commun" data={toChart('commons', stats.commons)} />
      <BarChart
        id="stats-type"
        title="Fiches par type de collectivité"
        data={toChart('authorityType', stats.authorityType)}
      />
      <h2>Dans le temps</h2>
      <BarChart
        id="stats-year"
        title="Fiches par année de démarrage du projet"
        data={toChart('startYear', stats.startYear)}
        order="given"
      />
      {months.length > 0 && (
        <BarChart
          id="stats-month"
          title="Fiches par mois de première publication dans la bibliothèque"
          data={months.map((m) => ({ label: monthLabel(m.month), value: m.count }))}
          order="given"
        />
      )}
      {stats.country.length > 1 && (
        <BarChart id="stats-country" title="Fiches par pays" data={toChart('country', stats.country)} />
      )}
    </>
  );
}
