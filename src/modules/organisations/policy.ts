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
    /** See, add, change and remove an authority's contacts. */
    'contact.manage': Rule<{ organisationId: number }>;
    /** Import contacts of any authority from a CSV file, export every contact. */
    'contact.import': Rule<void>;
    /** Change an authority's SIRET, contact e-mail, website and logo; see their history. */
    'organisation.edit': Rule<{ organisationId: number }>;
    /** Add or remove a network's members (import included). */
    'network.manage': Rule<{ coordinatorIds: readonly number[] }>;
    /** Name or remove a network's coordinators. */
    'network.appoint': Rule<void>;
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

/**
 * An authority's contacts (personal data of professionals): the authority's editors and the network coordinators
 * (and administrators). Members who are not editors do not see them.
 */
export const canManageContacts = (actor: CurrentUser | null, organisationId: number): boolean =>
  isCoordinator(actor) || isEditorOf(actor, organisationId);

/** Importing contacts for many authorities at once and exporting them all: coordinators and administrators. */
export const canImportContacts = (actor: CurrentUser | null): boolean => isCoordinator(actor);

/** Editing an authority's identifiers and public fields: its editors, coordinators and administrators. */
export const canEditOrganisation = (actor: CurrentUser | null, organisationId: number): boolean =>
  isCoordinator(actor) || isEditorOf(actor, organisationId);

/** A network's members: the network coordinators of the site and the people named coordinators of that network. */
export const canManageNetwork = (actor: CurrentUser | null, network: { coordinatorIds: readonly number[] }): boolean =>
  isCoordinator(actor) || (actor !== null && network.coordinatorIds.includes(actor.id));

/** Naming a network's coordinators: the site's coordinators and administrators. */
export const canAppointNetworkCoordinators = (actor: CurrentUser | null): boolean => isCoordinator(actor);

export const rules: RuleSet = {
  'contact.manage': (actor, { organisationId }) => canManageContacts(actor, organisationId),
  'contact.import': (actor) => canImportContacts(actor),
  'organisation.edit': (actor, { organisationId }) => canEditOrganisation(actor, organisationId),
  'network.manage': (actor, network) => canManageNetwork(actor, network),
  'network.appoint': (actor) => canAppointNetworkCoordinators(actor),
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
