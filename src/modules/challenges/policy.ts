/**
 * Who may do what with challenges: the rules behind `authorize(actor, action, resource)`.
 *
 * - Coordinators state a challenge for the network; the editors (« responsables ») of an authority state one for
 *   their authority.
 * - Coordinators, the editors of the stating authority and those of the leads (« porteurs ») edit it and move its
 *   stage; the leads' editors and the coordinators post its news.
 * - An organisation joins or leaves through its editors; coordinators may register or withdraw any organisation.
 * - Everyone reads every challenge (nothing in it is private).
 */
import type { Rule, RuleSet } from '../../platform/auth/authorize.ts';
import { isCoordinator, isEditorOf } from '../../platform/auth/user.ts';

declare module '../../platform/auth/authorize.ts' {
  interface Rules {
    /** States a new challenge (for an authority, or for the network when `organisationId` is null). */
    'challenge.create': Rule<{ organisationId: number | null }>;
    /** Edits a challenge, moves its stage. */
    'challenge.write': Rule<{ statedById: number | null; leadIds: readonly number[] }>;
    /** Posts news of a challenge. */
    'challenge.post_news': Rule<{ leadIds: readonly number[] }>;
    /** Registers this organisation in a challenge, or withdraws it. */
    'challenge.join': Rule<{ organisationId: number }>;
    /** Opens a challenge from a pooling suggestion, inviting authorities. */
    'challenge.create_from_suggestion': Rule<void>;
  }
}

export const rules = {
  'challenge.create': (actor, r) =>
    isCoordinator(actor) || (r.organisationId !== null && isEditorOf(actor, r.organisationId)),
  'challenge.write': (actor, r) =>
    isCoordinator(actor) ||
    (r.statedById !== null && isEditorOf(actor, r.statedById)) ||
    r.leadIds.some((id) => isEditorOf(actor, id)),
  'challenge.post_news': (actor, r) => isCoordinator(actor) || r.leadIds.some((id) => isEditorOf(actor, id)),
  'challenge.join': (actor, r) => isCoordinator(actor) || isEditorOf(actor, r.organisationId),
  'challenge.create_from_suggestion': (actor) => isCoordinator(actor),
} satisfies RuleSet;
