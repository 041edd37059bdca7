import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { migrations } from '../../src/migrations/index.ts';
import { type Clock, systemClock } from '../../src/platform/clock.ts';
import { type DbHandle, type Dialect, openDatabase } from '../../src/platform/db/index.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';

if (process.env.TEST_TIER === 'unit') {
  throw new Error(
    'test/helpers/databases.ts importé par un test unitaire : un fichier qui ouvre une base se nomme *.db.test.ts ' +
      '(ou *.http.test.ts à travers le serveur) — voir scripts/test-tiers.mjs',
  );
}

/**
 * Every store and HTTP test runs on SQLite and on PostgreSQL.
 * PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is used to create a fresh,
 * uniquely named database per suite, dropped afterwards. Unreachable PostgreSQL is a skip locally and a failure
 * in CI (CI=true).
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

const postgresProblem = await probePostgres();
if (postgresProblem && process.env.CI === 'true') {
  throw new Error(`PostgreSQL injoignable en CI (${TEST_DATABASE_URL}) : ${postgresProblem}`);
}
if (postgresProblem) {
  console.warn(`# PostgreSQL injoignable (${postgresProblem}) : tests PostgreSQL ignorés sur ce poste`);
}

export const testDialects: Dialect[] = postgresProblem ? ['sqlite'] : ['sqlite', 'postgres'];

export interface TestDatabase<C extends Clock = Clock> extends DbHandle {
  /** A fresh, migrated database URL of this dialect. */
  url: string;
  /** The clock the suite's services should read (default: the system clock; see `describeEachDatabase`). */
  clock: C;
  /** Temporary folder for this suite (outbox, uploads, sqlite file). */
  dir: string;
  dispose(): Promise<void>;
}

/** Creates a fresh, migrated, empty database of the given dialect. */
export async function createTestDatabase<C extends Clock = Clock>(
  dialect: Dialect,
  options: { clock?: C } = {},
): Promise<TestDatabase<C>> {
  const dir = mkdtempSync(join(tmpdir(), 'bia-test-'));
  let url: string;
  let dropPostgres: (() => Promise<void>) | undefined;
  if (dialect === 'sqlite') {
    url = `sqlite:${join(dir, 'test.db')}`;
  } else {
    const name = `bia_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(TEST_DATABASE_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    dropPostgres = async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        // The pool has been ended; its sockets may still be closing. Give them a moment before forcing.
        await new Promise((resolve) => setTimeout(resolve, 50));
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    };
  }
  const handle = openDatabase(url, { poolSize: 5 });
  await migrateToLatest(handle.db, handle.dialect, migrations);
  return {
    ...handle,
    url,
    dir,
    clock: options.clock ?? (systemClock as C),
    async dispose() {
      await handle.close();
      await dropPostgres?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Declares the same suite once per database. The suite body receives a getter for the suite's database,
 * which is created before the first test and dropped after the last.
 * `clock`: the clock handed to the services under test as `db().clock` (a function gives each database its own:
 * `{ clock: () => manualClock('2026-03-01T09:00:00Z') }`).
 */
export function describeEachDatabase<C extends Clock = Clock>(
  title: string,
  suite: (db: () => TestDatabase<C>) => void,
  options: { clock?: C | (() => C) } = {},
): void {
  for (const dialect of testDialects) {
    describe(`${title} [${dialect}]`, () => {
      let database: TestDatabase<C> | undefined;
      before(async () => {
        const clock = typeof options.clock === 'function' ? options.clock() : options.clock;
        database = await createTestDatabase(dialect, { clock });
      });
      after(async () => {
        await database?.dispose();
      });
      suite(() => {
        if (!database) throw new Error('base de test non prête');
        return database;
      });
    });
  }
}
