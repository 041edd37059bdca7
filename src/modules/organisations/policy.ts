/**
 * Who may do what with organisations and memberships, in one place: pure rules (actor, resource) → decision,
 * handed to the platform as `rules`. The services call `authorize(actor, action, resource)` before acting and
 * `can(...)` to choose what to show.
 */
import type { Rule, RuleSet } from '../../platform/auth/authorize.ts';
import { type CurrentUser, isAdmin, isCoordinator, isEditorOf } from '../../platform/auth/user.ts';
import { forbidden, HttpError } from '../../platform/http/errors.ts';
import type { Membership } from './model.ts';

/** A membership or request as the rules see it: whose it is, of which organisation. */
export type MembershipRef = Pick<Membership, 'userId' | 'organisationId'> | Membership;

declare module '../../platform/auth/authorize.ts' {
  interface Rules {
    /** Add another body (syndicat mixte, opérateur, association…). */
    'organisation.create': Rule<void>;
    /** Ask to join an authority. */
    'membership.request': Rule<void>;
    /** See an authority's members and requests, and its count of pending requests. */
    'membership.manage': Rule<{ organisationId: number }>;
    /** See a list of pending requests (all of them, or one's authorities'). */
    'membership.review': Rule<void>;
    /** Accept or refuse a pending request. */
    'membership.decide': Rule<MembershipRef>;
    /** Change a member's role. */
    'membership.change_role': Rule<MembershipRef>;
    /** Remove a membership (or leave). */
    'membership.remove': Rule<MembershipRef>;
    /** Make someone an active member directly (administration pages, demo seed). */
    'membership.add': Rule<void>;
  }
}

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
export const canDecideMembership = (actor: CurrentUser | null, membership: MembershipRef): boolean =>
  canManageMembers(actor, membership.organisationId) && (membership.userId !== actor!.id || isAdmin(actor));

/** Changes a member's role: a manager, but an editor does not change their own role (a coordinator does). */
export const canChangeMemberRole = (actor: CurrentUser | null, membership: MembershipRef): boolean =>
  canManageMembers(actor, membership.organisationId) && (membership.userId !== actor!.id || isCoordinator(actor));

/** Removes a membership: a manager (not their own, as for roles), or the member themselves (leaving). */
export const canRemoveMembership = (actor: CurrentUser | null, membership: MembershipRef): boolean =>
  actor !== null && (membership.userId === actor.id || canChangeMemberRole(actor, membership));

/** Adds someone directly as an active member (administration pages): coordinators and administrators. */
export const canAddMemberDirectly = (actor: CurrentUser | null): boolean => isCoordinator(actor);

export const rules: RuleSet = {
  'organisation.create': (actor) => canCreateOrganisation(actor),
  'membership.request': (actor) => canRequestMembership(actor),
  'membership.manage': (actor, { organisationId }) => canManageMembers(actor, organisationId),
  'membership.review': (actor) => canReviewRequests(actor),
  'membership.decide': (actor, m) => canDecideMembership(actor, m),
  'membership.change_role': (actor, m) => canChangeMemberRole(actor, m),
  'membership.remove': (actor, m) => canRemoveMembership(actor, m),
  'membership.add': (actor) => canAddMemberDirectly(actor),
};

/**
 * Runs an `authorize` call and, when it refuses a signed-in person, says why in French (the page or JSON error
 * shows the message): `explainRefusal('Seuls les administrateurs…', () => authorize(actor, 'organisation.create'))`.
 */
export function explainRefusal(message: string, check: () => void): void {
  try {
    check();
  } catch (e) {
    if (e instanceof HttpError && e.status === 403) throw forbidden(message);
    throw e;
  }
}
