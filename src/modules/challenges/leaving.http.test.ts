// Leaving a challenge, on both databases: an organisation leaves an open challenge through its editor (audited as
// challenge.left); another authority's editor may not withdraw it; once published, the participants stay as they were
// (see workflow.http.test.ts). The porteurs' editors are told by mail (job queue) when a body joins or leaves.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { challengeForm, challengeIdIn, mailsTo } from './test-support.ts';

describeEachApp('challenges: leaving', (app) => {
  let orgA: string;
  let orgB: number;
  let editorA: TestAgent;
  let editorB: TestAgent;
  let coordinator: TestAgent;
  let visitor: TestAgent;

  before(async () => {
    const a = await app().createOrganisation({ name: 'Ville des Sources', type: 'commune', siren: '213502388' });
    orgB = await app().createOrganisation({ name: 'Agglo du Littoral', type: 'epci', siren: '200046977' });
    editorA = await app().signedIn({
      email: 'resp@sources.fr',
      memberships: [{ organisationId: a, role: 'editor' }],
    });
    orgA = String(a);
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

  test('the porteurs’ editors are told by mail when a body joins or leaves; the body itself is not', async () => {
    const made = await editorA.post('/defis/nouveau', challengeForm({ titre: 'Défi des porteurs', porte_par: orgA }));
    const id = challengeIdIn(made.headers.location);
    const joined = await editorB.post(`/defis/${id}/participer`, {
      organisme: String(orgB),
      role: 'contributor',
      apport: 'Des relevés de fréquentation.',
    });
    assert.equal(joined.statusCode, 302);
    assert.equal(mailsTo(app(), /Défi des porteurs : Agglo du Littoral rejoint le défi/).size, 0, 'queued, not sent');
    await app().server.runJobs();
    const joinMails = mailsTo(app(), /^\[Défi\] Défi des porteurs : Agglo du Littoral rejoint le défi$/);
    assert.deepEqual([...joinMails.keys()], ['resp@sources.fr']);
    assert.match(
      joinMails.get('resp@sources.fr')!,
      /« Agglo du Littoral » rejoint le défi « Défi des porteurs » comme contributeur/,
    );
    assert.match(joinMails.get('resp@sources.fr')!, /Ce qu’il apporte : Des relevés de fréquentation\./);
    assert.equal((await editorB.post(`/defis/${id}/quitter`, { organisme: String(orgB) })).statusCode, 302);
    await app().server.runJobs();
    const leaveMails = mailsTo(app(), /^\[Défi\] Défi des porteurs : Agglo du Littoral quitte le défi$/);
    assert.deepEqual([...leaveMails.keys()], ['resp@sources.fr']);
    assert.match(
      leaveMails.get('resp@sources.fr')!,
      /ne participe plus au défi « Défi des porteurs » \(il y était contributeur\)/,
    );
  });
});
