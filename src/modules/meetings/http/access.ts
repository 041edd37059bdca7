/**
 * Route access of meetings (platform/http/access.ts). The route × role world has a group led by A's « responsable »
 * with A's member as a member (test/http/route-access/cases-meetings.ts); the services decide with the groups' roles.
 */
import type { Access } from '../../../platform/http/access.ts';

/** The group's leads, and coordinators / administrators (who lead every group). */
export const MEETING_LEADS: Access = ['editor', 'coordinator', 'admin'];
/** An action's owner (A's member in the world), the group's leads, coordinators and administrators. */
export const ACTION_UPDATERS: Access = ['member', 'editor', 'coordinator', 'admin'];
