// Migration 0006 renames job types and audit actions in databases that already hold them: a job queued before the
// upgrade still finds its handler, and the audit log reads one vocabulary.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase } from '../../test/helpers/databases.ts';
import migration, { AUDIT_ACTIONS, JOB_TYPES } from './0006_one_name_per_concept.ts';

describeEachDatabase('migration 0006: one name per concept', (db) => {
  test('pending jobs and their unique keys take the new type names; other jobs are left alone', async () => {
    const job = (type: string, unique_key: string | null) => ({
      type,
      payload: '{}',
      status: 'pending' as const,
      run_at: '2026-01-01T00:00:00.000Z',
      unique_key,
      created_at: '2026-01-01T00:00:00.000Z',
      locked_until: null,
      locked_by: null,
      last_error: null,
      finished_at: null,
    });
    await db()
      .db.insertInto('jobs')
      .values([
        job('questionnaires.reminder', 'questionnaires.reminder:12:2026-02-01T08:00:00.000Z'),
        job('questionnaires.announce', 'questionnaires.announce:12'),
        job('library.mail', null),
        job('organisations.mail', null),
        job('some.other_job', 'questionnaires.reminderish'),
      ])
      .execute();
    await migration.up(db().db, db().dialect);
    const rows = await db().db.selectFrom('jobs').select(['type', 'unique_key']).orderBy('id').execute();
    assert.deepEqual(rows, [
      { type: 'questionnaires.send_reminder', unique_key: 'questionnaires.send_reminder:12:2026-02-01T08:00:00.000Z' },
      { type: 'questionnaires.send_invitations', unique_key: 'questionnaires.send_invitations:12' },
      { type: 'library.send_mail', unique_key: null },
      { type: 'organisations.send_mail', unique_key: null },
      { type: 'some.other_job', unique_key: 'questionnaires.reminderish' },
    ]);
  });

  test('audit actions take the <entity>.<past participle> form, and running it twice changes nothing more', async () => {
    const entries = Object.keys(AUDIT_ACTIONS).map((action) => ({
      at: '2026-01-01T00:00:00.000Z',
      actor_user_id: null,
      action,
      subject_type: 'x',
      subject_id: '1',
    }));
    await db().db.insertInto('audit_log').values(entries).execute();
    await migration.up(db().db, db().dialect);
    await migration.up(db().db, db().dialect);
    const actions = (await db().db.selectFrom('audit_log').select('action').orderBy('id').execute()).map(
      (r) => r.action,
    );
    assert.deepEqual(actions, Object.values(AUDIT_ACTIONS));
    assert.ok(Object.values(JOB_TYPES).every((t) => /^[a-z]+\.[a-z_]+$/.test(t)));
  });
});
