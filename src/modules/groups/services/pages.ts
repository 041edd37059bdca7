/** The view-models of the groups' pages: the list (a tree), a group's page, the members' directory. */
import { type Actor, can } from '../../../platform/auth/authorize.ts';
import { isCoordinator } from '../../../platform/auth/user.ts';
import {
  ancestorsOf,
  buildTree,
  type GroupMember,
  type GroupRecord,
  type GroupRole,
  groupPath,
  type TreeNode,
  type Visibility,
} from '../model.ts';
import { canLead, isInside } from '../policy.ts';
import type { GroupsPorts, UpcomingMeeting } from '../ports.ts';
import type { GroupsStore } from '../store.ts';
import type { FollowedItem, FollowsService } from './follows.ts';
import type { GroupsService } from './groups.ts';

export interface GroupListItem {
  id: number;
  name: string;
  purpose: string;
  path: string;
  visibility: Visibility;
  members: number;
  myRole: GroupRole | null;
  /** Its sub-groups the reader may see, by name. */
  children: GroupListItem[];
}

export interface GroupPageView {
  id: number;
  name: string;
  purpose: string;
  path: string;
  visibility: Visibility;
  version: number;
  ancestors: { name: string; path: string }[];
  children: { name: string; path: string; visibility: Visibility }[];
  leads: GroupMember[];
  memberCount: number;
  followed: FollowedItem[];
  /** Null when the meetings module is not there. */
  upcoming: UpcomingMeeting[] | null;
  myRole: GroupRole | null;
  canLead: boolean;
  /** Reads the digest and the addresses (members, leads, coordinators). */
  inside: boolean;
  signedIn: boolean;
  /** The reader's own pending request (its date), if any. */
  pendingSince: string | null;
  /** For leads: how many requests wait. */
  pendingCount: number;
}

export function createPagesService({
  store,
  ports,
  groups,
  follows,
}: {
  store: GroupsStore;
  ports: GroupsPorts;
  groups: GroupsService;
  follows: FollowsService;
}) {
  return {
    /** The groups `actor` may see, as a tree (roots and their sub-groups, by name). */
    async list(actor: Actor): Promise<GroupListItem[]> {
      const [visible, counts, mine] = await Promise.all([
        groups.visibleGroups(actor),
        store.memberCounts(),
        actor ? store.membershipsOfUser(actor.id) : Promise.resolve([]),
      ]);
      const role = new Map(mine.map((m) => [m.groupId, m.role]));
      const item = (node: TreeNode<GroupRecord>): GroupListItem => ({
        id: node.group.id,
        name: node.group.name,
        purpose: node.group.purpose,
        path: groupPath(node.group.id),
        visibility: node.group.visibility,
        members: counts.get(node.group.id) ?? 0,
        myRole: role.get(node.group.id) ?? null,
        children: node.children.map(item),
      });
      return buildTree(visible).map(item);
    },

    /** A group's page as `actor` may see it (401/403 for a members-only group, 404 for none). */
    async group(actor: Actor, id: number): Promise<GroupPageView> {
      const { group, role } = await groups.readable(actor, id);
      const [all, members, followed, pending] = await Promise.all([
        groups.visibleGroups(actor),
        groups.members(id),
        follows.followed(id),
        store.pendingRequests([id]),
      ]);
      const lead = canLead(actor, role);
      const meetings = ports.meetings?.() ?? null;
      const upcoming = meetings ? await meetings.upcoming(id) : null;
      const everyGroup: GroupRecord[] = await store.allGroups();
      return {
        id: group.id,
        name: group.name,
        purpose: group.purpose,
        path: groupPath(group.id),
        visibility: group.visibility,
        version: group.version,
        // The breadcrumb names the ancestors the reader may see.
        ancestors: ancestorsOf(everyGroup, id)
          .filter((g) => all.some((v) => v.id === g.id))
          .map((g) => ({ name: g.name, path: groupPath(g.id) })),
        children: all
          .filter((g) => g.parentId === id)
          .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
          .map((g) => ({ name: g.name, path: groupPath(g.id), visibility: g.visibility })),
        leads: members.filter((m) => m.role === 'lead'),
        memberCount: members.length,
        followed,
        upcoming,
        myRole: role,
        canLead: lead,
        inside: !!actor && isInside(actor, role),
        signedIn: !!actor,
        pendingSince: actor ? (pending.find((r) => r.userId === actor.id)?.createdAt ?? null) : null,
        pendingCount: lead ? pending.length : 0,
      };
    },

    /** The members' directory: names, bodies, roles, functions; addresses only for insiders. */
    async directory(actor: Actor, id: number) {
      const { group, role } = await groups.readable(actor, id);
      const members = await groups.members(id);
      const inside = can(actor, 'group.read_members_only', { role });
      return {
        group: { id: group.id, name: group.name, path: groupPath(group.id) },
        members: members.map((m) => ({ ...m, email: inside ? m.email : null })),
        showEmails: inside,
        canLead: canLead(actor, role),
        myRole: role,
        coordinator: isCoordinator(actor),
      };
    },
  };
}
export type PagesService = ReturnType<typeof createPagesService>;
