/**
 * Who may do what with questionnaires, campaigns and responses, in one place: the rules behind
 * `authorize(actor, action, resource)` (platform/auth/authorize.ts). Every service entry point that reveals
 * restricted data or changes anything calls `authorize` (here through `authorizeOr`, which keeps this module's
 * French messages).
 *
 * - Network coordinators (and administrators) build questionnaires, run campaigns, read every response, export them
 *   and turn census responses into draft use cases.
 * - An organisation's active members (both membership roles) answer for it through their account; anyone holding an
 *   invitation link or a campaign's public link answers through it (the link is the credential).
 * - Everyone reads the results of a campaign whose results are public, without the restricted questions.
 */
import { type Action, type Actor, authorize, type Rule, type RuleSet } from '../../platform/auth/authorize.ts';
import { type CurrentUser, isCoordinator, isMemberOf } from '../../platform/auth/user.ts';
import { forbidden, HttpError, unauthorized } from '../../platform/http/errors.ts';

/** How a respondent came in: a personal invitation link, their account, or a campaign's public link. */
export type RespondentKind = 'invitation' | 'member' | 'public';

declare module '../../platform/auth/authorize.ts' {
  interface Rules {
    /** Build questionnaires, publish versions, import, export drafts, archive. */
    'questionnaire.manage': Rule<void>;
    /** Create campaigns, follow them, remind, close, manage invitations, read every response and export them. */
    'campaign.manage': Rule<void>;
    /** Read a campaign's results. */
    'campaign.read_results': Rule<{ resultsPublic: boolean }>;
    /** See the restricted questions (contacts…) in results. */
    'question.read_restricted': Rule<void>;
    /** Answer for an organisation through one's account. */
    'response.answer_for': Rule<{ organisationId: number }>;
    /** Write a response one has opened (by link, or as a member of its organisation). */
    'response.write': Rule<{ kind: RespondentKind; organisationId: number | null }>;
    /** Turn a census response into a draft use case of the library. */
    'response.draft_use_case': Rule<void>;
  }
}

const coordinators = (actor: Actor) => isCoordinator(actor);

export const rules: RuleSet = {
  'questionnaire.manage': coordinators,
  'campaign.manage': coordinators,
  'campaign.read_results': (actor, campaign) => isCoordinator(actor) || campaign.resultsPublic,
  'question.read_restricted': coordinators,
  'response.answer_for': (actor, { organisationId }) => isMemberOf(actor, organisationId),
  'response.write': (actor, r) =>
    r.kind !== 'member' || (r.organisationId !== null && isMemberOf(actor, r.organisationId)),
  'response.draft_use_case': coordinators,
};

type ResourceArgs<A extends Action> =
  Parameters<typeof authorize<A>> extends [unknown, unknown, ...infer R] ? R : never;

/**
 * `authorize`, with this module's French messages: `forbidden` for a refused signed-in actor, `unauthorized` (or
 * the platform's default) for an anonymous one.
 */
export function authorizeOr<A extends Action>(
  messages: { forbidden: string; unauthorized?: string },
  actor: Actor,
  action: A,
  ...resource: ResourceArgs<A>
): asserts actor is CurrentUser {
  try {
    (authorize as (actor: Actor, action: A, ...resource: unknown[]) => void)(actor, action, ...resource);
  } catch (e) {
    if (!(e instanceof HttpError) || (e.status !== 401 && e.status !== 403)) throw e;
    throw actor ? forbidden(messages.forbidden) : messages.unauthorized ? unauthorized(messages.unauthorized) : e;
  }
}
