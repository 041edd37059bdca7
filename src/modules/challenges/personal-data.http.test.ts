// RGPD for challenges, on both databases: a person's export lists the challenges they stated, the news they posted,
// the organisations they registered and the stages they moved; deleting the account keeps all of it (the
// challenge's record) without the user's id anywhere in the challenges tables.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import './tables.ts';
import { challengeForm, challengeIdIn } from './test-support.ts';

describeEachApp('challenges: personal data', (app) => {
  test('exported, then forgotten when the account is deleted; the challenge stays', async () => {
    const orgId = await app().createOrganisation({ name: 'Commune RGPD', type: 'commune', siren: '213502388' });
    const other = await app().createOrganisation({ name: 'Agglo RGPD', type: 'epci', siren: '200046977' });
    const author = await app().signedIn({
      email: 'auteur@rgpd.fr',
      memberships: [
        { organisationId: orgId, role: 'editor' },
        { organisationId: other, role: 'editor' },
      ],
    });
    const id = challengeIdIn(
      (await author.post('/defis/nouveau', challengeForm({ porte_par: String(orgId) }))).headers.location,
    );
    assert.equal(
      (await author.post(`/defis/${id}/participer`, { organisme: String(other), role: 'observer' })).statusCode,
      302,
    );
    assert.equal(
      (await author.post(`/defis/${id}/actualites`, { titre: 'Lancement', texte: 'C’est parti.' })).statusCode,
      302,
    );
    assert.equal((await author.post(`/defis/${id}/etape`, { etape: 'scoping' })).statusCode, 302);

    const exported = (await author.get('/compte/donnees.json')).json().challenges;
    assert.deepEqual(
      exported.challenges.map((c: { id: number; title: string }) => [Number(c.id), c.title]),
      [[id, 'Prévoir la fréquentation des piscines']],
    );
    assert.deepEqual(
      exported.news.map((n: { title: string }) => n.title),
      ['Lancement'],
    );
    assert.deepEqual(
      exported.registrations
        .map((r: { organisation_id: number; role: string }) => [Number(r.organisation_id), r.role])
        .sort(),
      [
        [orgId, 'lead'],
        [other, 'observer'],
      ].sort(),
    );
    assert.deepEqual(exported.stageChanges.map((s: { stage: string }) => s.stage).sort(), [
      'call_for_interest',
      'scoping',
    ]);

    const deleted = await author.post('/compte/supprimer', { confirm: 'oui' });
    assert.equal(deleted.statusCode, 303, deleted.body);
    assert.equal((await app().agent().get(`/defis/${id}`)).statusCode, 200, 'the challenge is kept');
    const db = app().server.platform.db;
    const row = await db
      .selectFrom('challenges')
      .select(['created_by', 'updated_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { created_by: null, updated_by: null });
    const traces = await Promise.all([
      db.selectFrom('challenge_news').select('created_by as by').where('challenge_id', '=', id).execute(),
      db.selectFrom('challenge_participants').select('joined_by as by').where('challenge_id', '=', id).execute(),
      db.selectFrom('challenge_stages').select('changed_by as by').where('challenge_id', '=', id).execute(),
    ]);
    assert.deepEqual(
      traces.map((rows) => rows.map((r) => r.by)),
      [[null], [null, null], [null, null]],
    );
  });
});
