// « Nous faisons pareil » with the demo content, on both databases: the demo accounts belong to Nantes, and the demo
// library holds published sheets of other authorities, so the demo editor and the demo agent see the button on a sheet
// of Lyon (not on Nantes's own sheet), may declare it, and Lyon's sheet then shows it to coordinators.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { signInDemo } from '../../../test/helpers/demo.ts';
import { DEMO_ACCOUNTS } from '../accounts/index.ts';

const BUTTON = /<button[^>]*>\s*Nous faisons pareil/;

describeEachApp('pooling with the demo content', (app) => {
  test('a demo member of Nantes sees « Nous faisons pareil » on a demo sheet of Lyon and may declare it', async () => {
    await app().server.modules.seed({ demo: true, log: () => {} });
    const visitor = app().agent();
    const find = async (title: string) => {
      const res = await visitor.get(`/api/v1/use-cases?q=${encodeURIComponent(title)}&per_page=5`);
      assert.equal(res.statusCode, 200, res.body);
      const item = res.json().items.find((i: { content: { title: string } }) => i.content.title === title);
      assert.ok(item, `demo sheet « ${title} » is published`);
      return item as { id: number };
    };
    const lyon = await find('Détection des fuites sur le réseau d’eau potable');
    const nantes = await find('Prévision du nombre de repas dans les cantines');
    const pageOf = async (agent: TestAgent, id: number) => {
      const res = await agent.get(`/bibliotheque/${id}`);
      const page =
        res.statusCode === 301 || res.statusCode === 302 ? await agent.get(res.headers.location as string) : res;
      assert.equal(page.statusCode, 200);
      return page.body;
    };
    for (const [n, account] of DEMO_ACCOUNTS.filter((a) => a.membership).entries()) {
      const agent = await signInDemo(app(), account.email, 40 + n);
      assert.match(await pageOf(agent, lyon.id), BUTTON, `${account.email} sees the button on Lyon's sheet`);
      assert.doesNotMatch(await pageOf(agent, nantes.id), BUTTON, `${account.email}: not on Nantes's own sheet`);
    }
    const habitant = await signInDemo(
      app(),
      DEMO_ACCOUNTS.find((a) => a.membership === null && a.role === 'user')!.email,
      50,
    );
    assert.doesNotMatch(await pageOf(habitant, lyon.id), BUTTON, 'a person of no authority does not see it');

    const editor = await signInDemo(app(), DEMO_ACCOUNTS.find((a) => a.membership === 'editor')!.email, 51);
    const declared = await editor.post(`/mutualisation/fiches/${lyon.id}/nous-faisons-pareil`, {
      note: 'Nous suivons aussi les fuites.',
    });
    assert.equal(declared.statusCode, 302, declared.body.slice(0, 300));
    const coordinator = await signInDemo(app(), DEMO_ACCOUNTS.find((a) => a.role === 'coordinator')!.email, 52);
    const seen = await pageOf(coordinator, lyon.id);
    assert.match(seen, /Nous suivons aussi les fuites\./);
    assert.match(seen, /Nantes/);
  });
});
