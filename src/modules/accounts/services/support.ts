/**
 * What the accounts services share: the deps each capability receives, the public view of a user, one-time links
 * (only the hash of the secret is stored) and mail delivery. No capability lives here.
 */

import type { AuditLog } from '../../../platform/audit/audit.ts';
import type { SessionStore } from '../../../platform/auth/sessions.ts';
import { hashToken, newToken } from '../../../platform/auth/tokens.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { EventBus } from '../../../platform/events/events.ts';
import { type FieldErrors, HttpError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import type { JobQueue } from '../../../platform/jobs/queue.ts';
import type { Mail, Mailer } from '../../../platform/mail/mailer.ts';
import type { TokenPurpose, User } from '../model.ts';
import type { AccountsStore, UserRecord } from '../store.ts';

/** Sends a message to one address. */
export type Deliver = (to: string, message: Omit<Mail, 'to'>) => Promise<void>;

/** The deps of the accounts capabilities (each takes the ones it uses). */
export interface AccountsDeps {
  db: Db;
  store: AccountsStore;
  clock: Clock;
  audit: AuditLog;
  sessions: SessionStore;
  mailer: Mailer;
  jobs: JobQueue;
  events: EventBus;
  /** The site's address, for links in mail (`https://…`, no trailing slash). */
  baseUrl: string;
  links: OneTimeLinks;
  deliver: Deliver;
}

export const WRONG_CREDENTIALS = 'Adresse électronique ou mot de passe incorrect.';
export const INVALID_LINK =
  "Ce lien n'est plus valable : il a déjà été utilisé, il a expiré ou il est incomplet. Demandez-en un nouveau.";
export const DISABLED_ACCOUNT = "Ce compte a été désactivé par l'administration de la plateforme.";

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

/** A user as pages and other modules see it (no secret). */
export function publicUser(record: UserRecord): User {
  return {
    id: record.id,
    email: record.email,
    name: record.name,
    role: record.role,
    emailConfirmedAt: record.emailConfirmedAt,
    disabledAt: record.disabledAt,
    createdAt: record.createdAt,
    hasPassword: !!record.passwordHash,
    oidcLinked: !!record.oidcSubject,
  };
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || /UNIQUE constraint failed/i.test(err?.message ?? '');
}

export function isForeignKeyViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23503' || /FOREIGN KEY constraint failed/i.test(err?.message ?? '');
}

export function throwIfAny(errors: FieldErrors): void {
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** A form value as text ('' when absent or not text). */
export const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

export async function requireUserRecord(store: AccountsStore, id: number): Promise<UserRecord> {
  const record = await store.findById(id);
  if (!record) throw notFound("Ce compte n'existe pas ou a été supprimé.");
  return record;
}

export interface OneTimeLinks {
  /** Creates a secret for `purpose`, valid `lifetime` ms from now; `bind` ties it to a value (a new address). */
  issue(userId: number, purpose: TokenPurpose, lifetime: number, trx?: Db, bind?: string): Promise<string>;
  /** True when the secret can still be used (pages show the button, or say the link expired). */
  isValid(purpose: TokenPurpose, token: unknown, bind?: string): Promise<boolean>;
  /** Uses the secret once; the user id, or null when unknown, used or expired. */
  consume(purpose: TokenPurpose, token: string, trx: Db, bind?: string): Promise<number | null>;
  /** An absolute link of this site with query parameters (empty ones left out). */
  url(path: string, params: Record<string, string | null | undefined>): string;
}

export function createOneTimeLinks(store: AccountsStore, clock: Clock, baseUrl: string): OneTimeLinks {
  const hashOf = (token: string, bind?: string) => hashToken(bind ? `${token}:${bind}` : token);
  return {
    async issue(userId, purpose, lifetime, trx, bind) {
      const token = newToken();
      await store.purgeExpiredTokens(userId, trx);
      await store.createToken(
        { hash: hashOf(token, bind), purpose, userId, expiresAt: new Date(clock.millis() + lifetime).toISOString() },
        trx,
      );
      return token;
    },
    async isValid(purpose, token, bind) {
      if (typeof token !== 'string' || !token) return false;
      return (await store.tokenUser(hashOf(token, bind), purpose)) !== null;
    },
    consume(purpose, token, trx, bind) {
      return store.consumeToken(hashOf(token, bind), purpose, trx);
    },
    url(path, params) {
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
      return `${baseUrl}${path}?${search.toString()}`;
    },
  };
}

/**
 * Sends a message. The outbox is a local file write and is awaited; an SMTP exchange is slow and would let
 * response times reveal whether an account exists, so it runs in the background (failures are reported).
 */
export function createDelivery(mailer: Mailer, onError: (error: unknown) => void): Deliver {
  return async (to, message) => {
    const sending = mailer.send({ to, ...message });
    if (mailer.mode === 'outbox') await sending;
    else sending.catch(onError);
  };
}
