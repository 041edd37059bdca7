// Ids are never reused (issue 8, finding 5): a deleted row's id never goes to a new row, on either database; an
// existing SQLite database whose tables were declared without AUTOINCREMENT is rebuilt by migration 0007 with its
// rows, ids, indexes, triggers and foreign keys intact.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { describeEachDatabase } from '../../test/helpers/databases.ts';
import { openDatabase } from '../platform/db/index.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { rebuildSqliteTables, sqliteTablesWithReusableIds } from '../platform/db/rebuild.ts';
import { migrations, migrationsBefore } from './index.ts';

const AT = '2026-01-01T00:00:00.000Z';
const user = (email: string) => ({ email, name: email, created_at: AT, updated_at: AT });

describeEachDatabase('ids are never reused', (db) => {
  test('deleting the user with the largest id and adding another gives a new id, and old audit entries keep naming the old actor', async () => {
    const d = db().db;
    await d.insertInto('users').values(user('premiere@exemple.fr')).execute();
    const last = await d
      .insertInto('users')
      .values(user('partie@exemple.fr'))
      .returning('id')
      .executeTakeFirstOrThrow();
    await d
      .insertInto('audit_log')
      .values({
        at: AT,
        actor_user_id: last.id,
        action: 'use_case.published',
        subject_type: 'use_case',
        subject_id: '1',
      })
      .execute();
    await d.deleteFrom('users').where('id', '=', last.id).execute();
    const next = await d
      .insertInto('users')
      .values(user('nouvelle@exemple.fr'))
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.ok(next.id > last.id, `nouvel identifiant ${next.id}, ancien ${last.id}`);
    const actors = await d.selectFrom('audit_log').select('actor_user_id').execute();
    const named = await d.selectFrom('users').select('id').where('id', '=', actors[0]!.actor_user_id!).execute();
    assert.deepEqual(named, [], 'l’auteur supprimé ne désigne personne d’autre');
  });

  test('no table created by the migrations keeps ids SQLite could reuse', async () => {
    if (db().dialect !== 'sqlite') return;
    assert.deepEqual(await sqliteTablesWithReusableIds(db().db), []);
  });
});

describe('migration 0007 on a SQLite database made before AUTOINCREMENT', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bia-0007-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('every table gets AUTOINCREMENT, keeping rows, ids, indexes, triggers and foreign keys', async () => {
    const handle = openDatabase(`sqlite:${join(dir, 'old.db')}`);
    const d = handle.db;
    try {
      const upTo6 = migrationsBefore('0007');
      await migrateToLatest(d, 'sqlite', upTo6);
      // The schema as the migrations 0001–0006 wrote it before `withId` declared AUTOINCREMENT.
      const all = (
        await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and sql like '%autoincrement%'`.execute(d)
      ).rows.map((r) => r.name);
      await rebuildSqliteTables(d, all, (s) => s.replace(/ autoincrement/i, ''));
      await sql`delete from sqlite_sequence`.execute(d);
      const legacy = await sqliteTablesWithReusableIds(d);
      assert.ok(legacy.includes('users') && legacy.includes('memberships') && legacy.includes('audit_log'));

      const org = await d
        .insertInto('organisations')
        .values({ code: 'commune:49007', name: 'Angers', type: 'commune', created_at: AT, updated_at: AT })
        .returning('id')
        .executeTakeFirstOrThrow();
      const a = await d.insertInto('users').values(user('a@exemple.fr')).returning('id').executeTakeFirstOrThrow();
      const b = await d.insertInto('users').values(user('b@exemple.fr')).returning('id').executeTakeFirstOrThrow();
      await d
        .insertInto('memberships')
        .values({ user_id: a.id, organisation_id: org.id, role: 'editor', status: 'active', requested_at: AT })
        .execute();
      await d
        .insertInto('audit_log')
        .values({ at: AT, actor_user_id: b.id, action: 'x.done', subject_type: 'x', subject_id: '1' })
        .execute();
      // Without AUTOINCREMENT, SQLite gives the deleted largest id again: the failure the migration removes.
      await d.deleteFrom('users').where('id', '=', b.id).execute();
      const reused = await d.insertInto('users').values(user('c@exemple.fr')).returning('id').executeTakeFirstOrThrow();
      assert.equal(reused.id, b.id, 'la base d’avant réutilise l’identifiant');
      await d.deleteFrom('users').where('id', '=', reused.id).execute();
      const indexesBefore = (
        await sql<{
          name: string;
        }>`select name from sqlite_master where type in ('index', 'trigger') and name not like 'sqlite_autoindex%' order by name`.execute(
          d,
        )
      ).rows;

      await migrateToLatest(d, 'sqlite', migrations);

      assert.deepEqual(await sqliteTablesWithReusableIds(d), []);
      const counters = (await sql<{ name: string }>`select name from sqlite_sequence`.execute(d)).rows.map(
        (r) => r.name,
      );
      assert.ok(counters.includes('memberships') && !counters.some((n) => n.includes('__rebuilt')), counters.join());
      const indexesAfter = (
        await sql<{
          name: string;
        }>`select name from sqlite_master where type in ('index', 'trigger') and name not like 'sqlite_autoindex%' order by name`.execute(
          d,
        )
      ).rows;
      assert.deepEqual(
        indexesAfter.filter((i) => indexesBefore.some((b) => b.name === i.name)),
        indexesBefore,
        'index et déclencheurs conservés',
      );
      assert.deepEqual(await d.selectFrom('memberships').select(['user_id', 'organisation_id', 'role']).execute(), [
        { user_id: a.id, organisation_id: org.id, role: 'editor' },
      ]);
      // The foreign keys still hold: deleting the user cascades to the membership.
      assert.equal(
        Number((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(d)).rows[0]!.foreign_keys),
        1,
      );
      const next = await d.insertInto('users').values(user('d@exemple.fr')).returning('id').executeTakeFirstOrThrow();
      assert.ok(next.id > b.id, `nouvel identifiant ${next.id} après ${b.id}`);
      await d.deleteFrom('users').where('id', '=', a.id).execute();
      assert.deepEqual(await d.selectFrom('memberships').select('id').execute(), []);
      assert.equal((await d.selectFrom('organisations').select('id').execute()).length, 1);
      await assert.rejects(
        d.insertInto('memberships').values({ user_id: 999, organisation_id: org.id, requested_at: AT }).execute(),
        /FOREIGN KEY/,
      );
    } finally {
      await handle.close();
    }
  });
});
