// The commons demo content, on both databases: the demo seed creates entries maintained by the demo authority
// (news included), found in the catalogue; the demo editor may edit them, the inhabitant only reads them; seeding
// twice adds nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../accounts/index.ts';

describeEachApp('commons demo content', (app) => {
  test('entries of the demo authority, editable by its editor, read by everyone; seeding twice adds nothing', async () => {
    await app().server.modules.seed({ demo: true, log: () => {} });
    const visitor = app().agent();
    const list = (await visitor.get('/api/v1/commons?per_page=100')).json();
    assert.equal(list.total, 4);
    const kinds = list.facets.type.map((f: { code: string; count: number }) => `${f.code}:${f.count}`);
    assert.deepEqual(kinds, ['code:1', 'dataset:1', 'model:1', 'guide:1']);
    const water = list.items.find((i: { name: string }) => i.name === 'Prévision des consommations d’eau potable');
    assert.equal(water.news.length, 2);
    assert.equal(water.news[0].release, '1.2.0');

    const signIn = async (email: string, n: number) => {
      const agent = app().agent();
      await agent.get('/connexion');
      const res = await agent.request({
        method: 'POST',
        url: '/connexion',
        form: { _csrf: agent.csrfToken!, email, password: DEMO_PASSWORD },
        headers: { 'x-forwarded-for': `10.9.1.${n}` },
      });
      assert.equal(res.statusCode, 303, email);
      return agent;
    };
    const editor = await signIn(DEMO_ACCOUNTS.find((a) => a.membership === 'editor')!.email, 1);
    assert.equal((await editor.get(`/communs/${water.id}/modifier`)).statusCode, 200);
    const inhabitant = await signIn(DEMO_ACCOUNTS.find((a) => a.email.startsWith('habitant'))!.email, 2);
    assert.equal((await inhabitant.get(`/communs/${water.id}/modifier`)).statusCode, 403);
    assert.equal((await inhabitant.get(`/communs/${water.id}`)).statusCode, 200);

    await app().server.modules.seed({ demo: true, log: () => {} });
    assert.equal((await visitor.get('/api/v1/commons')).json().total, 4);
  });
});
