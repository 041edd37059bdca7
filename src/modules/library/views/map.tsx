/** The map page: published use cases by région and by département (choropleths), and where the projects are. */

import { regionName, regionOfDepartement } from '../../../platform/geo/places.ts';
import { Table } from '../../../platform/ui/components.tsx';
import { FranceChoropleth, FrancePoints, type MapPoint } from '../../../platform/ui/france-map.tsx';
import { facetFilterPath, type LibraryMap, organisationFilterPath } from '../services/search.ts';

export type MapPageData = LibraryMap;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

const BASIS: Record<string, string> = {
  commune: 'centre de la commune',
  'chef-lieu': 'chef-lieu',
  siège: 'commune principale',
  collectivité: 'position de la collectivité',
};

export function MapPage({ data }: { data: MapPageData }) {
  const { divisions } = data;
  const regionRows = [...divisions.regions.entries()]
    .map(([code, name]) => ({ code, name, count: data.regions.get(code) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'fr'));
  const depRows = [...divisions.departements.entries()]
    .map(([code, name]) => ({ code, name, count: data.departements.get(code) ?? 0 }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const depName = (c: string) => `${divisions.departements.get(c) ?? c} (${c})`;
  const points: MapPoint[] = [
    ...data.authorities.map(
      (a): MapPoint => ({
        latitude: a.latitude,
        longitude: a.longitude,
        label: `${a.name} : ${plural(a.count, 'fiche', 'fiches')}`,
        href: organisationFilterPath(a.id),
        weight: a.count,
        kind: 'place',
      }),
    ),
    ...data.points.map(
      (p): MapPoint => ({
        latitude: p.latitude,
        longitude: p.longitude,
        label: `${p.title} (position indiquée sur la fiche)`,
        href: p.path,
        kind: 'own',
      }),
    ),
  ];
  const authorities = [...data.authorities].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'fr'));
  return (
    <>
      <h1>Carte des fiches</h1>
      <p class="lead">
        {plural(data.total, 'fiche publiée', 'fiches publiées')}, par région et par département de la collectivité
        porteuse, puis par collectivité. Chaque zone et chaque point mènent aux fiches correspondantes ; les tableaux
        donnent les mêmes chiffres.
      </p>
      <nav aria-label="Sur cette page" class="toc">
        <ul>
          <li>
            <a href="#regions">Par région</a>
          </li>
          <li>
            <a href="#departements">Par département</a>
          </li>
          <li>
            <a href="#collectivites">Par collectivité</a>
          </li>
        </ul>
      </nav>
      <section id="regions" aria-labelledby="regions-title">
        <h2 id="regions-title">Par région</h2>
        <FranceChoropleth
          id="map-regions"
          title="Nombre de fiches par région"
          areaOf={(dep) => divisions.regionOf.get(dep) ?? regionOfDepartement(dep)}
          count={(r) => data.regions.get(r) ?? 0}
          href={(r) => facetFilterPath('region', r)}
          name={(r) => divisions.regions.get(r) ?? regionName(r) ?? r}
          unit={['fiche', 'fiches']}
        />
        <Table
          caption="Fiches par région, de la plus fournie à la moins fournie"
          showCaption
          wrap
          columns={['Région', 'Fiches']}
        >
          {regionRows.map((r) => (
            <tr>
              <th scope="row">
                <a href={facetFilterPath('region', r.code)}>{r.name}</a>
              </th>
              <td>{r.count}</td>
            </tr>
          ))}
        </Table>
      </section>
      <section id="departements" aria-labelledby="deps-title">
        <h2 id="deps-title">Par département</h2>
        <FranceChoropleth
          id="map-deps"
          title="Nombre de fiches par département"
          areaOf={(dep) => dep}
          count={(d) => data.departements.get(d) ?? 0}
          href={(d) => facetFilterPath('departement', d)}
          name={depName}
          unit={['fiche', 'fiches']}
        />
        <details>
          <summary>Tableau des fiches par département</summary>
          <Table caption="Fiches par département" showCaption wrap columns={['Département', 'Fiches']}>
            {depRows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={facetFilterPath('departement', r.code)}>{depName(r.code)}</a>
                </th>
                <td>{r.count}</td>
              </tr>
            ))}
          </Table>
        </details>
      </section>
      <section id="collectivites" aria-labelledby="points-title">
        <h2 id="points-title">Par collectivité</h2>
        {points.length === 0 ? (
          <p>Aucune fiche publiée ne peut encore être placée sur la carte.</p>
        ) : (
          <>
            <FrancePoints id="map-points" title="Collectivités porteuses et projets localisés" points={points}>
              <ul class="map-legend" aria-label="Légende">
                <li>
                  <span class="swatch swatch-place" aria-hidden="true" /> une collectivité (cercle d’autant plus grand
                  qu’elle a de fiches), placée au centre de la commune, au chef-lieu ou à la commune principale de
                  l’intercommunalité
                </li>
                <li>
                  <span class="swatch swatch-own" aria-hidden="true" /> un projet dont la fiche indique la position
                </li>
              </ul>
            </FrancePoints>
            <details>
              <summary>Tableau des collectivités porteuses</summary>
              <Table
                caption="Fiches par collectivité porteuse"
                showCaption
                wrap
                columns={['Collectivité', 'Fiches', 'Placée au']}
              >
                {authorities.map((a) => (
                  <tr>
                    <th scope="row">
                      <a href={organisationFilterPath(a.id)}>{a.name}</a>
                    </th>
                    <td>{a.count}</td>
                    <td>{BASIS[a.basis] ?? a.basis}</td>
                  </tr>
                ))}
              </Table>
            </details>
            {data.points.length > 0 && (
              <details>
                <summary>Projets dont la fiche indique la position ({data.points.length})</summary>
                <ul>
                  {data.points.slice(0, 500).map((p) => (
                    <li>
                      <a href={p.path}>{p.title}</a>{' '}
                      <span class="meta">
                        ({p.latitude.toFixed(3).replace('.', ',')} ; {p.longitude.toFixed(3).replace('.', ',')})
                      </span>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </>
        )}
      </section>
    </>
  );
}
