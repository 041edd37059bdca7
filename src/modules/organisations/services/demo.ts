/**
 * Demo content of the organisations module (demo sites only): members for the reference networks, taken from the
 * largest authorities of the geographic code, and one made-up contact for a few large communes. Idempotent.
 */
import type { OrganisationType } from '../model.ts';
import type { OrganisationsContext } from './context.ts';
import type { DirectoryService } from './directory.ts';
import type { NetworksService } from './networks.ts';

/** Which authorities each reference network gets on a demo site: the largest of these types. */
const DEMO_MEMBERS: Record<string, { type: OrganisationType; count: number; offset?: number }[]> = {
  'france-urbaine': [
    { type: 'metropole', count: 20 },
    { type: 'communaute_urbaine', count: 5 },
    { type: 'commune', count: 15 },
  ],
  'intercommunalites-de-france': [
    { type: 'metropole', count: 10 },
    { type: 'communaute_agglomeration', count: 25 },
    { type: 'communaute_communes', count: 25 },
  ],
  'les-interconnectes': [
    { type: 'commune', count: 25, offset: 10 },
    { type: 'communaute_agglomeration', count: 10, offset: 5 },
    { type: 'departement', count: 5 },
  ],
};

/** Where the demo's memberships and contacts come from (their `source`). */
const DEMO_SOURCE = 'démonstration';

export async function seedDemo(
  context: OrganisationsContext,
  deps: { directory: DirectoryService; networks: NetworksService },
  log: (line: string) => void,
): Promise<void> {
  await deps.networks.seedReference();
  const networks = await deps.networks.list();
  let added = 0;
  // Each part is added once: looking authorities up by type loads their whole catalogue (36,000), which every restart
  // paid for nothing (about 1 s on PostgreSQL).
  for (const network of networks) {
    const picks = DEMO_MEMBERS[network.code] ?? [];
    if (!picks.length || (await context.networks.hasMembersFrom(network.id, DEMO_SOURCE))) continue;
    const ids: number[] = [];
    for (const pick of picks) {
      const { rows } = await deps.directory.list({ type: pick.type }, { limit: pick.count, offset: pick.offset ?? 0 });
      ids.push(...rows.map((o) => o.id));
    }
    if (ids.length) {
      added += await context.db
        .transaction()
        .execute((trx) => context.networks.addMembers(trx, network.id, ids, DEMO_SOURCE));
    }
  }
  let contacts = 0;
  if (!(await context.contacts.anyFrom(DEMO_SOURCE))) {
    const { rows: communes } = await deps.directory.list({ type: 'commune' }, { limit: 8, offset: 0 });
    const taken = await context.contacts.existingKeys(communes.map((c) => c.id));
    await context.db.transaction().execute(async (trx) => {
      for (const c of communes) {
        const email = `numerique.demo.${c.inseeCode ?? c.id}@exemple.fr`;
        if (taken.has(`${c.id} ${email}`)) continue;
        await context.contacts.insert(
          trx,
          c.id,
          { name: 'Contact de démonstration', function: 'Responsable du numérique', email, phone: null },
          { source: DEMO_SOURCE, createdBy: null },
        );
        contacts++;
      }
    });
  }
  log(`Réseaux de démonstration : ${added} adhésions ajoutées ; ${contacts} contacts de démonstration.`);
}
