/**
 * The only code that reads or writes `users` and `auth_tokens` (typed by tables.ts). Rows are mapped to camelCase
 * records by one mapper per table; every instant is read from the clock.
 */
import { type Selectable, sql } from 'kysely';
import type { GlobalRole } from '../../platform/auth/user.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { TokenPurpose } from './model.ts';
import type { UsersTable } from './tables.ts';

/** A user as stored (the password hash included: it never leaves the services). */
export interface UserRecord {
  id: number;
  email: string;
  name: string;
  passwordHash: string | null;
  role: GlobalRole;
  emailConfirmedAt: string | null;
  disabledAt: string | null;
  oidcSubject: string | null;
  createdAt: string;
  updatedAt: string;
}

export type UserChanges = Partial<
  Pick<UserRecord, 'name' | 'email' | 'passwordHash' | 'role' | 'emailConfirmedAt' | 'disabledAt' | 'oidcSubject'>
>;

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string | null;
  role: GlobalRole;
  confirmed: boolean;
  oidcSubject?: string | null;
}

function toUser(r: Selectable<UsersTable>): UserRecord {
  return {
    id: Number(r.id),
    email: r.email,
    name: r.name,
    passwordHash: r.password_hash,
    role: r.role,
    emailConfirmedAt: r.email_confirmed_at,
    disabledAt: r.disabled_at,
    oidcSubject: r.oidc_subject ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** `like` pattern matching `text` anywhere, with % _ and \ escaped (used with `escape '\'`). */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const lowerEmail = (email: string) => email.trim().toLowerCase();

export function createAccountsStore(db: Db, clock: Clock = systemClock) {
  async function findOneBy(
    trx: Db,
    column: 'id' | 'email' | 'oidc_subject',
    value: number | string,
  ): Promise<UserRecord | null> {
    const row = await trx.selectFrom('users').selectAll().where(column, '=', value).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  return {
    async findById(id: number, trx: Db = db): Promise<UserRecord | null> {
      if (!Number.isSafeInteger(id)) return null;
      return findOneBy(trx, 'id', id);
    },
    async findByEmail(email: string, trx: Db = db): Promise<UserRecord | null> {
      return findOneBy(trx, 'email', lowerEmail(email));
    },
    async findByOidcSubject(subject: string, trx: Db = db): Promise<UserRecord | null> {
      return findOneBy(trx, 'oidc_subject', subject);
    },
    async create(input: NewUser, trx: Db = db): Promise<UserRecord> {
      const at = clock.iso();
      const row = await trx
        .insertInto('users')
        .values({
          email: lowerEmail(input.email),
          name: input.name,
          password_hash: input.passwordHash,
          role: input.role,
          email_confirmed_at: input.confirmed ? at : null,
          oidc_subject: input.oidcSubject ?? null,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    },
    /** Changes some columns of one user; returns false when no such user. */
    async update(id: number, changes: UserChanges, trx: Db = db): Promise<boolean> {
      const r = await trx
        .updateTable('users')
        .set({
          updated_at: clock.iso(),
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.email !== undefined && { email: lowerEmail(changes.email) }),
          ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
          ...(changes.role !== undefined && { role: changes.role }),
          ...(changes.emailConfirmedAt !== undefined && { email_confirmed_at: changes.emailConfirmedAt }),
          ...(changes.disabledAt !== undefined && { disabled_at: changes.disabledAt }),
          ...(changes.oidcSubject !== undefined && { oidc_subject: changes.oidcSubject }),
        })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async delete(id: number, trx: Db = db): Promise<void> {
      await trx.deleteFrom('auth_tokens').where('user_id', '=', id).execute();
      await trx.deleteFrom('users').where('id', '=', id).execute();
    },
    /** Users whose name or address contains `q` (case-insensitive), by name then address. */
    async list(options: { q?: string; limit: number; offset: number }): Promise<{
      total: number;
      rows: UserRecord[];
    }> {
      let query = db.selectFrom('users');
      const q = options.q?.trim();
      if (q) {
        const pattern = containsPattern(q);
        query = query.where(
          sql<boolean>`(lower(name) like ${pattern} escape '\\' or email like ${pattern} escape '\\')`,
        );
      }
      const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
      const rows = await query
        .selectAll()
        .orderBy(sql`lower(name)`)
        .orderBy('email')
        .limit(options.limit)
        .offset(options.offset)
        .execute();
      return { total: Number(total), rows: rows.map(toUser) };
    },
    async byIds(ids: number[]): Promise<Map<number, UserRecord>> {
      const unique = [...new Set(ids.filter((id) => Number.isSafeInteger(id)))];
      if (!unique.length) return new Map();
      const rows = await db.selectFrom('users').selectAll().where('id', 'in', unique).execute();
      return new Map(rows.map((r) => [Number(r.id), toUser(r)]));
    },
    /** Enabled accounts with a given global role, by name. */
    async activeWithRole(role: GlobalRole): Promise<UserRecord[]> {
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .where('role', '=', role)
        .where('disabled_at', 'is', null)
        .orderBy(sql`lower(name)`)
        .orderBy('email')
        .execute();
      return rows.map(toUser);
    },
    async countActiveAdmins(exceptId?: number): Promise<number> {
      let q = db.selectFrom('users').where('role', '=', 'admin').where('disabled_at', 'is', null);
      if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
      const r = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async countByStatus(): Promise<{ total: number; admins: number; coordinators: number; disabled: number }> {
      const rows = await db
        .selectFrom('users')
        .select(['role', (eb) => eb.fn.countAll<number>().as('n')])
        .select(sql<number | null>`sum(case when disabled_at is null then 0 else 1 end)`.as('disabled'))
        .groupBy('role')
        .execute();
      const out = { total: 0, admins: 0, coordinators: 0, disabled: 0 };
      for (const r of rows) {
        out.total += Number(r.n);
        out.disabled += Number(r.disabled ?? 0);
        if (r.role === 'admin') out.admins += Number(r.n);
        if (r.role === 'coordinator') out.coordinators += Number(r.n);
      }
      return out;
    },

    // -- one-time links (only the hash of the secret is stored) --------------------------------------------------
    async createToken(
      input: { hash: string; purpose: TokenPurpose; userId: number; expiresAt: string },
      trx: Db = db,
    ): Promise<void> {
      await trx
        .insertInto('auth_tokens')
        .values({
          id: input.hash,
          purpose: input.purpose,
          user_id: input.userId,
          expires_at: input.expiresAt,
          created_at: clock.iso(),
        })
        .execute();
    },
    /** The user of a valid (unused, unexpired) token, without using it. */
    async tokenUser(hash: string, purpose: TokenPurpose, trx: Db = db): Promise<number | null> {
      const r = await trx
        .selectFrom('auth_tokens')
        .select('user_id')
        .where('id', '=', hash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', clock.iso())
        .executeTakeFirst();
      return r ? Number(r.user_id) : null;
    },
    /**
     * Uses a token once: a single conditional update, so that two concurrent uses cannot both succeed
     * (the second one matches no row). Returns the user id, or null when the token is unknown, used or expired.
     */
    async consumeToken(hash: string, purpose: TokenPurpose, trx: Db = db): Promise<number | null> {
      const at = clock.iso();
      const r = await trx
        .updateTable('auth_tokens')
        .set({ used_at: at })
        .where('id', '=', hash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at)
        .returning('user_id')
        .executeTakeFirst();
      return r ? Number(r.user_id) : null;
    },
    /** Makes every outstanding token of a purpose unusable (e.g. other reset links once the password changed). */
    async revokeTokens(userId: number, purpose: TokenPurpose, trx: Db = db): Promise<void> {
      await trx
        .updateTable('auth_tokens')
        .set({ used_at: clock.iso() })
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .execute();
    },
    /** Deletes a person's expired links (called when a new one is issued, so the table does not grow forever). */
    async purgeExpiredTokens(userId: number, trx: Db = db): Promise<void> {
      await trx.deleteFrom('auth_tokens').where('user_id', '=', userId).where('expires_at', '<', clock.iso()).execute();
    },
  };
}
export type AccountsStore = ReturnType<typeof createAccountsStore>;
