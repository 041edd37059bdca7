/**
 * What results need of the networks of authorities (organisations module, through the ports): each network's
 * members and the small-number protection of each (disclosure-networks.ts), a network's results from the responses
 * as the counters counted them (results_counted: memberships change, so they are not counters of their own), and the
 * export rows with their authority's SIREN, INSEE code and networks.
 */
import { type Answers, computeResults } from '../../forms/index.ts';
import type { Campaign, Response } from '../records.ts';
import type { ServiceDeps } from './context.ts';
import type { Disclosure } from './disclosure.ts';
import { discloseNetworks, type NetworkDisclosure } from './disclosure-networks.ts';

/** A response as the export writes it: with its authority's identifiers and networks. */
export type ExportRow = Response & { siren: string; inseeCode: string; networks: string[] };

/**
 * Results of a campaign computed from answer rows (of any of its questionnaire's versions): the counters' reference
 * (every submitted response) and a network's results (its members' counted responses) alike.
 */
export async function resultsOfRows(
  store: ServiceDeps['store'],
  campaign: Campaign,
  rows: readonly { versionId: number; answers: string; organisationId: number | null }[],
  includeRestricted: boolean,
) {
  const ids = new Set([campaign.versionId, ...rows.map((r) => r.versionId)]);
  const used = (await store.versionsOf(campaign.questionnaireId)).filter((v) => ids.has(v.id));
  return {
    results: computeResults(
      used.map((v) => v.content),
      rows.map((r) => JSON.parse(r.answers) as Answers),
      { includeRestricted },
    ),
    authorities: new Set(rows.flatMap((r) => (r.organisationId === null ? [] : [r.organisationId]))).size,
    versions: used.map((v) => v.number),
  };
}

export function createResultsNetworks(deps: Pick<ServiceDeps, 'store' | 'ports'>) {
  const { store, ports } = deps;

  /** Names of the networks each authority belongs to (French order), by authority id. */
  async function networksByAuthority(): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    const list = [...(await ports.organisations.networks())].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    for (const n of list)
      for (const id of await ports.organisations.networkMemberIds(n.id)) out.set(id, [...(out.get(id) ?? []), n.name]);
    return out;
  }

  /** The responses with their authority's SIREN and INSEE code (one directory read per batch) and networks. */
  async function* withIdentifiers(rows: AsyncIterable<Response>, networks: Map<number, string[]>) {
    let batch: Response[] = [];
    const flush = async function* () {
      const ids = [...new Set(batch.flatMap((r) => (r.organisationId === null ? [] : [r.organisationId])))];
      const found = new Map((ids.length ? await ports.organisations.findByIds(ids) : []).map((o) => [o.id, o]));
      for (const r of batch) {
        const o = r.organisationId === null ? undefined : found.get(r.organisationId);
        yield {
          ...r,
          siren: o?.siren ?? '',
          inseeCode: o?.inseeCode ?? '',
          networks: r.organisationId === null ? [] : (networks.get(r.organisationId) ?? []),
        } satisfies ExportRow;
      }
      batch = [];
    };
    for await (const r of rows) {
      batch.push(r);
      if (batch.length >= 500) yield* flush();
    }
    yield* flush();
  }

  /** Results of one network's members, from the responses as the counters counted them (results_counted). */
  async function networkResults(campaign: Campaign, memberIds: readonly number[], includeRestricted: boolean) {
    return resultsOfRows(store, campaign, await store.countedAnswersOf(campaign.id, memberIds), includeRestricted);
  }

  /** The networks with their members and the protection of each (needs the counters built). */
  async function networksOf(campaignId: number, disclosure: Disclosure) {
    const list = await ports.organisations.networks();
    if (!list.length) return { members: new Map<number, number[]>(), disclosed: [] as NetworkDisclosure[] };
    const [withMembers, counted] = await Promise.all([
      Promise.all(list.map(async (n) => ({ ...n, memberIds: await ports.organisations.networkMemberIds(n.id) }))),
      store.countedAuthorityBreakdowns(campaignId),
    ]);
    return {
      members: new Map(withMembers.map((n) => [n.id, n.memberIds])),
      disclosed: discloseNetworks(counted, withMembers, disclosure),
    };
  }

  return { networksByAuthority, withIdentifiers, networkResults, networksOf };
}
