/** Statistics, map, open data and API documentation pages. Every chart and map comes with its data table. */
import { BarChart, type ChartDatum, Table } from '../../../platform/ui/components.tsx';
import type { FacetKey } from '../facets.ts';
import { FACET_PARAMS } from '../facets.ts';
import type { FieldDocumentation } from '../fields.ts';
import { ACCESS_LABELS } from '../fields.ts';
import type { FacetCount } from '../service.ts';
import { GRID_COLUMNS, project, TILE_LAYOUT } from './map-layout.ts';

const libraryLink = (facet: FacetKey, code: string) =>
  `/bibliotheque?${FACET_PARAMS[facet]}=${encodeURIComponent(code)}`;
const toChart = (facet: FacetKey, rows: FacetCount[]): ChartDatum[] =>
  rows.map((r) => ({ label: r.label, value: r.count, href: libraryLink(facet, r.code) }));

export interface Statistics {
  total: number;
  theme: FacetCount[];
  status: FacetCount[];
  technique: FacetCount[];
  commons: FacetCount[];
  authorityType: FacetCount[];
  startYear: FacetCount[];
  country: FacetCount[];
}

export function StatisticsPage({ stats }: { stats: Statistics }) {
  return (
    <>
      <h1>Statistiques de la bibliothèque</h1>
      <p class="lead">
        {stats.total.toLocaleString('fr-FR')} fiche{stats.total > 1 ? 's' : ''} publiée{stats.total > 1 ? 's' : ''}.
        Chaque graphique est suivi de ses données ; chaque catégorie mène aux fiches correspondantes.
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
      <BarChart id="stats-year" title="Fiches par année de démarrage" data={toChart('startYear', stats.startYear)} />
      {stats.country.length > 1 && (
        <BarChart id="stats-country" title="Fiches par pays" data={toChart('country', stats.country)} />
      )}
    </>
  );
}

/** Five classes from the counts (0, then quantiles); class 0 is « aucune fiche ». */
function classes(values: number[]): number[] {
  const positive = [...new Set(values.filter((v) => v > 0))].sort((a, b) => a - b);
  if (!positive.length) return [];
  const q = (f: number) => positive[Math.min(positive.length - 1, Math.floor(f * positive.length))]!;
  return [...new Set([positive[0]!, q(0.25), q(0.5), q(0.75)])];
}

function classOf(value: number, limits: number[]): number {
  if (value <= 0) return 0;
  let c = 1;
  for (let i = 1; i < limits.length; i++) if (value >= limits[i]!) c = i + 1;
  return c;
}

const TILE = 44;

function TileMap({
  id,
  title,
  countOf,
  hrefOf,
  nameOf,
}: {
  id: string;
  title: string;
  countOf: (dep: string) => number;
  hrefOf: (dep: string) => string;
  nameOf: (dep: string) => string;
}) {
  const values = TILE_LAYOUT.tiles.map((t) => countOf(t.code));
  const limits = classes(values);
  const width = GRID_COLUMNS * TILE;
  const height = TILE_LAYOUT.rows * TILE;
  const legend = [
    { cls: 0, text: 'aucune fiche' },
    ...limits.map((l, i) => ({
      cls: i + 1,
      text: i + 1 < limits.length ? `${l} à ${limits[i + 1]! - 1}` : `${l} et plus`,
    })),
  ];
  return (
    <figure class="tile-map" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} class="tile-map-svg">
        {TILE_LAYOUT.tiles.map((t) => {
          const v = countOf(t.code);
          const label = `${nameOf(t.code)} : ${v} fiche${v > 1 ? 's' : ''}`;
          return (
            <a href={hrefOf(t.code)}>
              <title>{label}</title>
              <rect
                x={t.col * TILE + 1}
                y={t.row * TILE + 1}
                width={TILE - 2}
                height={TILE - 2}
                rx={4}
                class={`tile tile-c${classOf(v, limits)}`}
              />
              <text x={t.col * TILE + TILE / 2} y={t.row * TILE + 18} text-anchor="middle" class="tile-code">
                {t.code}
              </text>
              <text x={t.col * TILE + TILE / 2} y={t.row * TILE + 34} text-anchor="middle" class="tile-value">
                {v}
              </text>
            </a>
          );
        })}
      </svg>
      <ul class="map-legend" aria-label="Légende">
        {legend.map((l) => (
          <li>
            <span class={`swatch tile-c${l.cls}`} aria-hidden="true" /> {l.text}
          </li>
        ))}
      </ul>
      <p class="meta">
        Chaque carré est un département, placé près de sa préfecture ; les départements d’outre-mer sont sur la dernière
        ligne. Le nombre de fiches est écrit dans chaque carré.
      </p>
    </figure>
  );
}

export interface MapPageData {
  total: number;
  regions: Map<string, number>;
  departements: Map<string, number>;
  divisions: { departements: Map<string, string>; regions: Map<string, string>; regionOf: Map<string, string> };
  points: { id: number; title: string; latitude: number; longitude: number; path: string }[];
}

export function MapPage({ data }: { data: MapPageData }) {
  const { divisions } = data;
  const depName = (c: string) => `${divisions.departements.get(c) ?? c} (${c})`;
  const regionOfDep = (c: string) => divisions.regionOf.get(c) ?? '';
  const regionRows = [...divisions.regions.entries()]
    .map(([code, name]) => ({ code, name, count: data.regions.get(code) ?? 0 }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const depRows = [...divisions.departements.entries()]
    .map(([code, name]) => ({ code, name, count: data.departements.get(code) ?? 0 }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const projected = data.points
    .map((p) => ({ ...p, at: project(p.latitude, p.longitude) }))
    .filter((p) => p.at !== null);
  const size = 520;
  return (
    <>
      <h1>Carte des fiches</h1>
      <p class="lead">
        {data.total.toLocaleString('fr-FR')} fiche{data.total > 1 ? 's' : ''} publiée{data.total > 1 ? 's' : ''}, par
        région et par département de la collectivité porteuse. Chaque zone mène aux fiches correspondantes ; les
        tableaux donnent les mêmes chiffres.
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
            <a href="#points">Projets localisés</a>
          </li>
        </ul>
      </nav>
      <section id="regions" aria-labelledby="regions-title">
        <h2 id="regions-title">Par région</h2>
        <TileMap
          id="map-regions"
          title="Nombre de fiches de la région de chaque département"
          countOf={(c) => data.regions.get(regionOfDep(c)) ?? 0}
          hrefOf={(c) => libraryLink('region', regionOfDep(c))}
          nameOf={(c) => `${divisions.regions.get(regionOfDep(c)) ?? 'Région inconnue'} (${depName(c)})`}
        />
        <Table caption="Fiches par région" showCaption wrap columns={['Région', 'Fiches']}>
          {regionRows.map((r) => (
            <tr>
              <th scope="row">
                <a href={libraryLink('region', r.code)}>{r.name}</a>
              </th>
              <td>{r.count}</td>
            </tr>
          ))}
        </Table>
      </section>
      <section id="departements" aria-labelledby="deps-title">
        <h2 id="deps-title">Par département</h2>
        <TileMap
          id="map-deps"
          title="Nombre de fiches par département"
          countOf={(c) => data.departements.get(c) ?? 0}
          hrefOf={(c) => libraryLink('departement', c)}
          nameOf={depName}
        />
        <details>
          <summary>Tableau des fiches par département</summary>
          <Table caption="Fiches par département" showCaption wrap columns={['Département', 'Fiches']}>
            {depRows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={libraryLink('departement', r.code)}>
                    {r.name} ({r.code})
                  </a>
                </th>
                <td>{r.count}</td>
              </tr>
            ))}
          </Table>
        </details>
      </section>
      <section id="points" aria-labelledby="points-title">
        <h2 id="points-title">Projets localisés</h2>
        {projected.length === 0 ? (
          <p>Aucune fiche n’indique de coordonnées en France métropolitaine.</p>
        ) : (
          <>
            <figure class="points-map">
              <svg viewBox={`0 0 ${size} ${size}`} class="points-svg">
                <rect x="0" y="0" width={size} height={size} class="points-frame" />
                {projected.map((p) => (
                  <a href={p.path}>
                    <title>{p.title}</title>
                    <circle cx={p.at!.x * size} cy={p.at!.y * size} r={5} class="point" />
                  </a>
                ))}
              </svg>
              <figcaption>
                {projected.length} projet{projected.length > 1 ? 's' : ''} localisé{projected.length > 1 ? 's' : ''}{' '}
                (position indiquée sur la fiche).
              </figcaption>
            </figure>
            <details>
              <summary>Liste des projets localisés</summary>
              <ul>
                {projected.slice(0, 500).map((p) => (
                  <li>
                    <a href={p.path}>{p.title}</a>{' '}
                    <span class="meta">
                      ({p.latitude.toFixed(3)}, {p.longitude.toFixed(3)})
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          </>
        )}
      </section>
    </>
  );
}

export interface Download {
  href: string;
  label: string;
  description: string;
}

export function OpenDataPage({
  downloads,
  fields,
  count,
}: {
  downloads: Download[];
  fields: FieldDocumentation[];
  count: number;
}) {
  return (
    <>
      <h1>Données ouvertes</h1>
      <p class="lead">
        Les {count.toLocaleString('fr-FR')} fiches publiées, en téléchargement libre sous{' '}
        <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">Licence Ouverte 2.0</a>. Seuls les champs
        publics sont diffusés.
      </p>
      <h2>Téléchargements</h2>
      <ul class="link-list downloads">
        {downloads.map((d) => (
          <li>
            <a href={d.href} download>
              {d.label}
            </a>
            <p class="meta">{d.description}</p>
          </li>
        ))}
      </ul>
      <p>
        Les mêmes données sont disponibles par l’<a href="/api">API</a> et, pour suivre les nouveautés, par le{' '}
        <a href="/bibliotheque/flux.atom">flux Atom</a>.
      </p>
      <h2>Documentation des champs</h2>
      <p>
        Les colonnes du fichier au format Interconnectés portent exactement les noms de leur schéma ; quand leur liste
        de valeurs est plus courte que la nôtre, la valeur la plus proche est écrite (par exemple, les fiches « En
        exploration » y figurent « En expérimentation », et toutes les intercommunalités « EPCI »). Les fichiers JSON et
        tableur donnent les valeurs exactes.
      </p>
      <div class="table-wrap">
        <table class="table field-doc">
          <caption>Champs publics des fiches</caption>
          <thead>
            <tr>
              <th scope="col">Champ</th>
              <th scope="col">Clé (JSON, API)</th>
              <th scope="col">Description</th>
              <th scope="col">Colonne Interconnectés</th>
              <th scope="col">Attribut ATS</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr>
                <th scope="row">{f.label}</th>
                <td>
                  <code>{f.key}</code>
                  {f.list && (
                    <>
                      {' '}
                      <a href={`/api/v1/reference-lists/${f.list}`}>liste</a>
                    </>
                  )}
                </td>
                <td>
                  {f.description}
                  {f.accessNote && <p class="meta">{f.accessNote}</p>}
                </td>
                <td>{f.interconnectesColumn ? <code>{f.interconnectesColumn}</code> : '—'}</td>
                <td>{f.atsAttribute ? <code>{f.atsAttribute}</code> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="meta">
        Les autres champs des fiches sont réservés aux membres du réseau ({ACCESS_LABELS.members.toLowerCase()}) ou à la
        collectivité ; ils ne figurent dans aucun téléchargement.
      </p>
    </>
  );
}

export interface ApiOperation {
  method: string;
  path: string;
  summary: string;
  description?: string;
  auth: boolean;
}

export function ApiPage({ operations }: { operations: ApiOperation[] }) {
  return (
    <>
      <h1>API de la bibliothèque</h1>
      <p class="lead">
        Une API JSON ouverte : les fiches publiées et leurs champs publics, les listes de référence, les collectivités.
        Le document OpenAPI 3 décrit chaque opération : <a href="/api/openapi.json">/api/openapi.json</a>.
      </p>
      <h2>Écrire avec un jeton</h2>
      <p>
        Les collectivités créent et modifient leurs brouillons, puis les soumettent pour relecture, avec un jeton d’API
        (page « Les fiches de ma collectivité »). Envoyez-le dans l’en-tête <code>Authorization: Bearer bia_…</code>.
        Chaque modification indique la version lue (<code>version</code>) : si la fiche a changé entre-temps, la réponse
        est
        <code> 409</code> avec la version enregistrée.
      </p>
      <h2>Erreurs</h2>
      <p>
        Les erreurs sont en JSON : <code>{'{ "error": { "code", "message", "fields" } }'}</code>, avec un message en
        français et, pour les données refusées, un message par champ.
      </p>
      <h2>Opérations</h2>
      <div class="table-wrap">
        <table class="table">
          <caption>Opérations de l’API</caption>
          <thead>
            <tr>
              <th scope="col">Méthode</th>
              <th scope="col">Chemin</th>
              <th scope="col">Description</th>
              <th scope="col">Jeton</th>
            </tr>
          </thead>
          <tbody>
            {operations.map((o) => (
              <tr>
                <td>
                  <code>{o.method}</code>
                </td>
                <td>
                  <code>{o.path}</code>
                </td>
                <td>
                  {o.summary}
                  {o.description && <p class="meta">{o.description}</p>}
                </td>
                <td>{o.auth ? 'obligatoire' : 'non'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
