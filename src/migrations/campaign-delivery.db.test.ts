// Migration 0009 on a database that already holds a campaign: the responses keep their ids, answers and files
// (SQLite rebuilds the table to drop the one-response-per-authority constraint), campaigns already there count as
// launched, invitations get their French sort key; afterwards an authority may have several numbered responses,
// each number once. Runs on SQLite and PostgreSQL, from a database migrated up to 0008.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import { TEST_DATABASE_URL, testDialects } from '../../test/helpers/databases.ts';
import { type Dialect, openDatabase } from '../platform/db/index.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { migrations, migrationsBefore } from './index.ts';

const before0009 = migrationsBefore('0009');
const at = '2026-01-05T10:00:00.000Z';

async function emptyDatabase(dialect: Dialect): Promise<{ url: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'bia-0009-'));
  if (dialect === 'sqlite')
    return {
      url: `sqlite:${join(dir, 'test.db')}`,
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  const name = `bia_0009_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async dispose() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

for (const dialect of testDialects) {
  describe(`migration 0009: campaigns that reach people [${dialect}]`, () => {
    test('an existing campaign keeps its responses and files, and then takes several responses per authority', async () => {
      const database = await emptyDatabase(dialect);
      const handle = openDatabase(database.url, { poolSize: 1 });
      // Untyped: the tables as they were before 0009 (the typed DB is today’s).
      const db = handle.db as any;
      try {
        await migrateToLatest(handle.db, handle.dialect, before0009);
        const org = await db
          .insertInto('organisations')
          .values({ code: 'test:ecully', name: 'Écully', type: 'commune', created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        const q = await db
          .insertInto('questionnaires')
          .values({ title: 'Q', draft: '{}', created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        const v = await db
          .insertInto('questionnaire_versions')
          .values({ questionnaire_id: q.id, number: 1, content: '{}', published_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        const c = await db
          .insertInto('campaigns')
          .values({
            questionnaire_id: q.id,
            version_id: v.id,
            title: 'Recensement 2025',
            opens_at: at,
            closes_at: '2026-02-01T00:00:00.000Z',
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db
          .insertInto('invitations')
          .values({
            campaign_id: c.id,
            organisation_id: org.id,
            organisation_name: 'Écully',
            organisation_type: 'commune',
            nonce: 'n',
            token_hash: 'h',
            expires_at: '2026-03-01T00:00:00.000Z',
            created_at: at,
          })
          .execute();
        const response = {
          campaign_id: c.id,
          version_id: v.id,
          organisation_id: org.id,
          answers: '{"nom_projet":"Chatbot"}',
          started_at: at,
          updated_at: at,
        };
        const first = Number(
          (await db.insertInto('responses').values(response).returning('id').executeTakeFirstOrThrow()).id,
        );
        await db
          .insertInto('response_files')
          .values({
            id: 'fichier-1',
            response_id: first,
            question_id: 'q',
            name: 'a.pdf',
            type: 'application/pdf',
            size: 3,
            content: Buffer.from('pdf'),
            created_at: at,
          })
          .execute();
        await assert.rejects(db.insertInto('responses').values(response).execute(), 'une seule réponse avant 0009');

        await migrateToLatest(handle.db, handle.dialect, migrations);

        const kept = await db.selectFrom('responses').selectAll().execute();
        assert.deepEqual(
          kept.map((r: Record<string, unknown>) => [Number(r.id), r.answers, Number(r.number)]),
          [[first, '{"nom_projet":"Chatbot"}', 1]],
        );
        const files = await db.selectFrom('response_files').select(['id', 'response_id']).execute();
        assert.deepEqual(
          files.map((f: Record<string, unknown>) => [f.id, Number(f.response_id)]),
          [['fichier-1', first]],
        );
        const campaign = await db.selectFrom('campaigns').selectAll().executeTakeFirstOrThrow();
        assert.deepEqual([campaign.launched_at, campaign.responses_mode], [at, 'one']);
        const invitation = await db.selectFrom('invitations').selectAll().executeTakeFirstOrThrow();
        assert.deepEqual([invitation.sort_key, Number(invitation.recipient_count)], ['ecully', -1]);

        // A second response of the same authority, numbered 2; the same number twice is refused.
        await db
          .insertInto('responses')
          .values({ ...response, number: 2 })
          .execute();
        await assert.rejects(
          db
            .insertInto('responses')
            .values({ ...response, number: 2 })
            .execute(),
        );
        // Deleting the campaign still removes its responses and their files (foreign keys kept).
        await db.deleteFrom('campaigns').execute();
        assert.equal((await db.selectFrom('response_files').selectAll().execute()).length, 0);
      } finally {
        await handle.close();
        await database.dispose();
      }
    });
  });
}
