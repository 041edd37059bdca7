import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed.ts';

describeEachApp('demo accounts', (app) => {
  test('the demo seed creates one account per role, each able to sign in with the documented password', async () => {
    await app().server.modules.seed({ demo: true, log: () => {} });
    for (const account of DEMO_ACCOUNTS) {
      const agent = app().agent();
      await agent.get('/connexion');
      const res = await agent.request({
        method: 'POST',
        url: '/connexion',
        form: { _csrf: agent.csrfToken, email: account.email, password: DEMO_PASSWORD },
        headers: { 'x-forwarded-for': `10.9.0.${DEMO_ACCOUNTS.indexOf(account) + 1}` },
      });
      assert.equal(res.statusCode, 303, `${account.email} signs in`);
      const me = await agent.get('/compte');
      assert.equal(me.statusCode, 200);
      assert.ok(me.body.includes(account.email));
    }
  });

  test('the editor and the member belong to the demo authority with their roles; seeding twice changes nothing', async () => {
    await app().server.modules.seed({ demo: true, log: () => {} });
    const rows = await app()
      .database.db.selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .select(['u.email', 'm.role', 'm.status', 'o.code'])
      .orderBy('u.email')
      .execute();
    assert.deepEqual(
      rows.map((r: any) => [r.email, r.role, r.status, r.code]),
      [
        ['agent@demo.bibliotheque-ia.fr', 'member', 'active', 'commune:44109'],
        ['editrice@demo.bibliotheque-ia.fr', 'editor', 'active', 'commune:44109'],
      ],
    );
    const users = await app().database.db.selectFrom('users').select('email').execute();
    assert.equal(users.length, DEMO_ACCOUNTS.length);
  });
});
