import { type Clock, systemClock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { hashToken, newToken } from './tokens.ts';

/** Sessions live in the database so that any instance can serve any request. Only token hashes are stored. */
export const SESSION_DAYS = 30;

export function createSessionStore(db: Db, clock: Clock = systemClock) {
  return {
    async create(userId: number): Promise<string> {
      const token = newToken();
      const at = clock.iso();
      await db
        .insertInto('sessions')
        .values({
          id: hashToken(token),
          user_id: userId,
          created_at: at,
          last_seen_at: at,
          expires_at: new Date(clock.millis() + SESSION_DAYS * 86400_000).toISOString(),
        })
        .execute();
      return token;
    },
    async userIdFor(token: string): Promise<number | null> {
      const row = await db
        .selectFrom('sessions')
        .select(['user_id', 'expires_at'])
        .where('id', '=', hashToken(token))
        .executeTakeFirst();
      if (!row || row.expires_at < clock.iso()) return null;
      return Number(row.user_id);
    },
    async destroy(token: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
    },
    async destroyAllFor(userId: number): Promise<void> {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
    async purgeExpired(): Promise<void> {
      await db.deleteFrom('sessions').where('expires_at', '<', clock.iso()).execute();
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
