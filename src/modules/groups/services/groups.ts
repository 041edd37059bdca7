/**
 * Groups and their members: reading (tree, page, directory) and writing (create, edit). Membership changes and join
 * requests are in membership.ts.
 */
import { type Actor, authorize, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ConflictError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import {
  type GroupMember,
  type GroupRecord,
  type GroupRole,
  type GroupSummary,
  summaryOf,
  VISIBILITIES,
  type Visibility,
  wouldCycle,
} from '../model.ts';
import type { GroupsPorts } from '../ports.ts';
import type { GroupsStore } from '../store.ts';

export interface GroupInput {
  name?: string;
  purpose?: string;
  parentId?: string | number | null;
  visibility?: string;
  version?: string | number;
}

/** Mail of this module: enqueued in the caller's transaction, sent by the `groups.send_mail` job. */
export const MAIL_JOB = 'groups.send_mail';

export function createGroupsService({
  platform,
  store,
  ports,
}: {
  platform: Platform;
  store: GroupsStore;
  ports: GroupsPorts;
}) {
  const { db, clock, audit } = platform;

  async function roleOf(userId: number | null | undefined, groupId: number): Promise<GroupRole | null> {
    if (!userId) return null;
    return (await store.membership(groupId, userId))?.role ?? null;
  }

  /** The group or a 404. */
  async function get(id: number): Promise<GroupRecord> {
    const g = await store.findGroup(id);
    if (!g) throw notFound("Ce groupe de travail n'existe pas.");
    return g;
  }

  /** The group as `actor` may read it, with their role (401/403 for a members-only group). */
  async function readable(actor: Actor, id: number): Promise<{ group: GroupRecord; role: GroupRole | null }> {
    const group = await get(id);
    const role = await roleOf(actor?.id, id);
    authorize(actor, 'group.read', { role, visibility: group.visibility });
    return { group, role };
  }

  /** The group if `actor` leads it (or coordinates), else 401/403. */
  async function led(actor: Actor, id: number): Promise<GroupRecord> {
    const group = await get(id);
    authorize(actor, 'group.lead', { role: await roleOf(actor?.id, id) });
    return group;
  }

  /** Members with their name, address and body, leads first, then by name. */
  async function members(groupId: number): Promise<GroupMember[]> {
    const rows = await store.membersOf(groupId);
    if (!rows.length) return [];
    const [people, orgs] = await Promise.all([
      ports.people.findUsers(rows.map((r) => r.userId)),
      ports.organisations.findByIds([...new Set(rows.flatMap((r) => (r.organisationId ? [r.organisationId] : [])))]),
    ]);
    const person = new Map(people.map((p) => [p.id, p]));
    const org = new Map(orgs.map((o) => [o.id, o]));
    return rows
      .flatMap((r) => {
        const p = person.get(r.userId);
        if (!p) return [];
        return [
          {
            userId: r.userId,
            name: p.name,
            email: p.email,
            organisationId: r.organisationId,
            organisationName: r.organisationId ? (org.get(r.organisationId)?.name ?? null) : null,
            role: r.role,
            function: r.function,
          },
        ];
      })
      .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name, 'fr') : a.role === 'lead' ? -1 : 1));
  }

  /** The groups `actor` may see: public ones, plus (signed in) the members-only ones they belong to or coordinate. */
  async function visibleGroups(actor: Actor): Promise<GroupRecord[]> {
    const all = await store.allGroups();
    if (!actor) return all.filter((g) => g.visibility === 'public');
    const mine = new Map((await store.membershipsOfUser(actor.id)).map((m) => [m.groupId, m.role]));
    return all.filter((g) => can(actor, 'group.read', { role: mine.get(g.id) ?? null, visibility: g.visibility }));
  }

  async function validate(input: GroupInput, selfId: number | null) {
    const errors: Record<string, string> = {};
    const name = String(input.name ?? '').trim();
    const purpose = String(input.purpose ?? '').trim();
    const visibility = String(input.visibility ?? 'public') as Visibility;
    const parentText = input.parentId === null || input.parentId === undefined ? '' : String(input.parentId).trim();
    const parentId = parentText === '' ? null : Number(parentText);
    if (!name) errors.name = 'Indiquez le nom du groupe.';
    else if (name.length > 150) errors.name = 'Le nom du groupe tient en 150 caractères au plus.';
    if (purpose.length > 3000) errors.purpose = "L'objet du groupe tient en 3 000 caractères au plus.";
    if (!VISIBILITIES.includes(visibility)) errors.visibility = 'Choisissez qui peut lire la page du groupe.';
    const all = await store.allGroups();
    if (parentId !== null) {
      if (!Number.isInteger(parentId) || !all.some((g) => g.id === parentId))
        errors.parentId = 'Choisissez un groupe parent dans la liste.';
      else if (selfId !== null && wouldCycle(all, selfId, parentId))
        errors.parentId = 'Un groupe ne peut pas être placé sous lui-même ni sous un de ses sous-groupes.';
    }
    if (!errors.name && all.some((g) => g.id !== selfId && g.name.toLowerCase() === name.toLowerCase()))
      errors.name = 'Un groupe porte déjà ce nom.';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    return { name, purpose, parentId, visibility };
  }

  return {
    roleOf,
    get,
    readable,
    led,
    members,
    visibleGroups,

    async findSummary(id: number): Promise<GroupSummary | null> {
      const g = await store.findGroup(id);
      return g ? summaryOf(g) : null;
    },
    async listSummaries(): Promise<GroupSummary[]> {
      return (await store.allGroups()).map(summaryOf);
    },
    async groupsOf(userId: number): Promise<{ id: number; name: string; role: GroupRole }[]> {
      const [mine, all] = await Promise.all([store.membershipsOfUser(userId), store.allGroups()]);
      const name = new Map(all.map((g) => [g.id, g.name]));
      return mine
        .filter((m) => name.has(m.groupId))
        .map((m) => ({ id: m.groupId, name: name.get(m.groupId)!, role: m.role }))
        .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    },

    /** Creates a group (coordinators), audited `group.created`. */
    async create(actor: CurrentUser | null, input: GroupInput): Promise<number> {
      authorize(actor, 'group.create');
      const values = await validate(input, null);
      return db.transaction().execute(async (trx) => {
        const id = await store.insertGroup({ ...values, createdBy: actor!.id }, clock.iso(), trx);
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'group.created',
            subjectType: 'group',
            subjectId: id,
            details: { name: values.name, parentId: values.parentId, visibility: values.visibility },
          },
          trx,
        );
        return id;
      });
    },

    /** Edits a group (leads and coordinators; only coordinators move it in the tree), audited `group.updated`. */
    async update(actor: CurrentUser | null, id: number, input: GroupInput): Promise<void> {
      const group = await led(actor, id);
      const values = await validate(input, id);
      if (values.parentId !== group.parentId) authorize(actor, 'group.create');
      const version = Number(input.version ?? group.version);
      await db.transaction().execute(async (trx) => {
        const ok = await store.updateGroup(id, version, values, clock.iso(), trx);
        if (!ok)
          throw new ConflictError(
            "Ce groupe a été modifié par quelqu'un d'autre pendant que vous l'éditiez. Reprenez vos changements.",
            await store.findGroup(id, trx),
          );
        await audit.record(
          { actorUserId: actor!.id, action: 'group.updated', subjectType: 'group', subjectId: id, details: values },
          trx,
        );
      });
    },
  };
}
export type GroupsService = ReturnType<typeof createGroupsService>;
