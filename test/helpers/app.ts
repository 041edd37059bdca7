import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { searchText } from '../../src/modules/organisations/model.ts';
import { hashPassword } from '../../src/platform/auth/password.ts';
import { type Clock, systemClock } from '../../src/platform/clock.ts';
import { now } from '../../src/platform/db/index.ts';
import type { OutboxMessage } from '../../src/platform/mail/mailer.ts';
import { buildServer, type Server } from '../../src/server.ts';
import { createTestDatabase, type TestDatabase, testDialects } from './databases.ts';

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
  /** Creates a user directly (factory); memberships are active. */
  createUser(input: {
    email: string;
    password?: string;
    role?: 'user' | 'coordinator' | 'admin';
    memberships?: { organisationId: number; role: 'member' | 'editor' }[];
  }): Promise<{ id: number; email: string; password: string }>;
  /** Creates an organisation directly (factory). */
  createOrganisation(input: {
    name: string;
    type?: string;
    code?: string;
    siren?: string;
    departementCode?: string;
    regionCode?: string;
  }): Promise<number>;
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
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    DATA_DIR: database.dir,
    OUTBOX_DIR: join(database.dir, 'outbox'),
    BASE_URL: 'http://localhost:3000',
    SEED_DEMO: 'false',
    RUN_JOBS: 'false',
    // Tests give each client its own X-Forwarded-For address so that rate limits do not leak between tests.
    TRUST_PROXY: 'true',
    ...env,
  });
  const server = await buildServer(config, { handle: database, worker: false, seed: false, clock });
  await server.app.ready();
  const db = database.db;
  let counter = 0;
  const app: TestApp<C> = {
    server,
    database,
    clock,
    agent: () => new TestAgent(server),
    outbox: () => server.platform.mailer.outbox(),
    async createUser(input) {
      const password = input.password ?? 'mot-de-passe-de-test-123';
      const at = now();
      const row = await db
        .insertInto('users')
        .values({
          email: input.email.toLowerCase(),
          name: input.email.split('@')[0],
          password_hash: await hashPassword(password),
          role: input.role ?? 'user',
          email_confirmed_at: at,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      for (const m of input.memberships ?? []) {
        await db
          .insertInto('memberships')
          .values({
            user_id: id,
            organisation_id: m.organisationId,
            role: m.role,
            status: 'active',
            requested_at: at,
            decided_at: at,
          })
          .execute();
      }
      return { id, email: input.email.toLowerCase(), password };
    },
    async createOrganisation(input) {
      const at = now();
      counter++;
      const row = await db
        .insertInto('organisations')
        .values({
          code: input.code ?? `test:${counter}:${Date.now()}`,
          name: input.name,
          type: input.type ?? 'commune',
          siren: input.siren ?? null,
          departement_code: input.departementCode ?? null,
          region_code: input.regionCode ?? null,
          search_text: searchText({ name: input.name, siren: input.siren ?? null }),
          source: 'admin',
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async signedIn(input) {
      await app.createUser(input);
      const agent = app.agent();
      await agent.signInAs(input.email.toLowerCase());
      return agent;
    },
  };
  return app;
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
    const row = await this.server.platform.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const token = await this.server.platform.sessions.create(Number(row.id));
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
