// Commons through the pages, the API and the open-data files, on both databases: members of an authority describe
// entries maintained by their authority, members of a maintaining authority and coordinators edit them, others may
// not; every wrong field gets its French message and nothing is written; the catalogue finds entries by text and
// facets with counts; the API, CSV, JSON and Atom feed show public fields only (never the contacts).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { entryForm, entryIdIn, publishedSheet } from './test-support.ts';

describeEachApp('commons: catalogue, writing and open data', (app) => {
  let member: TestAgent;
  let outsider: TestAgent;
  let coordinator: TestAgent;
  let visitor: TestAgent;
  let orgA: number;
  let orgB: number;
  let sheet: { id: number; path: string };
  let waterId: number;

  before(async () => {
    orgA = await app().createOrganisation({ name: 'Ville des Sources', type: 'commune', siren: '213502388' });
    orgB = await app().createOrganisation({ name: 'Agglo du Littoral', type: 'epci', siren: '200046977' });
    member = await app().signedIn({
      email: 'agent@sources.fr',
      memberships: [{ organisationId: orgA, role: 'member' }],
    });
    outsider = await app().signedIn({
      email: 'agent@littoral.fr',
      memberships: [{ organisationId: orgB, role: 'editor' }],
    });
    coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
    visitor = app().agent();
    sheet = await publishedSheet(app(), orgA, member, coordinator, 'c1');
  });

  test('a member describes an entry maintained by their authority; everyone reads it', async () => {
    const form = await member.get('/communs/nouveau');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Ville des Sources/);
    const created = await member.post(
      '/communs/nouveau',
      entryForm({ mainteneurs: String(orgA), utilisateurs: '200046977', fiches: sheet.path }),
    );
    assert.equal(created.statusCode, 302, created.body.slice(0, 500));
    waterId = entryIdIn(created.headers.location);
    const page = await visitor.get(`/communs/${waterId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Prévision des consommations d’eau<\/h1>/);
    assert.match(page.body, /European Union Public License 1.2/);
    assert.match(page.body, /Maintenu par[\s\S]*Ville des Sources/);
    assert.match(page.body, /Collectivités qui l’utilisent[\s\S]*Agglo du Littoral/);
    assert.match(page.body, new RegExp(`href="${sheet.path}`));
    assert.doesNotMatch(page.body, /Modifier ce commun/);
    // The sheet's page lists the entries that use it.
    const sheetPage = await visitor.get(sheet.path);
    assert.equal(sheetPage.statusCode, 200);
    assert.match(
      sheetPage.body,
      new RegExp(`Communs utilisés[\\s\\S]*href="/communs/${waterId}">Prévision des consommations d’eau`),
    );
    assert.match((await member.get(`/communs/${waterId}`)).body, /Modifier ce commun/);
  });

  test('a member may only name their own authorities as maintainers, and at least one', async () => {
    const other = await member.post('/communs/nouveau', entryForm({ autres_mainteneurs: '200046977' }));
    assert.equal(other.statusCode, 422);
    assert.match(other.body, /vous ne pouvez nommer que les organismes dont vous êtes membre/);
    const none = await member.post('/communs/nouveau', entryForm());
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /Indiquez au moins un organisme qui maintient ce commun/);
    const byCoordinator = await coordinator.post(
      '/communs/nouveau',
      entryForm({ nom: 'Guide du coordinateur', autres_mainteneurs: 'commune:x\n200046977' }),
    );
    assert.equal(byCoordinator.statusCode, 422);
    assert.match(byCoordinator.body, /« commune:x » ne correspond à aucun organisme connu/);
  });

  test('every wrong field has its French message, the error summary, what was typed, and nothing is created', async () => {
    const before = (await visitor.get('/api/v1/commons')).json().total;
    const sent = await member.post('/communs/nouveau', {
      nom: '',
      resume: 'Texte gardé',
      type: 'robot',
      statut: '',
      licence: 'GPL-3',
      depot: 'ftp://depot.exemple.fr',
      documentation: 'pas une adresse',
      themes: 'inconnu',
      mainteneurs: String(orgA),
      fiches: '999999\nn’importe quoi',
    });
    assert.equal(sent.statusCode, 422);
    assert.match(sent.body, /data-error-summary/);
    assert.match(sent.body, /Indiquez nom\./);
    assert.match(sent.body, /Type de commun : choix inconnu « robot »/);
    assert.match(sent.body, /Choisissez statut\./);
    assert.match(sent.body, /« GPL-3 » n’est pas un identifiant de la liste SPDX/);
    assert.match(
      sent.body,
      /Dépôt du code ou des données : seules les adresses https:\/\/ \(ou http:\/\/\) sont acceptées/,
    );
    assert.match(sent.body, /Documentation : indiquez une adresse complète/);
    assert.match(sent.body, /Thèmes : choix inconnu « inconnu »/);
    assert.match(sent.body, /« n’importe quoi » n’est pas un numéro ni une adresse de fiche/);
    assert.match(sent.body, /Texte gardé/);
    assert.equal((await visitor.get('/api/v1/commons')).json().total, before);
  });

  test('members of a maintaining authority and coordinators edit; others may not; a stale version is a conflict', async () => {
    assert.equal((await member.get(`/communs/${waterId}/modifier`)).statusCode, 200);
    assert.equal((await outsider.get(`/communs/${waterId}/modifier`)).statusCode, 403);
    assert.equal((await visitor.get(`/communs/${waterId}/modifier`)).statusCode, 302);
    const refused = await outsider.post(
      `/communs/${waterId}/modifier`,
      entryForm({ version: '1', mainteneurs: String(orgB) }),
    );
    assert.equal(refused.statusCode, 403);
    const edited = await coordinator.post(
      `/communs/${waterId}/modifier`,
      entryForm({ version: '1', statut: 'maintained', autres_mainteneurs: 'commune:' }),
    );
    // « commune: » is no organisation: refused with the field named, nothing changed.
    assert.equal(edited.statusCode, 422);
    const ok = await member.post(
      `/communs/${waterId}/modifier`,
      entryForm({ version: '1', statut: 'maintained', mainteneurs: String(orgA), utilisateurs: '200046977' }),
    );
    assert.equal(ok.statusCode, 302, ok.body.slice(0, 400));
    const stale = await member.post(
      `/communs/${waterId}/modifier`,
      entryForm({ version: '1', mainteneurs: String(orgA) }),
    );
    assert.equal(stale.statusCode, 409);
    const api = (await visitor.get(`/api/v1/commons/${waterId}`)).json();
    assert.equal(api.status, 'maintained');
    assert.equal(api.challenge, null, 'an entry described directly comes from no challenge');
    assert.deepEqual(
      api.users.map((u: { name: string }) => u.name),
      ['Agglo du Littoral'],
    );
  });

  test('news: posted by the maintainers with a checked date, shown on the page, the API and the feed', async () => {
    const wrong = await member.post(`/communs/${waterId}/actualites`, { date: '2026-02-30', titre: '' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Date : le 2026-02-30 n’existe pas/);
    assert.match(wrong.body, /Indiquez titre de l’actualité/);
    assert.equal(
      (await outsider.post(`/communs/${waterId}/actualites`, { date: '2026-02-01', titre: 'X' })).statusCode,
      403,
    );
    const posted = await member.post(`/communs/${waterId}/actualites`, {
      date: '2026-02-01',
      titre: 'Nouvelle version du modèle',
      texte: 'Les jours fériés sont pris en compte.',
      publication: '1.1.0',
    });
    assert.equal(posted.statusCode, 302);
    assert.match((await visitor.get(`/communs/${waterId}`)).body, /Nouvelle version du modèle \(version 1\.1\.0\)/);
    const api = (await visitor.get(`/api/v1/commons/${waterId}`)).json();
    assert.deepEqual(api.news, [
      {
        date: '2026-02-01',
        title: 'Nouvelle version du modèle',
        text: 'Les jours fériés sont pris en compte.',
        release: '1.1.0',
      },
    ]);
    const feed = await visitor.get('/communs/flux.atom');
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
    assert.match(feed.body, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    assert.match(feed.body, /Prévision des consommations d’eau : Nouvelle version du modèle \(version 1.1.0\)/);
  });

  test('search: text and facets with counts, in the page and the API', async () => {
    const second = await outsider.post(
      '/communs/nouveau',
      entryForm({
        nom: 'Chaîne de reconnaissance des délibérations numérisées',
        resume: 'Extraction du texte des délibérations scannées, avec contrôle de qualité.',
        type: 'code',
        statut: 'building',
        licence: 'mit',
        categorie: 'text_extraction',
        themes: [],
        mainteneurs: String(orgB),
      }),
    );
    assert.equal(second.statusCode, 302, second.body.slice(0, 400));
    const all = (await visitor.get('/api/v1/commons')).json();
    assert.equal(all.total, 2);
    const kinds = Object.fromEntries(all.facets.type.map((f: { code: string; count: number }) => [f.code, f.count]));
    assert.deepEqual(kinds, { code: 1, model: 1 });
    const licences = all.facets.licence.map((f: { code: string }) => f.code).sort();
    assert.deepEqual(licences, ['EUPL-1.2', 'MIT'], 'the licence is stored as the SPDX identifier');
    const maintainers = Object.fromEntries(
      all.facets.mainteneur.map((f: { code: string; count: number }) => [f.code, f.count]),
    );
    assert.deepEqual(maintainers, { commune: 1, epci: 1 });
    const byText = (await visitor.get('/api/v1/commons?q=délibérations')).json();
    assert.deepEqual(
      byText.items.map((i: { name: string }) => i.name),
      ['Chaîne de reconnaissance des délibérations numérisées'],
    );
    const byName = (await visitor.get('/api/v1/commons?tri=nom')).json();
    assert.deepEqual(
      byName.items.map((i: { name: string }) => i.name),
      ['Chaîne de reconnaissance des délibérations numérisées', 'Prévision des consommations d’eau'],
    );
    const byFacet = (await visitor.get('/api/v1/commons?statut=maintained')).json();
    assert.deepEqual(
      byFacet.items.map((i: { id: number }) => i.id),
      [waterId],
    );
    const page = await visitor.get('/communs?type=code');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /1 commun</);
    assert.match(page.body, /Chaîne de reconnaissance/);
    const empty = await visitor.get('/communs?q=zzzzqqq');
    assert.match(empty.body, /Aucun commun trouvé/);
    assert.equal((await visitor.get('/api/v1/commons/999999')).statusCode, 404);
  });

  test('open data: CSV (French spreadsheet and comma), JSON; never the contacts', async () => {
    const csv = await visitor.get('/communs/communs.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /^\uFEFF?identifiant;nom;resume;type;statut;licence/);
    assert.match(csv.body, /Prévision des consommations d’eau;.*;Modèle entraîné;Maintenu;EUPL-1.2/);
    const comma = await visitor.get('/communs/communs.csv?separateur=virgule');
    assert.match(comma.body, /^identifiant,nom,resume/);
    const json = await visitor.get('/communs/communs.json');
    assert.equal(json.statusCode, 200);
    const items = JSON.parse(json.body).items;
    assert.equal(items.length, 2);
    assert.ok(items.every((i: Record<string, unknown>) => !('contacts' in i)));
  });

  test('the OpenAPI document describes the commons API', async () => {
    const doc = (await visitor.get('/api/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/commons']?.get);
    assert.ok(doc.paths['/api/v1/commons/{id}']?.get);
    assert.deepEqual(doc.paths['/api/v1/commons'].get.tags, ['commons']);
    assert.match(
      JSON.stringify(doc.paths['/api/v1/commons/{id}'].get.responses['200']),
      /"challenge":\{[\s\S]*"url"/,
      'one entry names the challenge it came from',
    );
    assert.ok(
      doc.tags.some((t: { name: string }) => t.name === 'commons'),
      'the commons tag is described',
    );
  });
});
