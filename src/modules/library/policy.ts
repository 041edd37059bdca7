/**
 * Who may do what in the library, in one place: the rules behind `authorize(actor, action, resource)`.
 * Reading is decided field by field by the presenter (model/presenter.ts `present`, `canSee`); these rules cover acts
 * and lists that reveal restricted data.
 *
 * - Every active member of an authority writes its use cases (both membership roles write; see organisations).
 * - Coordinators (and administrators) review, publish, archive and restore; they may also write for any
 *   authority (to help one that asks). Which workflow action each role may take is the workflow's own rule
 *   (model/workflow.ts `transition`), checked after `use_case.write`.
 * - API tokens act for one authority: only its « responsables » (membership role editor) and administrators
 *   create or revoke them.
 * - Imports are an administrator's act.
 * - Coordinators keep the synonyms of the search.
 */
import type { Action, Actor, Rule, RuleSet } from '../../platform/auth/authorize.ts';
import { authorize } from '../../platform/auth/authorize.ts';
import { isAdmin, isCoordinator, isEditorOf, isMemberOf } from '../../platform/auth/user.ts';
import { forbidden, HttpError } from '../../platform/http/errors.ts';

declare module '../../platform/auth/authorize.ts' {
  interface Rules {
    /** Writes the use cases of this authority: create, edit, autosave, take workflow actions on them. */
    'use_case.write': Rule<{ organisationId: number }>;
    /** Reviews use cases: the review queue, request changes, publish, restore. */
    'use_case.review': Rule<void>;
    /** Lists the use cases of one's own authorities (drafts included). */
    'use_case.list_own': Rule<void>;
    /** Imports Interconnectés or PSTW files. */
    'use_case.import': Rule<void>;
    /** Reports an error on a use case (« signaler une erreur »). */
    'use_case_report.create': Rule<void>;
    /** Lists error reports (each person sees those of their authorities; coordinators all). */
    'use_case_report.list': Rule<void>;
    /** Sees and handles the error reports on the use cases of this authority. */
    'use_case_report.handle': Rule<{ organisationId: number }>;
    /** Creates, lists and revokes this authority's API tokens. */
    'api_token.manage': Rule<{ organisationId: number }>;
    /** Lists, adds, changes and deletes the synonym groups of the search. */
    'synonym.manage': Rule<void>;
  }
}

export const rules = {
  'use_case.write': (actor, r) => isMemberOf(actor, r.organisationId) || isCoordinator(actor),
  'use_case.review': (actor) => isCoordinator(actor),
  'use_case.list_own': (actor) => actor !== null,
  'use_case.import': (actor) => isAdmin(actor),
  // Anyone may report an error (signed in or not; a rate limit protects the form).
  'use_case_report.create': () => true,
  'use_case_report.list': (actor) => actor !== null,
  'use_case_report.handle': (actor, r) => isMemberOf(actor, r.organisationId) || isCoordinator(actor),
  'api_token.manage': (actor, r) => isEditorOf(actor, r.organisationId) || isAdmin(actor),
  'synonym.manage': (actor) => isCoordinator(actor),
} satisfies RuleSet;

/** The authorities a person may create a use case for (coordinators: any; null stands for « any »). */
export function writableOrganisations(actor: Actor): number[] | null {
  if (!actor) return [];
  if (isCoordinator(actor)) return null;
  return actor.memberships.map((m) => m.organisationId);
}

/**
 * `authorize`, with the library's own French explanation when a signed-in person is refused (an anonymous actor
 * still gets 401: sign in, then retry).
 */
export function authorizeOr<A extends Action>(
  message: string,
  actor: Actor,
  action: A,
  ...resource: Parameters<typeof authorize<A>> extends [Actor, A, ...infer R] ? R : never
): void {
  try {
    (authorize as (actor: Actor, action: A, ...resource: unknown[]) => void)(actor, action, ...resource);
  } catch (e) {
    if (e instanceof HttpError && e.status === 403) throw forbidden(message);
    throw e;
  }
}
