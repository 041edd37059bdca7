/**
 * Who may do what with meetings: the rules behind `authorize(actor, action, resource)`. The group role is read by
 * the service (groups port) and handed to the rule.
 *
 * - The leads of a group and the coordinators create, edit and cancel its meetings, record attendance, write the
 *   minutes, decisions and actions.
 * - Public meetings are read by everyone; members-only ones by the group's members, its leads and the coordinators.
 * - Anyone signed in registers to a public meeting; the group's members to a members-only one.
 * - An action's status is changed by its owner or by the group's leads.
 */
import type { Rule, RuleSet } from '../../platform/auth/authorize.ts';
import { isCoordinator } from '../../platform/auth/user.ts';

declare module '../../platform/auth/authorize.ts' {
  interface Rules {
    'meeting.manage': Rule<{ leads: boolean }>;
    'meeting.read': Rule<{ visibility: 'public' | 'members'; inside: boolean }>;
    'meeting.register': Rule<{ visibility: 'public' | 'members'; inside: boolean }>;
    'meeting_action.update': Rule<{ leads: boolean; ownerId: number | null }>;
  }
}

export const rules = {
  'meeting.manage': (actor, r) => !!actor && (isCoordinator(actor) || r.leads),
  'meeting.read': (actor, r) => r.visibility === 'public' || (!!actor && (isCoordinator(actor) || r.inside)),
  'meeting.register': (actor, r) => !!actor && (r.visibility === 'public' || r.inside || isCoordinator(actor)),
  'meeting_action.update': (actor, r) =>
    !!actor && (isCoordinator(actor) || r.leads || (r.ownerId != null && r.ownerId === actor.id)),
} satisfies RuleSet;
