// Participation initiatives through the pages, the API and the open-data files, on both databases: members of an
// authority write drafts and send them for review, coordinators publish them or return them with a comment; drafts
// stay hidden from everyone else; editing a published initiative makes a revision while the published version stays
// visible; the catalogue finds published initiatives by text and facets; the API, CSV, JSON and Atom feed show the
// published content only; every wrong field gets its French message and nothing is written.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import type { ParticipationApi } from './index.ts';
import { initiativeForm, initiativeIdIn } from './test-support.ts';

describeEachApp('participation: initiatives, review workflow and open data', (app) => {
  let member: TestAgent;
  let outsider: TestAgent;
  let coordinator: TestAgent;
  let visitor: TestAgent;
  let orgA: number;
  let orgB: number;
  let debateId: number;

  before(async () => {
    orgA = await app().createOrganisation({
      name: 'Ville des Sources',
      type: 'commune',
      siren: '213502388',
      regionCode: '53',
      departementCode: '35',
    });
    orgB = await app().createOrganisation({
      name: 'Agglo du Littoral',
      type: 'epci',
      siren: '200046977',
      regionCode: '84',
      departementCode: '69',
    });
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
  });

  test('a member saves a draft with a title only; nobody outside the authority sees it', async () => {
    const created = await member.post('/initiatives/nouvelle', {
      organisation: String(orgA),
      titre: 'Débat public sur la 5G',
    });
    assert.equal(created.statusCode, 302, created.body.slice(0, 500));
    debateId = initiativeIdIn(created.headers.location);
    const own = await member.get(`/initiatives/${debateId}`);
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /État : <strong>Brouillon<\/strong>/);
    assert.equal((await visitor.get(`/initiatives/${debateId}`)).statusCode, 404);
    assert.equal((await outsider.get(`/initiatives/${debateId}`)).statusCode, 404);
    assert.equal((await visitor.get(`/api/v1/initiatives/${debateId}`)).statusCode, 404);
    assert.equal((await outsider.get(`/initiatives/${debateId}/modifier`)).statusCode, 403);
    assert.equal((await visitor.get('/api/v1/initiatives')).json().total, 0);
  });

  test('a member may only write for their own authority', async () => {
    const refused = await member.post('/initiatives/nouvelle', { organisation: String(orgB), titre: 'Pas chez nous' });
    assert.equal(refused.statusCode, 403);
    const none = await member.post('/initiatives/nouvelle', { titre: 'Sans collectivité' });
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /Choisissez la collectivité qui porte l’initiative/);
  });

  test('every wrong field has its French message, the error summary, what was typed, and nothing is saved', async () => {
    const before = await app().server.platform.db.selectFrom('initiatives').select('id').execute();
    const sent = await member.post('/initiatives/nouvelle', {
      organisation: String(orgA),
      titre: '',
      resume: 'Texte gardé',
      format: 'kermesse',
      sujets: ['inconnu'],
      debut: '2025-02-30',
      fin: 'demain',
      participants: 'beaucoup',
      ressources: 'ftp://depot.exemple.fr',
      engagements: ['engagement_42'],
    });
    assert.equal(sent.statusCode, 422);
    assert.match(sent.body, /data-error-summary/);
    assert.match(sent.body, /Indiquez titre\./);
    assert.match(sent.body, /Format : choix inconnu « kermesse »/);
    assert.match(sent.body, /Sujets : choix inconnu « inconnu »/);
    assert.match(sent.body, /Date de début : le 2025-02-30 n’existe pas/);
    assert.match(sent.body, /Date de fin : au format AAAA-MM-JJ/);
    assert.match(sent.body, /Nombre de participants : indiquez un nombre entier/);
    assert.match(sent.body, /Ressources, ligne 1 : seules les adresses https:\/\/ \(ou http:\/\/\) sont acceptées/);
    assert.match(sent.body, /Engagements du Manifeste : choix inconnu « engagement_42 »/);
    assert.match(sent.body, /Texte gardé/);
    const after = await app().server.platform.db.selectFrom('initiatives').select('id').execute();
    assert.equal(after.length, before.length);
  });

  test('sending an incomplete initiative for review says what is missing, on its fields', async () => {
    const page = await member.get(`/initiatives/${debateId}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const sent = await member.post(`/initiatives/${debateId}/action`, { action: 'submit', version });
    assert.equal(sent.statusCode, 422);
    assert.match(sent.body, /Écrivez le résumé « en bref, en langage clair »/);
    assert.match(sent.body, /Cochez au moins un sujet/);
    assert.match(sent.body, /Indiquez la date de début/);
  });

  test('review: submitted, returned with a required comment, sent again, published; only coordinators review', async () => {
    const saved = await member.post(`/initiatives/${debateId}/modifier`, {
      ...initiativeForm(),
      version: '1',
      _etape: 'submit',
    });
    assert.equal(saved.statusCode, 302, saved.body.slice(0, 800));
    let page = await member.get(`/initiatives/${debateId}`);
    assert.match(page.body, /En relecture/);
    const version = () => /name="version" value="(\d+)"/.exec(page.body)![1]!;
    // The member may not publish: the workflow is the coordinators'.
    assert.equal(
      (await member.post(`/initiatives/${debateId}/action`, { action: 'publish', version: version() })).statusCode,
      403,
    );
    assert.equal(
      (await outsider.post(`/initiatives/${debateId}/action`, { action: 'publish', version: version() })).statusCode,
      403,
    );
    const queue = await coordinator.get('/coordination/initiatives');
    assert.match(queue.body, /Débat public sur la 5G/);
    page = await coordinator.get(`/initiatives/${debateId}`);
    const noComment = await coordinator.post(`/initiatives/${debateId}/action`, {
      action: 'return',
      version: version(),
    });
    assert.equal(noComment.statusCode, 422);
    assert.match(noComment.body, /Expliquez ce qu’il faut modifier avant publication/);
    const stale = await coordinator.post(`/initiatives/${debateId}/action`, { action: 'publish', version: '1' });
    assert.equal(stale.statusCode, 409);
    const returned = await coordinator.post(`/initiatives/${debateId}/action`, {
      action: 'return',
      version: version(),
      commentaire: 'Précisez le nombre de participants par soirée.',
    });
    assert.equal(returned.statusCode, 302);
    page = await member.get(`/initiatives/${debateId}`);
    assert.match(page.body, /Renvoyée avec un commentaire/);
    assert.match(page.body, /Précisez le nombre de participants par soirée/);
    // The coordinators were told of the submission, the authority's members of the return (mail through jobs).
    for (let i = 0; i < 5; i++) if (!(await app().server.runJobs())) break;
    const mails = app().outbox();
    assert.ok(
      mails.some(
        (m) => m.to.includes('coord@reseau.fr') && m.subject === 'Initiative à relire : Débat public sur la 5G',
      ),
      'les coordinateurs sont prévenus',
    );
    const told = mails.find((m) => m.to.includes('agent@sources.fr') && /^Initiative renvoyée/.test(m.subject));
    assert.ok(told, 'les membres de la collectivité sont prévenus');
    assert.match(told.text, /> Précisez le nombre de participants par soirée\./);
    assert.ok(!mails.some((m) => m.to.includes('agent@littoral.fr')), 'personne d’autre');
    // « Mon espace » lists it for the member.
    const work = await app().server.modules.work(await userOf('agent@sources.fr'));
    assert.ok(work.some((g) => g.key === 'initiatives-renvoyees' && g.count === 1));
    assert.equal(
      (await member.post(`/initiatives/${debateId}/action`, { action: 'submit', version: version() })).statusCode,
      302,
    );
    page = await coordinator.get(`/initiatives/${debateId}`);
    const published = await coordinator.post(`/initiatives/${debateId}/action`, {
      action: 'publish',
      version: version(),
    });
    assert.equal(published.statusCode, 302);
    const read = await visitor.get(`/initiatives/${debateId}`);
    assert.equal(read.statusCode, 200);
    // « En bref » comes first, before the description.
    assert.ok(read.body.indexOf('En bref, en langage clair') < read.body.indexOf('La démarche'));
    assert.doesNotMatch(read.body, /Précisez le nombre/);
    assert.doesNotMatch(read.body, /Modifier l’initiative/);
    const history = await member.get(`/initiatives/${debateId}/historique`);
    for (const step of ['Brouillon créé', 'Envoyée en relecture', 'Renvoyée avec un commentaire', 'Publiée'])
      assert.match(history.body, new RegExp(step));
    const audit = await app()
      .server.platform.db.selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'initiative')
      .where('subject_id', '=', String(debateId))
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), [
      'initiative.created',
      'initiative.published',
      'initiative.returned',
      'initiative.submitted',
      'initiative.submitted',
    ]);
  });

  async function userOf(email: string) {
    const id = await app()
      .server.platform.db.selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const user = await app().server.modules.loadUser(Number(id.id));
    assert.ok(user, 'utilisateur chargé');
    return user;
  }

  test('editing a published initiative makes a revision: the published version stays until the revision is published', async () => {
    const page = await member.get(`/initiatives/${debateId}/modifier`);
    assert.match(page.body, /vos modifications forment une révision/);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const saved = await member.post(`/initiatives/${debateId}/modifier`, {
      ...initiativeForm({ titre: 'Débat public sur la 5G et la fibre' }),
      version,
      _etape: 'submit',
    });
    assert.equal(saved.statusCode, 302, saved.body.slice(0, 500));
    assert.match((await visitor.get(`/initiatives/${debateId}`)).body, /<h1>Débat public sur la 5G<\/h1>/);
    assert.equal((await visitor.get(`/api/v1/initiatives/${debateId}`)).json().title, 'Débat public sur la 5G');
    const coordPage = await coordinator.get(`/initiatives/${debateId}`);
    assert.match(coordPage.body, /Publiée \(révision en relecture\)/);
    const v = /name="version" value="(\d+)"/.exec(coordPage.body)![1]!;
    assert.equal(
      (await coordinator.post(`/initiatives/${debateId}/action`, { action: 'publish', version: v })).statusCode,
      302,
    );
    assert.equal(
      (await visitor.get(`/api/v1/initiatives/${debateId}`)).json().title,
      'Débat public sur la 5G et la fibre',
    );
  });

  test('search: text and facets with counts (format, topic, région, authority type, year, commitment)', async () => {
    const second = await outsider.post('/initiatives/nouvelle', {
      ...initiativeForm({
        titre: 'Médiateurs numériques en mairie',
        en_bref: 'Des médiateurs aident les habitants à faire leurs démarches.',
        resume: 'Permanences hebdomadaires de médiation numérique.',
        format: 'mediation',
        sujets: ['digital_inclusion'],
        publics: ['eloignes_numerique'],
        debut: '2024-09-01',
        fin: '',
        engagements: ['inclusion'],
      }),
      organisation: String(orgB),
      _etape: 'submit',
    });
    assert.equal(second.statusCode, 302, second.body.slice(0, 500));
    const id = initiativeIdIn(second.headers.location);
    const page = await coordinator.get(`/initiatives/${id}`);
    const v = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    assert.equal(
      (await coordinator.post(`/initiatives/${id}/action`, { action: 'publish', version: v })).statusCode,
      302,
    );

    const all = (await visitor.get('/api/v1/initiatives')).json();
    assert.equal(all.total, 2);
    const counts = (facet: string) =>
      Object.fromEntries(all.facets[facet].map((f: { code: string; count: number }) => [f.code, f.count]));
    assert.deepEqual(counts('format'), { public_debate: 1, mediation: 1 });
    assert.deepEqual(counts('region'), { '53': 1, '84': 1 });
    assert.deepEqual(counts('type'), { commune: 1, epci: 1 });
    assert.deepEqual(counts('annee'), { '2025': 1, '2024': 1 });
    assert.deepEqual(counts('engagement'), { inclusion: 1, infrastructures: 1, intelligence_collective: 1 });
    const inclusion = (await visitor.get('/api/v1/initiatives?sujet=digital_inclusion')).json();
    assert.deepEqual(
      inclusion.items.map((i: { title: string }) => i.title),
      ['Médiateurs numériques en mairie'],
    );
    const mediation = (await visitor.get('/api/v1/initiatives?q=permanences%20hebdomadaires')).json();
    assert.deepEqual(
      mediation.items.map((i: { title: string }) => i.title),
      ['Médiateurs numériques en mairie'],
    );
    const fibre = (await visitor.get('/api/v1/initiatives?q=fibre')).json();
    assert.deepEqual(
      fibre.items.map((i: { id: number }) => i.id),
      [debateId],
    );
    const html = await visitor.get('/initiatives?region=84');
    assert.match(html.body, /1 initiative</);
    assert.match(html.body, /Médiateurs numériques en mairie/);
    assert.doesNotMatch(html.body, /Débat public sur la 5G et la fibre/);
    // From the map: one authority's initiatives, the filter said in words with the way back.
    const ofB = await visitor.get(`/initiatives?collectivite=${orgB}`);
    assert.match(ofB.body, /Initiatives de Agglo du Littoral seulement\./);
    assert.match(ofB.body, /href="\/initiatives\?">Voir les initiatives de toutes les collectivités/);
    assert.match(ofB.body, /1 initiative</);
  });

  test('open data: CSV (one writer, French by default), JSON and Atom show the published content only', async () => {
    const draft = await member.post('/initiatives/nouvelle', { organisation: String(orgA), titre: 'Brouillon secret' });
    assert.equal(draft.statusCode, 302);
    const csv = await visitor.get('/initiatives/initiatives.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    assert.match(lines[0]!, /^identifiant;titre;en_bref;resume;format/);
    assert.equal(lines.length, 3);
    assert.match(csv.body, /Débat public sur la 5G et la fibre;/);
    assert.match(csv.body, /Engagement 6 : Déployer les réseaux/);
    assert.doesNotMatch(csv.body, /Brouillon secret/);
    const machine = await visitor.get('/initiatives/initiatives.csv?separateur=virgule');
    assert.match(machine.body, /^identifiant,titre,/);
    const json = (await visitor.get('/initiatives/initiatives.json')).json();
    assert.deepEqual(json.items.map((i: { title: string }) => i.title).sort(), [
      'Débat public sur la 5G et la fibre',
      'Médiateurs numériques en mairie',
    ]);
    const debate = json.items.find((i: { id: number }) => i.id === debateId);
    assert.deepEqual(debate.resources, [
      { label: 'Compte rendu', url: 'https://ville.exemple.fr/5g' },
      { label: 'https://ville.exemple.fr/carte-antennes', url: 'https://ville.exemple.fr/carte-antennes' },
    ]);
    assert.equal(debate.participants, 240);
    assert.deepEqual(debate.organisation, {
      id: orgA,
      name: 'Ville des Sources',
      type: 'commune',
      region: '53',
      departement: '35',
    });
    const feed = await visitor.get('/initiatives/flux.atom');
    assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
    assert.match(feed.body, /<title>Débat public sur la 5G et la fibre \(Débat public, Ville des Sources\)<\/title>/);
    assert.doesNotMatch(feed.body, /Brouillon secret/);
    const openapi = (await visitor.get('/api/openapi.json')).json();
    assert.ok(openapi.paths['/api/v1/initiatives'], 'la recherche est dans le document OpenAPI');
    assert.ok(openapi.paths['/api/v1/initiatives/{id}'], 'une initiative est dans le document OpenAPI');
  });

  test('statistics and map count the published initiatives by format, topic and région', async () => {
    const stats = await visitor.get('/initiatives/statistiques');
    assert.equal(stats.statusCode, 200);
    assert.match(stats.body, /2 initiatives publiées/);
    assert.match(stats.body, /Initiatives par format/);
    assert.match(stats.body, /<a href="\/initiatives\?format=mediation">Permanence ou médiation<\/a><\/th><td>1<\/td>/);
    const map = await visitor.get('/initiatives/carte');
    assert.equal(map.statusCode, 200);
    assert.match(map.body, /<a href="\/initiatives\?region=53">[^<]+<\/a><\/th><td>1<\/td>/);
  });

  test('withdrawing from publication needs a reason and hides it from everyone but its authority', async () => {
    const page = await member.get(`/initiatives/${debateId}`);
    const v = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const noReason = await member.post(`/initiatives/${debateId}/action`, { action: 'unpublish', version: v });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /Indiquez pourquoi l’initiative est retirée de la publication/);
    const done = await member.post(`/initiatives/${debateId}/action`, {
      action: 'unpublish',
      version: v,
      commentaire: 'Des chiffres à vérifier.',
    });
    assert.equal(done.statusCode, 302);
    assert.equal((await visitor.get(`/initiatives/${debateId}`)).statusCode, 404);
    assert.equal((await visitor.get('/api/v1/initiatives')).json().total, 1);
    const found = (await visitor.get('/api/v1/initiatives?q=fibre')).json();
    assert.ok(!found.items.some((i: { id: number }) => i.id === debateId), 'plus dans la recherche');
    assert.match((await member.get(`/initiatives/${debateId}`)).body, /Retirée de la publication/);
  });

  test('the api for other modules: findPublished and recentSince', async () => {
    const api = app().server.modules.api('participation') as ParticipationApi;
    const published = await app()
      .server.platform.db.selectFrom('initiatives')
      .select('id')
      .where('state', '=', 'published')
      .executeTakeFirstOrThrow();
    const found = await api.findPublished(Number(published.id));
    assert.deepEqual(found, {
      id: Number(published.id),
      title: 'Médiateurs numériques en mairie',
      organisationId: orgB,
      path: `/initiatives/${published.id}`,
    });
    assert.equal(await api.findPublished(debateId), null, 'retirée de la publication');
    const recent = await api.recentSince('2000-01-01T00:00:00Z');
    assert.deepEqual(
      recent.map((r) => r.title),
      ['Médiateurs numériques en mairie'],
    );
    assert.deepEqual(await api.recentSince('2999-01-01T00:00:00Z'), []);
  });
});
