/**
 * Events challenges emit (platform/events/events.ts), inside the transaction that makes them true. Payloads are ids:
 * a subscriber reads the current state through the challenges' api.
 */

/** A challenge reached a new stage (« commun publié » carries the resulting commons entry). */
export interface ChallengeStageChanged {
  challengeId: number;
  stage: string;
  commonsId: number | null;
}

/** An organisation joined a challenge. */
export interface ChallengeJoined {
  challengeId: number;
  organisationId: number;
  role: string;
}

declare module '../../platform/events/events.ts' {
  interface EventMap {
    'challenges.stage_changed': ChallengeStageChanged;
    'challenges.joined': ChallengeJoined;
  }
}
