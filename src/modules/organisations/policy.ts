/**
 * Who may do what with organisations and memberships, in one place. Pure functions: (actor, resource) → decision.
 * The service asks these before acting; views ask them to decide which links and buttons to show.
 */
import { type CurrentUser, isAdmin, isCoordinator, isEditorOf } from '../../platform/auth/user.ts';
import type { Membership } from './model.ts';

/** Everyone, signed in or not, sees the list of authorities and their pages. */
export const canViewOrganisations = (_actor: CurrentUser | null): boolean => true;

/** Only administrators add other bodies (syndicats mixtes, opérateurs, associations…). */
export const canCreateOrganisation = (actor: CurrentUser | null): boolean => isAdmin(actor);

/** Anyone signed in may ask to join an authority. */
export const canRequestMembership = (actor: CurrentUser | null): boolean => actor !== null;

/** The editors of an authority and the network coordinators (and administrators) manage its members. */
export const canManageMembers = (actor: CurrentUser | null, organisationId: number): boolean =>
  isCoordinator(actor) || isEditorOf(actor, organisationId);

/** Sees a list of pending join requests: coordinators (all of them) and editors (their authorities'). */
export const canReviewRequests = (actor: CurrentUser | null): boolean =>
  isCoordinator(actor) || !!actor?.memberships.some((m) => m.role === 'editor');

/**
 * Accepts or refuses a pending request: a manager of that authority, but nobody decides their own request
 * (except an administrator, who could grant it anyway).
 */
export const canDecideMembership = (actor: CurrentUser | null, membership: Membership): boolean =>
  canManageMembers(actor, membership.organisationId) && (membership.userId !== actor!.id || isAdmin(actor));

/** Changes a member's role: a manager, but an editor does not change their own role (a coordinator does). */
export const canChangeMemberRole = (actor: CurrentUser | null, membership: Membership): boolean =>
  canManageMembers(actor, membership.organisationId) && (membership.userId !== actor!.id || isCoordinator(actor));

/** Removes a membership: a manager (not their own, as for roles), or the member themselves (leaving). */
export const canRemoveMembership = (actor: CurrentUser | null, membership: Membership): boolean =>
  actor !== null && (membership.userId === actor.id || canChangeMemberRole(actor, membership));

/** Adds someone directly as an active member (administration pages): coordinators and administrators. */
export const canAddMemberDirectly = (actor: CurrentUser | null): boolean => isCoordinator(actor);
