/**
 * Small-number protection of public results (statistical disclosure control). Public results can be narrowed by
 * authority type, by région, or both: each narrowing is a cell of a table whose margins are published too, so that a
 * cell hidden alone could be recovered by subtraction (all − the other types). Rules:
 * - a cell with fewer than `minCell` respondents (1 to minCell − 1) is not published (« moins de N »);
 * - the cell of responses without type or région (anonymous link) is never published;
 * - complementary suppression: in every line whose total is published (the types, the régions, each type across
 *   régions, each région across types), the hidden cells are either none, or at least two whose respondents add up
 *   to `minCell` or more, hiding the next smallest cells as needed; repeated until nothing changes;
 * - when the whole campaign has fewer than `minCell` respondents, nothing is published.
 * Pure code; results.ts feeds it the counts per type × région.
 */

export interface BreakdownCount {
  organisationType: string;
  regionCode: string;
  /** Distinct authorities, plus each anonymous response (who could be recognised). */
  respondents: number;
  responses: number;
}

export type CellStatus = 'published' | 'small' | 'secondary';

export interface Disclosure {
  minCell: number;
  total: number;
  /** Respondents of each filter (keys from `filterKey`). */
  sizes: Map<string, number>;
  /** Status of each filter (keys from `filterKey`). */
  status: Map<string, CellStatus>;
}

/** Key of a filter: type and région, '*' for « every value ». */
export const filterKey = (organisationType: string | undefined, regionCode: string | undefined) =>
  `${organisationType ?? '*'}\u0000${regionCode ?? '*'}`;

export function disclose(counts: BreakdownCount[], minCell: number): Disclosure {
  const sizes = new Map<string, number>();
  const bump = (key: string, n: number) => sizes.set(key, (sizes.get(key) ?? 0) + n);
  const types = new Set<string>();
  const regions = new Set<string>();
  let total = 0;
  for (const c of counts) {
    total += c.respondents;
    types.add(c.organisationType);
    regions.add(c.regionCode);
    bump(filterKey(c.organisationType, c.regionCode), c.respondents);
    bump(filterKey(c.organisationType, undefined), c.respondents);
    bump(filterKey(undefined, c.regionCode), c.respondents);
  }
  const status = new Map<string, CellStatus>();
  const hidden = (key: string) => status.get(key) !== 'published';
  for (const [key, n] of sizes) {
    const unknown = key.split('\u0000').some((part) => part === '');
    status.set(key, n > 0 && (n < minCell || unknown) ? 'small' : 'published');
  }
  const totalKey = filterKey(undefined, undefined);
  if (total > 0 && total < minCell) {
    status.set(totalKey, 'small');
    for (const key of sizes.keys()) status.set(key, 'small');
    return { minCell, total, sizes, status };
  }
  status.set(totalKey, 'published');

  // The lines of the table: each with its total (a key) and its cells.
  const lines: { total: string; cells: string[] }[] = [
    { total: totalKey, cells: [...types].map((t) => filterKey(t, undefined)) },
    { total: totalKey, cells: [...regions].map((r) => filterKey(undefined, r)) },
    ...[...types].map((t) => ({ total: filterKey(t, undefined), cells: [...regions].map((r) => filterKey(t, r)) })),
    ...[...regions].map((r) => ({ total: filterKey(undefined, r), cells: [...types].map((t) => filterKey(t, r)) })),
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (hidden(line.total)) continue;
      const cells = line.cells.filter((k) => (sizes.get(k) ?? 0) > 0);
      const secret = cells.filter(hidden);
      if (!secret.length) continue;
      const sum = () => secret.reduce((s, k) => s + sizes.get(k)!, 0);
      while (secret.length < 2 || sum() < minCell) {
        const next = cells.filter((k) => !hidden(k)).sort((a, b) => sizes.get(a)! - sizes.get(b)!)[0];
        if (!next) break;
        status.set(next, 'secondary');
        secret.push(next);
        changed = true;
      }
    }
  }
  return { minCell, total, sizes, status };
}

/** Whether the results of a filter may be published, and why not. */
export function filterStatus(d: Disclosure, organisationType?: string, regionCode?: string): CellStatus {
  return d.status.get(filterKey(organisationType, regionCode)) ?? 'published';
}
