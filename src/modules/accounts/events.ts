/**
 * Events the accounts module emits (platform/events/events.ts), inside the transaction that makes them true.
 * Payloads are ids: a subscriber reads the current state through the accounts api.
 */

/** An administrator disabled an account: whatever acts on the person's behalf (API tokens…) stops. */
export interface UserDisabled {
  userId: number;
}

declare module '../../platform/events/events.ts' {
  interface EventMap {
    'accounts.user_disabled': UserDisabled;
  }
}
