/**
 * OpenID Connect sign-in (ProConnect-compatible) with openid-client v6: authorization code flow with PKCE,
 * state and nonce. The issuer's metadata is discovered once, on first use.
 */
import * as client from 'openid-client';
import type { OidcClaims } from './oidc.ts';

/** What must survive the round trip to the identity provider (kept in a signed, short-lived cookie). */
export interface OidcPending {
  state: string;
  nonce: string;
  verifier: string;
  retour: string | null;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Absolute callback URL registered at the identity provider. */
  redirectUri: string;
}

export function createOidcClient(settings: OidcSettings) {
  let configuration: Promise<client.Configuration> | null = null;
  const issuer = new URL(settings.issuer);

  function discover(): Promise<client.Configuration> {
    configuration ??= client
      .discovery(
        issuer,
        settings.clientId,
        { client_secret: settings.clientSecret, id_token_signed_response_alg: 'RS256' },
        client.ClientSecretBasic(settings.clientSecret),
        // Plain http is accepted only for an issuer on this machine (development and tests).
        issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname)
          ? { execute: [client.allowInsecureRequests] }
          : undefined,
      )
      .catch((e) => {
        configuration = null; // try again on the next sign-in
        throw e;
      });
    return configuration;
  }

  /** Scopes: ProConnect's own claims when the issuer offers them, the standard profile otherwise. */
  function scopes(config: client.Configuration): string {
    const supported = config.serverMetadata().scopes_supported ?? [];
    const wanted = ['openid', 'email'];
    if (supported.includes('given_name')) wanted.push('given_name');
    if (supported.includes('usual_name')) wanted.push('usual_name');
    if (!wanted.includes('given_name') && (supported.length === 0 || supported.includes('profile')))
      wanted.push('profile');
    return wanted.join(' ');
  }

  return {
    async start(retour: string | null): Promise<{ url: string; pending: OidcPending }> {
      const config = await discover();
      const pending: OidcPending = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
        retour,
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: scopes(config),
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, pending };
    },

    /** Exchanges the code of the callback URL and reads who signed in. Throws when anything does not match. */
    async finish(callbackUrl: URL, pending: OidcPending): Promise<OidcClaims> {
      const config = await discover();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('ID token absent');
      let info: Record<string, unknown> = { ...idClaims };
      if (config.serverMetadata().userinfo_endpoint) {
        info = { ...info, ...(await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)) };
      }
      const given = typeof info.given_name === 'string' ? info.given_name : '';
      const family =
        typeof info.usual_name === 'string'
          ? info.usual_name
          : typeof info.family_name === 'string'
            ? info.family_name
            : '';
      const name = [given, family].filter(Boolean).join(' ') || (typeof info.name === 'string' ? info.name : '');
      return { subject: idClaims.sub, email: typeof info.email === 'string' ? info.email : null, name };
    },
  };
}
export type OidcClient = ReturnType<typeof createOidcClient>;
