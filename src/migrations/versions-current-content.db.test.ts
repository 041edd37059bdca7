// Migration 0031 on a SQLite database with published versions: the table is rebuilt with a nullable content, and its
// rows, ids, unique numbers and cascade from the sheet stay as they were.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openDatabase } from '../platform/db/index.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { migrations, migrationsBefore } from './index.ts';

const AT = '2026-01-01T00:00:00.000Z';

describe('migration 0031 on a SQLite database with published versions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bia-0031-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('versions keep their rows and constraints, and a version may then hold no copy', async () => {
    const handle = openDatabase(`sqlite:${join(dir, 'old.db')}`);
    const d = handle.db;
    try {
      await migrateToLatest(d, 'sqlite', migrationsBefore('0031'));
      const org = await d
        .insertInto('organisations')
        .values({ code: 'commune:49007', name: 'Angers', type: 'commune', created_at: AT, updated_at: AT })
        .returning('id')
        .executeTakeFirstOrThrow();
      const sheet = await d
        .insertInto('use_cases')
        .values({
          slug: 'repas',
          organisation_id: org.id,
          state: 'published',
          content: '{"title":"Repas"}',
          created_at: AT,
          updated_at: AT,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const version = (number: number, content: string | null) => ({
        use_case_id: sheet.id,
        number,
        content,
        published_at: AT,
        published_by: null,
      });
      await d.insertInto('use_case_versions').values(version(1, '{"title":"Repas"}')).execute();
      await assert.rejects(d.insertInto('use_case_versions').values(version(2, null)).execute(), /NOT NULL/);

      await migrateToLatest(d, 'sqlite', migrations);

      assert.deepEqual(await d.selectFrom('use_case_versions').select(['id', 'number', 'content']).execute(), [
        { id: 1, number: 1, content: '{"title":"Repas"}' },
      ]);
      await d.insertInto('use_case_versions').values(version(2, null)).execute();
      await assert.rejects(d.insertInto('use_case_versions').values(version(2, null)).execute(), /UNIQUE/);
      await d.deleteFrom('use_cases').where('id', '=', sheet.id).execute();
      assert.deepEqual(await d.selectFrom('use_case_versions').select('id').execute(), []);
    } finally {
      await handle.close();
    }
  });
});
