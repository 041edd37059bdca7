/**
 * Who may do what with citizens' voice: the rules behind `authorize(actor, action, resource)`.
 *
 * - Anyone signed in contributes (question, comment, « concerné·e », « je soutiens ») and reports a message.
 * - The editors (« responsables ») of the target's authority answer officially, moderate its messages and set its
 *   pre-moderation; coordinators moderate every message (they do not answer for an authority).
 * - Coordinators keep the blocklist of words and unblock people.
 */
import type { Rule, RuleSet } from '../../platform/auth/authorize.ts';
import { type CurrentUser, isCoordinator, isEditorOf } from '../../platform/auth/user.ts';

declare module '../../platform/auth/authorize.ts' {
  interface Rules {
    /** Posts a contribution, reports a message, follows a thread. */
    'voice.contribute': Rule<void>;
    /** Answers officially on a target of this authority. */
    'voice.answer': Rule<{ organisationId: number }>;
    /** Approves, hides a message of this authority's targets, blocks its author. */
    'voice.moderate': Rule<{ organisationId: number }>;
    /** Opens the moderation queue (their authorities' messages, or all for coordinators). */
    'voice.moderation_queue': Rule<void>;
    /** Sets the pre-moderation of this authority. */
    'voice.configure': Rule<{ organisationId: number }>;
    /** Keeps the blocklist of words, unblocks people. */
    'voice.administer': Rule<void>;
  }
}

/** The authorities whose messages a person moderates (null: all of them, for coordinators). */
export function moderatedOrganisations(actor: CurrentUser): number[] | null {
  if (isCoordinator(actor)) return null;
  return actor.memberships.filter((m) => m.role === 'editor').map((m) => m.organisationId);
}

export const rules = {
  'voice.contribute': (actor) => !!actor,
  'voice.answer': (actor, r) => isEditorOf(actor, r.organisationId),
  'voice.moderate': (actor, r) => isCoordinator(actor) || isEditorOf(actor, r.organisationId),
  'voice.moderation_queue': (actor) => isCoordinator(actor) || !!actor?.memberships.some((m) => m.role === 'editor'),
  'voice.configure': (actor, r) => isEditorOf(actor, r.organisationId),
  'voice.administer': (actor) => isCoordinator(actor),
} satisfies RuleSet;
