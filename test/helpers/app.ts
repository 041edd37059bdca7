import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { type Clock, systemClock } from '../../src/platform/clock.ts';
import type { OutboxMessage } from '../../src/platform/mail/mailer.ts';
import { buildServer, type Server } from '../../src/server.ts';
// Importing databases.ts under TEST_TIER=unit throws: a pure test cannot build the app (name it *.http.test.ts).
import { createTestDatabase, type TestDatabase, testDialects } from './databases.ts';
import { factoriesOf, type NewTestOrganisation, type NewTestUser } from './factories.ts';

export interface TestAppOptions<C extends Clock = Clock> {
  /**
   * The clock of the application (default: the system clock). A function gives each database's app its own clock
   * (`clock: () => manualClock('2026-03-01T09:00:00Z')`), so that moving it in the SQLite suite does not move the
   * PostgreSQL one; a clock object is shared by both.
   */
  clock?: C | (() => C);
}

export interface TestApp<C extends Clock = Clock> {
  server: Server;
  database: TestDatabase;
  /** The application's clock: `app().clock.advance({ days: 8 })` when the suite passed a manualClock. */
  clock: C;
  /** A fresh browser-like client with its own cookie jar. */
  agent(): TestAgent;
  /** Mail written to the outbox since the app started, newest first. */
  outbox(): OutboxMessage[];
  /** Creates a confirmed account through the accounts api (factory); its memberships are active. */
  createUser(input: NewTestUser): Promise<{ id: number; email: string; password: string }>;
  /** Creates an authority through the organisations api (factory); returns its id. */
  createOrganisation(input: NewTestOrganisation): Promise<number>;
  /** Creates a user and returns an agent signed in as that user. */
  signedIn(input: Parameters<TestApp['createUser']>[0]): Promise<TestAgent>;
}

/** Declares the suite once per database, each with its own fresh app (server built with `inject`, no port). */
export function describeEachApp<C extends Clock = Clock>(
  title: string,
  suite: (app: () => TestApp<C>) => void,
  env: Record<string, string> = {},
  options: TestAppOptions<C> = {},
) {
  for (const dialect of testDialects) {
    describe(`${title} [${dialect}]`, () => {
      let testApp: TestApp<C> | undefined;
      before(async () => {
        testApp = await createTestApp(dialect, env, options);
      });
      after(async () => {
        await testApp?.server.close();
        await testApp?.database.dispose();
      });
      suite(() => {
        if (!testApp) throw new Error('application de test non prête');
        return testApp;
      });
    });
  }
}

export async function createTestApp<C extends Clock = Clock>(
  dialect: 'sqlite' | 'postgres',
  env: Record<string, string> = {},
  options: TestAppOptions<C> = {},
): Promise<TestApp<C>> {
  const clock = (typeof options.clock === 'function' ? options.clock() : (options.clock ?? systemClock)) as C;
  const database = await createTestDatabase(dialect, { clock });
  const config = testConfig(database, database.dir, env);
  const server = await buildServer(config, { handle: database, worker: false, seed: false, clock });
  await server.app.ready();
  const factories = factoriesOf(server);
  const app: TestApp<C> = {
    server,
    database,
    clock,
    agent: () => new TestAgent(server),
    outbox: () => server.platform.mailer.outbox(),
    createUser: (input) => factories.createUser(input),
    createOrganisation: (input) => factories.createOrganisation(input),
    async signedIn(input) {
      await app.createUser(input);
      const agent = app.agent();
      await agent.signInAs(input.email.toLowerCase());
      return agent;
    },
  };
  return app;
}

/** The configuration of a test server on `database`, keeping its files under `dataDir`. */
function testConfig(database: TestDatabase, dataDir: string, env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    DATA_DIR: dataDir,
    OUTBOX_DIR: join(dataDir, 'outbox'),
    BASE_URL: 'http://localhost:3000',
    SEED_DEMO: 'false',
    RUN_JOBS: 'false',
    // Tests give each client its own X-Forwarded-For address so that rate limits do not leak between tests.
    TRUST_PROXY: 'true',
    ...env,
  });
}

/**
 * Runs `use` with a second server instance on the app's database (its own data folder, its own caches and indexes):
 * what several instances behind a load balancer share is only the database. The instance is closed afterwards.
 */
export async function withSecondInstance<T>(app: TestApp, use: (second: Server) => Promise<T>): Promise<T> {
  const config = testConfig(app.database, join(app.database.dir, 'second-instance'));
  const second = await buildServer(config, { handle: app.database, worker: false, seed: false, clock: app.clock });
  try {
    await second.app.ready();
    return await use(second);
  } finally {
    await second.close();
  }
}

/** A cookie-keeping client over fastify.inject, with automatic CSRF tokens for form posts. */
export class TestAgent {
  cookies = new Map<string, string>();
  csrfToken = '';
  constructor(private server: Server) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: LightMyRequestResponse) {
    // Cookie lifetimes are set from the application's clock (a manual clock may stand far from today).
    const now = this.server.platform.clock.millis();
    for (const c of response.cookies) {
      if (!c.value || (c.expires && new Date(c.expires).getTime() < now) || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const match = /<meta name="csrf-token" content="([^"]+)"/.exec(response.body);
    if (match) this.csrfToken = match[1]!;
  }

  async request(options: {
    method?: string;
    url: string;
    form?: Record<string, string | string[]>;
    json?: unknown;
    headers?: Record<string, string>;
  }) {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    let payload: string | undefined;
    if (options.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(options.form))
        for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
      payload = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (options.json !== undefined) {
      payload = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    const response = await this.server.app.inject({
      method: (options.method ?? 'GET') as any,
      url: options.url,
      headers,
      payload,
    });
    this.remember(response);
    return response;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request({ url, headers });
  }

  /** Posts a form like a browser would: with the CSRF token of the last page (fetching one if needed). */
  async post(url: string, form: Record<string, string | string[]> = {}) {
    if (!this.csrfToken) await this.get('/');
    return this.request({ method: 'POST', url, form: { _csrf: this.csrfToken, ...form } });
  }

  /** Signs in through a session created directly (fast path for tests that are not about signing in). */
  async signInAs(email: string) {
    const token = await this.server.platform.sessions.create(await factoriesOf(this.server).userIdOf(email));
    this.cookies.set('bia_session', token);
    await this.get('/');
  }
}

/** Extracts the first URL from a mail body that contains the given path fragment. */
export function linkIn(message: OutboxMessage | undefined, fragment: string): string {
  const match = message?.text.match(/https?:\/\/\S+/g)?.find((u) => u.includes(fragment));
  if (!match) throw new Error(`aucun lien contenant « ${fragment} » dans le message « ${message?.subject} »`);
  return new URL(match).pathname + new URL(match).search;
}
