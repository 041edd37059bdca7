/**
 * The only code that reads or writes `networks`, `network_members` and `network_coordinators` (typed by
 * tables.ts): networks of authorities as data, their member authorities and their coordinators.
 */
import { settingsCounter } from '../../../platform/catalogue/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import { hasRow } from '../../../platform/db/index.ts';
import type { Network } from '../model-contacts.ts';

const CHUNK = 500;

/** A member authority as the network page lists it. */
export interface NetworkMemberRow {
  organisationId: number;
  name: string;
  type: string;
  departementCode: string | null;
  siren: string | null;
  source: string;
  addedAt: string;
}

export function createNetworksStore(db: Db, clock: Clock) {
  /** Moves with every change of a network's name or members (readers cache member lists by it, on every instance). */
  const counter = settingsCounter(db, 'networks.change_seq');
  function base(trx: Db) {
    return trx.selectFrom('networks as n').select([
      'n.id',
      'n.code',
      'n.name',
      'n.description',
      'n.website',
      (eb) =>
        eb
          .selectFrom('network_members as m')
          .select((e) => e.fn.countAll<number>().as('c'))
          .whereRef('m.network_id', '=', 'n.id')
          .as('member_count'),
    ]);
  }
  type Row = {
    id: number;
    code: string;
    name: string;
    description: string;
    website: string | null;
    member_count: unknown;
  };
  const toNetwork = (r: Row): Network => ({
    id: Number(r.id),
    code: r.code,
    name: r.name,
    description: r.description,
    website: r.website ?? null,
    memberCount: Number(r.member_count ?? 0),
  });

  return {
    /** Every network, by name. */
    async list(trx: Db = db): Promise<Network[]> {
      const rows = await base(trx).orderBy('n.name').execute();
      return rows.map(toNetwork);
    },

    async findById(id: number, trx: Db = db): Promise<Network | null> {
      const r = await base(trx).where('n.id', '=', id).executeTakeFirst();
      return r ? toNetwork(r) : null;
    },

    /** The number that moves with every change of a network's name or members. */
    version: (trx: Db = db) => counter.read(trx),

    /** Creates a network by its code, or updates its name, description and website (reference seed). */
    async upsert(input: { code: string; name: string; description: string; website: string | null }): Promise<number> {
      const at = clock.iso();
      return db.transaction().execute(async (trx) => {
        await trx
          .insertInto('networks')
          .values({ ...input, created_at: at, updated_at: at })
          .onConflict((oc) =>
            oc.column('code').doUpdateSet({ name: input.name, description: input.description, website: input.website }),
          )
          .execute();
        await counter.next(trx);
        const r = await trx
          .selectFrom('networks')
          .select('id')
          .where('code', '=', input.code)
          .executeTakeFirstOrThrow();
        return Number(r.id);
      });
    },

    /** Ids of a network's member authorities, ascending. */
    async memberIds(networkId: number, trx: Db = db): Promise<number[]> {
      const rows = await trx
        .selectFrom('network_members')
        .select('organisation_id')
        .where('network_id', '=', networkId)
        .orderBy('organisation_id')
        .execute();
      return rows.map((r) => Number(r.organisation_id));
    },

    /** A page of a network's members with their authority, by name; with the total. */
    async members(
      networkId: number,
      page: { limit: number; offset: number },
    ): Promise<{ total: number; rows: NetworkMemberRow[] }> {
      const { n } = await db
        .selectFrom('network_members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('network_id', '=', networkId)
        .executeTakeFirstOrThrow();
      const rows = await db
        .selectFrom('network_members as m')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select(['m.organisation_id', 'o.name', 'o.type', 'o.departement_code', 'o.siren', 'm.source', 'm.added_at'])
        .where('m.network_id', '=', networkId)
        .orderBy('o.search_text')
        .orderBy('o.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return {
        total: Number(n),
        rows: rows.map((r) => ({
          organisationId: Number(r.organisation_id),
          name: r.name,
          type: r.type,
          departementCode: r.departement_code,
          siren: r.siren,
          source: r.source,
          addedAt: r.added_at,
        })),
      };
    },

    /** Whether a network has a member added from `source` (the demo seed adds its members once). */
    hasMembersFrom(networkId: number, source: string): Promise<boolean> {
      return hasRow(
        db
          .selectFrom('network_members')
          .select('organisation_id')
          .where('network_id', '=', networkId)
          .where('source', '=', source),
      );
    },

    /** Adds members (those already in are left as they are); how many were added. */
    async addMembers(trx: Db, networkId: number, organisationIds: readonly number[], source: string): Promise<number> {
      const unique = [...new Set(organisationIds)];
      const at = clock.iso();
      let added = 0;
      for (let i = 0; i < unique.length; i += CHUNK) {
        const r = await trx
          .insertInto('network_members')
          .values(
            unique
              .slice(i, i + CHUNK)
              .map((id) => ({ network_id: networkId, organisation_id: id, source, added_at: at })),
          )
          .onConflict((oc) => oc.columns(['network_id', 'organisation_id']).doNothing())
          .executeTakeFirst();
        added += Number(r.numInsertedOrUpdatedRows ?? 0);
      }
      if (added > 0) await counter.next(trx);
      return added;
    },

    async removeMember(trx: Db, networkId: number, organisationId: number): Promise<boolean> {
      const r = await trx
        .deleteFrom('network_members')
        .where('network_id', '=', networkId)
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst();
      const removed = Number(r.numDeletedRows) === 1;
      if (removed) await counter.next(trx);
      return removed;
    },

    /** The networks an authority belongs to, by name. */
    async networksOf(organisationId: number): Promise<{ id: number; name: string }[]> {
      const rows = await db
        .selectFrom('network_members as m')
        .innerJoin('networks as n', 'n.id', 'm.network_id')
        .select(['n.id', 'n.name'])
        .where('m.organisation_id', '=', organisationId)
        .orderBy('n.name')
        .execute();
      return rows.map((r) => ({ id: Number(r.id), name: r.name }));
    },

    /** User ids of a network's coordinators, in the order they were added. */
    async coordinatorIds(networkId: number, trx: Db = db): Promise<number[]> {
      const rows = await trx
        .selectFrom('network_coordinators')
        .select('user_id')
        .where('network_id', '=', networkId)
        .orderBy('added_at')
        .orderBy('user_id')
        .execute();
      return rows.map((r) => Number(r.user_id));
    },

    async addCoordinator(trx: Db, networkId: number, userId: number): Promise<void> {
      await trx
        .insertInto('network_coordinators')
        .values({ network_id: networkId, user_id: userId, added_at: clock.iso() })
        .onConflict((oc) => oc.columns(['network_id', 'user_id']).doNothing())
        .execute();
    },

    async removeCoordinator(trx: Db, networkId: number, userId: number): Promise<boolean> {
      const r = await trx
        .deleteFrom('network_coordinators')
        .where('network_id', '=', networkId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },

    /** The networks a person coordinates (personal-data export). */
    async coordinatedBy(userId: number): Promise<{ name: string; addedAt: string }[]> {
      const rows = await db
        .selectFrom('network_coordinators as c')
        .innerJoin('networks as n', 'n.id', 'c.network_id')
        .select(['n.name', 'c.added_at'])
        .where('c.user_id', '=', userId)
        .orderBy('n.name')
        .execute();
      return rows.map((r) => ({ name: r.name, addedAt: r.added_at }));
    },

    async deleteCoordinatorsOfUser(trx: Db, userId: number): Promise<void> {
      await trx.deleteFrom('network_coordinators').where('user_id', '=', userId).execute();
    },

    /** Organisation ids of `ids` that belong to the network. */
    async membersAmong(networkId: number, ids: readonly number[]): Promise<Set<number>> {
      const out = new Set<number>();
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += CHUNK) {
        const rows = await db
          .selectFrom('network_members')
          .select('organisation_id')
          .where('network_id', '=', networkId)
          .where('organisation_id', 'in', unique.slice(i, i + CHUNK))
          .execute();
        for (const r of rows) out.add(Number(r.organisation_id));
      }
      return out;
    },
  };
}

export type NetworksStore = ReturnType<typeof createNetworksStore>;
