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
import type { CountedRespondent } from '../store/results-reads.ts';
import { type CellStatus, type Disclosure, filterKey } from './disclosure.ts';

export interface NetworkDisclosure {
  id: number;
  name: string;
  respondents: number;
  status: CellStatus;
}

/** The respondent a counted response stands for: its authority, or itself when anonymous. */
const respondentOf = (r: CountedRespondent) =>
  r.organisationId === null ? `r:${r.responseId}` : `o:${r.organisationId}`;

export function discloseNetworks(
  counted: readonly CountedRespondent[],
  networks: readonly { id: number; name: string; memberIds: readonly number[] }[],
  base: Disclosure,
): NetworkDisclosure[] {
  // Every published set of the type × région table, as sets of respondents.
  const sets = new Map<string, Set<string>>();
  const put = (key: string, who: string) => {
    if (base.status.get(key) !== 'published') return;
    const s = sets.get(key) ?? new Set<string>();
    s.add(who);
    sets.set(key, s);
  };
  const byAuthority = new Map<number, string[]>();
  for (const r of counted) {
    const who = respondentOf(r);
    const keys = [
      filterKey(undefined, undefined),
      filterKey(r.organisationType, undefined),
      filterKey(undefined, r.regionCode),
      filterKey(r.organisationType, r.regionCode),
    ];
    for (const k of keys) put(k, who);
    if (r.organisationId !== null) byAuthority.set(r.organisationId, keys);
  }
  const members = networks.map((n) => {
    const set = new Set<string>();
    for (const id of n.memberIds) if (byAuthority.has(id)) set.add(`o:${id}`);
    return { ...n, set };
  });
  const everything = base.status.get(filterKey(undefined, undefined)) === 'published';
  const status = new Map<number, CellStatus>(
    members.map((n) => [
      n.id,
      !everything ? 'small' : n.set.size > 0 && n.set.size < base.minCell ? 'small' : 'published',
    ]),
  );
  /** Whether two sets, one inside the other, differ by a small group. */
  const tooClose = (a: Set<string>, b: Set<string>) => {
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    const gap = large.size - small.size;
    if (gap === 0 || gap >= base.minCell) return false;
    for (const who of small) if (!large.has(who)) return false;
    return true;
  };
  // Smallest first: a network hidden here no longer constrains the next ones; every pair of networks still
  // published is examined when the later of the two is.
  for (const n of [...members].sort((a, b) => a.set.size - b.set.size)) {
    if (status.get(n.id) !== 'published' || n.set.size === 0) continue;
    const others = [
      ...sets.values(),
      ...members.filter((m) => m.id !== n.id && status.get(m.id) === 'published').map((m) => m.set),
    ];
    if (others.some((s) => tooClose(n.set, s))) status.set(n.id, 'secondary');
  }
  return members.map((n) => ({ id: n.id, name: n.name, respondents: n.set.size, status: status.get(n.id)! }));
}
