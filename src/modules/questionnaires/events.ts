/**
 * Events the questionnaires module emits (platform/events/events.ts), inside the transaction that makes them true.
 */
import type { UseCaseDraftContent } from './library-mapping.ts';

/** A response was sent (submitted) by its respondent. */
export interface ResponseSubmitted {
  responseId: number;
  campaignId: number;
  /** The responding organisation; null for an anonymous response (public link). */
  organisationId: number | null;
  /**
   * Present only when the campaign turns AI-census responses into draft use cases (« fiches brouillons ») and the
   * response belongs to an organisation: the library content mapped from the answers (library-mapping.ts, values
   * already read by the library's own rules). The library creates the draft for `organisationId`, then reports it
   * with `library.use_case_drafted` { useCaseId, origin: { kind: 'census_response', id: responseId } }.
   */
  content?: UseCaseDraftContent;
  /** With `content`: where the draft comes from, for the use case's history (« Recensement 2025, réponse n° 12 »). */
  source?: string;
  /** Who sent the response (null: through a link, without an account). */
  actorUserId: number | null;
}

declare module '../../platform/events/events.ts' {
  interface EventMap {
    'questionnaires.response_submitted': ResponseSubmitted;
  }
}
