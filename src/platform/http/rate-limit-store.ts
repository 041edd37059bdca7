import { sql } from 'kysely';
import { createByteCache } from '../byte-cache.ts';
import { type Clock, systemClock } from '../clock.ts';
import type { Db } from '../db/database.ts';

interface RouteInfo {
  url?: string;
  method?: string;
}

/** How often ended windows are deleted (at most). */
export const PURGE_EVERY_MS = 5 * 60_000;

type IncrCallback = (err: Error | null, result?: { current: number; ttl: number }) => void;

/** Addresses counted at a time by one per-instance limit (the least recently seen leave first). */
export const MAX_COUNTED_KEYS = 50_000;

/**
 * Route option `rateLimit: { …, perInstance: true }`: the route is counted in this process's memory (fixed windows,
 * bounded to MAX_COUNTED_KEYS keys) instead of the database. For routes hit every few seconds by every person at
 * work, such as the answers' autosave on deadline day: a database write (and a durable commit) per request would
 * cost more than the save itself. Behind several instances the limit is per instance (at most `instances × max`).
 */
export interface PerInstanceOption {
  perInstance?: boolean;
}

function memoryStore(timeWindow: number, prefix: string, clock: Clock) {
  const counters = createByteCache<{ count: number; resetAt: number }>({
    maxBytes: MAX_COUNTED_KEYS * 200,
    maxEntries: MAX_COUNTED_KEYS,
    sizeOf: () => 32,
  });
  return {
    incr(key: string, callback: IncrCallback) {
      const nowMs = clock.millis();
      let counter = counters.get(prefix + key);
      if (!counter || counter.resetAt <= nowMs) {
        counter = { count: 0, resetAt: nowMs + timeWindow };
        counters.set(prefix + key, counter);
      }
      counter.count++;
      callback(null, { current: counter.count, ttl: Math.max(0, counter.resetAt - nowMs) });
    },
    child() {
      return this;
    },
  };
}

/**
 * @fastify/rate-limit store backed by the database, so that limits hold across instances (PostgreSQL mode)
 * and restarts. One atomic upsert per hit, the same SQL on SQLite (≥ 3.35) and PostgreSQL.
 */
export function databaseRateLimitStore(db: Db, clock: Clock = systemClock) {
  // Windows that ended hold nothing (the next hit starts again at 1): they are deleted now and then, so that the
  // table does not grow with every address ever seen.
  let lastPurge = clock.millis();
  function purgeExpired(nowMs: number) {
    if (nowMs - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = nowMs;
    db.deleteFrom('rate_limits')
      .where('reset_at', '<=', nowMs)
      .execute()
      .catch(() => {});
  }
  return class DatabaseStore {
    private timeWindow: number;
    private prefix: string;
    constructor(options: { timeWindow?: number; routeInfo?: RouteInfo }) {
      this.timeWindow = Number(options.timeWindow ?? 60_000);
      this.prefix = options.routeInfo ? `${options.routeInfo.method}:${options.routeInfo.url}:` : 'global:';
    }
    incr(key: string, callback: IncrCallback) {
      const nowMs = clock.millis();
      purgeExpired(nowMs);
      const reset = nowMs + this.timeWindow;
      sql<{ count: number; reset_at: number }>`
        insert into rate_limits (key, count, reset_at) values (${this.prefix + key}, 1, ${reset})
        on conflict (key) do update set
          count = case when rate_limits.reset_at <= ${nowMs} then 1 else rate_limits.count + 1 end,
          reset_at = case when rate_limits.reset_at <= ${nowMs} then ${reset} else rate_limits.reset_at end
        returning count, reset_at`
        .execute(db)
        .then((r) => {
          const row = r.rows[0]!;
          callback(null, { current: Number(row.count), ttl: Math.max(0, Number(row.reset_at) - nowMs) });
        })
        .catch((e: unknown) => callback(e as Error));
    }
    child(routeOptions: { routeInfo?: RouteInfo; timeWindow?: number } & PerInstanceOption) {
      if (routeOptions.perInstance) {
        const info = routeOptions.routeInfo;
        return memoryStore(
          Number(routeOptions.timeWindow ?? this.timeWindow),
          info ? `${info.method}:${info.url}:` : 'global:',
          clock,
        );
      }
      return new DatabaseStore({
        timeWindow: routeOptions.timeWindow ?? this.timeWindow,
        routeInfo: routeOptions.routeInfo,
      });
    }
  };
}
