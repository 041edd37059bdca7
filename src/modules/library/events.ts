/**
 * Events the library emits (platform/events/events.ts), inside the transaction that makes them true. Payloads are
 * ids: a subscriber reads the current state through the library's api.
 */

/** A coordinator published a use case, or the revision of a published one. */
export interface UseCasePublished {
  useCaseId: number;
}

/** A published use case was archived: it is no longer public. */
export interface UseCaseWithdrawn {
  useCaseId: number;
}

/** A draft use case was created on behalf of an authority from something of another module. */
export interface UseCaseDrafted {
  useCaseId: number;
  /** What the draft was made from: an AI-census response (questionnaires.response_submitted). */
  origin: { kind: 'census_response'; id: number };
}

declare module '../../platform/events/events.ts' {
  interface EventMap {
    'library.use_case_published': UseCasePublished;
    'library.use_case_drafted': UseCaseDrafted;
    'library.use_case_withdrawn': UseCaseWithdrawn;
  }
}
