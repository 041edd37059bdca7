/**
 * The only code that reads or writes the tables of working groups (`work_groups`, `group_members`,
 * `group_join_requests`, `group_follows`).
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type {
  FollowKind,
  FollowRecord,
  GroupRecord,
  GroupRole,
  JoinRequestRecord,
  JoinRequestStatus,
  MembershipRecord,
  Visibility,
} from './model.ts';
import type { GroupFollowsTable, GroupJoinRequestsTable, GroupMembersTable, WorkGroupsTable } from './tables.ts';
import './tables.ts';

/** THE mapper of `work_groups` rows. */
function toGroup(r: Selectable<WorkGroupsTable>): GroupRecord {
  return {
    id: Number(r.id),
    name: r.name,
    purpose: r.purpose,
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    visibility: r.visibility as Visibility,
    version: Number(r.version),
    createdBy: r.created_by === null ? null : Number(r.created_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** THE mapper of `group_members` rows. */
function toMembership(r: Selectable<GroupMembersTable>): MembershipRecord {
  return {
    groupId: Number(r.group_id),
    userId: Number(r.user_id),
    role: r.role as GroupRole,
    organisationId: r.organisation_id === null ? null : Number(r.organisation_id),
    function: r.function ?? null,
    createdAt: r.created_at,
  };
}

/** THE mapper of `group_join_requests` rows. */
function toRequest(r: Selectable<GroupJoinRequestsTable>): JoinRequestRecord {
  return {
    id: Number(r.id),
    groupId: Number(r.group_id),
    userId: Number(r.user_id),
    message: r.message,
    status: r.status as JoinRequestStatus,
    decidedBy: r.decided_by === null ? null : Number(r.decided_by),
    decidedAt: r.decided_at ?? null,
    createdAt: r.created_at,
  };
}

/** THE mapper of `group_follows` rows. */
function toFollow(r: Selectable<GroupFollowsTable>): FollowRecord {
  return {
    groupId: Number(r.group_id),
    kind: r.kind as FollowKind,
    itemId: Number(r.item_id),
    createdAt: r.created_at,
  };
}

export type GroupsStore = ReturnType<typeof createGroupsStore>;

export function createGroupsStore(db: Db) {
  return {
    async allGroups(on: Db = db): Promise<GroupRecord[]> {
      return (await on.selectFrom('work_groups').selectAll().orderBy('name').execute()).map(toGroup);
    },
    async findGroup(id: number, on: Db = db): Promise<GroupRecord | null> {
      const row = await on.selectFrom('work_groups').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toGroup(row) : null;
    },
    async insertGroup(
      input: {
        name: string;
        purpose: string;
        parentId: number | null;
        visibility: Visibility;
        createdBy: number | null;
      },
      at: string,
      on: Db = db,
    ): Promise<number> {
      const row = await on
        .insertInto('work_groups')
        .values({
          name: input.name,
          purpose: input.purpose,
          parent_id: input.parentId,
          visibility: input.visibility,
          created_by: input.createdBy,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    /** Optimistic update: false when the version moved. */
    async updateGroup(
      id: number,
      version: number,
      input: { name: string; purpose: string; parentId: number | null; visibility: Visibility },
      at: string,
      on: Db = db,
    ): Promise<boolean> {
      const r = await on
        .updateTable('work_groups')
        .set({
          name: input.name,
          purpose: input.purpose,
          parent_id: input.parentId,
          visibility: input.visibility,
          version: version + 1,
          updated_at: at,
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    // ---- members ----
    async membersOf(groupId: number, on: Db = db): Promise<MembershipRecord[]> {
      return (await on.selectFrom('group_members').selectAll().where('group_id', '=', groupId).execute()).map(
        toMembership,
      );
    },
    async membershipsOfUser(userId: number, on: Db = db): Promise<MembershipRecord[]> {
      return (await on.selectFrom('group_members').selectAll().where('user_id', '=', userId).execute()).map(
        toMembership,
      );
    },
    async membership(groupId: number, userId: number, on: Db = db): Promise<MembershipRecord | null> {
      const row = await on
        .selectFrom('group_members')
        .selectAll()
        .where('group_id', '=', groupId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row ? toMembership(row) : null;
    },
    /** Every membership (member counts on the list page). */
    async memberCounts(on: Db = db): Promise<Map<number, number>> {
      const rows = await on
        .selectFrom('group_members')
        .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('group_id')
        .execute();
      return new Map(rows.map((r) => [Number(r.group_id), Number(r.n)]));
    },
    /** Adds or changes a membership (role, body, function). */
    async upsertMember(
      m: { groupId: number; userId: number; role: GroupRole; organisationId: number | null; function: string | null },
      addedBy: number | null,
      at: string,
      on: Db = db,
    ): Promise<'added' | 'changed'> {
      const existing = await this.membership(m.groupId, m.userId, on);
      if (existing) {
        await on
          .updateTable('group_members')
          .set({ role: m.role, organisation_id: m.organisationId, function: m.function })
          .where('group_id', '=', m.groupId)
          .where('user_id', '=', m.userId)
          .execute();
        return 'changed';
      }
      await on
        .insertInto('group_members')
        .values({
          group_id: m.groupId,
          user_id: m.userId,
          role: m.role,
          organisation_id: m.organisationId,
          function: m.function,
          added_by: addedBy,
          created_at: at,
        })
        .execute();
      return 'added';
    },
    async removeMember(groupId: number, userId: number, on: Db = db): Promise<boolean> {
      const r = await on
        .deleteFrom('group_members')
        .where('group_id', '=', groupId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    // ---- join requests ----
    async insertRequest(groupId: number, userId: number, message: string, at: string, on: Db = db): Promise<number> {
      const row = await on
        .insertInto('group_join_requests')
        .values({ group_id: groupId, user_id: userId, message, status: 'pending', created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async findRequest(id: number, on: Db = db): Promise<JoinRequestRecord | null> {
      const row = await on.selectFrom('group_join_requests').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRequest(row) : null;
    },
    async pendingRequest(groupId: number, userId: number, on: Db = db): Promise<JoinRequestRecord | null> {
      const row = await on
        .selectFrom('group_join_requests')
        .selectAll()
        .where('group_id', '=', groupId)
        .where('user_id', '=', userId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return row ? toRequest(row) : null;
    },
    async pendingRequests(groupIds: readonly number[], on: Db = db): Promise<JoinRequestRecord[]> {
      if (!groupIds.length) return [];
      return (
        await on
          .selectFrom('group_join_requests')
          .selectAll()
          .where('group_id', 'in', [...groupIds])
          .where('status', '=', 'pending')
          .orderBy('created_at')
          .orderBy('id')
          .execute()
      ).map(toRequest);
    },
    async requestsOfUser(userId: number, on: Db = db): Promise<JoinRequestRecord[]> {
      return (
        await on.selectFrom('group_join_requests').selectAll().where('user_id', '=', userId).orderBy('id').execute()
      ).map(toRequest);
    },
    /** Decides a pending request: false when it was not pending any more (decided by another lead meanwhile). */
    async decideRequest(
      id: number,
      status: 'accepted' | 'refused',
      decidedBy: number,
      at: string,
      on: Db = db,
    ): Promise<boolean> {
      const r = await on
        .updateTable('group_join_requests')
        .set({ status, decided_by: decidedBy, decided_at: at })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    // ---- follows ----
    async followsOf(groupId: number, on: Db = db): Promise<FollowRecord[]> {
      return (
        await on.selectFrom('group_follows').selectAll().where('group_id', '=', groupId).orderBy('created_at').execute()
      ).map(toFollow);
    },
    async follow(groupId: number, kind: FollowKind, itemId: number, by: number | null, at: string, on: Db = db) {
      const existing = await on
        .selectFrom('group_follows')
        .select('item_id')
        .where('group_id', '=', groupId)
        .where('kind', '=', kind)
        .where('item_id', '=', itemId)
        .executeTakeFirst();
      if (existing) return false;
      await on
        .insertInto('group_follows')
        .values({ group_id: groupId, kind, item_id: itemId, created_by: by, created_at: at })
        .execute();
      return true;
    },
    async unfollow(groupId: number, kind: FollowKind, itemId: number, on: Db = db): Promise<boolean> {
      const r = await on
        .deleteFrom('group_follows')
        .where('group_id', '=', groupId)
        .where('kind', '=', kind)
        .where('item_id', '=', itemId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    // ---- personal data ----
    async byPerson(userId: number) {
      const [memberships, requests] = await Promise.all([this.membershipsOfUser(userId), this.requestsOfUser(userId)]);
      return { memberships, joinRequests: requests };
    },
    async erasePerson(userId: number, trx: Db): Promise<void> {
      await trx.deleteFrom('group_members').where('user_id', '=', userId).execute();
      await trx.deleteFrom('group_join_requests').where('user_id', '=', userId).execute();
      await trx.updateTable('group_join_requests').set({ decided_by: null }).where('decided_by', '=', userId).execute();
      await trx.updateTable('group_members').set({ added_by: null }).where('added_by', '=', userId).execute();
      await trx.updateTable('work_groups').set({ created_by: null }).where('created_by', '=', userId).execute();
      await trx.updateTable('group_follows').set({ created_by: null }).where('created_by', '=', userId).execute();
    },
  };
}
