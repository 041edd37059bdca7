import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { newAgent, signedInAgent } from './test-support.ts';

describeEachApp('Accounts: administration of users', (app) => {
  test('the users list searches by name or address and is paginated', async () => {
    const { agent } = await signedInAgent(app(), { email: 'admin.liste@reseau.fr', role: 'admin' });
    for (let i = 1; i <= 30; i++)
      await app().createUser({ email: `agent${String(i).padStart(2, '0')}@ville-pagination.fr` });
    await app().createUser({ email: 'cent_pour_cent@ville.fr' });

    const first = await agent.get('/admin/utilisateurs?q=pagination');
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /30 comptes pour « pagination »/);
    assert.equal((first.body.match(/href="\/admin\/utilisateurs\/\d+"/g) ?? []).length, 25);
    assert.match(first.body, /<nav class="pagination" aria-label="Pagination">/);
    assert.match(first.body, /href="\/admin\/utilisateurs\?q=pagination&amp;page=2"/);
    const second = await agent.get('/admin/utilisateurs?q=pagination&page=2');
    assert.equal((second.body.match(/href="\/admin\/utilisateurs\/\d+"/g) ?? []).length, 5);

    // Search is case-insensitive and treats % and _ literally.
    assert.match((await agent.get('/admin/utilisateurs?q=AGENT07')).body, /agent07@ville-pagination\.fr/);
    const literal = await agent.get('/admin/utilisateurs?q=t_p');
    assert.match(literal.body, /cent_pour_cent@ville\.fr/);
    assert.match(literal.body, /1 compte pour/);
    assert.match((await agent.get('/admin/utilisateurs?q=%25%25%25')).body, /Aucun compte ne correspond/);
  });

  test('changing a role is saved and written to the audit log in the same transaction', async () => {
    const { agent, user: admin } = await signedInAgent(app(), { email: 'admin.roles@reseau.fr', role: 'admin' });
    const target = await app().createUser({ email: 'future.coordinatrice@reseau.fr' });
    const page = await agent.get(`/admin/utilisateurs/${target.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<legend>Rôle/);
    assert.match(page.body, /type="radio"[^>]*name="role" value="coordinator"/);

    const res = await agent.post(`/admin/utilisateurs/${target.id}/role`, { role: 'coordinator' });
    assert.equal(res.statusCode, 303);
    const after = await agent.get(`/admin/utilisateurs/${target.id}`);
    assert.match(after.body, /Le rôle est enregistré/);
    const row = await app()
      .server.platform.db.selectFrom('users')
      .select('role')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.role, 'coordinator');

    const log = await app().server.platform.audit.list({ limit: 5, offset: 0, subjectType: 'user' });
    const entry = log.rows.find((r) => r.action === 'user.role_changed' && r.subjectId === String(target.id));
    assert.ok(entry);
    assert.equal(entry.actorUserId, admin.id);
    assert.deepEqual(entry.details, { from: 'user', to: 'coordinator' });

    const journal = await agent.get('/admin/journal');
    assert.equal(journal.statusCode, 200);
    assert.match(journal.body, /Rôle modifié/);
    assert.match(journal.body, /Utilisateur → Coordination du réseau/);
    assert.match(journal.body, /admin\.roles@reseau\.fr/);

    const invalid = await agent.post(`/admin/utilisateurs/${target.id}/role`, { role: 'roi' });
    assert.equal(invalid.statusCode, 422);
    assert.match(invalid.body, /<a href="#champ-role">Choisissez un rôle dans la liste/);
  });

  test('an administrator cannot remove their own administrator role', async () => {
    const { agent, user } = await signedInAgent(app(), { email: 'admin.soi@reseau.fr', role: 'admin' });
    const res = await agent.post(`/admin/utilisateurs/${user.id}/role`, { role: 'user' });
    assert.equal(res.statusCode, 422);
    assert.match(
      res.body,
      /Vous ne pouvez pas retirer votre propre rôle d&#39;administrateur|Vous ne pouvez pas retirer votre propre rôle d'administrateur/,
    );
    const row = await app()
      .server.platform.db.selectFrom('users')
      .select('role')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.role, 'admin');
    assert.equal((await agent.get('/admin')).statusCode, 200);
  });

  test('disabling an account closes its sessions and refuses sign-in; enabling gives access back; both are audited', async () => {
    const { agent } = await signedInAgent(app(), { email: 'admin.acces@reseau.fr', role: 'admin' });
    const target = await app().createUser({ email: 'a.desactiver@ville.fr' });
    const targetAgent = newAgent(app());
    await targetAgent.signInAs(target.email);
    assert.equal((await targetAgent.get('/compte')).statusCode, 200);

    assert.equal((await agent.post(`/admin/utilisateurs/${target.id}/desactiver`)).statusCode, 303);
    assert.equal((await targetAgent.get('/compte')).statusCode, 302, 'session closed');
    const signIn = await newAgent(app()).post('/connexion', { email: target.email, password: target.password });
    assert.equal(signIn.statusCode, 422);
    assert.match(signIn.body, /désactivé/);
    const page = await agent.get(`/admin/utilisateurs/${target.id}`);
    assert.match(page.body, /Désactivé depuis le/);
    assert.match(page.body, /action="\/admin\/utilisateurs\/\d+\/reactiver"/);

    assert.equal((await agent.post(`/admin/utilisateurs/${target.id}/reactiver`)).statusCode, 303);
    assert.equal(
      (await newAgent(app()).post('/connexion', { email: target.email, password: target.password })).statusCode,
      303,
    );

    const log = await app().server.platform.audit.list({ limit: 10, offset: 0, subjectType: 'user' });
    const actions = log.rows.filter((r) => r.subjectId === String(target.id)).map((r) => r.action);
    assert.deepEqual(actions, ['user.enabled', 'user.disabled']);
  });

  test('an administrator cannot disable their own account', async () => {
    const { agent, user } = await signedInAgent(app(), { email: 'admin.nodisable@reseau.fr', role: 'admin' });
    const page = await agent.get(`/admin/utilisateurs/${user.id}`);
    assert.doesNotMatch(page.body, /\/desactiver"/, 'no button offered');
    const res = await agent.post(`/admin/utilisateurs/${user.id}/desactiver`);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Vous ne pouvez pas désactiver votre propre compte/);
    assert.equal((await agent.get('/admin')).statusCode, 200);
  });

  test('an unknown user id gives a French 404', async () => {
    const { agent } = await signedInAgent(app(), { email: 'admin.404@reseau.fr', role: 'admin' });
    const res = await agent.get('/admin/utilisateurs/999999');
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /Ce compte n&#39;existe pas|Ce compte n'existe pas/);
    assert.equal((await agent.get('/admin/utilisateurs/abc')).statusCode, 404);
  });

  test('the mail outbox lists messages and shows one; the dashboard links every admin page', async () => {
    const { agent } = await signedInAgent(app(), { email: 'admin.courriels@reseau.fr', role: 'admin' });
    await newAgent(app()).post('/mot-de-passe-oublie', { email: 'admin.courriels@reseau.fr' });
    await app().server.runJobs(); // the link is mailed by a job
    const dashboard = await agent.get('/admin');
    assert.equal(dashboard.statusCode, 200);
    for (const href of ['/admin/utilisateurs', '/admin/journal', '/admin/courriels']) {
      assert.match(dashboard.body, new RegExp(`href="${href}"`));
    }
    assert.match(dashboard.body, /boîte d’envoi locale/);

    const list = await agent.get('/admin/courriels');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Choisir un nouveau mot de passe/);
    const id = /href="\/admin\/courriels\/([\w-]+)"/.exec(list.body)?.[1];
    assert.ok(id);
    const message = await agent.get(`/admin/courriels/${id}`);
    assert.equal(message.statusCode, 200);
    assert.match(message.body, /<pre class="mail-text">/);
    assert.match(message.body, /\/mot-de-passe\/nouveau\?jeton=/);
    assert.equal((await agent.get('/admin/courriels/..%2F..%2Fetc%2Fpasswd')).statusCode, 404);
    assert.equal((await agent.get('/admin/courriels/inconnu')).statusCode, 404);
  });
});

describeEachApp(
  'Accounts: outbox page when mail goes through SMTP',
  (app) => {
    test('says that messages are not kept here', async () => {
      const { agent } = await signedInAgent(app(), { email: 'admin.smtp@reseau.fr', role: 'admin' });
      const res = await agent.get('/admin/courriels');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /serveur SMTP configuré/);
    });
  },
  { SMTP_URL: 'smtp://127.0.0.1:1' },
);
