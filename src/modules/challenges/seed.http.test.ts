// The challenges demo content, on both databases: the demo seed creates the four themes as challenges at different
// stages (one « commun publié », linked to the demo commons entry), with the demo authority and the seeded State labs
// taking part; the demo authority's editor may join the open one it is invited to, and see it in « Mon espace »;
// seeding twice adds nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { signInDemo } from '../../../test/helpers/demo.ts';
import { DEMO_ACCOUNTS, DEMO_AUTHORITY_CODE } from '../accounts/index.ts';

describeEachApp('challenges demo content', (app) => {
  test('four challenges at different stages, partners and news; the demo roles can try them; seeding twice adds nothing', async () => {
    await app().server.modules.seed({ demo: true, log: () => {} });
    const visitor = app().agent();
    const list = (await visitor.get('/api/v1/challenges?per_page=100&tri=titre')).json();
    assert.equal(list.total, 4);
    const stages = Object.fromEntries(list.facets.etape.map((f: { code: string; count: number }) => [f.code, f.count]));
    assert.deepEqual(stages, { call_for_interest: 1, scoping: 1, building: 1, published: 1 });
    const categories = list.facets.categorie.map((f: { code: string }) => f.code).sort();
    assert.deepEqual(categories, [
      'aerial_shape_classification',
      'anomaly_detection',
      'forecasting',
      'text_extraction',
    ]);
    const published = list.items.find((c: { stage: string }) => c.stage === 'published');
    assert.equal(published.commons.name, 'Prévision des consommations d’eau potable');
    assert.ok(
      published.participants.some(
        (p: { type: string; role: string }) => p.type === 'laboratoire_etat' && p.role === 'partner',
      ),
    );
    assert.ok(published.news.length >= 2);
    const dates = published.stages.map((st: { date: string }) => st.date);
    assert.deepEqual(
      published.stages.map((st: { stage: string }) => st.stage),
      ['call_for_interest', 'scoping', 'building', 'published'],
    );
    assert.deepEqual([...dates].sort(), dates, 'the stages are dated in order');
    assert.equal(new Set(dates).size, 4, 'each stage on its own date');
    assert.ok(dates[3] < app().server.platform.clock.iso(), 'in the past');
    const commonsPage = await visitor.get(new URL(published.commons.url).pathname);
    assert.match(commonsPage.body, /Issu du défi/);

    const demoAuthority = (await app().server.modules.services.organisations.findByCode(DEMO_AUTHORITY_CODE))!;
    const open = list.items.find((c: { stage: string }) => c.stage === 'call_for_interest');
    assert.equal(open.open_to_join, true);
    const signIn = (email: string, n: number) => signInDemo(app(), email, n);
    const editor = await signIn(DEMO_ACCOUNTS.find((a) => a.membership === 'editor')!.email, 1);
    const space = await editor.get('/mon-espace');
    assert.match(space.body, /Défis auxquels votre collectivité participe/);
    assert.match(space.body, new RegExp(`Défis auxquels votre collectivité est invitée[\\s\\S]*${open.title}`));
    const joined = await editor.post(`/defis/${open.id}/participer`, {
      organisme: String(demoAuthority.id),
      role: 'contributor',
      apport: 'Nos orthophotographies.',
    });
    assert.equal(joined.statusCode, 302, joined.body.slice(0, 300));
    const coordinator = await signIn(DEMO_ACCOUNTS.find((a) => a.role === 'coordinator')!.email, 2);
    assert.match((await coordinator.get(`/defis/${open.id}`)).body, /Changer l’étape/);

    // Each lists the demo sheets of its category: the open ones are offered on those sheets.
    const aerial = list.items.find(
      (c: { commons_category: string }) => c.commons_category === 'aerial_shape_classification',
    );
    const sheetIds = aerial.use_cases.map((u: { id: number }) => u.id);
    assert.ok(sheetIds.length > 0, 'the demo sheets on aerial images are listed');
    assert.deepEqual(
      (await app().server.modules.services.challenges.openForUseCases(sheetIds)).map((c: { id: number }) => c.id),
      [aerial.id],
    );

    await app().server.modules.seed({ demo: true, log: () => {} });
    assert.equal((await visitor.get('/api/v1/challenges')).json().total, 4);
  });
});
