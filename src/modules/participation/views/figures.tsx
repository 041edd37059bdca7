/** The statistics page (accessible bar charts with their tables) and the map (choropleths and points, tables). */
import type { FacetCount } from '../../../platform/catalogue/index.ts';
import { regionName, regionOfDepartement } from '../../../platform/geo/places.ts';
import { BarChart, formatNumber, Table } from '../../../platform/ui/components.tsx';
import { FranceChoropleth, FrancePoints, type MapPoint } from '../../../platform/ui/france-map.tsx';
import { facetPath, type InitiativeFacet } from '../services/search.ts';
import { InitiativesNav } from './list.tsx';

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n > 1 ? many : one}`;

export interface StatisticsView {
  total: number;
  participants: number;
  facets: Record<InitiativeFacet, FacetCount[]>;
}

const CHARTS: { facet: InitiativeFacet; title: string; order?: 'given' }[] = [
  { facet: 'format', title: 'Initiatives par format' },
  { facet: 'topic', title: 'Initiatives par sujet' },
  { facet: 'region', title: 'Initiatives par région' },
  { facet: 'public', title: 'Initiatives par public touché' },
  { facet: 'commitment', title: 'Initiatives par engagement du Manifeste', order: 'given' },
  { facet: 'authorityType', title: 'Initiatives par type de collectivité' },
  { facet: 'year', title: 'Initiatives par année de début', order: 'given' },
];

export function StatisticsPage(v: StatisticsView) {
  return (
    <>
      <h1>Statistiques des initiatives de participation</h1>
      <p class="lead">
        {plural(v.total, 'initiative publiée', 'initiatives publiées')}, qui ont réuni en tout{' '}
        {plural(v.participants, 'participant déclaré', 'participants déclarés')}. Chaque graphique est suivi de ses
        données ; chaque catégorie mène aux initiatives correspondantes.
      </p>
      <InitiativesNav />
      {v.total === 0 ? (
        <p>Aucune initiative n’est encore publiée : les statistiques apparaîtront avec les premières publications.</p>
      ) : (
        CHARTS.map((c) => (
          <BarChart
            id={`stat-${c.facet}`}
            title={c.title}
            order={c.order ?? 'value'}
            data={v.facets[c.facet].map((f) => ({ label: f.label, value: f.count, href: facetPath(c.facet, f.code) }))}
          />
        ))
      )}
    </>
  );
}

export interface MapView {
  total: number;
  regions: Map<string, number>;
  departements: Map<string, number>;
  divisions: { departements: Map<string, string>; regions: Map<string, string> };
  authorities: { id: number; name: string; count: number; latitude: number; longitude: number }[];
}

export function MapPage({ data }: { data: MapView }) {
  const { divisions } = data;
  const regionRows = [...data.regions.entries()]
    .map(([code, count]) => ({ code, count, name: divisions.regions.get(code) ?? regionName(code) ?? code }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'fr'));
  const depName = (c: string) => `${divisions.departements.get(c) ?? c} (${c})`;
  const points: MapPoint[] = data.authorities.map((a) => ({
    latitude: a.latitude,
    longitude: a.longitude,
    label: `${a.name} : ${plural(a.count, 'initiative', 'initiatives')}`,
    href: facetPath('organisation', String(a.id)),
    weight: a.count,
    kind: 'place',
  }));
  const authorities = [...data.authorities].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'fr'));
  return (
    <>
      <h1>Carte des initiatives de participation</h1>
      <p class="lead">
        {plural(data.total, 'initiative publiée', 'initiatives publiées')}, par région, par département et par
        collectivité. Chaque zone et chaque point mènent aux initiatives correspondantes ; les tableaux donnent les
        mêmes chiffres.
      </p>
      <InitiativesNav />
      <section aria-labelledby="regions-title">
        <h2 id="regions-title">Par région</h2>
        <FranceChoropleth
          id="map-regions"
          title="Nombre d’initiatives par région"
          areaOf={(dep) => regionOfDepartement(dep)}
          count={(r) => data.regions.get(r) ?? 0}
          href={(r) => facetPath('region', r)}
          name={(r) => divisions.regions.get(r) ?? regionName(r) ?? r}
          unit={['initiative', 'initiatives']}
        />
        {regionRows.length === 0 ? (
          <p>Aucune initiative publiée ne peut encore être placée.</p>
        ) : (
          <Table caption="Initiatives par région" showCaption columns={['Région', 'Initiatives']}>
            {regionRows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={facetPath('region', r.code)}>{r.name}</a>
                </th>
                <td>{r.count}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <section aria-labelledby="deps-title">
        <h2 id="deps-title">Par département</h2>
        <FranceChoropleth
          id="map-deps"
          title="Nombre d’initiatives par département"
          areaOf={(dep) => dep}
          count={(d) => data.departements.get(d) ?? 0}
          href={(d) => facetPath('departement', d)}
          name={depName}
          unit={['initiative', 'initiatives']}
        />
      </section>
      <section aria-labelledby="points-title">
        <h2 id="points-title">Par collectivité</h2>
        {points.length === 0 ? (
          <p>Aucune collectivité ne peut encore être placée sur la carte.</p>
        ) : (
          <>
            <FrancePoints id="map-points" title="Collectivités qui ont publié des initiatives" points={points} />
            <Table caption="Initiatives par collectivité" showCaption columns={['Collectivité', 'Initiatives']}>
              {authorities.map((a) => (
                <tr>
                  <th scope="row">
                    <a href={facetPath('organisation', String(a.id))}>{a.name}</a>
                  </th>
                  <td>{a.count}</td>
                </tr>
              ))}
            </Table>
          </>
        )}
      </section>
    </>
  );
}
