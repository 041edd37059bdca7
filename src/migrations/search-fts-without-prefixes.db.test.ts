// Migration 0030: an existing SQLite database's FTS5 table loses its prefix indexes and is rebuilt from its content,
// so that whole stems, prefixes and phrases find exactly the documents they found before.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../platform/db/index.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { createSearchIndex } from '../platform/search/index.ts';
import { migrations, migrationsBefore } from './index.ts';

const DOCUMENTS = [
  { id: 1, title: 'Prévision des consommations d’eau', body: 'Le réseau d’eau potable est suivi par des capteurs.' },
  { id: 2, title: 'Détection des fuites', body: 'Les fuites du réseau sont repérées la nuit, quartier par quartier.' },
  { id: 3, title: 'Lecture des factures', body: 'Les factures scannées sont lues automatiquement par le service.' },
];
const QUERIES = ['réseau', 'fui', 'factures scannées', '"réseau d’eau"', 'cap', 'quartier nuit', 'zzz'];

describe('migration 0030 on a SQLite database indexed with prefix indexes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bia-0030-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the FTS5 table is rebuilt without prefix indexes and every query finds the same documents', async () => {
    const handle = openDatabase(`sqlite:${join(dir, 'old.db')}`);
    const d = handle.db;
    try {
      await migrateToLatest(d, 'sqlite', migrationsBefore('0030'));
      const ftsSql = async () =>
        (await sql<{ sql: string }>`select sql from sqlite_master where name = 'search_fts'`.execute(d)).rows[0]!.sql;
      assert.match(await ftsSql(), /prefix='2 3'/);
      const index = createSearchIndex(d, 'sqlite');
      await index.upsertMany(DOCUMENTS.map((doc) => ({ kind: 'use_case', ...doc })));
      const found = async () => {
        const out: Record<string, number[]> = {};
        for (const q of QUERIES) out[q] = [...((await index.matchIds('use_case', q)) ?? [])].sort();
        return out;
      };
      const before = await found();
      assert.deepEqual(before.fui, [2], 'un préfixe trouve « fuites »');
      assert.deepEqual(before.réseau, [1, 2]);

      await migrateToLatest(d, 'sqlite', migrations);

      assert.doesNotMatch(await ftsSql(), /prefix/);
      assert.deepEqual(await found(), before);
      // The triggers still feed the rebuilt table.
      await index.upsert({ kind: 'use_case', id: 4, title: 'Fuites de chaleur', body: 'Caméras thermiques.' });
      assert.deepEqual([...((await index.matchIds('use_case', 'fui')) ?? [])].sort(), [2, 4]);
      await index.remove('use_case', 2);
      assert.deepEqual([...((await index.matchIds('use_case', 'fui')) ?? [])], [4]);
    } finally {
      await handle.close();
    }
  });
});
