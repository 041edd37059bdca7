// Secrets never reach the logs (issue 8, finding 12): the address of every request is logged with its tokens masked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { buildServer, type Server } from '../../src/server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';

let database: TestDatabase;
let server: Server;
const lines: string[] = [];

before(async () => {
  database = await createTestDatabase('sqlite');
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: database.url,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    DATA_DIR: database.dir,
    BASE_URL: 'http://localhost:3000',
    SEED_DEMO: 'false',
    RUN_JOBS: 'false',
  });
  server = await buildServer(config, {
    handle: database,
    worker: false,
    seed: false,
    logStream: { write: (line: string) => void lines.push(line) },
  });
  await server.app.ready();
});

after(async () => {
  await server?.close();
  await database?.dispose();
});

test('one-time links, answer links, OIDC codes and CSRF tokens are masked in the logged addresses', async () => {
  const secrets = {
    magic: 'MagicLinkSecret0123456789abcdef',
    reset: 'ResetSecret0123456789abcdef',
    invitation: 'InvitationSecret0123456789abcd',
    publicLink: 'PublicLinkSecret0123456789abcd',
    code: 'OidcCodeSecret0123456789',
    csrf: 'CsrfSecret0123456789abcdef',
  };
  const urls = [
    `/connexion/lien/utiliser?jeton=${secrets.magic}&retour=%2Fcompte`,
    `/mot-de-passe/nouveau?jeton=${secrets.reset}`,
    `/recensements/lien/${secrets.invitation}/page/projet`,
    `/recensements/public/${secrets.publicLink}`,
    `/connexion/oidc/retour?code=${secrets.code}&state=xyz`,
    `/bibliotheque?_csrf=${secrets.csrf}&q=eau`,
  ];
  for (const url of urls) await server.app.inject({ method: 'GET', url });
  const log = lines.join('');
  assert.ok(lines.length >= urls.length, 'the requests were logged');
  for (const [name, secret] of Object.entries(secrets)) {
    assert.ok(!log.includes(secret), `${name} appears in the log`);
  }
  // What is not secret stays readable.
  assert.match(log, /\/connexion\/lien\/utiliser\?jeton=\[masqué\]&retour=%2Fcompte/);
  assert.match(log, /\/recensements\/public\/\[masqué\]/);
  assert.match(log, /q=eau/);
});
