import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { type AccessLevel, canRead, FIELDS } from './fields.ts';
import { filledContent } from './fixtures.ts';
import { parseCsv } from './formats/csv.ts';
import { themes } from './reference.ts';

/** Every value of the fixture carries « r9:<field> »: none above the reader's access may reach them. */
function assertNoRestricted(text: string, where: string, granted: AccessLevel = 'public') {
  for (const f of FIELDS) {
    if (canRead(granted, f.access)) continue;
    assert.ok(!text.includes(`r9:${f.key}`), `${where} : le champ ${f.key} (${f.access}) est visible`);
    if (f.type === 'email') assert.ok(!text.includes(`${f.key.toLowerCase()}.r9@`), `${where} : ${f.key}`);
    if (f.type === 'url') assert.ok(!text.includes(`/r9/${f.key}`), `${where} : ${f.key}`);
  }
}

describeEachApp('library pages and API', (app) => {
  let orgId: number;
  let member: TestAgent;
  let coordinator: TestAgent;
  let outsider: TestAgent;
  let anonymous: TestAgent;
  let sheetPath = '';
  let sheetId = 0;

  test('setup', async () => {
    orgId = await app().createOrganisation({
      name: 'Ville de Lumière',
      type: 'commune',
      departementCode: '69',
      regionCode: '84',
    });
    const other = await app().createOrganisation({ name: 'Ville Voisine', type: 'commune' });
    member = await app().signedIn({
      email: 'redactrice@lumiere.fr',
      memberships: [{ organisationId: orgId, role: 'editor' }],
    });
    coordinator = await app().signedIn({ email: 'coordination@reseau.fr', role: 'coordinator' });
    outsider = await app().signedIn({
      email: 'agent@voisine.fr',
      memberships: [{ organisationId: other, role: 'member' }],
    });
    anonymous = app().agent();
  });

  test('a member starts a sheet and is taken to the first step', async () => {
    const page = await member.get('/bibliotheque/nouvelle');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Ville de Lumière/);
    const empty = await member.post('/bibliotheque/nouvelle', { organisationId: String(orgId), title: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /class="error-summary"/);
    assert.match(empty.body, /Saisissez le nom du projet/);
    const created = await member.post('/bibliotheque/nouvelle', {
      organisationId: String(orgId),
      title: 'Prévision de la fréquentation des cantines',
    });
    assert.equal(created.statusCode, 302);
    assert.match(
      created.headers.location as string,
      /^\/bibliotheque\/\d+-prevision-de-la-frequentation-des-cantines\/modifier\/projet$/,
    );
    sheetPath = (created.headers.location as string).replace(/\/modifier\/projet$/, '');
    sheetId = Number(/\/bibliotheque\/(\d+)/.exec(sheetPath)![1]);
    const step = await member.get(`${sheetPath}/modifier/projet`);
    assert.equal(step.statusCode, 200);
    assert.match(step.body, /Étape 1 sur 9|étape 1 sur 9/);
    assert.match(step.body, /data-autosave=/);
    assert.match(step.body, /aria-describedby="champ-title-hint"/);
  });

  test('a step shows errors next to the fields and in a summary, keeping what was typed', async () => {
    const form = await member.get(`${sheetPath}/modifier/projet`);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const bad = await member.post(`${sheetPath}/modifier/projet`, {
      version,
      title: 'Prévision de la fréquentation des cantines',
      serviceUrl: 'www.cantines.fr',
      suite: '1',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /<a href="#champ-serviceUrl">Lien vers le projet : saisissez une adresse web complète/);
    assert.match(bad.body, /value="www.cantines.fr"/);
    const ok = await member.post(`${sheetPath}/modifier/projet`, {
      version,
      title: 'Prévision de la fréquentation des cantines',
      description: 'Chaque jour, le nombre de repas à préparer est prévu pour réduire le gaspillage alimentaire.',
      suite: '1',
    });
    assert.equal(ok.statusCode, 302);
    assert.equal(ok.headers.location, `${sheetPath}/modifier/themes`);
  });

  test('autosave answers JSON with the new version; a stale version is a conflict', async () => {
    const form = await member.get(`${sheetPath}/modifier/themes`);
    const version = Number(/name="version" value="(\d+)"/.exec(form.body)![1]);
    const saved = await member.request({
      method: 'POST',
      url: `${sheetPath}/brouillon`,
      form: {
        _csrf: member.csrfToken,
        _step: 'themes',
        version: String(version),
        theme: 'administration',
        audiences: 'agents',
      },
      headers: { accept: 'application/json' },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().version, version + 1);
    const stale = await member.post(`${sheetPath}/modifier/themes`, {
      version: String(version),
      theme: 'mobility',
      suite: '0',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /La fiche a été modifiée entre-temps/);
    assert.match(stale.body, /Mobilités|mobility/);
  });

  test('the check page lists what is missing; a complete sheet is submitted, reviewed and published', async () => {
    const check = await member.get(`${sheetPath}/verifier`);
    assert.equal(check.statusCode, 200);
    assert.match(check.body, /À compléter avant de soumettre la fiche/);
    // Fill everything through the service (the form steps are covered above).
    const library = app().server.modules.services.library;
    const row = (await library.findRow(sheetId))!;
    const content: Record<string, unknown> = {};
    const filled = filledContent('r9') as unknown as Record<string, unknown>;
    for (const f of FIELDS) if (f.step) content[f.key] = filled[f.key];
    content.title = 'Prévision de la fréquentation des cantines';
    content.description =
      'Chaque jour, le nombre de repas à préparer est prévu pour réduire le gaspillage alimentaire.';
    content.projectStatus = 'deployment';
    content.abandonReason = null;
    const user = {
      id: row.createdBy!,
      email: 'redactrice@lumiere.fr',
      name: '',
      role: 'user' as const,
      memberships: [{ organisationId: orgId, role: 'editor' as const }],
    };
    const saved = await library.save(user, sheetId, row.version, content as any);
    const submit = await member.post(`${sheetPath}/action`, { action: 'submit', version: String(saved.version) });
    assert.equal(submit.statusCode, 302);
    const queue = await coordinator.get('/coordination/fiches');
    assert.match(queue.body, /Prévision de la fréquentation des cantines/);
    assert.equal((await member.get('/coordination/fiches')).statusCode, 403);
    const page = await coordinator.get(sheetPath);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const refused = await coordinator.post(`${sheetPath}/action`, { action: 'request_changes', version, comment: '' });
    assert.equal(refused.statusCode, 302);
    const published = await coordinator.post(`${sheetPath}/action`, { action: 'publish', version });
    assert.equal(published.statusCode, 302);
    const after = await anonymous.get(sheetPath);
    assert.equal(after.statusCode, 200);
    assert.match(after.body, /Prévision de la fréquentation des cantines/);
  });

  test('restricted fields never reach readers without access: pages, API, exports, feed, search', async () => {
    const urls = [
      sheetPath,
      '/bibliotheque',
      '/bibliotheque?q=cantines',
      '/bibliotheque?q=r9',
      `/api/v1/use-cases/${sheetId}`,
      '/api/v1/use-cases?q=cantines',
      `/api/v1/use-cases/${sheetId}/versions/1`,
      `${sheetPath}/historique/1`,
      '/bibliotheque/flux.atom',
      '/donnees-ouvertes/bibliotheque-ia.json',
      '/donnees-ouvertes/bibliotheque-ia-ats.json',
      '/donnees-ouvertes/bibliotheque-ia-interconnectes.csv',
      '/carte',
      '/statistiques',
    ];
    for (const url of urls) {
      for (const [who, agent] of [
        ['anonyme', anonymous],
        ['autre collectivité', outsider],
      ] as const) {
        const res = await agent.get(url);
        assert.equal(res.statusCode, 200, `${who} ${url}`);
        // Pages are presented for the reader; open data is always public.
        const granted = who === 'anonyme' || url.startsWith('/donnees') || url.endsWith('.atom') ? 'public' : 'members';
        assertNoRestricted(res.body, `${who} ${url}`, granted);
      }
    }
    const xlsx = await anonymous.get('/donnees-ouvertes/bibliotheque-ia.xlsx');
    assert.equal(xlsx.statusCode, 200);
    assert.match(xlsx.headers['content-type'] as string, /spreadsheetml/);
    // A member of another authority sees « members » fields, not the authority's own.
    const asOutsider = (await outsider.get(sheetPath)).body;
    assert.match(asOutsider, /r9:funding/);
    assert.ok(!asOutsider.includes('r9:internalNotes'));
    assert.ok(!asOutsider.includes('r9:budgetDetails'));
    // The authority itself sees everything.
    assert.match((await member.get(sheetPath)).body, /r9:internalNotes/);
  });

  test('the library page searches, filters by facet and keeps its state in the URL', async () => {
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
    assert.ok(api.facets.theme.some((f: any) => f.code === 'attractiveness' && f.count === 1));
  });

  test('history, comparison and reports work for everyone', async () => {
    const history = await anonymous.get(`${sheetPath}/historique`);
    assert.match(history.body, /Version 1/);
    const report = await anonymous.post(`${sheetPath}/signaler`, { message: 'court', email: '' });
    assert.equal(report.statusCode, 422);
    assert.match(report.body, /au moins 10 caractères/);
    const sent = await anonymous.post(`${sheetPath}/signaler`, {
      message: 'Le nombre de repas indiqué est celui de 2023.',
      email: '',
    });
    assert.equal(sent.statusCode, 302);
    const list = await member.get('/bibliotheque/signalements');
    assert.match(list.body, /celui de 2023/);
    assert.ok(!(await outsider.get('/bibliotheque/signalements')).body.includes('celui de 2023'));
  });

  test('statistics and map pages draw charts with their data tables', async () => {
    const stats = await anonymous.get('/statistiques');
    assert.match(stats.body, /Fiches par thème/);
    assert.match(stats.body, /<table class="table">/);
    const map = await anonymous.get('/carte');
    assert.match(map.body, /Fiches par région/);
    assert.match(map.body, /href="\/bibliotheque\?departement=69"/);
    assert.match(map.body, /Rhône \(69\) : 1 fiche|69/);
  });

  test('open data: Interconnectés CSV with their column names, OpenAPI document, reference lists', async () => {
    const csv = await anonymous.get('/donnees-ouvertes/bibliotheque-ia-interconnectes.csv');
    assert.match(csv.headers['content-disposition'] as string, /attachment/);
    const header = parseCsv(csv.body).records[0]!.fields;
    assert.equal(header[0], 'Nom_collectivite');
    assert.equal(header.length, 16);
    const doc = (await anonymous.get('/api/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/use-cases'], 'liste des fiches décrite');
    assert.ok(doc.paths['/api/v1/use-cases/{ref}'], 'fiche décrite');
    const apiPage = await anonymous.get('/api');
    assert.match(apiPage.body, /\/api\/v1\/use-cases/);
    const lists = (await anonymous.get('/api/v1/reference-lists/themes')).json();
    assert.equal(lists.items.length, 6);
    const page = await anonymous.get('/donnees-ouvertes');
    assert.match(page.body, /Licence Ouverte 2.0/);
    assert.match(page.body, /Nom_du_projet/);
  });

  test('an authority API token writes drafts and submits them; it cannot publish', async () => {
    const page = await member.post(`/bibliotheque/jetons?organisation=${orgId}`, { name: 'Logiciel de suivi' });
    assert.equal(page.statusCode, 200);
    const token = /<code class="token">(bia_[^<]+)<\/code>/.exec(page.body)![1]!;
    const auth = { authorization: `Bearer ${token}` };
    const api = app().agent();
    const created = await api.request({
      method: 'POST',
      url: '/api/v1/use-cases',
      json: {
        organisationId: orgId,
        content: { title: 'Analyse des demandes de subvention', theme: 'administration' },
      },
      headers: auth,
    });
    assert.equal(created.statusCode, 201, created.body);
    const sheet = created.json();
    assert.equal(sheet.state, 'draft');
    const invalid = await api.request({
      method: 'PATCH',
      url: `/api/v1/use-cases/${sheet.id}`,
      json: { version: sheet.version, content: { serviceUrl: 'nulle part' } },
      headers: auth,
    });
    assert.equal(invalid.statusCode, 400);
    assert.equal(invalid.json().error.code, 'invalid_request');
    const patched = await api.request({
      method: 'PATCH',
      url: `/api/v1/use-cases/${sheet.id}`,
      json: { version: sheet.version, content: { description: 'Tri des demandes.' } },
      headers: auth,
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const conflict = await api.request({
      method: 'PATCH',
      url: `/api/v1/use-cases/${sheet.id}`,
      json: { version: sheet.version, content: { partners: 'x' } },
      headers: auth,
    });
    assert.equal(conflict.statusCode, 409);
    assert.equal(conflict.json().error.code, 'conflict');
    assert.equal(conflict.json().error.current.content.description, 'Tri des demandes.');
    const incomplete = await api.request({
      method: 'POST',
      url: `/api/v1/use-cases/${sheet.id}/submit`,
      json: { version: patched.json().version },
      headers: auth,
    });
    assert.equal(incomplete.statusCode, 422);
    assert.ok(incomplete.json().error.fields.contactEmail);
    const other = await api.request({
      method: 'POST',
      url: '/api/v1/use-cases',
      json: { organisationId: 999999, content: {} },
      headers: auth,
    });
    assert.equal(other.statusCode, 403);
    const bad = await app()
      .agent()
      .request({ method: 'GET', url: '/api/v1/use-cases', headers: { authorization: 'Bearer bia_faux' } });
    assert.equal(bad.statusCode, 401);
  });

  test('unknown sheets are a 404 page; drafts are hidden from the public', async () => {
    assert.equal((await anonymous.get('/bibliotheque/999999')).statusCode, 404);
    assert.equal((await anonymous.get('/bibliotheque/abc')).statusCode, 404);
    const draft = await app().server.modules.services.library.findRow(sheetId + 1);
    assert.ok(draft);
    assert.equal((await anonymous.get(`/bibliotheque/${sheetId + 1}`)).statusCode, 404);
    assert.equal((await anonymous.get(`/api/v1/use-cases/${sheetId + 1}`)).statusCode, 404);
  });
  test('an authority’s page lists its published sheets (not its drafts) and links to its sheets in the library', async () => {
    const library = app().server.modules.services.library;
    const org = await app().createOrganisation({ name: 'Commune des Essais', type: 'commune' });
    const agent = await app().createUser({
      email: 'agent@essais.fr',
      memberships: [{ organisationId: org, role: 'member' }],
    });
    const coord = await app().createUser({ email: 'relecture@reseau.fr', role: 'coordinator' });
    const member = {
      id: agent.id,
      email: agent.email,
      name: 'agent',
      role: 'user' as const,
      memberships: [{ organisationId: org, role: 'member' as const }],
    };
    const reviewer = {
      id: coord.id,
      email: coord.email,
      name: 'relecture',
      role: 'coordinator' as const,
      memberships: [],
    };

    const published = await library.create(member, org, { title: 'Tri automatique des courriers entrants' });
    const patch: Record<string, unknown> = {};
    const content = { ...filledContent('p4'), title: published.content.title, projectStatus: 'deployment' };
    for (const f of FIELDS) if (f.step) patch[f.key] = (content as Record<string, unknown>)[f.key];
    (patch as Record<string, unknown>).abandonReason = null;
    const saved = await library.save(member, published.id, published.version, patch as any);
    const submitted = await library.act(member, published.id, 'submit', { version: saved.version });
    await library.act(reviewer, published.id, 'publish', { version: submitted.version });
    const draft = await library.create(member, org, { title: 'Brouillon confidentiel des essais' });

    const page = await app().agent().get(`/collectivites/${org}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Fiches publiées dans la bibliothèque/);
    const sheetLink = `href="${library.sheetPath(published)}"`;
    assert.ok(page.body.includes(sheetLink), 'la fiche publiée est un lien vers sa page');
    assert.match(page.body, /Tri automatique des courriers entrants/);
    // Its theme and project status, in words.
    assert.match(page.body, /<td>En déploiement<\/td>/);
    assert.match(page.body, new RegExp(`<td>${themes.labelOf(content.theme!)}</td>`));
    assert.ok(!page.body.includes('Brouillon confidentiel'), 'le brouillon n’apparaît pas');
    assert.ok(!page.body.includes(library.sheetPath(draft)));
    assert.ok(page.body.includes(`href="/bibliotheque?organisation=${org}"`));
    // The library page that link opens shows that authority's sheets only.
    const filtered = await app().agent().get(`/bibliotheque?organisation=${org}`);
    assert.equal(filtered.statusCode, 200);
    assert.match(filtered.body, /Tri automatique des courriers entrants/);
    assert.ok(!filtered.body.includes('Prévision de la fréquentation des cantines'));

    // An authority without published sheets says so.
    const empty = await app()
      .agent()
      .get(`/collectivites/${await app().createOrganisation({ name: 'Commune Vide' })}`);
    assert.match(
      empty.body,
      /Aucune fiche de cette collectivité n'est encore publiée|Aucune fiche de cette collectivité n&#39;est encore publiée/,
    );
  });
});
