/** The signed-in person as every module sees it. Roles: see docs/CONVENTIONS.md. */
export type GlobalRole = 'user' | 'coordinator' | 'admin';
export type MembershipRole = 'member' | 'editor';

export interface CurrentUser {
  id: number;
  email: string;
  name: string;
  role: GlobalRole;
  /** Active memberships only. */
  memberships: { organisationId: number; role: MembershipRole }[];
}

export const GLOBAL_ROLES: GlobalRole[] = ['user', 'coordinator', 'admin'];

export const isAdmin = (u: CurrentUser | null): boolean => u?.role === 'admin';
/** Network coordinators (reviewers); administrators can do all they can. */
export const isCoordinator = (u: CurrentUser | null): boolean => u?.role === 'coordinator' || u?.role === 'admin';
export const isMemberOf = (u: CurrentUser | null, organisationId: number): boolean =>
  !!u?.memberships.some((m) => m.organisationId === organisationId);
export const isEditorOf = (u: CurrentUser | null, organisationId: number): boolean =>
  !!u?.memberships.some((m) => m.organisationId === organisationId && m.role === 'editor');
/** A member of the network: belongs to at least one authority, or coordinates the network. */
export const isNetworkMember = (u: CurrentUser | null): boolean => isCoordinator(u) || (u?.memberships.length ?? 0) > 0;
