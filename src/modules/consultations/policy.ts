/**
 * Who may do what with consultations: the rules behind `authorize(actor, action, resource)`.
 *
 * - The authority's editors (« responsables ») and the coordinators open, change and close a consultation on one of
 *   the authority's sheets, read its full results and publish its synthesis.
 * - Everyone reads consultations and their protected results; who may answer is the consultation's setting.
 */
import type { Rule, RuleSet } from '../../platform/auth/authorize.ts';
import { isCoordinator, isEditorOf } from '../../platform/auth/user.ts';

declare module '../../platform/auth/authorize.ts' {
  interface Rules {
    /** Opens, changes a consultation of this authority, reads its full results, publishes its synthesis. */
    'consultation.manage': Rule<{ organisationId: number }>;
  }
}

export const rules = {
  'consultation.manage': (actor, r) => isCoordinator(actor) || isEditorOf(actor, r.organisationId),
} satisfies RuleSet;
