/**
 * Signing in with a password or a one-time link mailed to the address. The session itself is opened by the route
 * (`reply.signIn`), once the service said who it is.
 */
import { verifyPassword } from '../../../platform/auth/password.ts';
import type { AttemptThrottle } from '../../../platform/auth/throttle.ts';
import { type FieldErrors, forbidden, gone, HttpError, ValidationError } from '../../../platform/http/errors.ts';
import { normaliseEmail, type User } from '../model.ts';
import type { LinkMailService } from './link-mail.ts';
import {
  type AccountsDeps,
  DISABLED_ACCOUNT,
  INVALID_LINK,
  publicUser,
  textOf,
  throwIfAny,
  UnconfirmedEmailError,
  WRONG_CREDENTIALS,
} from './support.ts';

export type SignInDeps = Pick<AccountsDeps, 'db' | 'store' | 'clock' | 'links'> & {
  linkMail: LinkMailService;
  throttle: AttemptThrottle;
};

/** Failed password sign-ins allowed per account (its address) in SIGN_IN_WINDOW_MS, whatever the network address. */
export const SIGN_IN_MAX_FAILURES = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

/** Sign-in refused for a while after too many failures on the same account (429, shown on the form). */
export class TooManyAttemptsError extends HttpError {
  constructor(waitMs: number) {
    const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
    const message = `Trop de tentatives de connexion à ce compte : réessayez dans ${minutes === 1 ? 'une minute' : `${minutes} minutes`}, ou demandez un lien de connexion par courriel.`;
    super(429, 'too_many_attempts', message, { email: message });
  }
}

export function createSignInService(deps: SignInDeps) {
  const { db, store, clock, links, linkMail, throttle } = deps;
  return {
    /** Checks an address and password; returns the user to sign in. Same message for unknown address and wrong password. */
    async signIn(input: { email?: unknown; password?: unknown }): Promise<User> {
      const email = normaliseEmail(input.email);
      const password = textOf(input.password);
      const errors: FieldErrors = {};
      if (!email) errors.email = 'Saisissez votre adresse électronique.';
      if (!password) errors.password = 'Saisissez votre mot de passe.';
      throwIfAny(errors);
      const wait = await throttle.waitFor(email);
      if (wait > 0) throw new TooManyAttemptsError(wait);
      const user = await store.findByEmail(email);
      const ok = await verifyPassword(password, user?.passwordHash);
      if (!user || !ok) {
        await throttle.failed(email);
        throw new ValidationError({ email: WRONG_CREDENTIALS }, WRONG_CREDENTIALS);
      }
      await throttle.clear(email);
      if (user.disabledAt) {
        throw new ValidationError({
          email: "Ce compte a été désactivé par l'administration de la plateforme. Contactez-la pour le réactiver.",
        });
      }
      if (!user.emailConfirmedAt) throw new UnconfirmedEmailError(user.email);
      return publicUser(user);
    },

    /** Mails a one-time sign-in link if the address has an account; says nothing otherwise (a job: link-mail.ts). */
    requestMagicLink: (emailInput: unknown, retour?: unknown) => linkMail.request('magic', emailInput, retour),

    /** Uses a one-time sign-in link (which also proves the address). Returns the user to sign in. */
    async useMagicLink(token: unknown): Promise<User> {
      if (typeof token !== 'string' || !token) throw gone(INVALID_LINK);
      return db.transaction().execute(async (trx) => {
        const userId = await links.consume('magic', token, trx);
        const user = userId === null ? null : await store.findById(userId, trx);
        if (!user) throw gone(INVALID_LINK);
        if (user.disabledAt) throw forbidden(DISABLED_ACCOUNT);
        if (!user.emailConfirmedAt) await store.update(user.id, { emailConfirmedAt: clock.iso() }, trx);
        return publicUser(user);
      });
    },
  };
}
export type SignInService = ReturnType<typeof createSignInService>;
