// The working groups' demo content, on both databases: the commission holds the AI group and the members-only
// participation sub-commission; the demo editor leads the AI group and has join requests to decide (the inhabitant's
// among them), the demo agent is a member of it, the coordinator leads the commission; the AI group follows sheets
// and campaigns; visitors do not see the members-only sub-commission; seeding twice adds nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { signInDemo } from '../../../test/helpers/demo.ts';
import { DEMO_ACCOUNTS } from '../accounts/index.ts';

describeEachApp('groups demo content', (app) => {
  test('every demo role finds its place in the groups; seeding twice adds nothing', async () => {
    await app().server.modules.seed({ demo: true, log: () => {} });
    const visitor = app().agent();
    const list = (await visitor.get('/api/v1/groups')).json() as { items: Record<string, any>[] };
    assert.deepEqual(list.items.map((g) => g.name).sort(), ['Intelligence artificielle', 'Numérique et innovation']);
    const commission = list.items.find((g) => g.name === 'Numérique et innovation')!;
    const ai = list.items.find((g) => g.name === 'Intelligence artificielle')!;
    assert.equal(ai.parent_id, commission.id);
    const detail = (await visitor.get(`/api/v1/groups/${ai.id}`)).json() as Record<string, any>;
    assert.ok(detail.members.some((m: { organisation: string | null }) => /Lab IA|SSP Lab/.test(m.organisation ?? '')));
    assert.ok(detail.followed.some((f: { kind: string }) => f.kind === 'campaign'));
    assert.ok(detail.followed.some((f: { kind: string }) => f.kind === 'sheet'));

    const signIn = (email: string, n: number) => signInDemo(app(), email, n);
    const editor = await signIn(DEMO_ACCOUNTS.find((a) => a.membership === 'editor')!.email, 1);
    const requests = (await editor.get(`/groupes/${ai.id}/demandes`)).body;
    assert.match(requests, /Hugo Habitant/);
    assert.match(requests, /Nadia Haddad/);
    const agent = await signIn(DEMO_ACCOUNTS.find((a) => a.membership === 'member')!.email, 2);
    assert.equal((await agent.get(`/groupes/${ai.id}/synthese`)).statusCode, 200);
    const coordinator = await signIn(DEMO_ACCOUNTS.find((a) => a.role === 'coordinator')!.email, 3);
    assert.match((await coordinator.get('/groupes')).body, /Participation citoyenne &amp; politiques numériques/);
    assert.equal((await coordinator.get(`/groupes/${commission.id}/modifier`)).statusCode, 200);

    await app().server.modules.seed({ demo: true, log: () => {} });
    assert.equal(((await visitor.get('/api/v1/groups')).json() as { total: number }).total, 2);
  });
});
