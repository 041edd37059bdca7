/**
 * The accounts module's tables (src/migrations/0002_organisations_accounts.ts), merged into the platform's `DB`.
 * `organisations` and `memberships` belong to the organisations module.
 */
import type { GlobalRole } from '../../platform/auth/user.ts';
import type { Defaulted, Id } from '../../platform/db/database.ts';
import type { TokenPurpose } from './model.ts';

export interface UsersTable {
  id: Id;
  /** Stored lower-case; unique. */
  email: string;
  name: Defaulted<string>;
  /** `scrypt$…`, or null for accounts that sign in by link or OpenID Connect only. */
  password_hash: string | null;
  role: Defaulted<GlobalRole>;
  email_confirmed_at: string | null;
  disabled_at: string | null;
  /** The OpenID Connect subject (ProConnect); unique. */
  oidc_subject: string | null;
  created_at: string;
  updated_at: string;
}

/** One-time links: only the sha256 of the secret is stored, as the id. */
export interface AuthTokensTable {
  id: string;
  purpose: TokenPurpose;
  user_id: number;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    users: UsersTable;
    auth_tokens: AuthTokensTable;
  }
}
