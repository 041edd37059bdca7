/**
 * Backups and restores of the configured database (`backup` and `restore` commands).
 * - SQLite: a consistent copy through SQLite's online backup API (the site may keep running); restored the same way.
 * - PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore`. The password goes to both through the
 *   environment (PGPASSWORD), never their command line, which every user of the machine can read (ps).
 * Backup files hold every account: they are written readable by their owner only (0600).
 * A restore refuses to overwrite a database that already holds tables, unless `force` is given.
 */
import { execFile } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { type Dialect, dialectOf, sqlitePath } from './index.ts';

const run = promisify(execFile);

/** A backup or restore that cannot be done, with the French reason (the CLI prints it, exit code 1). */
export class BackupError extends Error {}

/** PostgreSQL connection settings as libpq environment variables (the URL stays off the command line). */
export function postgresEnvironment(url: string): { env: NodeJS.ProcessEnv; database: string } {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'PGDATABASE', 'PGSSLMODE']) delete env[name];
  if (u.hostname) env.PGHOST = decodeURIComponent(u.hostname);
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  if (database) env.PGDATABASE = database;
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return { env, database };
}

/** An empty file readable and writable by its owner only, replacing any file at `path`. */
function privateFile(path: string): void {
  rmSync(path, { force: true });
  writeFileSync(path, '', { mode: 0o600 });
  chmodSync(path, 0o600);
}

async function tool(command: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(command, args, { env, maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') {
      throw new BackupError(
        `${command} est introuvable : installez les outils clients de PostgreSQL (paquet postgresql-client).`,
      );
    }
    throw new BackupError(`${command} a échoué : ${(err.stderr || err.message).trim()}`);
  }
}

/** Writes a backup of the database at `url` to `out` (mode 0600). */
export async function backupDatabase(url: string, out: string): Promise<void> {
  const dialect = dialectOf(url);
  const previous = process.umask(0o077);
  try {
    privateFile(out);
    if (dialect === 'sqlite') {
      const path = sqlitePath(url);
      if (!existsSync(path)) throw new BackupError(`La base SQLite « ${path} » n’existe pas : rien à sauvegarder.`);
      const source = new SQLite(path, { readonly: true, fileMustExist: true });
      try {
        await source.backup(out);
      } finally {
        source.close();
      }
    } else {
      const { env } = postgresEnvironment(url);
      await tool('pg_dump', ['--format=custom', '--no-owner', `--file=${out}`], env);
    }
    chmodSync(out, 0o600);
  } catch (e) {
    rmSync(out, { force: true });
    throw e;
  } finally {
    process.umask(previous);
  }
}

/** What the first bytes of a backup file say it is. */
function formatOf(file: string): Dialect | null {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n >= 16 && head.toString('latin1') === 'SQLite format 3\u0000') return 'sqlite';
    if (n >= 5 && head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The tables already in the database at `url` (empty: a restore may write there). */
async function existingTables(url: string): Promise<string[]> {
  if (dialectOf(url) === 'sqlite') {
    const path = sqlitePath(url);
    if (!existsSync(path) || statSync(path).size === 0) return [];
    const db = new SQLite(path, { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all();
      return (rows as { name: string }[]).map((r) => r.name);
    } finally {
      db.close();
    }
  }
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new BackupError(`Connexion impossible à la base PostgreSQL de destination : ${(e as Error).message}`);
  }
  try {
    const r = await client.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = 'public'`,
    );
    return r.rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

async function emptyPostgres(url: string): Promise<void> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop schema if exists public cascade');
    await client.query('create schema public');
  } finally {
    await client.end();
  }
}

/**
 * Restores the backup `file` into the database at `url`: refused when that database already holds tables, unless
 * `force` (then its content is replaced; stop the site first). Returns the number of tables restored.
 */
export async function restoreDatabase(url: string, file: string, options: { force?: boolean } = {}): Promise<number> {
  const dialect = dialectOf(url);
  if (!existsSync(file) || !statSync(file).isFile())
    throw new BackupError(`Fichier de sauvegarde introuvable : ${file}`);
  const format = formatOf(file);
  if (!format) {
    throw new BackupError(
      `« ${file} » n’est pas une sauvegarde de ce logiciel (ni une base SQLite, ni un fichier pg_dump au format custom).`,
    );
  }
  if (format !== dialect) {
    const names = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
    throw new BackupError(
      `Cette sauvegarde vient d’une base ${names[format]} et la base de destination (DATABASE_URL) est ${names[dialect]} : restaurez-la dans une base ${names[format]}.`,
    );
  }
  const tables = await existingTables(url);
  if (tables.length && !options.force) {
    throw new BackupError(
      `La base de destination n’est pas vide (${tables.length} table${tables.length > 1 ? 's' : ''}, dont « ${tables[0]} ») : la restauration la remplacerait. Arrêtez le site et relancez avec --force pour remplacer son contenu, ou choisissez une base vide.`,
    );
  }
  if (dialect === 'sqlite') {
    const path = sqlitePath(url);
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
    const source = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      const check = source.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new BackupError(`La sauvegarde « ${file} » est endommagée : ${String(check)}`);
      await source.backup(path);
    } finally {
      source.close();
    }
  } else {
    if (tables.length) await emptyPostgres(url);
    const { env, database } = postgresEnvironment(url);
    await tool('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${database}`, file], env);
  }
  return (await existingTables(url)).length;
}
