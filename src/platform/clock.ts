/**
 * The clock port: every rule that depends on the time of day reads it from here, never from `new Date()` or
 * `Date.now()`, so that tests move time instead of sleeping or writing timestamps into tables.
 *
 * The server uses `systemClock`; tests build a `manualClock` and hand it to `buildServer({ clock })` (or to a
 * service), then call `clock.advance({ days: 8 })`.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** The current instant as an ISO-8601 UTC string: the one representation of instants in every table. */
  iso(): string;
  /** Milliseconds since the epoch. */
  millis(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  iso: () => new Date().toISOString(),
  millis: () => Date.now(),
};

export interface Duration {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}

export function durationMs(d: Duration): number {
  return (
    (d.days ?? 0) * 86_400_000 +
    (d.hours ?? 0) * 3_600_000 +
    (d.minutes ?? 0) * 60_000 +
    (d.seconds ?? 0) * 1000 +
    (d.milliseconds ?? 0)
  );
}

/** A clock that only moves when told to (tests). */
export interface ManualClock extends Clock {
  advance(by: Duration): void;
  set(at: Date | string): void;
}

export function manualClock(start: Date | string = '2026-01-15T09:00:00.000Z'): ManualClock {
  let current = new Date(start).getTime();
  if (Number.isNaN(current)) throw new Error(`date de départ invalide : ${String(start)}`);
  return {
    now: () => new Date(current),
    iso: () => new Date(current).toISOString(),
    millis: () => current,
    advance(by) {
      current += durationMs(by);
    },
    set(at) {
      const next = new Date(at).getTime();
      if (Number.isNaN(next)) throw new Error(`date invalide : ${String(at)}`);
      current = next;
    },
  };
}
