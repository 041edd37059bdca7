/**
 * Sign-up and confirmation of the address. Nothing here tells whether an address has an account: a taken address
 * gets the same answer, and its owner is told by mail.
 */
import { hashPassword, passwordProblem } from '../../../platform/auth/password.ts';
import type { Db } from '../../../platform/db/database.ts';
import { gone, ValidationError } from '../../../platform/http/errors.ts';
import { confirmationMail, signUpAttemptMail } from '../mails.ts';
import { emailProblem, normaliseEmail, normaliseName, signUpProblems, TOKEN_LIFETIME, type User } from '../model.ts';
import type { UserRecord } from '../store.ts';
import { type AccountsDeps, INVALID_LINK, isUniqueViolation, publicUser, textOf, throwIfAny } from './support.ts';

export type RegistrationDeps = Pick<AccountsDeps, 'db' | 'store' | 'clock' | 'baseUrl' | 'links' | 'deliver'>;

export function createRegistrationService(deps: RegistrationDeps) {
  const { db, store, clock, links, deliver, baseUrl } = deps;

  /** Issues a confirmation link (in `trx`) and returns what mails it, to run once the transaction committed. */
  async function confirmationFor(user: Pick<UserRecord, 'id' | 'email' | 'name'>, trx: Db = db) {
    const token = await links.issue(user.id, 'confirm', TOKEN_LIFETIME.confirm, trx);
    return () =>
      deliver(
        user.email,
        confirmationMail({ name: user.name, link: links.url('/inscription/confirmer', { jeton: token }) }),
      );
  }

  return {
    /**
     * Creates an account and mails a confirmation link. When the address is already taken, the response is the
     * same and the owner is told by mail instead (no user enumeration). The password is hashed in both cases so
     * that both take the same time.
     */
    async signUp(input: { name?: unknown; email?: unknown; password?: unknown }): Promise<{ email: string }> {
      const name = normaliseName(input.name);
      const email = normaliseEmail(input.email);
      const password = textOf(input.password);
      throwIfAny(signUpProblems({ name, email, password }, passwordProblem));
      const passwordHash = await hashPassword(password);

      const send = await db
        .transaction()
        .execute(async (trx) => {
          const existing = await store.findByEmail(email, trx);
          if (existing) {
            if (existing.disabledAt) return null;
            if (!existing.emailConfirmedAt) {
              // Nobody proved this address yet: the latest sign-up wins, and only the mailbox owner can confirm it.
              await store.update(existing.id, { name, passwordHash }, trx);
              await store.revokeTokens(existing.id, 'confirm', trx);
              return confirmationFor({ ...existing, name }, trx);
            }
            return () =>
              deliver(
                existing.email,
                signUpAttemptMail({
                  name: existing.name,
                  signInLink: `${baseUrl}/connexion`,
                  resetLink: `${baseUrl}/mot-de-passe-oublie`,
                }),
              );
          }
          const user = await store.create({ email, name, passwordHash, role: 'user', confirmed: false }, trx);
          return confirmationFor(user, trx);
        })
        .catch((e: unknown) => {
          // The same address signed up at the same instant: the other request created the account.
          if (isUniqueViolation(e)) return null;
          throw e;
        });
      await send?.();
      return { email };
    },

    /** Sends a new confirmation link if the address belongs to an unconfirmed account; says nothing otherwise. */
    async resendConfirmation(emailInput: unknown): Promise<{ email: string }> {
      const email = normaliseEmail(emailInput);
      const problem = emailProblem(email);
      if (problem) throw new ValidationError({ email: problem });
      const user = await store.findByEmail(email);
      if (user && !user.emailConfirmedAt && !user.disabledAt) await (await confirmationFor(user))();
      return { email };
    },

    /** Uses a confirmation link: the address is proved. */
    async confirmEmail(token: unknown): Promise<User> {
      if (typeof token !== 'string' || !token) throw gone(INVALID_LINK);
      return db.transaction().execute(async (trx) => {
        const userId = await links.consume('confirm', token, trx);
        if (userId === null) throw gone(INVALID_LINK);
        const user = await store.findById(userId, trx);
        if (!user) throw gone(INVALID_LINK);
        const confirmedAt = user.emailConfirmedAt ?? clock.iso();
        if (!user.emailConfirmedAt) await store.update(userId, { emailConfirmedAt: confirmedAt }, trx);
        return publicUser({ ...user, emailConfirmedAt: confirmedAt });
      });
    },
  };
}
export type RegistrationService = ReturnType<typeof createRegistrationService>;
