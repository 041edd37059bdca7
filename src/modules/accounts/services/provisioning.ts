/**
 * Accounts created by the operator rather than by the person: `bibliotheque-ia user:create` (with a one-time
 * sign-in link to hand over), the demo accounts, and the test factories. These entry points are for the trusted
 * command line, the seed and tests: no actor, nothing to authorise.
 */
import { hashPassword } from '../../../platform/auth/password.ts';
import type { GlobalRole } from '../../../platform/auth/user.ts';
import { type FieldErrors, ValidationError } from '../../../platform/http/errors.ts';
import {
  emailProblem,
  nameProblem,
  normaliseEmail,
  normaliseName,
  roleProblem,
  TOKEN_LIFETIME,
  type User,
} from '../model.ts';
import type { UserRecord } from '../store.ts';
import { type AccountsDeps, publicUser } from './support.ts';

export type ProvisioningDeps = Pick<AccountsDeps, 'db' | 'store' | 'audit' | 'links'>;

export interface NewAccount {
  email: string;
  name: string;
  role: GlobalRole;
  /** Null: the person signs in by link or OpenID Connect. */
  password: string | null;
  /** Whether the address counts as proved. */
  confirmed: boolean;
}

function cliProblems(input: { email?: unknown; role?: unknown; name?: unknown }): FieldErrors {
  const errors: FieldErrors = {};
  const emailError =
    input.email === undefined
      ? "--email est obligatoire (l'adresse du compte)."
      : emailProblem(normaliseEmail(input.email));
  if (emailError) errors.email = emailError;
  const roleError =
    input.role === undefined ? '--role est obligatoire : user, coordinator ou admin.' : roleProblem(input.role);
  if (roleError) errors.role = roleError;
  const name = normaliseName(input.name);
  const nameError = name ? nameProblem(name) : null;
  if (nameError) errors.name = nameError;
  return errors;
}

export function createProvisioningService(deps: ProvisioningDeps) {
  const { db, store, audit, links } = deps;

  return {
    /**
     * `bibliotheque-ia user:create`: creates the account (or changes its role) and returns a one-time sign-in link.
     * Errors are thrown with a French message that names the bad value.
     */
    async createFromCli(input: { email?: unknown; role?: unknown; name?: unknown }): Promise<{
      link: string;
      user: User;
      created: boolean;
    }> {
      const errors = cliProblems(input);
      if (Object.keys(errors).length) throw new ValidationError(errors, Object.values(errors).join(' '));
      const email = normaliseEmail(input.email);
      const name = normaliseName(input.name);
      const role = input.role as GlobalRole;

      const { user, created, token } = await db.transaction().execute(async (trx) => {
        const existing = await store.findByEmail(email, trx);
        let record: UserRecord;
        let created = false;
        if (existing) {
          await store.update(existing.id, { role, ...(name ? { name } : {}), disabledAt: null }, trx);
          if (existing.role !== role) {
            await audit.record(
              {
                actorUserId: null,
                action: 'user.role_changed',
                subjectType: 'user',
                subjectId: existing.id,
                details: { from: existing.role, to: role, via: 'cli' },
              },
              trx,
            );
          }
          if (existing.disabledAt) {
            await audit.record(
              {
                actorUserId: null,
                action: 'user.enabled',
                subjectType: 'user',
                subjectId: existing.id,
                details: { via: 'cli' },
              },
              trx,
            );
          }
          record = { ...existing, role, name: name || existing.name, disabledAt: null };
        } else {
          record = await store.create({ email, name, passwordHash: null, role, confirmed: false }, trx);
          created = true;
          await audit.record(
            {
              actorUserId: null,
              action: 'user.created',
              subjectType: 'user',
              subjectId: record.id,
              details: { role, via: 'cli' },
            },
            trx,
          );
        }
        const token = await links.issue(record.id, 'magic', TOKEN_LIFETIME.cli, trx);
        return { user: record, created, token };
      });
      return { link: links.url('/connexion/lien/utiliser', { jeton: token }), user: publicUser(user), created };
    },

    /**
     * Demo mode only (called by the seed): an account with a known password, confirmed, with the given role.
     * Does nothing to an account that already exists. Returns the account's id.
     */
    async ensureDemoUser(input: { email: string; name: string; role: GlobalRole; password: string }): Promise<number> {
      const existing = await store.findByEmail(input.email);
      if (existing) return existing.id;
      const passwordHash = await hashPassword(input.password);
      const record = await store.create({
        email: input.email,
        name: input.name,
        passwordHash,
        role: input.role,
        confirmed: true,
      });
      await audit.record({
        actorUserId: null,
        action: 'user.created',
        subjectType: 'user',
        subjectId: record.id,
        details: { role: input.role, via: 'demo' },
      });
      return record.id;
    },

    /** Test factories and other modules' fixtures: an account as given, without mail nor audit. Returns its id. */
    async createUser(input: NewAccount): Promise<number> {
      const passwordHash = input.password === null ? null : await hashPassword(input.password);
      const record = await store.create({
        email: input.email,
        name: input.name,
        passwordHash,
        role: input.role,
        confirmed: input.confirmed,
      });
      return record.id;
    },
  };
}
export type ProvisioningService = ReturnType<typeof createProvisioningService>;
