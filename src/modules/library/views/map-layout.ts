/**
 * Layout of the France map: one square tile per département, placed on a grid near its prefecture (a « tile
 * map », no geographic outlines and no tile server), overseas départements in a row below. Also a simple
 * projection for use cases' own points. Coordinates are approximate prefecture positions, written for this project.
 */

/** Département code -> approximate prefecture [latitude, longitude]. */
const PREFECTURES: Record<string, [number, number]> = {
  '01': [46.2, 5.22],
  '02': [49.56, 3.62],
  '03': [46.57, 3.33],
  '04': [44.09, 6.24],
  '05': [44.56, 6.08],
  '06': [43.7, 7.27],
  '07': [44.74, 4.6],
  '08': [49.77, 4.72],
  '09': [42.97, 1.61],
  '10': [48.3, 4.08],
  '11': [43.21, 2.35],
  '12': [44.35, 2.57],
  '13': [43.3, 5.37],
  '14': [49.18, -0.37],
  '15': [44.93, 2.44],
  '16': [45.65, 0.16],
  '17': [46.16, -1.15],
  '18': [47.08, 2.4],
  '19': [45.27, 1.77],
  '2A': [41.93, 8.74],
  '2B': [42.7, 9.45],
  '21': [47.32, 5.04],
  '22': [48.51, -2.76],
  '23': [46.17, 1.87],
  '24': [45.18, 0.72],
  '25': [47.24, 6.02],
  '26': [44.93, 4.89],
  '27': [49.02, 1.15],
  '28': [48.45, 1.49],
  '29': [48.0, -4.1],
  '30': [43.84, 4.36],
  '31': [43.6, 1.44],
  '32': [43.65, 0.59],
  '33': [44.84, -0.58],
  '34': [43.61, 3.88],
  '35': [48.11, -1.68],
  '36': [46.81, 1.69],
  '37': [47.39, 0.69],
  '38': [45.19, 5.72],
  '39': [46.67, 5.55],
  '40': [43.89, -0.5],
  '41': [47.59, 1.33],
  '42': [45.44, 4.39],
  '43': [45.04, 3.88],
  '44': [47.22, -1.55],
  '45': [47.9, 1.9],
  '46': [44.45, 1.44],
  '47': [44.2, 0.62],
  '48': [44.52, 3.5],
  '49': [47.47, -0.55],
  '50': [49.12, -1.09],
  '51': [48.96, 4.36],
  '52': [48.11, 5.14],
  '53': [48.07, -0.77],
  '54': [48.69, 6.18],
  '55': [48.77, 5.16],
  '56': [47.66, -2.76],
  '57': [49.12, 6.18],
  '58': [46.99, 3.16],
  '59': [50.63, 3.06],
  '60': [49.43, 2.08],
  '61': [48.43, 0.09],
  '62': [50.29, 2.78],
  '63': [45.78, 3.08],
  '64': [43.3, -0.37],
  '65': [43.23, 0.08],
  '66': [42.7, 2.9],
  '67': [48.58, 7.75],
  '68': [48.08, 7.36],
  '69': [45.76, 4.84],
  '70': [47.62, 6.15],
  '71': [46.31, 4.83],
  '72': [48.0, 0.2],
  '73': [45.57, 5.92],
  '74': [45.9, 6.13],
  '75': [48.86, 2.35],
  '76': [49.44, 1.1],
  '77': [48.54, 2.66],
  '78': [48.8, 2.13],
  '79': [46.32, -0.46],
  '80': [49.89, 2.3],
  '81': [43.93, 2.15],
  '82': [44.02, 1.35],
  '83': [43.12, 5.93],
  '84': [43.95, 4.81],
  '85': [46.67, -1.43],
  '86': [46.58, 0.34],
  '87': [45.83, 1.26],
  '88': [48.17, 6.45],
  '89': [47.8, 3.57],
  '90': [47.64, 6.86],
  '91': [48.63, 2.44],
  '92': [48.89, 2.21],
  '93': [48.91, 2.44],
  '94': [48.79, 2.46],
  '95': [49.04, 2.08],
};

const OVERSEAS = ['971', '972', '973', '974', '976'];

/** Projection of metropolitan France to a 0..1 square (equirectangular, corrected for latitude). */
const WEST = -5.2;
const EAST = 9.7;
const NORTH = 51.2;
const SOUTH = 41.3;
const COS = Math.cos((46.5 * Math.PI) / 180);

export function project(latitude: number, longitude: number): { x: number; y: number } | null {
  if (latitude < SOUTH || latitude > NORTH || longitude < WEST || longitude > EAST) return null;
  const width = (EAST - WEST) * COS;
  const height = NORTH - SOUTH;
  const size = Math.max(width, height);
  return { x: ((longitude - WEST) * COS) / size, y: (NORTH - latitude) / size };
}

export interface Tile {
  code: string;
  col: number;
  row: number;
}

export const GRID_COLUMNS = 13;

/**
 * Minimum-cost assignment (Hungarian algorithm, rows <= columns): the column given to each row so that the sum of
 * costs is the least.
 */
export function assign(cost: number[][]): number[] {
  const n = cost.length;
  const m = cost[0]?.length ?? 0;
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(m + 1).fill(0);
  const p = new Array<number>(m + 1).fill(0);
  const way = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(m + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Array<boolean>(m + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0]!;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0);
  }
  const result = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j]) result[p[j]! - 1] = j - 1;
  return result;
}

/**
 * Tiles on a grid: the cells are given to the départements so that the sum of the squared distances between each
 * prefecture and its cell is the least (so Paris and its ring spread around Paris rather than far away).
 * Overseas départements sit on the last row. Deterministic.
 */
function layout(): { tiles: Tile[]; rows: number } {
  const scale = GRID_COLUMNS - 1;
  const wanted = Object.entries(PREFECTURES)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, [lat, lon]]) => {
      const p = project(lat, lon)!;
      return { code, x: p.x * scale, y: p.y * scale };
    });
  const cells: { col: number; row: number }[] = [];
  for (let row = 0; row <= scale; row++) for (let col = 0; col < GRID_COLUMNS; col++) cells.push({ col, row });
  const cost = wanted.map((w) => cells.map((c) => (c.col - w.x) ** 2 + (c.row - w.y) ** 2));
  const chosen = assign(cost);
  const tiles: Tile[] = wanted.map((w, i) => ({
    code: w.code,
    col: cells[chosen[i]!]!.col,
    row: cells[chosen[i]!]!.row,
  }));
  // Close the empty rows at the top.
  const top = Math.min(...tiles.map((t) => t.row));
  for (const t of tiles) t.row -= top;
  const lastRow = Math.max(...tiles.map((t) => t.row)) + 2;
  for (const [i, code] of OVERSEAS.entries()) tiles.push({ code, col: i, row: lastRow });
  tiles.sort((a, b) => (a.code < b.code ? -1 : 1));
  return { tiles, rows: lastRow + 1 };
}

export const TILE_LAYOUT = layout();
