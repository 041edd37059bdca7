/**
 * Who may do what in pooling (declared into platform/auth/authorize.ts `Rules`).
 * - Suggestions are computed from public sheets: everyone may read them.
 * - « Nous faisons pareil »: a member (any role) of an authority other than the sheet's, for that authority.
 * - Withdrawing it: the person who said it, the interested authority's editors, coordinators.
 * - Seeing who said it: the sheet's authority (members) and coordinators.
 * - Opening a challenge from a suggestion, recomputing: coordinators.
 */
import type { RuleSet } from '../../platform/auth/authorize.ts';
import { isCoordinator, isEditorOf, isMemberOf } from '../../platform/auth/user.ts';

declare module '../../platform/auth/authorize.ts' {
  interface Rules {
    'pooling.declare_interest': Rule<{ sheetOrganisationId: number; organisationId: number }>;
    'pooling.withdraw_interest': Rule<{ userId: number | null; organisationId: number }>;
    'pooling.see_interests': Rule<{ sheetOrganisationId: number }>;
    'pooling.coordinate': Rule<void>;
  }
}

export const rules = {
  'pooling.declare_interest': (actor, r) =>
    actor !== null && r.organisationId !== r.sheetOrganisationId && isMemberOf(actor, r.organisationId),
  'pooling.withdraw_interest': (actor, r) =>
    actor !== null && (r.userId === actor.id || isEditorOf(actor, r.organisationId) || isCoordinator(actor)),
  'pooling.see_interests': (actor, r) => isMemberOf(actor, r.sheetOrganisationId) || isCoordinator(actor),
  'pooling.coordinate': (actor) => isCoordinator(actor),
} satisfies RuleSet;
