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
] as const;

export function createTokenStore(db: Db, clock: Clock) {
  return {
    async insertToken(
      input: { organisationId: number; name: string; hash: string; createdBy: number },
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

    async tokenByHash(hash: string): Promise<TokenRow | null> {
      const r = await db
        .selectFrom('library_api_tokens')
        .select(TOKEN_COLUMNS)
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      return r ? toTokenRow(r) : null;
    },

    async touchToken(id: number): Promise<void> {
      await db.updateTable('library_api_tokens').set({ last_used_at: clock.iso() }).where('id', '=', id).execute();
    },

    /** Revokes every token a person created (RGPD erasure of an account: a token acts as its creator). */
    async revokeTokensOf(userId: number, trx: Db = db): Promise<void> {
      await trx
        .updateTable('library_api_tokens')
        .set({ revoked_at: clock.iso() })
        .where('created_by', '=', userId)
        .where('revoked_at', 'is', null)
        .execute();
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
