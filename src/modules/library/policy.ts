/**
 * Who may do what in the library, in one place. Pure functions: (user, resource) -> decision.
 * Reading is decided by the presenter (model.ts `present`, `canSee`); these rules cover acts.
 *
 * - Every active member of an authority writes its sheets (both membership roles write; see organisations).
 * - Coordinators (and administrators) review, publish, archive and restore; they may also write for any
 *   authority (to help one that asks).
 * - API tokens act for one authority: only its « responsables » (membership role editor) and administrators
 *   create or revoke them.
 * - Imports are an administrator's act.
 */
import { type CurrentUser, isAdmin, isCoordinator, isEditorOf, isMemberOf } from '../../platform/auth/user.ts';

/** Writes the sheets of this authority (create, edit, submit). */
export function canWriteFor(user: CurrentUser | null, organisationId: number): boolean {
  return isMemberOf(user, organisationId) || isCoordinator(user);
}

/** The authorities a person may create a sheet for (coordinators: any; null stands for « any »). */
export function writableOrganisations(user: CurrentUser | null): number[] | null {
  if (!user) return [];
  if (isCoordinator(user)) return null;
  return user.memberships.map((m) => m.organisationId);
}

export function canReview(user: CurrentUser | null): boolean {
  return isCoordinator(user);
}

/** Sees and handles the error reports on the sheets of this authority. */
export function canHandleReports(user: CurrentUser | null, organisationId: number): boolean {
  return isMemberOf(user, organisationId) || isCoordinator(user);
}

/** Anyone may report an error (signed in or not; a rate limit protects the form). */
export function canReport(_user: CurrentUser | null): boolean {
  return true;
}

export function canManageTokens(user: CurrentUser | null, organisationId: number): boolean {
  return isEditorOf(user, organisationId) || isAdmin(user);
}

export function canImport(user: CurrentUser | null): boolean {
  return isAdmin(user);
}
