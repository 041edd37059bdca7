/**
 * Who may use the groups' routes that depend on a person's place in a group. The route × role test's world has a
 * group led by A's « responsable » (editor persona) with A's member as a member: these lists name those personas.
 * The services decide through the rules of policy.ts (`group.lead`, `group.read_members_only`).
 */
import type { Access } from '../../../platform/http/access.ts';

/** The group's leads, and coordinators / administrators. */
export const GROUP_LEADS: Access = ['editor', 'coordinator', 'admin'];
/** The group's members and leads, and coordinators / administrators. */
export const GROUP_INSIDERS: Access = ['member', 'editor', 'coordinator', 'admin'];
