/** Signing in with OpenID Connect (ProConnect): the identity provider vouches for the person and their address. */
import { forbidden, HttpError } from '../../../platform/http/errors.ts';
import { emailProblem, normaliseEmail, normaliseName, type User } from '../model.ts';
import { type AccountsDeps, DISABLED_ACCOUNT, publicUser } from './support.ts';

/** Who signed in at the identity provider (read by services/oidc-client.ts). */
export interface OidcClaims {
  subject: string;
  email?: string | null;
  name?: string | null;
}

export type OidcDeps = Pick<AccountsDeps, 'db' | 'store' | 'clock'>;

export function createOidcService(deps: OidcDeps) {
  const { db, store, clock } = deps;
  return {
    /** Finds the account by subject, then by address (linking it), or creates it. Returns the user to sign in. */
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
              { oidcSubject: claims.subject, emailConfirmedAt: byEmail.emailConfirmedAt ?? clock.iso() },
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
        if (user.disabledAt) throw forbidden(DISABLED_ACCOUNT);
        return publicUser(user);
      });
    },
  };
}
export type OidcService = ReturnType<typeof createOidcService>;
