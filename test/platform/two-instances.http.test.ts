import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AccountsApi } from '../../src/modules/accounts/index.ts';
import { AUTH_RATE_LIMIT } from '../../src/modules/accounts/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { testDialects } from '../helpers/databases.ts';
import { type ServeProcess, spawnServe } from '../helpers/process.ts';

// Scale-out: with DATABASE_URL=postgres://…, two `serve` processes (two ports, as behind a load balancer) share
// one database; sessions, CSRF secrets and flash messages live in the database or in cookies signed with the shared
// SESSION_SECRET, so either process serves any request. Real processes, real HTTP.
// Unreachable PostgreSQL: skipped on a developer machine; in CI, test/helpers/databases.ts fails the run.

const SECRET = 'two-instances-secret-two-instances-secret-0123';

interface Instance extends ServeProcess {
  dir: string;
}

async function serve(databaseUrl: string): Promise<Instance> {
  const dir = mkdtempSync(join(tmpdir(), 'bia-instance-'));
  const instance = await spawnServe({
    env: { DATABASE_URL: databaseUrl, SESSION_SECRET: SECRET, SEED_DEMO: 'false', DATA_DIR: dir },
    readyPath: '/readyz',
  });
  return { ...instance, dir };
}

async function stop(instance: Instance | undefined) {
  if (!instance) return;
  await instance.stop();
  rmSync(instance.dir, { recursive: true, force: true });
}

/** A browser-like client: one cookie jar used against any instance, redirects not followed. */
class Browser {
  cookies = new Map<string, string>();
  csrfToken = '';

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()),
      );
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    const token = /<meta name="csrf-token" content="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrfToken = token;
    return { status: res.status, location: res.headers.get('location'), text };
  }
}

const postgres = testDialects.includes('postgres');

describe('two serve processes sharing one PostgreSQL database', {
  skip: postgres ? false : 'PostgreSQL injoignable sur ce poste',
}, () => {
  // The database is prepared by a test app (migrations, the account through the accounts api), then served by two
  // real processes.
  let app: TestApp;
  let a: Instance | undefined;
  let b: Instance | undefined;
  const email = 'agente.partagee@exemple.fr';
  const password = 'un mot de passe assez long';

  before(async () => {
    app = await createTestApp('postgres');
    await (app.server.modules.api('accounts') as AccountsApi).createUser({
      email,
      name: 'Agente Partagée',
      role: 'user',
      password,
      confirmed: true,
    });
    [a, b] = await Promise.all([serve(app.database.url), serve(app.database.url)]);
  });
  after(async () => {
    await Promise.all([stop(a), stop(b)]);
    await app?.server.close();
    await app?.database.dispose();
  });

  test('both processes are up, on two ports, and reach the database', async () => {
    assert.notEqual(a!.url, b!.url);
    for (const instance of [a!, b!]) {
      const res = await fetch(`${instance.url}/readyz`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok', database: 'ok' });
    }
  });

  test('a session opened on one process is honoured by the other, and closing it on the other closes it everywhere', async () => {
    const browser = new Browser();

    // Sign in on A, with the form and CSRF token A served.
    const form = await browser.request(`${a!.url}/connexion`);
    assert.equal(form.status, 200, `GET /connexion sur A : ${form.status}\n${a!.output()}`);
    const signIn = await browser.request(`${a!.url}/connexion`, {
      method: 'POST',
      form: { _csrf: browser.csrfToken, email, password },
    });
    assert.ok(
      [302, 303].includes(signIn.status),
      `connexion sur A : statut ${signIn.status}\n${signIn.text.slice(0, 2000)}`,
    );
    assert.ok(browser.cookies.has('bia_session'), 'A a ouvert une session (cookie bia_session)');

    // B knows the session: the account page shows this person, not the sign-in page.
    const account = await browser.request(`${b!.url}/compte`);
    assert.equal(account.status, 200, `GET /compte sur B : ${account.status} ${account.location ?? ''}`);
    assert.match(account.text, /Agente Partagée|agente\.partagee@exemple\.fr/);
    assert.match(account.text, /Se déconnecter/);

    // Sign out on B with the CSRF token of a page served by A: secrets are shared, not per process.
    const sessionCookie = browser.cookies.get('bia_session')!;
    await browser.request(`${a!.url}/`);
    const signOut = await browser.request(`${b!.url}/deconnexion`, {
      method: 'POST',
      form: { _csrf: browser.csrfToken },
    });
    assert.ok(
      [302, 303].includes(signOut.status),
      `déconnexion sur B : statut ${signOut.status}\n${signOut.text.slice(0, 2000)}`,
    );

    // A no longer honours that session cookie: it was destroyed in the shared database, not in B's memory.
    const replay = new Browser();
    replay.cookies.set('bia_session', sessionCookie);
    const afterSignOut = await replay.request(`${a!.url}/compte`);
    assert.equal(afterSignOut.status, 302);
    assert.match(afterSignOut.location ?? '', /^\/connexion/);
  });

  test('a rate limit counts the requests made to both processes together', async () => {
    const browser = new Browser();
    await browser.request(`${a!.url}/mot-de-passe-oublie`);
    const statuses: number[] = [];
    for (let i = 0; i < AUTH_RATE_LIMIT.max; i++) {
      const instance = i % 2 === 0 ? a! : b!;
      const res = await browser.request(`${instance.url}/mot-de-passe-oublie`, {
        method: 'POST',
        form: { _csrf: browser.csrfToken, email: `personne${i}@exemple.fr` },
      });
      statuses.push(res.status);
    }
    assert.deepEqual(new Set(statuses), new Set([200]), `les ${AUTH_RATE_LIMIT.max} premières demandes passent`);
    // Each process alone saw only half of them: a per-process counter would still let these through.
    for (const instance of [a!, b!]) {
      const res = await browser.request(`${instance.url}/mot-de-passe-oublie`, {
        method: 'POST',
        form: { _csrf: browser.csrfToken, email: 'encore@exemple.fr' },
      });
      assert.equal(res.status, 429, `${instance.url} refuse la demande en trop`);
      assert.match(res.text, /Trop de tentatives/);
    }
  });
});
