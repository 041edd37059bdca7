/**
 * Failed attempts counted per account (its address), in the `rate_limits` table that also holds the per-address
 * request limits, so that the count holds across instances and restarts. Guessing one account's password from
 * many network addresses meets this limit; the per-address limit (route rateLimit) meets many accounts tried from
 * one address. Keys are taken as given (normalise the address first): unknown addresses are counted the same way,
 * so the limit says nothing about which accounts exist.
 */
import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';

export interface AttemptThrottle {
  /** Milliseconds before another attempt is accepted for this key, or 0 when one may be made now. */
  waitFor(key: string): Promise<number>;
  /** Counts a failed attempt. */
  failed(key: string): Promise<void>;
  /** Forgets the failures (after a success). */
  clear(key: string): Promise<void>;
}

export function createAttemptThrottle(
  db: Db,
  clock: Clock,
  options: { prefix: string; max: number; windowMs: number },
): AttemptThrottle {
  const keyOf = (key: string) => `${options.prefix}:${key}`;
  return {
    async waitFor(key) {
      const row = await db
        .selectFrom('rate_limits')
        .select(['count', 'reset_at'])
        .where('key', '=', keyOf(key))
        .executeTakeFirst();
      if (!row) return 0;
      const left = Number(row.reset_at) - clock.millis();
      return left > 0 && Number(row.count) >= options.max ? left : 0;
    },
    async failed(key) {
      const now = clock.millis();
      const reset = now + options.windowMs;
      await sql`insert into rate_limits (key, count, reset_at) values (${keyOf(key)}, 1, ${reset})
        on conflict (key) do update set
          count = case when rate_limits.reset_at <= ${now} then 1 else rate_limits.count + 1 end,
          reset_at = case when rate_limits.reset_at <= ${now} then ${reset} else rate_limits.reset_at end`.execute(db);
    },
    async clear(key) {
      await db.deleteFrom('rate_limits').where('key', '=', keyOf(key)).execute();
    },
  };
}
