/**
 * Server-rendered maps of France (SVG, no script, no tile server): a choropleth of counts by département or by région
 * (the départements of a région drawn as one link), and a map of points. Each map is a figure with its legend and
 * source; the page gives the same figures in a table (the accessible alternative). Geometry: platform/geo/france-map.ts.
 */
import type { ComponentChildren } from 'preact';
import { franceMap } from '../geo/france-map.ts';

/** Four classes from the counts (quantiles of the positive values); class 0 is « none ». */
export function countClasses(values: number[]): number[] {
  const positive = [...new Set(values.filter((v) => v > 0))].sort((a, b) => a - b);
  if (!positive.length) return [];
  const q = (f: number) => positive[Math.min(positive.length - 1, Math.floor(f * positive.length))]!;
  return [...new Set([positive[0]!, q(0.25), q(0.5), q(0.75)])];
}

export function classOf(value: number, limits: number[]): number {
  if (value <= 0) return 0;
  let c = 1;
  for (let i = 1; i < limits.length; i++) if (value >= limits[i]!) c = i + 1;
  return c;
}

const OVERSEAS_NAMES: Record<string, string> = {
  '971': 'Guadeloupe',
  '972': 'Martinique',
  '973': 'Guyane',
  '974': 'La Réunion',
  '976': 'Mayotte',
};

function Credit() {
  return (
    <p class="meta map-credit">
      Contours des départements : svg-maps (licence CC BY 4.0) ; centres des communes : geo.api.gouv.fr (Licence
      Ouverte). Les départements d’outre-mer sont représentés en encart, à gauche, à une autre échelle.
    </p>
  );
}

function Outlines({ label }: { label: boolean }) {
  const g = franceMap();
  return (
    <>
      {g.insets.map((i) => (
        <g class="map-inset">
          <rect x={i.x} y={i.y} width={i.width} height={i.height} rx={3} />
          {label && (
            <text x={i.x + 4} y={i.y + 12} class="map-inset-label">
              {OVERSEAS_NAMES[i.code]}
            </text>
          )}
        </g>
      ))}
    </>
  );
}

export interface ChoroplethProps {
  id: string;
  title: string;
  /** The area each département belongs to: itself, or its région's code. */
  areaOf(departement: string): string | null;
  count(area: string): number;
  href(area: string): string;
  name(area: string): string;
  /** « fiche » / « fiches ». */
  unit: [singular: string, plural: string];
}

/** Counts by area, coloured in five classes, each area a link with its name and count. */
export function FranceChoropleth(props: ChoroplethProps) {
  const g = franceMap();
  const byArea = new Map<string, string[]>();
  for (const d of g.departements) {
    const area = props.areaOf(d.code);
    if (area === null) continue;
    byArea.set(area, [...(byArea.get(area) ?? []), d.path]);
  }
  const areas = [...byArea.keys()].sort((a, b) => props.name(a).localeCompare(props.name(b), 'fr'));
  const limits = countClasses(areas.map((a) => props.count(a)));
  const [one, many] = props.unit;
  const legend = [
    { cls: 0, text: `aucune ${one}` },
    ...limits.map((l, i) => ({
      cls: i + 1,
      text:
        i + 1 < limits.length ? (l === limits[i + 1]! - 1 ? `${l}` : `${l} à ${limits[i + 1]! - 1}`) : `${l} et plus`,
    })),
  ];
  return (
    <figure class="france-map" aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`}>{props.title}</figcaption>
      <svg viewBox={`0 0 ${g.width} ${g.height}`} class="france-map-svg">
        <Outlines label />
        {areas.map((area) => {
          const v = props.count(area);
          const label = `${props.name(area)} : ${v} ${v > 1 ? many : one}`;
          return (
            <a href={props.href(area)} aria-label={label}>
              <title>{label}</title>
              {byArea.get(area)!.map((d) => (
                <path d={d} class={`area area-c${classOf(v, limits)}`} />
              ))}
            </a>
          );
        })}
      </svg>
      <ul class="map-legend" aria-label="Légende">
        {legend.map((l) => (
          <li>
            <span class={`swatch area-c${l.cls}`} aria-hidden="true" /> {l.text}
          </li>
        ))}
      </ul>
      <Credit />
    </figure>
  );
}

export interface MapPoint {
  latitude: number;
  longitude: number;
  label: string;
  href: string;
  /** Drawn larger for larger weights (a count of records at one place). */
  weight?: number;
  kind: 'own' | 'place';
}

/** Points on the outline of France; points outside France are left out (the caller's list shows them all). */
export function FrancePoints({
  id,
  title,
  points,
  children,
}: {
  id: string;
  title: string;
  points: MapPoint[];
  children?: ComponentChildren;
}) {
  const g = franceMap();
  const placed = points
    .map((p) => ({ ...p, at: g.project(p.latitude, p.longitude) }))
    .filter((p) => p.at !== null)
    // Large circles first, so that small ones stay clickable on top.
    .sort((a, b) => (b.weight ?? 1) - (a.weight ?? 1));
  const max = Math.max(1, ...placed.map((p) => p.weight ?? 1));
  return (
    <figure class="france-map" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${g.width} ${g.height}`} class="france-map-svg">
        <Outlines label />
        {g.departements.map((d) => (
          <path d={d.path} class="area area-base" />
        ))}
        {placed.map((p) => (
          <a href={p.href} aria-label={p.label}>
            <title>{p.label}</title>
            <circle
              cx={Math.round(p.at![0] * 10) / 10}
              cy={Math.round(p.at![1] * 10) / 10}
              r={p.kind === 'own' ? 3.5 : Math.round((3 + 9 * Math.sqrt((p.weight ?? 1) / max)) * 10) / 10}
              class={p.kind === 'own' ? 'point point-own' : 'point point-place'}
            />
          </a>
        ))}
      </svg>
      {children}
      <Credit />
    </figure>
  );
}

/** How many points of a list fall on the map (for the page's wording). */
export const onFranceMap = (points: { latitude: number; longitude: number }[]) =>
  points.filter((p) => franceMap().project(p.latitude, p.longitude) !== null).length;
