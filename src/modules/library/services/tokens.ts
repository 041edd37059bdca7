/**
 * Per-authority API tokens: its « responsables » and the administrators create, list and revoke them; a token acts
 * as a member of that one authority (write drafts and submit them — nothing else).
 */
import type { Actor } from '../../../platform/auth/authorize.ts';
import { hashToken, newToken } from '../../../platform/auth/tokens.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { notFound, ValidationError } from '../../../platform/http/errors.ts';
import { cleanText } from '../model.ts';
import { authorizeOr } from '../policy.ts';
import type { LibraryContext } from './context.ts';

const REFUSAL = 'Seuls les responsables de la collectivité et les administrateurs gèrent ses jetons d’API.';

export function createTokensService({ platform, store, ports }: LibraryContext) {
  const { db, audit } = platform;

  /** The tokens of an authority (view-model: never their secret, which is not stored). */
  async function tokens(actor: Actor, organisationId: number) {
    authorizeOr(REFUSAL, actor, 'api_token.manage', { organisationId });
    return (await store.tokens(organisationId)).map((t) => ({
      id: t.id,
      name: t.name,
      createdAt: t.createdAt,
      lastUsedAt: t.lastUsedAt,
      revokedAt: t.revokedAt,
    }));
  }

  /** A new token for the authority; its secret, shown once. */
  async function createToken(actor: Actor, organisationId: number, nameInput: string): Promise<string> {
    authorizeOr(REFUSAL, actor, 'api_token.manage', { organisationId });
    const name = cleanText(nameInput) ?? '';
    if (!name || name.length > 100) {
      throw new ValidationError({
        name: 'Donnez un nom au jeton (100 caractères au plus), par exemple « Logiciel de suivi des projets ».',
      });
    }
    const token = `bia_${newToken()}`;
    await db.transaction().execute(async (trx) => {
      const id = await store.insertToken({ organisationId, name, hash: hashToken(token), createdBy: actor!.id }, trx);
      await audit.record(
        {
          actorUserId: actor!.id,
          action: 'api_token.created',
          subjectType: 'library_api_token',
          subjectId: id,
          details: { organisationId, name },
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

  /**
   * The identity behind an API token: the person who created it, acting as a member of that one authority only
   * (whatever their other roles), so that a token can write drafts and submit them — nothing else.
   */
  async function resolveToken(token: string): Promise<CurrentUser | null> {
    if (!token.startsWith('bia_')) return null;
    const row = await store.tokenByHash(hashToken(token));
    if (!row || row.revokedAt || row.createdBy === null) return null;
    const person = (await ports.people.userEmails([row.createdBy])).get(row.createdBy);
    if (!person) return null;
    await store.touchToken(row.id);
    return {
      id: row.createdBy,
      email: person.email,
      name: `${person.name || person.email} (jeton « ${row.name} »)`,
      role: 'user',
      memberships: [{ organisationId: row.organisationId, role: 'member' }],
    };
  }

  return { tokens, createToken, revokeToken, resolveToken };
}

export type TokensService = ReturnType<typeof createTokensService>;
