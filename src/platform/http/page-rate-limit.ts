/**
 * The rate limit of public pages read without an account (PAGES_RATE_LIMIT pages per minute and address): a robot
 * walking made-up addresses is slowed down before it costs anything. Counted in memory, per instance (a public page
 * changes nothing: an exact count across instances is not worth a database write per page view), in fixed windows of
 * one minute, for at most MAX_ADDRESSES addresses at a time (the least recently seen leave first): the counters are
 * bounded whatever the number of addresses.
 */
import { createByteCache } from '../byte-cache.ts';
import type { Clock } from '../clock.ts';

const WINDOW_MS = 60_000;
export const MAX_ADDRESSES = 50_000;

export interface PageRateLimiter {
  /** Counts one page for the address: null when allowed, otherwise the seconds to wait. */
  hit(address: string): number | null;
  /** Addresses counted now (bounded by MAX_ADDRESSES). */
  readonly addresses: number;
}

export function createPageRateLimiter(perMinute: number, clock: Clock): PageRateLimiter {
  const counters = createByteCache<{ count: number; resetAt: number }>({
    maxBytes: MAX_ADDRESSES * 200,
    maxEntries: MAX_ADDRESSES,
    sizeOf: () => 32,
  });
  return {
    hit(address) {
      const now = clock.millis();
      let counter = counters.get(address);
      if (!counter || counter.resetAt <= now) {
        counter = { count: 0, resetAt: now + WINDOW_MS };
        counters.set(address, counter);
      }
      counter.count++;
      return counter.count > perMinute ? Math.max(1, Math.ceil((counter.resetAt - now) / 1000)) : null;
    },
    get addresses() {
      return counters.size;
    },
  };
}
