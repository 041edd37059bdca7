import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import { filledContent } from '../fixtures.ts';
import { themes } from '../reference.ts';
import { useCasePath } from '../services/context.ts';
import { assertNoRestricted, completePatch, libraryOf, person, readersWorld } from '../test-support.ts';

describeEachApp('library pages: reading', (app) => {
  let world: Awaited<ReturnType<typeof readersWorld>>;

  test('setup', async () => {
    world = await readersWorld(app());
  });

  test('restricted fields never reach readers without access: pages, API, exports, feed, search', async () => {
    const { path, id } = world.published;
    const urls = [
      path,
      '/bibliotheque',
      '/bibliotheque?q=cantines',
      '/bibliotheque?q=r9',
      `/api/v1/use-cases/${id}`,
      '/api/v1/use-cases?q=cantines',
      `/api/v1/use-cases/${id}/versions/1`,
      `${path}/historique/1`,
      '/bibliotheque/flux.atom',
      '/donnees-ouvertes/bibliotheque-ia.json',
      '/donnees-ouvertes/bibliotheque-ia-ats.json',
      '/donnees-ouvertes/bibliotheque-ia-interconnectes.csv',
      '/carte',
      '/statistiques',
    ];
    for (const url of urls) {
      for (const [who, agent] of [
        ['anonyme', world.anonymous],
        ['autre collectivité', world.outsider],
      ] as const) {
        const res = await agent.get(url);
        assert.equal(res.statusCode, 200, `${who} ${url}`);
        // Pages are presented for the reader; open data is always public.
        const granted = who === 'anonyme' || url.startsWith('/donnees') || url.endsWith('.atom') ? 'public' : 'members';
        assertNoRestricted(res.body, `${who} ${url}`, granted);
      }
    }
    const xlsx = await world.anonymous.get('/donnees-ouvertes/bibliotheque-ia.xlsx');
    assert.equal(xlsx.statusCode, 200);
    assert.match(xlsx.headers['content-type'] as string, /spreadsheetml/);
    // A member of another authority sees « members » fields, not the authority's own.
    const asOutsider = (await world.outsider.get(path)).body;
    assert.match(asOutsider, /r9:funding/);
    assert.ok(!asOutsider.includes('r9:internalNotes'));
    assert.ok(!asOutsider.includes('r9:budgetDetails'));
    // The authority itself sees everything.
    assert.match((await world.member.get(path)).body, /r9:internalNotes/);
  });

  test('the library page searches, filters by facet and keeps its state in the URL', async () => {
    const { anonymous } = world;
    const res = await anonymous.get('/bibliotheque?q=cantine&theme=attractiveness');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /1 fiche/);
    assert.match(res.body, /<mark>/);
    assert.match(res.body, /name="theme" value="attractiveness" checked/);
    const none = await anonymous.get('/bibliotheque?q=%22cantines+gaspillage%22');
    assert.match(none.body, /Aucune fiche ne correspond/);
    const weird = await anonymous.get('/bibliotheque?q=%22%22%22*(OR+AND+-');
    assert.equal(weird.statusCode, 200);
    const api = (await anonymous.get('/api/v1/use-cases?q=cantines&statut=deployment')).json();
    assert.equal(api.total, 1);
    assert.equal(api.items[0].content.title, 'Prévision de la fréquentation des cantines');
    assert.ok(
      api.facets.theme.some((f: { code: string; count: number }) => f.code === 'attractiveness' && f.count === 1),
    );
  });

  test('history, comparison and reports work for everyone', async () => {
    const { anonymous, member, outsider } = world;
    const { path } = world.published;
    const history = await anonymous.get(`${path}/historique`);
    assert.match(history.body, /Version 1/);
    const report = await anonymous.post(`${path}/signaler`, { message: 'court', email: '' });
    assert.equal(report.statusCode, 422);
    assert.match(report.body, /au moins 10 caractères/);
    const sent = await anonymous.post(`${path}/signaler`, {
      message: 'Le nombre de repas indiqué est celui de 2023.',
      email: '',
    });
    assert.equal(sent.statusCode, 302);
    const list = await member.get('/bibliotheque/signalements');
    assert.match(list.body, /celui de 2023/);
    assert.ok(!(await outsider.get('/bibliotheque/signalements')).body.includes('celui de 2023'));
  });

  test('unknown use cases are a 404 page; drafts are hidden from the public', async () => {
    const { anonymous } = world;
    assert.equal((await anonymous.get('/bibliotheque/999999')).statusCode, 404);
    assert.equal((await anonymous.get('/bibliotheque/abc')).statusCode, 404);
    const draft = await libraryOf(app()).writing.create(world.writer, world.orgId, { title: 'Brouillon caché' });
    assert.ok(await libraryOf(app()).reading.findUseCase(draft.id));
    assert.equal((await anonymous.get(`/bibliotheque/${draft.id}`)).statusCode, 404);
    assert.equal((await anonymous.get(`/api/v1/use-cases/${draft.id}`)).statusCode, 404);
  });

  test('an authority’s page lists its published use cases (not its drafts) and links to them in the library', async () => {
    const library = libraryOf(app());
    const org = await app().createOrganisation({ name: 'Commune des Essais', type: 'commune' });
    const member = await person(app(), 'agent@essais.fr', 'user', [org]);
    const reviewer = await person(app(), 'relecture@reseau.fr', 'coordinator');

    const published = await library.writing.create(member, org, { title: 'Tri automatique des courriers entrants' });
    const content = { ...filledContent('p4'), title: published.content.title, projectStatus: 'deployment' as const };
    const saved = await library.writing.save(
      member,
      published.id,
      published.version,
      completePatch('p4', { title: content.title, projectStatus: 'deployment', abandonReason: null }),
    );
    const submitted = await library.workflow.act(member, published.id, 'submit', { version: saved.version });
    await library.workflow.act(reviewer, published.id, 'publish', { version: submitted.version });
    const draft = await library.writing.create(member, org, { title: 'Brouillon confidentiel des essais' });

    const page = await app().agent().get(`/collectivites/${org}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Fiches publiées dans la bibliothèque/);
    const link = `href="${useCasePath(published)}"`;
    assert.ok(page.body.includes(link), 'la fiche publiée est un lien vers sa page');
    assert.match(page.body, /Tri automatique des courriers entrants/);
    // Its theme and project status, in words.
    assert.match(page.body, /<td>En déploiement<\/td>/);
    assert.match(page.body, new RegExp(`<td>${themes.labelOf(content.theme!)}</td>`));
    assert.ok(!page.body.includes('Brouillon confidentiel'), 'le brouillon n’apparaît pas');
    assert.ok(!page.body.includes(useCasePath(draft)));
    assert.ok(page.body.includes(`href="/bibliotheque?organisation=${org}"`));
    // The library page that link opens shows that authority's use cases only.
    const filtered = await app().agent().get(`/bibliotheque?organisation=${org}`);
    assert.equal(filtered.statusCode, 200);
    assert.match(filtered.body, /Tri automatique des courriers entrants/);
    assert.ok(!filtered.body.includes('Prévision de la fréquentation des cantines'));

    // An authority without published use cases says so.
    const empty = await app()
      .agent()
      .get(`/collectivites/${await app().createOrganisation({ name: 'Commune Vide' })}`);
    assert.match(
      empty.body,
      /Aucune fiche de cette collectivité n'est encore publiée|Aucune fiche de cette collectivité n&#39;est encore publiée/,
    );
  });
});
