/**
 * Who may do what with working groups: the rules behind `authorize(actor, action, resource)`. A resource carries the
 * actor's role in the group (`role`: lead, member or null), read by the service before it asks.
 *
 * - Coordinators create groups, place them in the tree and name leads; they may do everything leads do.
 * - Leads edit their group (name, purpose, visibility), add and remove members and leads, decide join requests,
 *   choose what the group follows and receive the digest.
 * - Everyone reads a public group's page; a members-only group's page is for its members, leads and coordinators.
 * - The members' directory shows names and bodies to whoever reads the page; e-mail addresses only to the group's
 *   members and leads (and coordinators). The digest is for members and leads.
 * - Any signed-in person who is not yet a member may ask to join.
 *
 * Meetings reuse these rules through the groups api (`roleOf`, `canLead`).
 */
import type { Actor, Rule, RuleSet } from '../../platform/auth/authorize.ts';
import { isCoordinator } from '../../platform/auth/user.ts';
import type { GroupRole, Visibility } from './model.ts';

/** The actor's place in one group. */
export interface GroupAccess {
  role: GroupRole | null;
}

declare module '../../platform/auth/authorize.ts' {
  interface Rules {
    /** Creates a group (anywhere in the tree) and names its leads. */
    'group.create': Rule<void>;
    /** Reads a group's page (its members' names and bodies, what it follows, its meetings). */
    'group.read': Rule<GroupAccess & { visibility: Visibility }>;
    /** Edits a group, adds and removes its members and leads, decides join requests, chooses followed items. */
    'group.lead': Rule<GroupAccess>;
    /** Reads the members' e-mail addresses and the digest for the next meeting. */
    'group.read_members_only': Rule<GroupAccess>;
    /** Asks to join a group. */
    'group.join': Rule<GroupAccess>;
  }
}

/** Whether `actor` leads the group (or coordinates the network). */
export const canLead = (actor: Actor, role: GroupRole | null): boolean => isCoordinator(actor) || role === 'lead';
/** Whether `actor` belongs to the group (any role) or coordinates the network. */
export const isInside = (actor: Actor, role: GroupRole | null): boolean => isCoordinator(actor) || role !== null;

export const rules = {
  'group.create': (actor) => isCoordinator(actor),
  'group.read': (actor, r) => r.visibility === 'public' || (!!actor && isInside(actor, r.role)),
  'group.lead': (actor, r) => !!actor && canLead(actor, r.role),
  'group.read_members_only': (actor, r) => !!actor && isInside(actor, r.role),
  'group.join': (actor, r) => !!actor && r.role === null,
} satisfies RuleSet;
