/** Forgotten password: a reset link mailed to the address, used once to choose a new password. */
import { hashPassword, passwordProblem } from '../../../platform/auth/password.ts';
import { gone, ValidationError } from '../../../platform/http/errors.ts';
import { resetMail } from '../mails.ts';
import { emailProblem, normaliseEmail, TOKEN_LIFETIME, type User } from '../model.ts';
import { type AccountsDeps, INVALID_LINK, publicUser, textOf } from './support.ts';

export type PasswordResetDeps = Pick<AccountsDeps, 'db' | 'store' | 'clock' | 'sessions' | 'links' | 'deliver'>;

export function createPasswordResetService(deps: PasswordResetDeps) {
  const { db, store, clock, sessions, links, deliver } = deps;
  return {
    /** Mails a reset link if the address has an account; says nothing otherwise. */
    async requestPasswordReset(emailInput: unknown): Promise<{ email: string }> {
      const email = normaliseEmail(emailInput);
      const problem = emailProblem(email);
      if (problem) throw new ValidationError({ email: problem });
      const user = await store.findByEmail(email);
      if (user && !user.disabledAt) {
        const token = await links.issue(user.id, 'reset', TOKEN_LIFETIME.reset);
        await deliver(
          user.email,
          resetMail({ name: user.name, link: links.url('/mot-de-passe/nouveau', { jeton: token }) }),
        );
      }
      return { email };
    },

    /** Sets a new password with a reset link (once), then closes every session of the account. */
    async resetPassword(input: { token?: unknown; password?: unknown }): Promise<User> {
      const token = textOf(input.token);
      const password = textOf(input.password);
      const problem = password ? passwordProblem(password) : 'Choisissez un nouveau mot de passe.';
      if (problem) throw new ValidationError({ password: problem });
      if (!token) throw gone(INVALID_LINK);
      const passwordHash = await hashPassword(password);
      const user = await db.transaction().execute(async (trx) => {
        const userId = await links.consume('reset', token, trx);
        const user = userId === null ? null : await store.findById(userId, trx);
        if (!user) throw gone(INVALID_LINK);
        await store.update(user.id, { passwordHash, emailConfirmedAt: user.emailConfirmedAt ?? clock.iso() }, trx);
        await store.revokeTokens(user.id, 'reset', trx);
        return user;
      });
      await sessions.destroyAllFor(user.id);
      return publicUser(user);
    },
  };
}
export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
