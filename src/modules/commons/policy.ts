/**
 * Who may do what with commons: the rules behind `authorize(actor, action, resource)`.
 *
 * - Members of an authority (any role) and coordinators describe a new commons entry; a member names their own
 *   authorities as maintainers (coordinators name any organisation).
 * - The members of a maintaining organisation and the coordinators edit an entry and post its news.
 * - Everyone reads every entry (nothing in a commons entry is private but its contacts' addresses).
 */
import type { Rule, RuleSet } from '../../platform/auth/authorize.ts';
import { isCoordinator, isMemberOf, isNetworkMember } from '../../platform/auth/user.ts';

declare module '../../platform/auth/authorize.ts' {
  interface Rules {
    /** Describes a new commons entry. */
    'commons.create': Rule<void>;
    /** Edits an entry maintained by these organisations, posts its news, refreshes it from publiccode.yml. */
    'commons.write': Rule<{ maintainerIds: readonly number[] }>;
    /** Names this organisation as a maintainer (its members, or a coordinator). */
    'commons.name_maintainer': Rule<{ organisationId: number }>;
    /** Reads an entry's contacts (names and addresses from publiccode.yml). */
    'commons.read_contacts': Rule<{ maintainerIds: readonly number[] }>;
  }
}

export const rules = {
  'commons.create': (actor) => isNetworkMember(actor),
  'commons.write': (actor, r) => isCoordinator(actor) || r.maintainerIds.some((id) => isMemberOf(actor, id)),
  'commons.name_maintainer': (actor, r) => isCoordinator(actor) || isMemberOf(actor, r.organisationId),
  'commons.read_contacts': (actor, r) => isCoordinator(actor) || r.maintainerIds.some((id) => isMemberOf(actor, id)),
} satisfies RuleSet;
