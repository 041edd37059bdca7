/**
 * OpenID Connect sign-in against a real (small) OpenID provider running on this machine: discovery, JWKS,
 * RS256-signed ID tokens, PKCE-checked token endpoint and a signed (application/jwt) UserInfo answer, as ProConnect does.
 */
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { newAgent } from './test-support.ts';

const CLIENT_ID = 'bibliotheque-ia';
const CLIENT_SECRET = 'secret-du-client-de-test';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KID = 'cle-de-test';

interface Person {
  sub: string;
  email: string;
  given_name: string;
  usual_name: string;
}
const codes = new Map<string, { person: Person; nonce: string; challenge: string; redirectUri: string }>();
const accessTokens = new Map<string, Person>();

const b64 = (value: Buffer | string) => Buffer.from(value).toString('base64url');
function jwt(payload: Record<string, unknown>): string {
  const head = b64(JSON.stringify({ alg: 'RS256', kid: KID, typ: 'JWT' }));
  const body = b64(JSON.stringify(payload));
  return `${head}.${body}.${b64(sign('sha256', Buffer.from(`${head}.${body}`), privateKey))}`;
}

const provider = createServer((req, res) => {
  const url = new URL(req.url ?? '/', issuer);
  const send = (status: number, body: unknown, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  if (url.pathname === '/.well-known/openid-configuration') {
    return send(200, {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/userinfo`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      userinfo_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'given_name', 'usual_name'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic'],
    });
  }
  if (url.pathname === '/jwks') {
    return send(200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' }] });
  }
  if (url.pathname === '/token' && req.method === 'POST') {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      // client_secret_basic: each part is form-url-encoded before base64 (RFC 6749 §2.3.1).
      const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      const [id, secret] = basic.split(':').map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
      if (id !== CLIENT_ID || secret !== CLIENT_SECRET) return send(401, { error: 'invalid_client' });
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (
        !grant ||
        form.get('redirect_uri') !== grant.redirectUri ||
        b64(createHash('sha256').update(verifier).digest()) !== grant.challenge
      ) {
        return send(400, { error: 'invalid_grant' });
      }
      const access = randomBytes(16).toString('hex');
      accessTokens.set(access, grant.person);
      const nowS = Math.floor(Date.now() / 1000);
      return send(200, {
        access_token: access,
        token_type: 'Bearer',
        expires_in: 60,
        id_token: jwt({
          iss: issuer,
          aud: CLIENT_ID,
          sub: grant.person.sub,
          iat: nowS,
          exp: nowS + 60,
          nonce: grant.nonce,
        }),
      });
    });
    return;
  }
  if (url.pathname === '/userinfo') {
    const person = accessTokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!person) return send(401, { error: 'invalid_token' });
    // Like ProConnect: a signed JWT rather than plain JSON.
    return send(200, jwt({ iss: issuer, aud: CLIENT_ID, ...person }), 'application/jwt');
  }
  send(404, { error: 'not_found' });
});
await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
after(() => provider.close());

/** What the provider does when the person approves: checks the request and issues a code for the callback. */
function approve(authorizeUrl: string, person: Person): { code: string; state: string } {
  const url = new URL(authorizeUrl);
  assert.equal(url.origin + url.pathname, `${issuer}/authorize`);
  const p = url.searchParams;
  assert.equal(p.get('client_id'), CLIENT_ID);
  assert.equal(p.get('response_type'), 'code');
  assert.equal(p.get('code_challenge_method'), 'S256');
  assert.equal(p.get('scope'), 'openid email given_name usual_name');
  assert.ok(p.get('state') && p.get('nonce') && p.get('code_challenge'));
  const code = randomBytes(12).toString('hex');
  codes.set(code, {
    person,
    nonce: p.get('nonce')!,
    challenge: p.get('code_challenge')!,
    redirectUri: p.get('redirect_uri')!,
  });
  return { code, state: p.get('state')! };
}

describeEachApp(
  'Accounts: OpenID Connect sign-in (ProConnect-compatible)',
  (app) => {
    test('the sign-in page offers ProConnect when it is configured', async () => {
      const res = await newAgent(app()).get('/connexion?retour=%2Fbibliotheque');
      assert.match(res.body, /href="\/connexion\/oidc\?retour=%2Fbibliotheque"/);
    });

    test('a first sign-in creates a confirmed account from the identity, then signs in and goes back', async () => {
      const agent = newAgent(app());
      const start = await agent.get('/connexion/oidc?retour=%2Fbibliotheque');
      assert.equal(start.statusCode, 302);
      assert.equal(
        new URL(String(start.headers.location)).searchParams.get('redirect_uri'),
        'http://localhost:3000/connexion/oidc/retour',
      );
      const { code, state } = approve(String(start.headers.location), {
        sub: 'agent-123',
        email: 'Lea.Bernard@Ville-OIDC.fr',
        given_name: 'Léa',
        usual_name: 'Bernard',
      });
      const back = await agent.get(`/connexion/oidc/retour?code=${code}&state=${state}`);
      assert.equal(back.statusCode, 303);
      assert.equal(back.headers.location, '/bibliotheque');
      const account = await agent.get('/compte');
      assert.equal(account.statusCode, 200);
      assert.match(account.body, /Léa Bernard/);
      assert.match(account.body, /lea\.bernard@ville-oidc\.fr/);
      assert.match(account.body, /Compte relié à ProConnect/);
      const row = await app()
        .server.platform.db.selectFrom('users')
        .selectAll()
        .where('email', '=', 'lea.bernard@ville-oidc.fr')
        .executeTakeFirstOrThrow();
      assert.equal(row.oidc_subject, 'agent-123');
      assert.ok(row.email_confirmed_at);
      assert.equal(row.password_hash, null);
    });

    test('an existing account with the same address is linked, not duplicated', async () => {
      const existing = await app().createUser({ email: 'deja.la@ville-oidc.fr' });
      const agent = newAgent(app());
      const start = await agent.get('/connexion/oidc');
      const { code, state } = approve(String(start.headers.location), {
        sub: 'agent-456',
        email: 'deja.la@ville-oidc.fr',
        given_name: 'Déjà',
        usual_name: 'Là',
      });
      assert.equal((await agent.get(`/connexion/oidc/retour?code=${code}&state=${state}`)).statusCode, 303);
      const rows = await app()
        .server.platform.db.selectFrom('users')
        .selectAll()
        .where('email', '=', 'deja.la@ville-oidc.fr')
        .execute();
      assert.equal(rows.length, 1);
      assert.equal(Number(rows[0]!.id), existing.id);
      assert.equal(rows[0]!.oidc_subject, 'agent-456');
    });

    test('a callback with a wrong state, or without the browser’s pending cookie, signs nobody in', async () => {
      const agent = newAgent(app());
      const start = await agent.get('/connexion/oidc');
      const { code } = approve(String(start.headers.location), {
        sub: 'agent-789',
        email: 'etat@ville-oidc.fr',
        given_name: 'Mauvais',
        usual_name: 'État',
      });
      const forged = await agent.get(`/connexion/oidc/retour?code=${code}&state=pas-le-bon`);
      assert.equal(forged.statusCode, 303);
      assert.equal(forged.headers.location, '/connexion');
      assert.match((await agent.get('/connexion')).body, /n’a pas pu être vérifiée/);
      assert.equal((await agent.get('/compte')).statusCode, 302);

      const other = newAgent(app());
      const start2 = await agent.get('/connexion/oidc');
      const grant = approve(String(start2.headers.location), {
        sub: 'agent-789',
        email: 'etat@ville-oidc.fr',
        given_name: 'Mauvais',
        usual_name: 'État',
      });
      const stolen = await other.get(`/connexion/oidc/retour?code=${grant.code}&state=${grant.state}`);
      assert.equal(stolen.statusCode, 303);
      assert.equal(stolen.headers.location, '/connexion');
      assert.equal((await other.get('/compte')).statusCode, 302);
    });
  },
  { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET },
);
