/**
 * Working groups: the domain types and pure rules (no I/O).
 *
 * A group (« groupe de travail ») has a name, a purpose, an optional parent (a commission holds groups and
 * sub-commissions: a tree), a visibility (public: everyone reads its page; members: only its members, leads and the
 * coordinators), leads (elected officials, coordinators) and members, each with the body they come from and their
 * function in the group. Signed-in people ask to join; leads accept or refuse. A group follows sheets, campaigns,
 * challenges and initiatives: the digest before its next meeting gathers what happened to them.
 */

export const VISIBILITIES = ['public', 'members'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const VISIBILITY_LABELS: Record<Visibility, string> = {
  public: 'Publique : tout le monde lit la page du groupe',
  members: 'Réservée aux membres du groupe',
};

export const GROUP_ROLES = ['lead', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
export const ROLE_LABELS: Record<GroupRole, string> = { lead: 'Pilote', member: 'Membre' };

export const FOLLOW_KINDS = ['sheet', 'campaign', 'challenge', 'initiative'] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];
export const FOLLOW_LABELS: Record<FollowKind, string> = {
  sheet: 'Fiche',
  campaign: 'Recensement',
  challenge: 'Défi',
  initiative: 'Initiative',
};

export type JoinRequestStatus = 'pending' | 'accepted' | 'refused';

/** A group as stored. */
export interface GroupRecord {
  id: number;
  name: string;
  purpose: string;
  parentId: number | null;
  visibility: Visibility;
  version: number;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

/** A group as other modules see it (GroupsApi). */
export interface GroupSummary {
  id: number;
  name: string;
  parentId: number | null;
  visibility: Visibility;
  path: string;
}

export interface MembershipRecord {
  groupId: number;
  userId: number;
  role: GroupRole;
  organisationId: number | null;
  function: string | null;
  createdAt: string;
}

export interface JoinRequestRecord {
  id: number;
  groupId: number;
  userId: number;
  message: string;
  status: JoinRequestStatus;
  decidedBy: number | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface FollowRecord {
  groupId: number;
  kind: FollowKind;
  itemId: number;
  createdAt: string;
}

/** A member as the directory and other modules see them. */
export interface GroupMember {
  userId: number;
  name: string;
  email: string;
  organisationId: number | null;
  organisationName: string | null;
  role: GroupRole;
  function: string | null;
}

export const groupPath = (id: number): string => `/groupes/${id}`;

export function summaryOf(g: GroupRecord): GroupSummary {
  return { id: g.id, name: g.name, parentId: g.parentId, visibility: g.visibility, path: groupPath(g.id) };
}

/** A node of the groups' tree (depth 0 = a commission or a group without parent). */
export interface TreeNode<T extends { id: number; parentId: number | null }> {
  group: T;
  depth: number;
  children: TreeNode<T>[];
}

/**
 * The groups as a forest, siblings by name (French order). A group whose parent is not in the list (hidden, or
 * deleted) is shown as a root. Cycles cannot be stored (see `wouldCycle`), but a cycle in the data still ends.
 */
export function buildTree<T extends { id: number; parentId: number | null; name: string }>(groups: T[]): TreeNode<T>[] {
  const ids = new Set(groups.map((g) => g.id));
  const byParent = new Map<number | null, T[]>();
  for (const g of groups) {
    const key = g.parentId !== null && ids.has(g.parentId) && g.parentId !== g.id ? g.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), g]);
  }
  const seen = new Set<number>();
  const build = (parent: number | null, depth: number): TreeNode<T>[] =>
    (byParent.get(parent) ?? [])
      .filter((g) => !seen.has(g.id) && seen.add(g.id))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .map((g) => ({ group: g, depth, children: build(g.id, depth + 1) }));
  return build(null, 0);
}

/** The tree in reading order (depth-first), each with its depth. */
export function flattenTree<T extends { id: number; parentId: number | null; name: string }>(
  groups: T[],
): { group: T; depth: number }[] {
  const out: { group: T; depth: number }[] = [];
  const walk = (nodes: TreeNode<T>[]) => {
    for (const n of nodes) {
      out.push({ group: n.group, depth: n.depth });
      walk(n.children);
    }
  };
  walk(buildTree(groups));
  return out;
}

/** Whether making `parentId` the parent of `groupId` would put the group under itself. */
export function wouldCycle(
  groups: { id: number; parentId: number | null }[],
  groupId: number,
  parentId: number | null,
): boolean {
  const parentOf = new Map(groups.map((g) => [g.id, g.parentId]));
  let at = parentId;
  const seen = new Set<number>();
  while (at !== null && at !== undefined) {
    if (at === groupId) return true;
    if (seen.has(at)) return false;
    seen.add(at);
    at = parentOf.get(at) ?? null;
  }
  return false;
}

/** The ancestors of a group, from the root down (for the breadcrumb). */
export function ancestorsOf<T extends { id: number; parentId: number | null }>(groups: T[], id: number): T[] {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const out: T[] = [];
  let at = byId.get(id)?.parentId ?? null;
  while (at !== null && !out.some((g) => g.id === at)) {
    const g = byId.get(at);
    if (!g) break;
    out.unshift(g);
    at = g.parentId;
  }
  return out;
}
