/**
 * Events the organisations module emits (platform/events/events.ts), inside the transaction that makes them true.
 * Payloads are ids: a subscriber reads the person's current rights through the accounts api.
 */

/** A membership was removed or left, or its role changed: what the person may do for the authority changed. */
export interface MembershipChanged {
  userId: number;
  organisationId: number;
}

declare module '../../platform/events/events.ts' {
  interface EventMap {
    'organisations.membership_changed': MembershipChanged;
  }
}
