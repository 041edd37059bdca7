/**
 * Who may do what with responsible AI: the rules behind `authorize(actor, action, resource)`.
 *
 * - The authority's members (those who write its sheets) and the coordinators write, sign and publish the
 *   assessments and notices of its sheets, and read them while they are private.
 * - Everyone reads what the authority published, on a public sheet.
 * - The coordinators write and publish the network's « conditions de réussite »; everyone reads the published ones.
 */
import type { Rule, RuleSet } from '../../platform/auth/authorize.ts';
import { isCoordinator, isMemberOf } from '../../platform/auth/user.ts';

declare module '../../platform/auth/authorize.ts' {
  interface Rules {
    /** Starts, fills, signs, publishes and withdraws the assessments and notices of this authority's sheets. */
    'ethics.write': Rule<{ organisationId: number }>;
    /** Reads this authority's assessments and notices that are not published (drafts, signed and kept private). */
    'ethics.read_private': Rule<{ organisationId: number }>;
    /** Writes and publishes the network's « conditions de réussite » (the working group's positions). */
    'ethics.conditions_write': Rule<void>;
  }
}

export const rules = {
  'ethics.write': (actor, r) => isMemberOf(actor, r.organisationId) || isCoordinator(actor),
  'ethics.read_private': (actor, r) => isMemberOf(actor, r.organisationId) || isCoordinator(actor),
  'ethics.conditions_write': (actor) => isCoordinator(actor),
} satisfies RuleSet;
