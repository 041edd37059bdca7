/**
 * The only code that reads or writes `memberships` (typed by tables.ts): requests to join an organisation, their
 * decision, roles. One mapper; every instant is read from the clock.
 */
import type { Selectable } from 'kysely';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Membership, MembershipRole, MembershipStatus, Organisation, OrganisationType } from '../model.ts';
import type { MembershipsTable } from '../tables.ts';

function toMembership(r: Selectable<MembershipsTable>): Membership {
  return {
    id: Number(r.id),
    userId: Number(r.user_id),
    organisationId: Number(r.organisation_id),
    role: r.role,
    status: r.status,
    message: r.message ?? '',
    requestedAt: r.requested_at,
    decidedAt: r.decided_at ?? null,
    decidedBy: r.decided_by == null ? null : Number(r.decided_by),
  };
}

export interface MembershipWithOrganisation extends Membership {
  organisation: Pick<Organisation, 'id' | 'name' | 'type' | 'departementCode'>;
}

export function createMembershipsStore(db: Db, clock: Clock) {
  /** Memberships (`m`) with the name, type and département of their organisation. */
  function withOrganisation() {
    return db
      .selectFrom('memberships as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .selectAll('m')
      .select(['o.name as o_name', 'o.type as o_type', 'o.departement_code as o_dep']);
  }
  type JoinedRow = Selectable<MembershipsTable> & { o_name: string; o_type: string; o_dep: string | null };
  const toJoined = (r: JoinedRow): MembershipWithOrganisation => ({
    ...toMembership(r),
    organisation: {
      id: Number(r.organisation_id),
      name: r.o_name,
      type: r.o_type as OrganisationType,
      departementCode: r.o_dep,
    },
  });

  async function countMemberships(organisationId: number, status: MembershipStatus): Promise<number> {
    const r = await db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', organisationId)
      .where('status', '=', status)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  return {
    async findMembership(id: number, trx: Db = db): Promise<Membership | null> {
      const r = await trx.selectFrom('memberships').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toMembership(r) : null;
    },

    async findMembershipOf(userId: number, organisationId: number, trx: Db = db): Promise<Membership | null> {
      const r = await trx
        .selectFrom('memberships')
        .selectAll()
        .where('user_id', '=', userId)
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst();
      return r ? toMembership(r) : null;
    },

    async insertRequest(
      input: {
        userId: number;
        organisationId: number;
        message: string;
        role?: MembershipRole;
        status?: MembershipStatus;
      },
      trx: Db = db,
    ): Promise<number> {
      const at = clock.iso();
      const active = input.status === 'active';
      const row = await trx
        .insertInto('memberships')
        .values({
          user_id: input.userId,
          organisation_id: input.organisationId,
          role: input.role ?? 'member',
          status: input.status ?? 'pending',
          message: input.message,
          requested_at: at,
          decided_at: active ? at : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    /** A refused request asked again: back to pending, with the new message. */
    async reopenRequest(id: number, message: string, trx: Db = db): Promise<boolean> {
      const r = await trx
        .updateTable('memberships')
        .set({
          status: 'pending',
          role: 'member',
          message,
          requested_at: clock.iso(),
          decided_at: null,
          decided_by: null,
        })
        .where('id', '=', id)
        .where('status', '=', 'refused')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Decides a pending request. False when it was no longer pending (someone else decided first). */
    async decide(
      id: number,
      decision: { status: 'active' | 'refused'; role: MembershipRole; by: number },
      trx: Db = db,
    ): Promise<boolean> {
      const r = await trx
        .updateTable('memberships')
        .set({ status: decision.status, role: decision.role, decided_at: clock.iso(), decided_by: decision.by })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async setRole(id: number, role: MembershipRole, trx: Db = db): Promise<boolean> {
      const r = await trx
        .updateTable('memberships')
        .set({ role })
        .where('id', '=', id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async deleteMembership(id: number, trx: Db = db): Promise<boolean> {
      const r = await trx.deleteFrom('memberships').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },

    /** Every membership and request of a person (RGPD erasure, in the account deletion's transaction). */
    async deleteMembershipsOfUser(userId: number, trx: Db): Promise<number> {
      const r = await trx.deleteFrom('memberships').where('user_id', '=', userId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    async membershipsOfOrganisation(organisationId: number): Promise<Membership[]> {
      const rows = await db
        .selectFrom('memberships')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('requested_at')
        .orderBy('id')
        .execute();
      return rows.map(toMembership);
    },

    countActiveMembers: (organisationId: number): Promise<number> => countMemberships(organisationId, 'active'),

    countPending: (organisationId: number): Promise<number> => countMemberships(organisationId, 'pending'),

    /** User ids of an organisation's active members (any role). */
    async activeMemberIds(organisationId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('memberships')
        .select('user_id')
        .where('organisation_id', '=', organisationId)
        .where('status', '=', 'active')
        .orderBy('user_id')
        .execute();
      return rows.map((r) => Number(r.user_id));
    },

    /** A person's active memberships (organisation and role): read on every signed-in request. */
    async activeRolesOfUser(userId: number): Promise<{ organisationId: number; role: MembershipRole }[]> {
      const rows = await db
        .selectFrom('memberships')
        .select(['organisation_id', 'role'])
        .where('user_id', '=', userId)
        .where('status', '=', 'active')
        .execute();
      return rows.map((r) => ({ organisationId: Number(r.organisation_id), role: r.role }));
    },

    /** Active member user ids of several organisations at once, grouped by organisation. */
    async activeMemberIdsOf(organisationIds: readonly number[]): Promise<Map<number, number[]>> {
      const out = new Map<number, number[]>();
      for (let i = 0; i < organisationIds.length; i += 500) {
        const rows = await db
          .selectFrom('memberships')
          .select(['organisation_id', 'user_id'])
          .where('organisation_id', 'in', organisationIds.slice(i, i + 500))
          .where('status', '=', 'active')
          .execute();
        for (const r of rows) {
          const org = Number(r.organisation_id);
          out.set(org, [...(out.get(org) ?? []), Number(r.user_id)]);
        }
      }
      return out;
    },

    /** User ids of the active editors of an organisation. */
    async editorIds(organisationId: number, trx: Db = db): Promise<number[]> {
      const rows = await trx
        .selectFrom('memberships')
        .select('user_id')
        .where('organisation_id', '=', organisationId)
        .where('status', '=', 'active')
        .where('role', '=', 'editor')
        .orderBy('user_id')
        .execute();
      return rows.map((r) => Number(r.user_id));
    },

    async membershipsOfUser(userId: number): Promise<MembershipWithOrganisation[]> {
      const rows = await withOrganisation()
        .where('m.user_id', '=', userId)
        .orderBy('m.requested_at', 'desc')
        .orderBy('m.id', 'desc')
        .execute();
      return rows.map(toJoined);
    },

    /** Pending requests, oldest first; restricted to some organisations unless `organisationIds` is null. */
    async pendingRequests(organisationIds: number[] | null): Promise<MembershipWithOrganisation[]> {
      if (organisationIds && !organisationIds.length) return [];
      let q = withOrganisation().where('m.status', '=', 'pending');
      if (organisationIds) q = q.where('m.organisation_id', 'in', organisationIds);
      const rows = await q.orderBy('m.requested_at').orderBy('m.id').limit(500).execute();
      return rows.map(toJoined);
    },
  };
}

export type MembershipsStore = ReturnType<typeof createMembershipsStore>;
