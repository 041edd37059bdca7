import type { Kysely } from 'kysely';
import { now } from '../../platform/db/index.ts';
import type { GlobalRole } from '../../platform/auth/user.ts';

export interface UserRow {
  id: number;
  email: string;
  name: string;
  passwordHash: string | null;
  role: GlobalRole;
  emailConfirmedAt: string | null;
  disabledAt: string | null;
  createdAt: string;
}

function toUser(r: any): UserRow {
  return {
    id: Number(r.id),
    email: r.email,
    name: r.name,
    passwordHash: r.password_hash,
    role: r.role,
    emailConfirmedAt: r.email_confirmed_at,
    disabledAt: r.disabled_at,
    createdAt: r.created_at,
  };
}

/** The only code that reads or writes `users` and `auth_tokens`. */
export function createAccountsStore(db: Kysely<any>) {
  return {
    async findById(id: number, trx: Kysely<any> = db): Promise<UserRow | null> {
      const r = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toUser(r) : null;
    },
    async findByEmail(email: string, trx: Kysely<any> = db): Promise<UserRow | null> {
      const r = await trx.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
      return r ? toUser(r) : null;
    },
    async create(
      input: { email: string; name: string; passwordHash: string | null; role: GlobalRole; confirmed: boolean },
      trx: Kysely<any> = db,
    ): Promise<UserRow> {
      const at = now();
      const row = await trx
        .insertInto('users')
        .values({
          email: input.email.trim().toLowerCase(),
          name: input.name,
          password_hash: input.passwordHash,
          role: input.role,
          email_confirmed_at: input.confirmed ? at : null,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    },
  };
}
export type AccountsStore = ReturnType<typeof createAccountsStore>;
