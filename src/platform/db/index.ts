import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';

export type Dialect = 'sqlite' | 'postgres';

/** A Kysely instance plus what the rest of the code needs to know about its backend. */
export interface DbHandle<DB = any> {
  db: Kysely<DB>;
  dialect: Dialect;
  url: string;
  /** The raw better-sqlite3 connection (sqlite only): backup API, pragmas. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// pg returns int8/numeric as strings by default; counts and sums fit safely in a JS number here.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export function dialectOf(url: string): Dialect {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  throw new Error(`DATABASE_URL non reconnue : « ${url} » (attendu sqlite:chemin ou postgres://…)`);
}

export function sqlitePath(url: string): string {
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  if (!path) throw new Error('DATABASE_URL sqlite sans chemin de fichier');
  return path;
}

/**
 * Prepared statements kept per connection, by their SQL text. A prepared statement takes about 45 times its text in
 * memory (a 200-row insert: 6 KB of SQL, 280 KB prepared): the cache is bounded by the total length of the texts it
 * holds (≈ 10 MB prepared), and longer statements are never kept.
 */
const KEPT_TEXT_TOTAL = 200_000;
const KEPT_TEXT_MAX = 16_000;

/**
 * The connection as Kysely sees it, with its prepared statements kept (least recently used dropped first): Kysely
 * prepares every query it runs, and preparing costs about as much as running a small insert (imports run the same
 * statements thousands of times). A statement still being iterated (a streamed query) is never handed out twice.
 */
function keepingStatements(sqlite: SQLite.Database) {
  const kept = new Map<string, SQLite.Statement>();
  let total = 0;
  return {
    prepare(text: string): SQLite.Statement {
      const known = kept.get(text);
      if (known?.busy) return sqlite.prepare(text);
      if (known) {
        kept.delete(text);
        kept.set(text, known);
        return known;
      }
      const statement = sqlite.prepare(text);
      if (text.length > KEPT_TEXT_MAX) return statement;
      kept.set(text, statement);
      total += text.length;
      while (total > KEPT_TEXT_TOTAL) {
        const oldest = kept.keys().next().value as string;
        kept.delete(oldest);
        total -= oldest.length;
      }
      return statement;
    },
    close(): void {
      kept.clear();
      sqlite.close();
    },
  };
}

/**
 * Opens the database named by a DATABASE_URL.
 * SQLite: WAL journal, synchronous=FULL (a write the user was told about survives a crash or power loss),
 * foreign keys on, busy timeout so that a second process waits instead of failing.
 */
export function openDatabase<DB = any>(url: string, options: { poolSize?: number } = {}): DbHandle<DB> {
  const dialect = dialectOf(url);
  if (dialect === 'sqlite') {
    const path = sqlitePath(url);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: keepingStatements(sqlite) }) });
    return {
      db,
      dialect,
      url,
      sqlite,
      close: async () => {
        await db.destroy();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle connection dropped by the server (restart, failover, database dropped) must not crash the process:
  // the pool discards it and the next query opens a new one.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect,
    url,
    close: async () => {
      await db.destroy();
    },
  };
}

/** Whether `query` finds a row (it stops at the first one). */
export async function hasRow(query: { limit(n: number): { executeTakeFirst(): Promise<unknown> } }): Promise<boolean> {
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** True when the database answers a trivial query. */
export async function ping(db: Kysely<any>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** ISO-8601 UTC timestamp: the one representation of instants in every table (text, sortable, portable). */
export function now(): string {
  return new Date().toISOString();
}
