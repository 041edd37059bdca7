import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp, linkIn, type TestApp } from '../../../test/helpers/app.ts';
import { inputValue, newAgent, signedInAgent, tokenOf } from './test-support.ts';

const mailTo = (app: TestApp, email: string) => app.outbox().filter((m) => m.to.includes(email));

describeEachApp('Accounts: my account', (app) => {
  test('shows my name, address, role and authorities, with labelled forms for each change', async () => {
    const orgId = await app().createOrganisation({ name: 'Commune de Saint-Exemple' });
    const { agent } = await signedInAgent(app(), {
      email: 'agent@saint-exemple.fr',
      memberships: [{ organisationId: orgId, role: 'editor' }],
    });
    const res = await agent.get('/compte');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Mon compte<\/h1>/);
    assert.match(res.body, /agent@saint-exemple\.fr/);
    assert.match(res.body, /Utilisateur/);
    assert.match(res.body, /Commune de Saint-Exemple/);
    assert.match(res.body, /Rédaction \(éditeur\)/);
    for (const [action, autocomplete] of [
      ['/compte/nom', 'name'],
      ['/compte/courriel', 'email'],
      ['/compte/mot-de-passe', 'new-password'],
    ]) {
      assert.match(res.body, new RegExp(`<form method="post" action="${action}"`));
      assert.match(res.body, new RegExp(`autocomplete="${autocomplete}"`));
    }
    assert.match(res.body, /href="\/compte\/donnees\.json"/);
    assert.match(res.body, /href="\/compte\/supprimer"/);
  });

  test('changing my name: an empty name is refused with an error summary, a good one is saved', async () => {
    const { agent, user } = await signedInAgent(app(), { email: 'nom@saint-exemple.fr' });
    const empty = await agent.post('/compte/nom', { name: '   ' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /<a href="#champ-name">Saisissez votre nom/);
    const ok = await agent.post('/compte/nom', { name: '  Camille   Martin ' });
    assert.equal(ok.statusCode, 303);
    const page = await agent.get('/compte');
    assert.match(page.body, /Votre nom est enregistré/);
    assert.equal(inputValue(page.body, 'name'), 'Camille Martin');
    const row = await app()
      .server.platform.db.selectFrom('users')
      .select('name')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.name, 'Camille Martin');
  });

  test('changing my password needs the current one, closes my other sessions and keeps me signed in', async () => {
    const { agent, user } = await signedInAgent(app(), {
      email: 'mdp@saint-exemple.fr',
      password: 'mot de passe actuel 1',
    });
    const other = newAgent(app());
    await other.signInAs(user.email);

    const wrong = await agent.post('/compte/mot-de-passe', {
      currentPassword: 'pas le bon',
      newPassword: 'nouveau mot de passe 2',
    });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /<a href="#champ-currentPassword">Le mot de passe actuel est incorrect/);
    const weak = await agent.post('/compte/mot-de-passe', {
      currentPassword: 'mot de passe actuel 1',
      newPassword: 'court',
    });
    assert.equal(weak.statusCode, 422);
    assert.match(weak.body, /<a href="#champ-newPassword">Le mot de passe doit compter au moins 12 caractères/);

    const ok = await agent.post('/compte/mot-de-passe', {
      currentPassword: 'mot de passe actuel 1',
      newPassword: 'nouveau mot de passe 2',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal((await agent.get('/compte')).statusCode, 200, 'still signed in here');
    assert.equal((await other.get('/compte')).statusCode, 302, 'the other session was closed');
    assert.equal(mailTo(app(), user.email)[0]?.subject, 'Votre mot de passe a été modifié');
    assert.equal(
      (await newAgent(app()).post('/connexion', { email: user.email, password: 'nouveau mot de passe 2' })).statusCode,
      303,
    );
  });

  test('changing my address: a link goes to the new address, and the change happens only when it is used', async () => {
    const { agent, user } = await signedInAgent(app(), {
      email: 'ancienne@saint-exemple.fr',
      password: 'mot de passe actuel 1',
    });
    const wrong = await agent.post('/compte/courriel', {
      newEmail: 'nouvelle@saint-exemple.fr',
      currentPasswordForEmail: 'faux',
    });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Le mot de passe actuel est incorrect/);
    assert.equal(inputValue(wrong.body, 'newEmail'), 'nouvelle@saint-exemple.fr');

    const res = await agent.post('/compte/courriel', {
      newEmail: 'Nouvelle@Saint-Exemple.fr',
      currentPasswordForEmail: 'mot de passe actuel 1',
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Confirmez votre nouvelle adresse/);
    const [mail] = mailTo(app(), 'nouvelle@saint-exemple.fr');
    assert.ok(mail);
    const path = linkIn(mail, '/compte/courriel/confirmer');
    assert.match((await agent.get('/compte')).body, /ancienne@saint-exemple\.fr/, 'unchanged until confirmed');

    // The link is bound to the address it was sent to: changing it in the URL makes it invalid.
    const forged = path.replace('nouvelle%40saint-exemple.fr', 'pirate%40exemple.fr');
    assert.equal((await agent.get(forged)).statusCode, 410);

    assert.equal((await agent.get(path)).statusCode, 200);
    const done = await agent.post('/compte/courriel/confirmer', {
      jeton: tokenOf(path),
      courriel: 'nouvelle@saint-exemple.fr',
    });
    assert.equal(done.statusCode, 303);
    assert.match((await agent.get('/compte')).body, /nouvelle@saint-exemple\.fr/);
    assert.equal(mailTo(app(), user.email)[0]?.subject, 'Votre adresse électronique a été modifiée');
    assert.equal(
      (
        await newAgent(app()).post('/connexion', {
          email: 'nouvelle@saint-exemple.fr',
          password: 'mot de passe actuel 1',
        })
      ).statusCode,
      303,
    );
  });

  test('an address taken by someone else in the meantime cannot be confirmed', async () => {
    const { agent } = await signedInAgent(app(), {
      email: 'lente@saint-exemple.fr',
      password: 'mot de passe actuel 1',
    });
    await agent.post('/compte/courriel', {
      newEmail: 'convoitee@saint-exemple.fr',
      currentPasswordForEmail: 'mot de passe actuel 1',
    });
    const path = linkIn(mailTo(app(), 'convoitee@saint-exemple.fr')[0], '/compte/courriel/confirmer');
    await app().createUser({ email: 'convoitee@saint-exemple.fr' });
    const res = await agent.post('/compte/courriel/confirmer', {
      jeton: tokenOf(path),
      courriel: 'convoitee@saint-exemple.fr',
    });
    assert.equal(res.statusCode, 410);
    assert.match(res.body, /déjà celle d’un autre compte/);
    assert.match((await agent.get('/compte')).body, /lente@saint-exemple\.fr/);
  });

  test('downloading my data gives a JSON file with my account and authorities, without any secret', async () => {
    const orgId = await app().createOrganisation({ name: 'Communauté de communes du Test' });
    const { agent, user } = await signedInAgent(app(), {
      email: 'rgpd@saint-exemple.fr',
      memberships: [{ organisationId: orgId, role: 'member' }],
    });
    const res = await agent.get('/compte/donnees.json');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="mes-donnees\.json"/);
    const data = res.json();
    assert.equal(data.account.id, user.id);
    assert.equal(data.account.email, user.email);
    assert.equal(data.account.passwordSet, true);
    assert.ok(data.authorities.some((a: any) => a.name === 'Communauté de communes du Test' && a.role === 'member'));
    assert.doesNotMatch(res.body, /scrypt\$/, 'no password hash');
    assert.doesNotMatch(res.body, /password_hash|passwordHash/);
  });

  test('deleting my account needs an explicit confirmation; afterwards I am signed out and cannot sign in', async () => {
    const orgId = await app().createOrganisation({ name: 'Commune de Départ' });
    const { agent, user } = await signedInAgent(app(), {
      email: 'depart@saint-exemple.fr',
      memberships: [{ organisationId: orgId, role: 'member' }],
    });
    const page = await agent.get('/compte/supprimer');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<legend>Confirmation/);
    const unconfirmed = await agent.post('/compte/supprimer', {});
    assert.equal(unconfirmed.statusCode, 422);
    assert.match(unconfirmed.body, /<a href="#champ-confirm">Cochez la case/);

    const res = await agent.post('/compte/supprimer', { confirm: 'oui' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/');
    assert.match((await agent.get('/')).body, /Votre compte a été supprimé/);
    assert.equal((await agent.get('/compte')).statusCode, 302);
    const db = app().server.platform.db;
    assert.equal(await db.selectFrom('users').select('id').where('id', '=', user.id).executeTakeFirst(), undefined);
    const organisations = app().server.modules.api('organisations') as {
      authoritiesOf(userId: number): Promise<unknown[]>;
    };
    assert.deepEqual(await organisations.authoritiesOf(user.id), [], 'no membership left');
    assert.equal(
      (await newAgent(app()).post('/connexion', { email: user.email, password: user.password })).statusCode,
      422,
    );
    const log = await app().server.platform.audit.list({ limit: 5, offset: 0, subjectType: 'user' });
    assert.ok(log.rows.some((r) => r.action === 'user.deleted' && r.subjectId === String(user.id)));
  });

  test('the only administrator cannot delete their account', async () => {
    const admins = await app()
      .server.platform.db.selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .execute();
    assert.equal(admins.length, 0, 'no administrator yet in this suite');
    const { agent, user } = await signedInAgent(app(), { email: 'seul.admin@saint-exemple.fr', role: 'admin' });
    const res = await agent.post('/compte/supprimer', { confirm: 'oui' });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /seul administrateur/);
    assert.ok(
      await app().server.platform.db.selectFrom('users').select('id').where('id', '=', user.id).executeTakeFirst(),
    );
  });
});
