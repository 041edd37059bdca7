import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';

describeEachApp('coordination hub', (app) => {
  test('visitors are sent to sign in, plain users are refused, coordinators and admins see every task', async () => {
    const visitor = await app().agent().get('/coordination');
    assert.equal(visitor.statusCode, 302);
    assert.match(String(visitor.headers.location), /^\/connexion\?retour=/);

    const user = await app().signedIn({ email: 'agent@commune.fr' });
    assert.equal((await user.get('/coordination')).statusCode, 403);

    for (const role of ['coordinator', 'admin'] as const) {
      const agent = await app().signedIn({ email: `${role}@reseau.fr`, role });
      const page = await agent.get('/coordination');
      assert.equal(page.statusCode, 200);
      for (const href of [
        '/coordination/fiches',
        '/coordination/questionnaires',
        '/coordination/campagnes',
        '/collectivites/demandes',
      ]) {
        assert.ok(page.body.includes(`href="${href}"`), `${role} sees ${href}`);
      }
    }
  });
});
