import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { DEMO_ACCOUNTS, DEMO_AUTHORITY_CODE, DEMO_PASSWORD } from './seed.ts';

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
    const organisations = app().server.modules.api('organisations') as {
      findByCode(code: string): Promise<{ id: number } | null>;
      authoritiesOf(userId: number): Promise<{ organisationId: number; role: string; status: string }[]>;
    };
    /** Every account with its memberships (other modules' demo content adds people of other authorities). */
    const memberships = async () => {
      const users = await app().database.db.selectFrom('users').select(['id', 'email']).orderBy('email').execute();
      const rows: [string, string, string, number][] = [];
      for (const user of users)
        for (const m of await organisations.authoritiesOf(Number(user.id)))
          rows.push([user.email, m.role, m.status, m.organisationId]);
      return rows;
    };
    await app().server.modules.seed({ demo: true, log: () => {} });
    const before = await memberships();
    const demoAuthority = await organisations.findByCode(DEMO_AUTHORITY_CODE);
    assert.ok(demoAuthority, 'the demo authority exists');
    const demoEmails = new Set<string>(DEMO_ACCOUNTS.map((a) => a.email));
    assert.deepEqual(
      before.filter(([email]) => demoEmails.has(email)),
      [
        ['agent@demo.bibliotheque-ia.fr', 'member', 'active', demoAuthority.id],
        ['editrice@demo.bibliotheque-ia.fr', 'editor', 'active', demoAuthority.id],
      ],
    );
    await app().server.modules.seed({ demo: true, log: () => {} });
    assert.deepEqual(await memberships(), before, 'seeding again adds no account and no membership');
  });
});
