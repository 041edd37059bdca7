/** « Mon compte »: the signed-in person's profile, address and password. */

import type { Actor } from '../../../platform/auth/authorize.ts';
import { authorize } from '../../../platform/auth/authorize.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../../../platform/auth/password.ts';
import { type FieldErrors, gone, ValidationError } from '../../../platform/http/errors.ts';
import { emailChangedNotice, emailChangeMail, passwordChangedNotice } from '../mails.ts';
import {
  emailProblem,
  type MyAuthority,
  nameProblem,
  normaliseEmail,
  normaliseName,
  TOKEN_LIFETIME,
  type User,
} from '../model.ts';
import type { AccountsPorts } from '../ports.ts';
import { type AccountsDeps, INVALID_LINK, publicUser, requireUserRecord, textOf, throwIfAny } from './support.ts';

export type AccountDeps = Pick<
  AccountsDeps,
  'db' | 'store' | 'clock' | 'sessions' | 'baseUrl' | 'links' | 'deliver'
> & { ports: Pick<AccountsPorts, 'authoritiesOf'> };

export function createAccountService(deps: AccountDeps) {
  const { db, store, clock, sessions, links, deliver, baseUrl, ports } = deps;

  /** The current password, checked when the account has one (field `field` carries the message). */
  async function checkCurrentPassword(hash: string | null, input: unknown, field: string, errors: FieldErrors) {
    if (!hash) return;
    const password = textOf(input);
    if (!password) errors[field] = 'Saisissez votre mot de passe actuel.';
    else if (!(await verifyPassword(password, hash))) errors[field] = 'Le mot de passe actuel est incorrect.';
  }

  return {
    /** The account page: the person and the authorities they belong to or asked to join. */
    async profile(actor: Actor): Promise<{ user: User; authorities: MyAuthority[] }> {
      authorize(actor, 'account.manage');
      const record = await requireUserRecord(store, actor!.id);
      return { user: publicUser(record), authorities: await ports.authoritiesOf(record.id) };
    },

    async updateName(actor: Actor, nameInput: unknown): Promise<void> {
      authorize(actor, 'account.manage');
      const name = normaliseName(nameInput);
      const problem = nameProblem(name);
      if (problem) throw new ValidationError({ name: problem });
      await store.update(actor!.id, { name });
    },

    /**
     * Starts a change of address: a link is mailed to the new address (bound to it), and the change happens
     * when it is opened. Whether the new address is already used by someone else is not revealed here.
     */
    async requestEmailChange(actor: Actor, input: { email?: unknown; password?: unknown }): Promise<{ email: string }> {
      authorize(actor, 'account.manage');
      const record = await requireUserRecord(store, actor!.id);
      const email = normaliseEmail(input.email);
      const errors: FieldErrors = {};
      const problem = emailProblem(email);
      if (problem) errors.newEmail = problem;
      else if (email === record.email) errors.newEmail = "C'est déjà l'adresse de votre compte.";
      await checkCurrentPassword(record.passwordHash, input.password, 'currentPasswordForEmail', errors);
      throwIfAny(errors);
      const taken = await store.findByEmail(email);
      if (!taken) {
        const token = await links.issue(record.id, 'email', TOKEN_LIFETIME.email, db, email);
        await deliver(
          email,
          emailChangeMail({
            name: record.name,
            link: links.url('/compte/courriel/confirmer', { jeton: token, courriel: email }),
          }),
        );
      }
      return { email };
    },

    /** Uses the link mailed to the new address (the secret is bound to it): the address changes. */
    async confirmEmailChange(input: { token?: unknown; email?: unknown }): Promise<User> {
      const token = textOf(input.token);
      const email = normaliseEmail(input.email);
      if (!token || emailProblem(email)) throw gone(INVALID_LINK);
      const { before, after } = await db.transaction().execute(async (trx) => {
        const userId = await links.consume('email', token, trx, email);
        const user = userId === null ? null : await store.findById(userId, trx);
        if (!user) throw gone(INVALID_LINK);
        const taken = await store.findByEmail(email, trx);
        if (taken && taken.id !== user.id) {
          throw gone('Cette adresse est déjà celle d’un autre compte : elle ne peut pas être utilisée pour le vôtre.');
        }
        await store.update(user.id, { email, emailConfirmedAt: clock.iso() }, trx);
        return { before: user, after: { ...user, email } };
      });
      await deliver(before.email, emailChangedNotice({ name: before.name, newEmail: email }));
      return publicUser(after);
    },

    /** Changes the password (the current one is required when there is one); closes every session. */
    async changePassword(actor: Actor, input: { current?: unknown; password?: unknown }): Promise<void> {
      authorize(actor, 'account.manage');
      const record = await requireUserRecord(store, actor!.id);
      const password = textOf(input.password);
      const errors: FieldErrors = {};
      await checkCurrentPassword(record.passwordHash, input.current, 'currentPassword', errors);
      const problem = password ? passwordProblem(password) : 'Choisissez un nouveau mot de passe.';
      if (problem) errors.newPassword = problem;
      throwIfAny(errors);
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        await store.update(record.id, { passwordHash }, trx);
        await store.revokeTokens(record.id, 'reset', trx);
      });
      await sessions.destroyAllFor(record.id);
      await deliver(
        record.email,
        passwordChangedNotice({ name: record.name, resetLink: `${baseUrl}/mot-de-passe-oublie` }),
      );
    },
  };
}
export type AccountService = ReturnType<typeof createAccountService>;
