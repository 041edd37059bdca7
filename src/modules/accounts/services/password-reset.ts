/** Forgotten password: a reset link mailed to the address, used once to choose a new password. */
import { hashPassword, passwordProblem } from '../../../platform/auth/password.ts';
import { gone, ValidationError } from '../../../platform/http/errors.ts';
import type { User } from '../model.ts';
import type { LinkMailService } from './link-mail.ts';
import { type AccountsDeps, INVALID_LINK, publicUser, textOf } from './support.ts';

export type PasswordResetDeps = Pick<AccountsDeps, 'db' | 'store' | 'clock' | 'sessions' | 'links'> & {
  linkMail: LinkMailService;
};

export function createPasswordResetService(deps: PasswordResetDeps) {
  const { db, store, clock, sessions, links, linkMail } = deps;
  return {
    /** Mails a reset link if the address has an account; says nothing otherwise (the mail is a job: link-mail.ts). */
    requestPasswordReset: (emailInput: unknown) => linkMail.request('reset', emailInput),

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
