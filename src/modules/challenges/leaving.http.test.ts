// Leaving a challenge, on both databases: an organisation leaves an open challenge through its editor (audited as
// challenge.left); another authority's editor may not withdraw it; once published, the participants stay as they were
// (see workflow.http.test.ts).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { challengeForm, challengeIdIn } from './test-support.ts';

describeEachApp('challenges: leaving', (app) => {
  let orgB: number;
  let editorA: TestAgent;
  let editorB: TestAgent;
  let coordinator: TestAgent;
  let visitor: TestAgent;

  before(async () => {
    const orgA = await app().createOrganisation({ name: 'Ville des Sources', type: 'commune', siren: '213502388' });
    orgB = await app().createOrganisation({ name: 'Agglo du Littoral', type: 'epci', siren: '200046977' });
    editorA = await app().signedIn({
      email: 'resp@sources.fr',
      memberships: [{ organisationId: orgA, role: 'editor' }],
    });
    editorB = await app().signedIn({
      email: 'resp@littoral.fr',
      memberships: [{ organisationId: orgB, role: 'editor' }],
    });
    coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
    visitor = app().agent();
  });

  test('an organisation leaves an open challenge through its editor only', async () => {
    const made = await coordinator.post('/defis/nouveau', challengeForm({ titre: 'Défi ouvert', porte_par: '' }));
    const open = challengeIdIn(made.headers.location);
    assert.equal(
      (await editorB.post(`/defis/${open}/participer`, { organisme: String(orgB), role: 'observer' })).statusCode,
      302,
    );
    assert.equal((await editorA.post(`/defis/${open}/quitter`, { organisme: String(orgB) })).statusCode, 403);
    assert.equal((await editorB.post(`/defis/${open}/quitter`, { organisme: String(orgB) })).statusCode, 302);
    assert.deepEqual((await visitor.get(`/api/v1/challenges/${open}`)).json().participants, []);
    const actions = (
      await app()
        .server.platform.db.selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', String(open))
        .where('subject_type', '=', 'challenge')
        .execute()
    ).map((a) => a.action);
    assert.deepEqual(actions, ['challenge.created', 'challenge.joined', 'challenge.left']);
  });
});
