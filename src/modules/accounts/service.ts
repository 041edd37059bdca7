/**
 * Accounts use cases: sign-up and confirmation, sign-in (password, one-time link, OpenID Connect), forgotten
 * password, "my account" (profile, address, password, data export, deletion) and the administration of users.
 * Validates input (French field messages), authorises with policy.ts, acts in a transaction, then sends mail.
 */
import type { Kysely } from 'kysely';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/password.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import type { CurrentUser, GlobalRole } from '../../platform/auth/user.ts';
import { now } from '../../platform/db/index.ts';
import { type FieldErrors, forbidden, gone, HttpError, notFound, ValidationError } from '../../platform/http/errors.ts';
import { pageCount, pageRequest } from '../../platform/http/pagination.ts';
import type { Mail, OutboxMessage } from '../../platform/mail/mailer.ts';
import type { Platform } from '../../platform/platform.ts';
import {
  confirmationMail,
  emailChangedNotice,
  emailChangeMail,
  magicLinkMail,
  passwordChangedNotice,
  resetMail,
  signUpAttemptMail,
} from './mails.ts';
import {
  emailProblem,
  isGlobalRole,
  type MyAuthority,
  nameProblem,
  normaliseEmail,
  normaliseName,
  roleProblem,
  safeReturnPath,
  signUpProblems,
  TOKEN_LIFETIME,
  type TokenPurpose,
  type User,
} from './model.ts';
import {
  canAdminister,
  canListUsers,
  canManageOwnAccount,
  canViewAuditLog,
  canViewOutbox,
  disableRefusal,
  roleChangeRefusal,
  selfDeletionRefusal,
} from './policy.ts';
import { createAccountsStore, type UserRow } from './store.ts';

export interface AccountsDeps {
  /** Authorities a person belongs to or asked to join, read from the organisations module (read-only). */
  authoritiesOf?: (userId: number) => Promise<MyAuthority[]>;
  /** Personal data held by other modules, added to the RGPD export under each key. */
  personalData?: Record<string, (userId: number) => Promise<unknown>>;
  /** Where failures of background mail delivery are reported (SMTP mode). */
  onMailError?: (error: unknown) => void;
}

/** Sign-in refused because the address is not confirmed yet (only said once the password was right). */
export class UnconfirmedEmailError extends HttpError {
  constructor(public email: string) {
    super(
      422,
      'email_unconfirmed',
      "Votre adresse électronique n'est pas encore confirmée. Ouvrez le lien reçu par courriel, ou demandez-en un nouveau.",
      {
        email:
          "Votre adresse électronique n'est pas encore confirmée : ouvrez le lien de confirmation reçu par courriel, ou demandez-en un nouveau ci-dessous.",
      },
    );
  }
}

/** What other modules may know about a person. */
export interface UserSummary {
  id: number;
  email: string;
  name: string;
  /** True for a disabled account (it receives no mail). */
  disabled?: boolean;
}

export interface OidcClaims {
  subject: string;
  email?: string | null;
  name?: string | null;
}

export interface AuditView {
  id: number;
  at: string;
  actor: { id: number; label: string } | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  subjectLabel: string | null;
  details: Record<string, unknown>;
}

const WRONG_CREDENTIALS = 'Adresse électronique ou mot de passe incorrect.';
const INVALID_LINK =
  "Ce lien n'est plus valable : il a déjà été utilisé, il a expiré ou il est incomplet. Demandez-en un nouveau.";

export function publicUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    emailConfirmedAt: row.emailConfirmedAt,
    disabledAt: row.disabledAt,
    createdAt: row.createdAt,
    hasPassword: !!row.passwordHash,
    oidcLinked: !!row.oidcSubject,
  };
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || /UNIQUE constraint failed/i.test(err?.message ?? '');
}

function isForeignKeyViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23503' || /FOREIGN KEY constraint failed/i.test(err?.message ?? '');
}

function throwIfAny(errors: FieldErrors) {
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

export function createAccountsService(platform: Platform, deps: AccountsDeps = {}) {
  const { db, config, mailer, audit, sessions } = platform;
  const store = createAccountsStore(db);
  const onMailError = deps.onMailError ?? ((e: unknown) => console.error('envoi de courriel impossible', e));

  const link = (path: string, params: Record<string, string | null | undefined>) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
    return `${config.baseUrl}${path}?${search.toString()}`;
  };

  /**
   * Sends a message. The outbox is a local file write and is awaited; an SMTP exchange is slow and would let
   * response times reveal whether an account exists, so it runs in the background (failures are logged).
   */
  async function deliver(to: string, message: Omit<Mail, 'to'>) {
    const sending = mailer.send({ to, ...message });
    if (mailer.mode === 'outbox') await sending;
    else sending.catch(onMailError);
  }

  /** Creates a one-time link secret; only its hash is stored. `bind` ties the secret to a value (new address). */
  async function issueToken(
    userId: number,
    purpose: TokenPurpose,
    lifetime: number,
    trx: Kysely<any> = db,
    bind?: string,
  ): Promise<string> {
    const token = newToken();
    await store.purgeExpiredTokens(userId, trx);
    await store.createToken(
      {
        hash: hashToken(bind ? `${token}:${bind}` : token),
        purpose,
        userId,
        expiresAt: new Date(Date.now() + lifetime).toISOString(),
      },
      trx,
    );
    return token;
  }

  async function sendConfirmation(user: UserRow, trx: Kysely<any> = db) {
    const token = await issueToken(user.id, 'confirm', TOKEN_LIFETIME.confirm, trx);
    return () =>
      deliver(
        user.email,
        confirmationMail({ name: user.name, link: link('/inscription/confirmer', { jeton: token }) }),
      );
  }

  async function requireUserRow(id: number): Promise<UserRow> {
    const row = await store.findById(id);
    if (!row) throw notFound("Ce compte n'existe pas ou a été supprimé.");
    return row;
  }

  function requireAdmin(actor: CurrentUser | null, allowed = canAdminister) {
    if (!allowed(actor)) throw forbidden("Cette page est réservée à l'administration de la plateforme.");
  }

  const authoritiesOf = async (userId: number): Promise<MyAuthority[] | null> =>
    deps.authoritiesOf ? deps.authoritiesOf(userId) : null;

  return {
    store,

    // ------------------------------------------------------------------------------------------------------------
    // Directory (what other modules may know about people: id, name, address)
    // ------------------------------------------------------------------------------------------------------------

    async findUsers(ids: number[]): Promise<UserSummary[]> {
      const rows = await store.byIds(ids);
      return [...rows.values()].map((u) => ({ id: u.id, email: u.email, name: u.name, disabled: !!u.disabledAt }));
    },

    /**
     * Demo mode only (called by the seed): an account with a known password, confirmed, with the given role.
     * Does nothing to an account that already exists. Returns the account's id.
     */
    async ensureDemoUser(input: { email: string; name: string; role: GlobalRole; password: string }): Promise<number> {
      const existing = await store.findByEmail(input.email);
      if (existing) return existing.id;
      const passwordHash = await hashPassword(input.password);
      const row = await store.create({
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
        subjectId: row.id,
        details: { role: input.role, via: 'demo' },
      });
      return row.id;
    },

    /** Enabled network coordinators (not administrators). */
    async findCoordinators(): Promise<UserSummary[]> {
      const rows = await store.activeWithRole('coordinator');
      return rows.map((u) => ({ id: u.id, email: u.email, name: u.name }));
    },

    // ------------------------------------------------------------------------------------------------------------
    // Sign-up and confirmation
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Creates an account and mails a confirmation link. When the address is already taken, the response is the
     * same and the owner is told by mail instead (no user enumeration). The password is hashed in both cases so
     * that both take the same time.
     */
    async signUp(input: { name?: unknown; email?: unknown; password?: unknown }): Promise<{ email: string }> {
      const name = normaliseName(input.name);
      const email = normaliseEmail(input.email);
      const password = typeof input.password === 'string' ? input.password : '';
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
              return sendConfirmation({ ...existing, name }, trx);
            }
            return () =>
              deliver(
                existing.email,
                signUpAttemptMail({
                  name: existing.name,
                  signInLink: `${config.baseUrl}/connexion`,
                  resetLink: `${config.baseUrl}/mot-de-passe-oublie`,
                }),
              );
          }
          const user = await store.create({ email, name, passwordHash, role: 'user', confirmed: false }, trx);
          return sendConfirmation(user, trx);
        })
        .catch((e) => {
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
      if (user && !user.emailConfirmedAt && !user.disabledAt) await (await sendConfirmation(user))();
      return { email };
    },

    /** True when a one-time link can still be used (pages show the button, or say the link expired). */
    async isTokenValid(purpose: TokenPurpose, token: unknown, bind?: string): Promise<boolean> {
      if (typeof token !== 'string' || !token) return false;
      return (await store.tokenUser(hashToken(bind ? `${token}:${bind}` : token), purpose)) !== null;
    },

    async confirmEmail(token: unknown): Promise<User> {
      if (typeof token !== 'string' || !token) throw gone(INVALID_LINK);
      return db.transaction().execute(async (trx) => {
        const userId = await store.consumeToken(hashToken(token), 'confirm', trx);
        if (userId === null) throw gone(INVALID_LINK);
        const user = await store.findById(userId, trx);
        if (!user) throw gone(INVALID_LINK);
        if (!user.emailConfirmedAt) await store.update(userId, { emailConfirmedAt: now() }, trx);
        return publicUser({ ...user, emailConfirmedAt: user.emailConfirmedAt ?? now() });
      });
    },

    // ------------------------------------------------------------------------------------------------------------
    // Sign-in
    // ------------------------------------------------------------------------------------------------------------

    /** Checks an address and password; returns the user to sign in. Same message for unknown address and wrong password. */
    async signIn(input: { email?: unknown; password?: unknown }): Promise<User> {
      const email = normaliseEmail(input.email);
      const password = typeof input.password === 'string' ? input.password : '';
      const errors: FieldErrors = {};
      if (!email) errors.email = 'Saisissez votre adresse électronique.';
      if (!password) errors.password = 'Saisissez votre mot de passe.';
      throwIfAny(errors);
      const user = await store.findByEmail(email);
      const ok = await verifyPassword(password, user?.passwordHash);
      if (!user || !ok) throw new ValidationError({ email: WRONG_CREDENTIALS }, WRONG_CREDENTIALS);
      if (user.disabledAt) {
        throw new ValidationError({
          email: "Ce compte a été désactivé par l'administration de la plateforme. Contactez-la pour le réactiver.",
        });
      }
      if (!user.emailConfirmedAt) throw new UnconfirmedEmailError(user.email);
      return publicUser(user);
    },

    /** Mails a one-time sign-in link if the address has an account; says nothing otherwise. */
    async requestMagicLink(emailInput: unknown, retour?: unknown): Promise<{ email: string }> {
      const email = normaliseEmail(emailInput);
      const problem = emailProblem(email);
      if (problem) throw new ValidationError({ email: problem });
      const user = await store.findByEmail(email);
      if (user && !user.disabledAt) {
        const token = await issueToken(user.id, 'magic', TOKEN_LIFETIME.magic);
        await deliver(
          user.email,
          magicLinkMail({
            name: user.name,
            minutes: TOKEN_LIFETIME.magic / 60_000,
            link: link('/connexion/lien/utiliser', { jeton: token, retour: safeReturnPath(retour) }),
          }),
        );
      }
      return { email };
    },

    /** Uses a one-time sign-in link (which also proves the address). Returns the user to sign in. */
    async useMagicLink(token: unknown): Promise<User> {
      if (typeof token !== 'string' || !token) throw gone(INVALID_LINK);
      return db.transaction().execute(async (trx) => {
        const userId = await store.consumeToken(hashToken(token), 'magic', trx);
        const user = userId === null ? null : await store.findById(userId, trx);
        if (!user) throw gone(INVALID_LINK);
        if (user.disabledAt) throw forbidden("Ce compte a été désactivé par l'administration de la plateforme.");
        if (!user.emailConfirmedAt) await store.update(user.id, { emailConfirmedAt: now() }, trx);
        return publicUser(user);
      });
    },

    /**
     * `bibliotheque-ia user:create`: creates the account (or changes its role) and returns a one-time sign-in link.
     * Errors are thrown with a French message that names the bad value.
     */
    async createFromCli(input: { email?: unknown; role?: unknown; name?: unknown }): Promise<{
      link: string;
      user: User;
      created: boolean;
    }> {
      const email = normaliseEmail(input.email);
      const errors: FieldErrors = {};
      const emailError =
        input.email === undefined ? "--email est obligatoire (l'adresse du compte)." : emailProblem(email);
      if (emailError) errors.email = emailError;
      const roleError =
        input.role === undefined ? '--role est obligatoire : user, coordinator ou admin.' : roleProblem(input.role);
      if (roleError) errors.role = roleError;
      const name = normaliseName(input.name);
      const nameError = name ? nameProblem(name) : null;
      if (nameError) errors.name = nameError;
      if (Object.keys(errors).length) throw new ValidationError(errors, Object.values(errors).join(' '));
      const role = input.role as GlobalRole;

      const { user, created, token } = await db.transaction().execute(async (trx) => {
        const existing = await store.findByEmail(email, trx);
        let row: UserRow;
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
          row = { ...existing, role, name: name || existing.name, disabledAt: null };
        } else {
          row = await store.create({ email, name, passwordHash: null, role, confirmed: false }, trx);
          created = true;
          await audit.record(
            {
              actorUserId: null,
              action: 'user.created',
              subjectType: 'user',
              subjectId: row.id,
              details: { role, via: 'cli' },
            },
            trx,
          );
        }
        const token = await issueToken(row.id, 'magic', TOKEN_LIFETIME.cli, trx);
        return { user: row, created, token };
      });
      return { link: link('/connexion/lien/utiliser', { jeton: token }), user: publicUser(user), created };
    },

    /** OpenID Connect (ProConnect): finds the account by subject, then by address, or creates it. */
    async signInWithOidc(claims: OidcClaims): Promise<User> {
      const email = normaliseEmail(claims.email);
      const name = normaliseName(claims.name).slice(0, 120);
      return db.transaction().execute(async (trx) => {
        let user = await store.findByOidcSubject(claims.subject, trx);
        if (!user) {
          if (emailProblem(email)) {
            throw new HttpError(
              502,
              'oidc_no_email',
              "Le fournisseur d'identité n'a pas transmis d'adresse électronique valide : connexion impossible.",
            );
          }
          const byEmail = await store.findByEmail(email, trx);
          if (byEmail) {
            await store.update(
              byEmail.id,
              { oidcSubject: claims.subject, emailConfirmedAt: byEmail.emailConfirmedAt ?? now() },
              trx,
            );
            user = { ...byEmail, oidcSubject: claims.subject };
          } else {
            user = await store.create(
              { email, name, passwordHash: null, role: 'user', confirmed: true, oidcSubject: claims.subject },
              trx,
            );
          }
        }
        if (user.disabledAt) throw forbidden("Ce compte a été désactivé par l'administration de la plateforme.");
        return publicUser(user);
      });
    },

    // ------------------------------------------------------------------------------------------------------------
    // Forgotten password
    // ------------------------------------------------------------------------------------------------------------

    /** Mails a reset link if the address has an account; says nothing otherwise. */
    async requestPasswordReset(emailInput: unknown): Promise<{ email: string }> {
      const email = normaliseEmail(emailInput);
      const problem = emailProblem(email);
      if (problem) throw new ValidationError({ email: problem });
      const user = await store.findByEmail(email);
      if (user && !user.disabledAt) {
        const token = await issueToken(user.id, 'reset', TOKEN_LIFETIME.reset);
        await deliver(
          user.email,
          resetMail({ name: user.name, link: link('/mot-de-passe/nouveau', { jeton: token }) }),
        );
      }
      return { email };
    },

    /** Sets a new password with a reset link (once), then closes every session of the account. */
    async resetPassword(input: { token?: unknown; password?: unknown }): Promise<User> {
      const token = typeof input.token === 'string' ? input.token : '';
      const password = typeof input.password === 'string' ? input.password : '';
      const problem = password ? passwordProblem(password) : 'Choisissez un nouveau mot de passe.';
      if (problem) throw new ValidationError({ password: problem });
      if (!token) throw gone(INVALID_LINK);
      const passwordHash = await hashPassword(password);
      const user = await db.transaction().execute(async (trx) => {
        const userId = await store.consumeToken(hashToken(token), 'reset', trx);
        const user = userId === null ? null : await store.findById(userId, trx);
        if (!user) throw gone(INVALID_LINK);
        await store.update(user.id, { passwordHash, emailConfirmedAt: user.emailConfirmedAt ?? now() }, trx);
        await store.revokeTokens(user.id, 'reset', trx);
        return user;
      });
      await sessions.destroyAllFor(user.id);
      return publicUser(user);
    },

    // ------------------------------------------------------------------------------------------------------------
    // My account
    // ------------------------------------------------------------------------------------------------------------

    async profile(actor: CurrentUser | null): Promise<{ user: User; authorities: MyAuthority[] | null }> {
      if (!canManageOwnAccount(actor)) throw forbidden();
      const row = await requireUserRow(actor!.id);
      return { user: publicUser(row), authorities: await authoritiesOf(row.id) };
    },

    async updateName(actor: CurrentUser | null, nameInput: unknown): Promise<void> {
      if (!canManageOwnAccount(actor)) throw forbidden();
      const name = normaliseName(nameInput);
      const problem = nameProblem(name);
      if (problem) throw new ValidationError({ name: problem });
      await store.update(actor!.id, { name });
    },

    /**
     * Starts a change of address: a link is mailed to the new address (bound to it), and the change happens
     * when it is opened. Whether the new address is already used by someone else is not revealed here.
     */
    async requestEmailChange(
      actor: CurrentUser | null,
      input: { email?: unknown; password?: unknown },
    ): Promise<{ email: string }> {
      if (!canManageOwnAccount(actor)) throw forbidden();
      const row = await requireUserRow(actor!.id);
      const email = normaliseEmail(input.email);
      const errors: FieldErrors = {};
      const problem = emailProblem(email);
      if (problem) errors.newEmail = problem;
      else if (email === row.email) errors.newEmail = "C'est déjà l'adresse de votre compte.";
      if (row.passwordHash) {
        const password = typeof input.password === 'string' ? input.password : '';
        if (!password) errors.currentPasswordForEmail = 'Saisissez votre mot de passe actuel.';
        else if (!(await verifyPassword(password, row.passwordHash))) {
          errors.currentPasswordForEmail = 'Le mot de passe actuel est incorrect.';
        }
      }
      throwIfAny(errors);
      const taken = await store.findByEmail(email);
      if (!taken) {
        const token = await issueToken(row.id, 'email', TOKEN_LIFETIME.email, db, email);
        await deliver(
          email,
          emailChangeMail({
            name: row.name,
            link: link('/compte/courriel/confirmer', { jeton: token, courriel: email }),
          }),
        );
      }
      return { email };
    },

    async confirmEmailChange(input: { token?: unknown; email?: unknown }): Promise<User> {
      const token = typeof input.token === 'string' ? input.token : '';
      const email = normaliseEmail(input.email);
      if (!token || emailProblem(email)) throw gone(INVALID_LINK);
      const { before, after } = await db.transaction().execute(async (trx) => {
        const userId = await store.consumeToken(hashToken(`${token}:${email}`), 'email', trx);
        const user = userId === null ? null : await store.findById(userId, trx);
        if (!user) throw gone(INVALID_LINK);
        const taken = await store.findByEmail(email, trx);
        if (taken && taken.id !== user.id) {
          throw gone('Cette adresse est déjà celle d’un autre compte : elle ne peut pas être utilisée pour le vôtre.');
        }
        await store.update(user.id, { email, emailConfirmedAt: now() }, trx);
        return { before: user, after: { ...user, email } };
      });
      await deliver(before.email, emailChangedNotice({ name: before.name, newEmail: email }));
      return publicUser(after);
    },

    /** Changes the password (the current one is required when there is one); closes every session. */
    async changePassword(actor: CurrentUser | null, input: { current?: unknown; password?: unknown }): Promise<void> {
      if (!canManageOwnAccount(actor)) throw forbidden();
      const row = await requireUserRow(actor!.id);
      const current = typeof input.current === 'string' ? input.current : '';
      const password = typeof input.password === 'string' ? input.password : '';
      const errors: FieldErrors = {};
      if (row.passwordHash) {
        if (!current) errors.currentPassword = 'Saisissez votre mot de passe actuel.';
        else if (!(await verifyPassword(current, row.passwordHash)))
          errors.currentPassword = 'Le mot de passe actuel est incorrect.';
      }
      const problem = password ? passwordProblem(password) : 'Choisissez un nouveau mot de passe.';
      if (problem) errors.newPassword = problem;
      throwIfAny(errors);
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        await store.update(row.id, { passwordHash }, trx);
        await store.revokeTokens(row.id, 'reset', trx);
      });
      await sessions.destroyAllFor(row.id);
      await deliver(
        row.email,
        passwordChangedNotice({ name: row.name, resetLink: `${config.baseUrl}/mot-de-passe-oublie` }),
      );
    },

    /** Everything the platform holds about the person (RGPD right of access and portability). */
    async exportData(actor: CurrentUser | null): Promise<Record<string, unknown>> {
      if (!canManageOwnAccount(actor)) throw forbidden();
      const row = await requireUserRow(actor!.id);
      const data: Record<string, unknown> = {
        exportedAt: now(),
        account: {
          id: row.id,
          email: row.email,
          name: row.name,
          role: row.role,
          emailConfirmedAt: row.emailConfirmedAt,
          createdAt: row.createdAt,
          updatedAt: row.updatedAt,
          passwordSet: !!row.passwordHash,
          linkedToIdentityProvider: !!row.oidcSubject,
        },
        authorities: (await authoritiesOf(row.id)) ?? [],
      };
      for (const [key, load] of Object.entries(deps.personalData ?? {})) data[key] = await load(row.id);
      return data;
    },

    /**
     * Deletes the account. When other parts of the platform still reference it (sheets written, answers given),
     * the account is anonymised instead: name and address erased, no way to sign in.
     */
    async deleteAccount(actor: CurrentUser | null, input: { confirm?: unknown }): Promise<'deleted' | 'anonymised'> {
      if (!canManageOwnAccount(actor)) throw forbidden();
      if (input.confirm !== 'oui') {
        throw new ValidationError({
          confirm: 'Cochez la case pour confirmer la suppression définitive de votre compte.',
        });
      }
      const refusal = selfDeletionRefusal(actor, await store.countActiveAdmins(actor!.id));
      if (refusal) throw forbidden(refusal);
      const id = actor!.id;
      let outcome: 'deleted' | 'anonymised';
      try {
        await db.transaction().execute(async (trx) => {
          await store.delete(id, trx);
          await audit.record({ actorUserId: id, action: 'user.deleted', subjectType: 'user', subjectId: id }, trx);
        });
        outcome = 'deleted';
      } catch (e) {
        if (!isForeignKeyViolation(e)) throw e;
        await db.transaction().execute(async (trx) => {
          await store.update(
            id,
            {
              email: `compte-supprime-${id}@invalid`,
              name: 'Compte supprimé',
              passwordHash: null,
              oidcSubject: null,
              disabledAt: now(),
            },
            trx,
          );
          await store.revokeTokens(id, 'confirm', trx);
          await store.revokeTokens(id, 'reset', trx);
          await store.revokeTokens(id, 'magic', trx);
          await store.revokeTokens(id, 'email', trx);
          await audit.record({ actorUserId: id, action: 'user.anonymised', subjectType: 'user', subjectId: id }, trx);
        });
        outcome = 'anonymised';
      }
      await sessions.destroyAllFor(id);
      return outcome;
    },

    // ------------------------------------------------------------------------------------------------------------
    // Administration
    // ------------------------------------------------------------------------------------------------------------

    async adminSummary(actor: CurrentUser | null) {
      requireAdmin(actor);
      const counts = await store.countByStatus();
      return { ...counts, mailMode: mailer.mode, outboxCount: mailer.mode === 'outbox' ? mailer.outbox().length : 0 };
    },

    async listUsers(actor: CurrentUser | null, query: { q?: unknown; page?: unknown }) {
      requireAdmin(actor, canListUsers);
      const q = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
      const paging = pageRequest(query.page, 25, { perPage: 25, max: 25 });
      const { total, rows } = await store.list({ q, limit: paging.perPage, offset: paging.offset });
      return { q, total, page: paging.page, pageCount: pageCount(total, paging.perPage), users: rows.map(publicUser) };
    },

    async getUser(actor: CurrentUser | null, id: number): Promise<{ user: User; authorities: MyAuthority[] | null }> {
      requireAdmin(actor, canListUsers);
      const row = await requireUserRow(id);
      return { user: publicUser(row), authorities: await authoritiesOf(row.id) };
    },

    /** Changes a user's global role; written to the audit log in the same transaction. */
    async changeRole(actor: CurrentUser | null, id: number, roleInput: unknown): Promise<User> {
      requireAdmin(actor);
      if (!isGlobalRole(roleInput)) throw new ValidationError({ role: 'Choisissez un rôle dans la liste.' });
      const role = roleInput;
      const target = await requireUserRow(id);
      const refusal = roleChangeRefusal(actor, target, role);
      if (refusal) throw new ValidationError({ role: refusal }, refusal);
      if (target.role === role) return publicUser(target);
      await db.transaction().execute(async (trx) => {
        await store.update(id, { role }, trx);
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'user.role_changed',
            subjectType: 'user',
            subjectId: id,
            details: { from: target.role, to: role },
          },
          trx,
        );
      });
      return publicUser({ ...target, role });
    },

    /** Disables (no sign-in, sessions closed) or re-enables an account; audited in the same transaction. */
    async setDisabled(actor: CurrentUser | null, id: number, disable: boolean): Promise<User> {
      requireAdmin(actor);
      const target = await requireUserRow(id);
      const refusal = disableRefusal(actor, target, disable);
      if (refusal) throw new ValidationError({ status: refusal }, refusal);
      if (!!target.disabledAt === disable) return publicUser(target);
      const disabledAt = disable ? now() : null;
      await db.transaction().execute(async (trx) => {
        await store.update(id, { disabledAt }, trx);
        await audit.record(
          {
            actorUserId: actor!.id,
            action: disable ? 'user.disabled' : 'user.enabled',
            subjectType: 'user',
            subjectId: id,
          },
          trx,
        );
      });
      // Disabled users are refused at every request anyway (loadUser); closing the sessions frees them.
      if (disable) await sessions.destroyAllFor(id);
      return publicUser({ ...target, disabledAt });
    },

    async auditLog(actor: CurrentUser | null, query: { page?: unknown }) {
      requireAdmin(actor, canViewAuditLog);
      const paging = pageRequest(query.page, 50, { perPage: 50, max: 50 });
      const { total, rows } = await audit.list({ limit: paging.perPage, offset: paging.offset });
      const ids = rows.flatMap((r) => [
        ...(r.actorUserId !== null ? [r.actorUserId] : []),
        ...(r.subjectType === 'user' && r.subjectId ? [Number(r.subjectId)] : []),
      ]);
      const users = await store.byIds(ids);
      const label = (id: number) => {
        const u = users.get(id);
        return u ? (u.name ? `${u.name} (${u.email})` : u.email) : `compte n° ${id} (supprimé)`;
      };
      const entries: AuditView[] = rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actorUserId === null ? null : { id: r.actorUserId, label: label(r.actorUserId) },
        action: r.action,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        subjectLabel: r.subjectType === 'user' && r.subjectId ? label(Number(r.subjectId)) : null,
        details: r.details,
      }));
      return { total, page: paging.page, pageCount: pageCount(total, paging.perPage), entries };
    },

    outbox(actor: CurrentUser | null, query: { page?: unknown }) {
      requireAdmin(actor, canViewOutbox);
      const all = mailer.outbox();
      const paging = pageRequest(query.page, 30, { perPage: 30, max: 30 });
      return {
        mode: mailer.mode,
        total: all.length,
        page: paging.page,
        pageCount: pageCount(all.length, paging.perPage),
        messages: all.slice(paging.offset, paging.offset + paging.perPage),
      };
    },

    outboxMessage(actor: CurrentUser | null, id: string): OutboxMessage {
      requireAdmin(actor, canViewOutbox);
      const message = mailer.outboxMessage(id);
      if (!message) throw notFound("Ce message n'existe pas dans la boîte d'envoi.");
      return message;
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
