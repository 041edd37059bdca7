/** Who may do what with questionnaires, campaigns and responses: in one place. */
import { type CurrentUser, isCoordinator, isMemberOf } from '../../platform/auth/user.ts';

/** Build questionnaires, publish versions, import and export them: network coordinators (and administrators). */
export const canManageQuestionnaires = (u: CurrentUser | null): boolean => isCoordinator(u);

/** Create campaigns, follow them, remind, close, read every response and export: coordinators. */
export const canManageCampaigns = (u: CurrentUser | null): boolean => isCoordinator(u);

/** Answer for an authority through an account: its active members (members and editors). */
export const canAnswerFor = (u: CurrentUser | null, organisationId: number): boolean => isMemberOf(u, organisationId);

/** Read a campaign's results: coordinators always; everyone when the campaign's results are public (restricted
 * questions then hidden by the presenter). */
export const canReadResults = (u: CurrentUser | null, campaign: { resultsPublic: boolean }): boolean =>
  isCoordinator(u) || campaign.resultsPublic;

/** Whether restricted questions appear in the results this person reads. */
export const seesRestricted = (u: CurrentUser | null): boolean => isCoordinator(u);

/** Turn a census response into a draft library sheet: coordinators. */
export const canCreateLibraryDraft = (u: CurrentUser | null): boolean => isCoordinator(u);
