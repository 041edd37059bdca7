// `backup` and `restore` through the real command line, on SQLite and PostgreSQL (issue 8, finding 14): the backup
// file is readable by its owner only, pg_dump gets the password through its environment and never its command
// line, a backup restores into an empty database, a database that is not empty is only replaced with --force, and
// every refusal says why in French.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { main } from '../../src/cli.ts';
import { backupDatabase } from '../../src/platform/db/backup.ts';
import { openDatabase } from '../../src/platform/db/index.ts';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase, testDialects } from '../helpers/databases.ts';

/** Runs a command with DATABASE_URL set, capturing what it prints. */
async function run(databaseUrl: string, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error, saved] = [console.log, console.error, process.env.DATABASE_URL];
  console.log = (...a: unknown[]) => out.push(a.join(' '));
  console.error = (...a: unknown[]) => err.push(a.join(' '));
  process.env.DATABASE_URL = databaseUrl;
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
    process.env.DATABASE_URL = saved;
  }
}

/** A brand-new empty database of the dialect (no table at all); its URL and how to drop it. */
async function emptyDatabase(dialect: 'sqlite' | 'postgres', dir: string, name: string) {
  if (dialect === 'sqlite') return { url: `sqlite:${join(dir, `${name}.db`)}`, drop: async () => {} };
  const db = `bia_restore_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${db} with (force)`);
  await admin.query(`create database ${db}`);
  await admin.end();
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${db}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${db} with (force)`);
      await c.end();
    },
  };
}

async function emails(url: string): Promise<string[]> {
  const handle = openDatabase(url);
  try {
    return (await handle.db.selectFrom('users').select('email').orderBy('email').execute()).map((r) => r.email);
  } finally {
    await handle.close();
  }
}

const AT = '2026-01-01T00:00:00.000Z';

for (const dialect of testDialects) {
  describe(`backup and restore [${dialect}]`, () => {
    let source: TestDatabase;
    let dir: string;
    const saved = { ...process.env };
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'bia-restore-'));
      process.env.SESSION_SECRET = 'x'.repeat(40);
      process.env.DATA_DIR = dir;
      process.env.LOG_LEVEL = 'silent';
      source = await createTestDatabase(dialect);
      await source.db
        .insertInto('users')
        .values({ email: 'sauvegardee@exemple.fr', name: 'Sauvegardée', created_at: AT, updated_at: AT })
        .execute();
    });
    after(async () => {
      process.env = saved;
      await source.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    test('a backup is written readable by its owner only, and restores into an empty database', async () => {
      const file = join(dir, 'sauvegarde.bak');
      const backup = await run(source.url, ['backup', '--out', file]);
      assert.equal(backup.code, 0, backup.err);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const target = await emptyDatabase(dialect, dir, 'vide');
      try {
        const restored = await run(target.url, ['restore', '--in', file]);
        assert.equal(restored.code, 0, restored.err);
        assert.match(restored.out, /Sauvegarde restaurée : \d+ tables/);
        assert.deepEqual(await emails(target.url), ['sauvegardee@exemple.fr']);
      } finally {
        await target.drop();
      }
    });

    test('a database that is not empty is replaced only with --force', async () => {
      const file = join(dir, 'sauvegarde-force.bak');
      assert.equal((await run(source.url, ['backup', '--out', file])).code, 0);
      const target = await createTestDatabase(dialect);
      try {
        await target.db
          .insertInto('users')
          .values({ email: 'deja-la@exemple.fr', name: 'Déjà là', created_at: AT, updated_at: AT })
          .execute();
        await target.close();
        const refused = await run(target.url, ['restore', '--in', file]);
        assert.equal(refused.code, 1);
        assert.match(refused.err, /La base de destination n’est pas vide \(\d+ tables, dont « .+ »\).*--force/);
        assert.deepEqual(await emails(target.url), ['deja-la@exemple.fr'], 'nothing changed');
        const forced = await run(target.url, ['restore', '--in', file, '--force']);
        assert.equal(forced.code, 0, forced.err);
        assert.deepEqual(await emails(target.url), ['sauvegardee@exemple.fr']);
      } finally {
        await target.dispose().catch(() => {});
      }
    });

    test('a missing file, a file that is no backup and a backup of the other database are refused in French', async () => {
      const target = await emptyDatabase(dialect, dir, 'erreurs');
      try {
        const missing = await run(target.url, ['restore', '--in', join(dir, 'absente.bak')]);
        assert.equal(missing.code, 1);
        assert.match(missing.err, /Fichier de sauvegarde introuvable/);
        writeFileSync(join(dir, 'texte.bak'), 'ceci n’est pas une sauvegarde');
        const notBackup = await run(target.url, ['restore', '--in', join(dir, 'texte.bak')]);
        assert.match(notBackup.err, /n’est pas une sauvegarde de ce logiciel/);
        const other = join(dir, dialect === 'sqlite' ? 'autre.dump' : 'autre.db');
        writeFileSync(other, dialect === 'sqlite' ? 'PGDMP\u0001\u000e' : 'SQLite format 3\u0000 et la suite');
        const wrongKind = await run(target.url, ['restore', '--in', other]);
        assert.match(wrongKind.err, /Cette sauvegarde vient d’une base (SQLite|PostgreSQL)/);
        const usage = await run(target.url, ['restore']);
        assert.equal(usage.code, 2);
        assert.match(usage.err, /--in FICHIER est obligatoire/);
      } finally {
        await target.drop();
      }
    });
  });
}

describe('pg_dump and the password', () => {
  test('pg_dump gets the password through PGPASSWORD, never on its command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bia-pgdump-'));
    const saved = process.env.PATH;
    try {
      // A stand-in pg_dump that records what any user of the machine could read (its arguments) and its password.
      const tool = join(dir, 'pg_dump');
      writeFileSync(
        tool,
        `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/argv"\nprintf '%s' "$PGPASSWORD" > "${dir}/password"\n`,
      );
      chmodSync(tool, 0o755);
      process.env.PATH = `${dir}:${saved}`;
      await backupDatabase('postgres://gestion:tr%C3%A8s-secret@db.exemple.fr:5433/bibliotheque', join(dir, 'b.dump'));
      const argv = readFileSync(join(dir, 'argv'), 'utf8');
      assert.doesNotMatch(argv, /secret/);
      assert.doesNotMatch(argv, /postgres:\/\//);
      assert.equal(readFileSync(join(dir, 'password'), 'utf8'), 'très-secret');
      assert.equal(statSync(join(dir, 'b.dump')).mode & 0o777, 0o600);
    } finally {
      process.env.PATH = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
