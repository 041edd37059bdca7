/**
 * Small-number protection of the network breakdown of public results (beside the type × région table of
 * disclosure.ts). A network (France urbaine, Les Interconnectés…) is a set of authorities: it may overlap types,
 * régions and other networks, so its results could be recovered by difference from a published set that contains it
 * or that it contains. Rules, on respondents (distinct authorities; anonymous responses belong to no network):
 * - a network with fewer than `minCell` respondents (1 to minCell − 1) is not published (« moins de N »);
 * - complementary suppression: a network is hidden (« secondary ») when a published set — every respondent, a type,
 *   a région, a type × région cell, another published network — contains it, or is contained in it, and the two
 *   differ by 1 to minCell − 1 respondents (the difference would single out that small group);
 * - when the whole campaign is withheld, so is every network.
 * Differences between unions of several sets are not examined (the type × région table is protected on its own).
 * Pure code; results.ts feeds it the counted respondents and each network's members.
 */
import type { CountedAuthority } from '../store/results-reads.ts';
import { type CellStatus, type Disclosure, filterKey } from './disclosure.ts';

export interface NetworkDisclosure {
  id: number;
  name: string;
  respondents: number;
  status: CellStatus;
}

/**
 * `counted`: each authority counted in the campaign with its type and région (an authority whose responses carry two
 * types or régions appears twice). The published sets of the type × région table are known by their sizes
 * (`base.sizes`): a network's overlap with each is counted over the network's members only, so that a read costs
 * the members, not the campaign's respondents.
 */
export function discloseNetworks(
  counted: readonly CountedAuthority[],
  networks: readonly { id: number; name: string; memberIds: readonly number[] }[],
  base: Disclosure,
): NetworkDisclosure[] {
  const keysOf = new Map<number, Set<string>>();
  for (const r of counted) {
    const keys = keysOf.get(r.organisationId) ?? new Set<string>();
    keys.add(filterKey(undefined, undefined));
    keys.add(filterKey(r.organisationType, undefined));
    keys.add(filterKey(undefined, r.regionCode));
    keys.add(filterKey(r.organisationType, r.regionCode));
    keysOf.set(r.organisationId, keys);
  }
  const members = networks.map((n) => ({ ...n, set: new Set(n.memberIds.filter((id) => keysOf.has(id))) }));
  const everything = base.status.get(filterKey(undefined, undefined)) === 'published';
  const status = new Map<number, CellStatus>(
    members.map((n) => [
      n.id,
      !everything ? 'small' : n.set.size > 0 && n.set.size < base.minCell ? 'small' : 'published',
    ]),
  );
  /** Whether two sets of these sizes with `common` members in common are one inside the other and differ by a few. */
  const tooClose = (size: number, other: number, common: number) => {
    const gap = Math.abs(size - other);
    return gap > 0 && gap < base.minCell && common === Math.min(size, other);
  };
  // Respondents of a published set of the table (every respondent: the campaign's total).
  const sizeOf = (k: string) => (k === filterKey(undefined, undefined) ? base.total : (base.sizes.get(k) ?? 0));
  // Smallest first: a network hidden here no longer constrains the next ones; every pair of networks still
  // published is examined when the later of the two is.
  for (const n of [...members].sort((a, b) => a.set.size - b.set.size)) {
    if (status.get(n.id) !== 'published' || n.set.size === 0) continue;
    // Overlap with each published set of the type × région table.
    const common = new Map<string, number>();
    for (const id of n.set) for (const k of keysOf.get(id)!) common.set(k, (common.get(k) ?? 0) + 1);
    const withTable = [...common].some(
      ([k, c]) => base.status.get(k) === 'published' && tooClose(n.set.size, sizeOf(k), c),
    );
    const withNetworks = members.some((m) => {
      if (m.id === n.id || status.get(m.id) !== 'published') return false;
      const [small, large] = m.set.size <= n.set.size ? [m.set, n.set] : [n.set, m.set];
      let c = 0;
      for (const id of small) if (large.has(id)) c++;
      return tooClose(n.set.size, m.set.size, c);
    });
    if (withTable || withNetworks) status.set(n.id, 'secondary');
  }
  return members.map((n) => ({ id: n.id, name: n.name, respondents: n.set.size, status: status.get(n.id)! }));
}
