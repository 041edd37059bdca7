/**
 * Per-authority API tokens: its « responsables » and the administrators create, list and revoke them; a token acts
 * as a member of that one authority (write drafts and submit them — nothing else), for as long as its creator may
 * manage the authority's tokens: every use checks that the creator's account is active and still a « responsable »
 * of the authority (or an administrator). A token whose creator lost that right is revoked as soon as their
 * membership is removed or lowered (organisations.membership_changed) or their account disabled
 * (accounts.user_disabled) or erased, and in any case when it is next used or listed. Tokens expire (one year
 * unless chosen shorter).
 */
import type { Actor } from '../../../platform/auth/authorize.ts';
import { hashToken, newToken } from '../../../platform/auth/tokens.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { isAdmin, isEditorOf } from '../../../platform/auth/user.ts';
import type { Db } from '../../../platform/db/database.ts';
import { notFound, ValidationError } from '../../../platform/http/errors.ts';
import { cleanText } from '../model.ts';
import { authorizeOr } from '../policy.ts';
import type { TokenRow } from '../store/tokens.ts';
import type { LibraryContext } from './context.ts';

const REFUSAL = 'Seuls les responsables de la collectivité et les administrateurs gèrent ses jetons d’API.';

/** The lifetimes offered at creation, in days (the first one is the default). */
export const TOKEN_LIFETIMES: readonly { days: number; label: string }[] = [
  { days: 365, label: 'Un an' },
  { days: 180, label: 'Six mois' },
  { days: 90, label: 'Trois mois' },
  { days: 30, label: 'Un mois' },
];
export const DEFAULT_TOKEN_LIFETIME_DAYS = 365;

export type TokenState = 'active' | 'expired' | 'revoked';

/** What the tokens page shows of a token (never its secret, which is not stored). */
export interface TokenView {
  id: number;
  name: string;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  state: TokenState;
}

/** May this person (as they are now) be the creator behind a token of this authority? */
function mayHoldToken(person: CurrentUser | null, organisationId: number): boolean {
  return !!person && (isEditorOf(person, organisationId) || isAdmin(person));
}

export function createTokensService({ platform, store, ports }: LibraryContext) {
  const { db, audit, clock } = platform;

  const expired = (t: TokenRow) => !!t.expiresAt && t.expiresAt <= clock.iso();

  /** Revokes tokens whose creator lost the right, with one audit entry per token (no actor: the system did it). */
  async function revokeForLostRight(userId: number, organisationId: number | undefined, trx: Db): Promise<void> {
    const ids = await store.revokeTokensOf(userId, trx, organisationId);
    for (const id of ids) {
      await audit.record(
        {
          actorUserId: null,
          action: 'api_token.revoked',
          subjectType: 'library_api_token',
          subjectId: id,
          details: { reason: 'creator_lost_right', creatorUserId: userId },
        },
        trx,
      );
    }
  }

  /** The tokens of an authority, those whose creator lost the right revoked first. */
  async function tokens(actor: Actor, organisationId: number): Promise<TokenView[]> {
    authorizeOr(REFUSAL, actor, 'api_token.manage', { organisationId });
    let rows = await store.tokens(organisationId);
    const creators = [...new Set(rows.filter((t) => !t.revokedAt && t.createdBy !== null).map((t) => t.createdBy!))];
    let swept = false;
    for (const creator of creators) {
      if (mayHoldToken(await ports.people.currentUser(creator), organisationId)) continue;
      await db.transaction().execute((trx) => revokeForLostRight(creator, organisationId, trx));
      swept = true;
    }
    if (swept) rows = await store.tokens(organisationId);
    const ids = [...new Set(rows.map((t) => t.createdBy).filter((id) => id !== null))];
    const people = await ports.people.userEmails(ids);
    return rows.map((t) => {
      const person = t.createdBy === null ? undefined : people.get(t.createdBy);
      return {
        id: t.id,
        name: t.name,
        createdAt: t.createdAt,
        createdBy: person ? person.name || person.email : null,
        expiresAt: t.expiresAt,
        lastUsedAt: t.lastUsedAt,
        revokedAt: t.revokedAt,
        state: t.revokedAt ? 'revoked' : expired(t) ? 'expired' : 'active',
      };
    });
  }

  /** A new token for the authority; its secret, shown once. `lifetimeDays`: one of TOKEN_LIFETIMES (default a year). */
  async function createToken(
    actor: Actor,
    organisationId: number,
    nameInput: string,
    lifetimeDays: number = DEFAULT_TOKEN_LIFETIME_DAYS,
  ): Promise<string> {
    authorizeOr(REFUSAL, actor, 'api_token.manage', { organisationId });
    const errors: Record<string, string> = {};
    const name = cleanText(nameInput) ?? '';
    if (!name || name.length > 100) {
      errors.name = 'Donnez un nom au jeton (100 caractères au plus), par exemple « Logiciel de suivi des projets ».';
    }
    if (!TOKEN_LIFETIMES.some((l) => l.days === lifetimeDays)) {
      errors.duree = 'Choisissez la durée de validité du jeton : un an au plus.';
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const token = `bia_${newToken()}`;
    const expiresAt = new Date(clock.now().getTime() + lifetimeDays * 86_400_000).toISOString();
    await db.transaction().execute(async (trx) => {
      const id = await store.insertToken(
        { organisationId, name, hash: hashToken(token), createdBy: actor!.id, expiresAt },
        trx,
      );
      await audit.record(
        {
          actorUserId: actor!.id,
          action: 'api_token.created',
          subjectType: 'library_api_token',
          subjectId: id,
          details: { organisationId, name, expiresAt },
        },
        trx,
      );
    });
    return token;
  }

  async function revokeToken(actor: Actor, organisationId: number, tokenId: number): Promise<void> {
    authorizeOr(REFUSAL, actor, 'api_token.manage', { organisationId });
    await db.transaction().execute(async (trx) => {
      if (!(await store.revokeToken(tokenId, organisationId, trx))) {
        throw notFound('Ce jeton n’existe pas ou est déjà révoqué.');
      }
      await audit.record(
        {
          actorUserId: actor!.id,
          action: 'api_token.revoked',
          subjectType: 'library_api_token',
          subjectId: tokenId,
          details: { organisationId },
        },
        trx,
      );
    });
  }

  /** Revokes every token a person created, when their account is disabled (every authority). */
  async function creatorDisabled(userId: number): Promise<void> {
    if (await ports.people.currentUser(userId)) return; // enabled again meanwhile
    await db.transaction().execute((trx) => revokeForLostRight(userId, undefined, trx));
  }

  /** Revokes the person's tokens of the authority when their membership changed and they may no longer hold them. */
  async function creatorRightsChanged(userId: number, organisationId: number): Promise<void> {
    if (mayHoldToken(await ports.people.currentUser(userId), organisationId)) return;
    await db.transaction().execute((trx) => revokeForLostRight(userId, organisationId, trx));
  }

  /**
   * The identity behind an API token: the person who created it, acting as a member of that one authority only
   * (whatever their other roles), so that a token can write drafts and submit them — nothing else. Null (401) for
   * an unknown, revoked or expired token, and for one whose creator is disabled, erased or no longer a
   * « responsable » of the authority (the token is then revoked for good).
   */
  async function resolveToken(token: string): Promise<CurrentUser | null> {
    if (!token.startsWith('bia_')) return null;
    const row = await store.tokenByHash(hashToken(token));
    if (!row || row.revokedAt || row.createdBy === null || expired(row)) return null;
    const creator = await ports.people.currentUser(row.createdBy);
    if (!creator || !mayHoldToken(creator, row.organisationId)) {
      await db.transaction().execute((trx) => revokeForLostRight(row.createdBy!, row.organisationId, trx));
      return null;
    }
    await store.touchToken(row);
    return {
      id: creator.id,
      email: creator.email,
      name: `${creator.name || creator.email} (jeton « ${row.name} »)`,
      role: 'user',
      memberships: [{ organisationId: row.organisationId, role: 'member' }],
    };
  }

  return { tokens, createToken, revokeToken, resolveToken, creatorDisabled, creatorRightsChanged };
}

export type TokensService = ReturnType<typeof createTokensService>;
