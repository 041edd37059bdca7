/**
 * Who may do what with participation initiatives and the Manifesto frame: the rules behind `authorize`.
 *
 * - Every active member of an authority writes its initiatives (as for the library's sheets) and sends them for
 *   review; coordinators (and administrators) review: publish or return with a comment. Which workflow action each
 *   role takes in each state is the workflow's own rule (workflow.ts), checked after `initiative.write`.
 * - Reading: a published initiative is public; a draft, a submission or a pending revision only for the writers of
 *   its authority and the coordinators (the presenter decides).
 * - A library sheet is linked to a Manifesto commitment by the members of the sheet's authority or a coordinator.
 */
import type { Actor, Rule, RuleSet } from '../../platform/auth/authorize.ts';
import { isCoordinator, isMemberOf, isNetworkMember } from '../../platform/auth/user.ts';
import type { Role } from './workflow.ts';

declare module '../../platform/auth/authorize.ts' {
  interface Rules {
    /** Describes a new initiative (for one of one's authorities; coordinators for any). */
    'initiative.create': Rule<void>;
    /** Writes this authority's initiatives: edit, send for review, take back, withdraw; reads their drafts. */
    'initiative.write': Rule<{ organisationId: number }>;
    /** Reviews initiatives: the review queue, publish, return with a comment. */
    'initiative.review': Rule<void>;
    /** Links a library sheet of this authority to a Manifesto commitment, or unlinks it. */
    'commitment.link_sheet': Rule<{ organisationId: number }>;
  }
}

export const rules = {
  'initiative.create': (actor) => isNetworkMember(actor),
  'initiative.write': (actor, r) => isMemberOf(actor, r.organisationId) || isCoordinator(actor),
  'initiative.review': (actor) => isCoordinator(actor),
  'commitment.link_sheet': (actor, r) => isMemberOf(actor, r.organisationId) || isCoordinator(actor),
} satisfies RuleSet;

/** The workflow roles of a person on an initiative of this authority. */
export function rolesOf(actor: Actor, organisationId: number): Role[] {
  const roles: Role[] = [];
  if (isMemberOf(actor, organisationId)) roles.push('writer');
  if (isCoordinator(actor)) roles.push('coordinator');
  return roles;
}
