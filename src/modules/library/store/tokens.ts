/** `library_api_tokens`: per-authority API tokens (only their hash is stored). */
import type { Selectable } from 'kysely';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { LibraryApiTokensTable } from '../tables.ts';

export interface TokenRow {
  id: number;
  organisationId: number;
  name: string;
  createdBy: number | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
}

/** THE mapper of `library_api_tokens` rows (the hash never leaves the store). */
function toTokenRow(r: Omit<Selectable<LibraryApiTokensTable>, 'token_hash'>): TokenRow {
  return {
    id: Number(r.id),
    organisationId: Number(r.organisation_id),
    name: r.name,
    createdBy: r.created_by == null ? null : Number(r.created_by),
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at ?? null,
    revokedAt: r.revoked_at ?? null,
    expiresAt: r.expires_at ?? null,
  };
}

const TOKEN_COLUMNS = [
  'id',
  'organisation_id',
  'name',
  'created_by',
  'created_at',
  'last_used_at',
  'revoked_at',
  'expires_at',
] as const;

/** The last-use date is written at most once in this many milliseconds per token (one write, not one per call). */
export const LAST_USE_PRECISION_MS = 60 * 60 * 1000;

export function createTokenStore(db: Db, clock: Clock) {
  return {
    async insertToken(
      input: { organisationId: number; name: string; hash: string; createdBy: number; expiresAt: string },
      trx: Db = db,
    ): Promise<number> {
      const row = await trx
        .insertInto('library_api_tokens')
        .values({
          organisation_id: input.organisationId,
          name: input.name,
          token_hash: input.hash,
          created_by: input.createdBy,
          created_at: clock.iso(),
          expires_at: input.expiresAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async tokens(organisationId: number): Promise<TokenRow[]> {
      const rows = await db
        .selectFrom('library_api_tokens')
        .select(TOKEN_COLUMNS)
        .where('organisation_id', '=', organisationId)
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toTokenRow);
    },

    /** The tokens a person created (their personal data), every authority. */
    async tokensBy(userId: number): Promise<TokenRow[]> {
      const rows = await db
        .selectFrom('library_api_tokens')
        .select(TOKEN_COLUMNS)
        .where('created_by', '=', userId)
        .orderBy('id')
        .execute();
      return rows.map(toTokenRow);
    },

    async tokenByHash(hash: string): Promise<TokenRow | null> {
      const r = await db
        .selectFrom('library_api_tokens')
        .select(TOKEN_COLUMNS)
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      return r ? toTokenRow(r) : null;
    },

    /** Notes a use: one write per token and hour at most (a token called many times a second costs no write each). */
    async touchToken(token: TokenRow): Promise<void> {
      const now = clock.now().getTime();
      if (token.lastUsedAt && now - Date.parse(token.lastUsedAt) < LAST_USE_PRECISION_MS) return;
      const before = new Date(now - LAST_USE_PRECISION_MS).toISOString();
      await db
        .updateTable('library_api_tokens')
        .set({ last_used_at: clock.iso() })
        .where('id', '=', token.id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', before)]))
        .execute();
    },

    /**
     * Revokes the unrevoked tokens a person created (for one authority, or all of them); returns their ids.
     * Used when the person loses the right to manage them, and on erasure of the account.
     */
    async revokeTokensOf(userId: number, trx: Db = db, organisationId?: number): Promise<number[]> {
      let query = trx
        .updateTable('library_api_tokens')
        .set({ revoked_at: clock.iso() })
        .where('created_by', '=', userId)
        .where('revoked_at', 'is', null);
      if (organisationId !== undefined) query = query.where('organisation_id', '=', organisationId);
      const rows = await query.returning('id').execute();
      return rows.map((r) => Number(r.id));
    },

    /** Revokes a token of this authority; false when there is none or it already was. */
    async revokeToken(id: number, organisationId: number, trx: Db = db): Promise<boolean> {
      const r = await trx
        .updateTable('library_api_tokens')
        .set({ revoked_at: clock.iso() })
        .where('id', '=', id)
        .where('organisation_id', '=', organisationId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
