// The Manifesto frame, the census bridge, the demo content and personal data, on both databases: the Manifesto page
// counts the published initiatives and the library sheets linked to each commitment; a sheet is linked by the members
// of its authority or a coordinator only; a submitted participation census response becomes a draft initiative of
// its authority in one click (once); the demo seed gives every role something to do; a person's acts are exported,
// then forgotten with their account while the initiatives stay.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { DEMO_ACCOUNTS } from '../accounts/index.ts';
import { PARTICIPATION_KEY } from '../questionnaires/index.ts';
import { initiativeForm, initiativeIdIn, publishedSheet } from './test-support.ts';
import './tables.ts';
import { signInDemo } from '../../../test/helpers/demo.ts';

describeEachApp('participation: the Manifesto, the census bridge, personal data', (app) => {
  let member: TestAgent;
  let outsider: TestAgent;
  let coordinator: TestAgent;
  let visitor: TestAgent;
  let orgA: number;
  let orgB: number;
  let sheet: { id: number; path: string };
  let memberId: number;

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
    const m = await app().createUser({
      email: 'agent@sources.fr',
      memberships: [{ organisationId: orgA, role: 'member' }],
    });
    memberId = m.id;
    member = await app().signedIn({
      email: 'agent2@sources.fr',
      memberships: [{ organisationId: orgA, role: 'member' }],
    });
    outsider = await app().signedIn({
      email: 'agent@littoral.fr',
      memberships: [{ organisationId: orgB, role: 'editor' }],
    });
    coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
    visitor = app().agent();
    sheet = await publishedSheet(app(), orgA, member, coordinator, 'm1');
  });

  async function publish(form: Record<string, string | string[]>, by: TestAgent, organisationId: number) {
    const sent = await by.post('/initiatives/nouvelle', {
      ...form,
      organisation: String(organisationId),
      _etape: 'submit',
    });
    assert.equal(sent.statusCode, 302, sent.body.slice(0, 500));
    const id = initiativeIdIn(sent.headers.location);
    const page = await coordinator.get(`/initiatives/${id}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    assert.equal((await coordinator.post(`/initiatives/${id}/action`, { action: 'publish', version })).statusCode, 302);
    return id;
  }

  test('the Manifesto page counts, for each commitment, the published initiatives that put it into practice', async () => {
    await publish(initiativeForm(), member, orgA);
    await publish(
      initiativeForm({
        titre: 'Ateliers numériques',
        format: 'workshop',
        engagements: ['competences', 'intelligence_collective'],
      }),
      outsider,
      orgB,
    );
    // A draft ticking a commitment is not counted.
    await member.post('/initiatives/nouvelle', {
      organisation: String(orgA),
      titre: 'Brouillon',
      engagements: ['competences'],
    });
    const page = await visitor.get('/manifeste');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Source : Manifeste adopté le 18 mars 2021/);
    const row = (n: number) =>
      new RegExp(`href="#engagement-${n}">${n}\\. [^<]+</a></th><td>(\\d+)</td><td>(\\d+)</td>`).exec(page.body)!;
    assert.deepEqual([row(6)[1], row(7)[1], row(2)[1], row(1)[1]], ['1', '2', '1', '0']);
    assert.match(
      page.body,
      /id="engagement-7"[\s\S]*?Ateliers numériques[\s\S]*?Débat public sur la 5G[\s\S]*?id="engagement-8"/,
    );
    assert.doesNotMatch(page.body, /Relier une fiche/, 'a visitor links nothing');
    const api = (await visitor.get('/api/v1/initiatives?engagement=intelligence_collective')).json();
    assert.equal(api.total, 2);
  });

  test('a sheet is linked to a commitment by its authority’s members or a coordinator, once; others are refused', async () => {
    const wrong = await member.post('/manifeste/fiches', { fiche: 'pas une fiche', engagement: 'inconnu' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /« pas une fiche » n’est ni un numéro ni une adresse de fiche/);
    assert.match(wrong.body, /Engagement : choix inconnu « inconnu »/);
    const missing = await member.post('/manifeste/fiches', { fiche: '999999', engagement: 'donnees' });
    assert.match(missing.body, /aucune fiche publiée ne porte le numéro 999999/);
    assert.equal(
      (await outsider.post('/manifeste/fiches', { fiche: sheet.path, engagement: 'donnees' })).statusCode,
      403,
    );
    assert.equal(
      (await visitor.post('/manifeste/fiches', { fiche: sheet.path, engagement: 'donnees' })).statusCode,
      401,
    );
    const linked = await member.post('/manifeste/fiches', { fiche: `${sheet.path}-un-titre`, engagement: 'donnees' });
    assert.equal(linked.statusCode, 302);
    assert.equal(linked.headers.location, '/manifeste#engagement-8');
    const again = await coordinator.post('/manifeste/fiches', { fiche: String(sheet.id), engagement: 'donnees' });
    assert.equal(again.statusCode, 302);
    const page = await visitor.get('/manifeste');
    assert.match(page.body, /href="#engagement-8">8\. [^<]+<\/a><\/th><td>0<\/td><td>1<\/td>/);
    assert.match(page.body, new RegExp(`id="engagement-8"[\\s\\S]*href="${sheet.path}`));
    assert.doesNotMatch(page.body, /Retirer le lien/, 'a visitor unlinks nothing');
    assert.equal(
      (await outsider.post('/manifeste/fiches/retirer', { fiche: String(sheet.id), engagement: 'donnees' })).statusCode,
      403,
    );
    assert.equal(
      (await member.post('/manifeste/fiches/retirer', { fiche: String(sheet.id), engagement: 'donnees' })).statusCode,
      302,
    );
    assert.match(
      (await visitor.get('/manifeste')).body,
      /href="#engagement-8">8\. [^<]+<\/a><\/th><td>0<\/td><td>0<\/td>/,
    );
    const audit = await app()
      .server.platform.db.selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'commitment_sheet.%')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['commitment_sheet.linked', 'commitment_sheet.unlinked'],
    );
  });

  test('a submitted participation census response becomes a draft initiative of its authority in one click, once', async () => {
    const questionnaires = app().server.modules.services.questionnaires;
    await questionnaires.questionnaires.installCatalogue();
    const questionnaireId = (await questionnaires.questionnaires.catalogueId(PARTICIPATION_KEY))!;
    const coordUser = { id: 0, email: 'c@r.fr', name: 'C', role: 'coordinator' as const, memberships: [] };
    const now = Date.parse(app().server.platform.clock.iso());
    const campaign = await questionnaires.campaigns.create(coordUser, {
      questionnaireId,
      title: 'Participation 2026',
      description: 'Vos démarches participatives.',
      opensAt: new Date(now - 86_400_000).toISOString(),
      closesAt: new Date(now + 30 * 86_400_000).toISOString(),
      targets: { types: [], regions: [], departements: [], organisationIds: [orgA], sirens: [] },
      sirenList: '',
      publicLink: false,
      resultsPublic: false,
      libraryAuto: false,
      reminderDays: [],
    });
    const agent = {
      id: memberId,
      email: 'agent@sources.fr',
      name: 'A',
      role: 'user' as const,
      memberships: [{ organisationId: orgA, role: 'member' as const }],
    };
    const r = await questionnaires.respondents.openAsMember(agent, campaign.id, orgA);
    const saved = await questionnaires.responses.autosave(r, {
      baseVersion: r.response?.version ?? 0,
      answers: {
        collectivite: String(orgA),
        formats: ['debat_public', 'atelier'],
        debat_5g: true,
        debat_5g_recit: 'Trois soirées de débat sur les antennes-relais.',
        publics: ['grand_public', 'eloignes_numerique'],
        eloignes_reussite: 8,
        eloignes_comment: 'Des permanences à la médiathèque.',
        sujets: ['infrastructures', 'inclusion'],
        leviers: ['portage_elu'],
        freins: ['sujet_technique'],
        influence: 'en_partie',
        resultats: 'Une carte des antennes publiée.',
        compte_rendu: 'https://ville.exemple.fr/bilan',
        besoins_priorites: ['formation', 'methodes', 'outils', 'financement', 'reseau'],
      },
    });
    const opened = await questionnaires.respondents.openAsMember(agent, campaign.id, orgA);
    await questionnaires.responses.submit(opened, { baseVersion: saved.version });
    const dash = await questionnaires.campaigns.dashboard(coordUser, campaign.id);
    const responseId = dash.followUp.find((f: { organisationId: number }) => f.organisationId === orgA)!.responseId!;

    const before = await coordinator.get(`/coordination/reponses/${responseId}`);
    assert.match(before.body, /Créer l’initiative de participation/);
    assert.equal((await member.post(`/coordination/reponses/${responseId}/initiative`, {})).statusCode, 403);
    const created = await coordinator.post(`/coordination/reponses/${responseId}/initiative`, {});
    assert.equal(created.statusCode, 302, created.body.slice(0, 300));
    const id = initiativeIdIn(created.headers.location);
    const draft = await member.get(`/initiatives/${id}`);
    assert.equal(draft.statusCode, 200);
    assert.match(draft.body, /<h1>Débat public : aménagement numérique et 5g<\/h1>/i);
    assert.match(draft.body, /État : <strong>Brouillon<\/strong>/);
    assert.match(draft.body, /Trois soirées de débat sur les antennes-relais/);
    assert.match(draft.body, /Des permanences à la médiathèque/);
    assert.match(draft.body, /Un portage politique clair/);
    assert.match(draft.body, /Des sujets jugés trop techniques/);
    assert.match(draft.body, /href="https:\/\/ville.exemple.fr\/bilan"/);
    assert.equal((await visitor.get(`/initiatives/${id}`)).statusCode, 404, 'a draft stays private');
    const form = await member.get(`/initiatives/${id}/modifier`);
    assert.match(form.body, /value="infrastructure_5g" checked/);
    assert.match(form.body, /value="eloignes_numerique" checked/);
    assert.match(
      (await member.get(`/initiatives/${id}/historique`)).body,
      /Brouillon créé depuis une réponse au recensement[\s\S]*Participation 2026, réponse n° \d+/,
    );
    const again = await coordinator.post(`/coordination/reponses/${responseId}/initiative`, {});
    assert.equal(again.headers.location, `/initiatives/${id}`);
    const count = await app()
      .server.platform.db.selectFrom('initiatives')
      .select('id')
      .where('origin_response_id', '=', responseId)
      .execute();
    assert.equal(count.length, 1);
    assert.match(
      (await coordinator.get(`/coordination/reponses/${responseId}`)).body,
      /Initiative de participation créée/,
    );
  });

  test('personal data: a person’s initiatives and acts are exported, then forgotten with the account; initiatives stay', async () => {
    const author = await app().signedIn({
      email: 'auteur@sources.fr',
      memberships: [{ organisationId: orgA, role: 'member' }],
    });
    const sent = await author.post('/initiatives/nouvelle', {
      ...initiativeForm({ titre: 'Initiative RGPD' }),
      organisation: String(orgA),
      _etape: 'submit',
    });
    const id = initiativeIdIn(sent.headers.location);
    const exported = (await author.get('/compte/donnees.json')).json();
    assert.deepEqual(
      exported.participation.initiativesCreated.map((i: { id: number }) => i.id),
      [id],
    );
    assert.deepEqual(
      exported.participation.acts.map((a: { event: string }) => a.event),
      ['created', 'submitted'],
    );
    const deleted = await author.post('/compte/supprimer', { confirm: 'oui' });
    assert.equal(deleted.statusCode, 303, deleted.body);
    const db = app().server.platform.db;
    const row = await db
      .selectFrom('initiatives')
      .select(['created_by', 'updated_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { created_by: null, updated_by: null });
    const acts = await db
      .selectFrom('initiative_versions')
      .select('created_by')
      .where('initiative_id', '=', id)
      .execute();
    assert.deepEqual(acts, [{ created_by: null }, { created_by: null }]);
    assert.match((await coordinator.get(`/initiatives/${id}`)).body, /Initiative RGPD/);
  });
});

describeEachApp('participation demo content', (app) => {
  test('initiatives at every step for the demo roles; the Manifesto links; seeding twice adds nothing', async () => {
    await app().server.modules.seed({ demo: true, log: () => {} });
    const visitor = app().agent();
    const list = (await visitor.get('/api/v1/initiatives?per_page=100')).json();
    assert.ok(list.total >= 4, `au moins 4 initiatives publiées, ${list.total}`);
    const titles = list.items.map((i: { title: string }) => i.title);
    assert.ok(titles.includes('Débat public sur l’arrivée de la 5G dans les quartiers'));
    assert.ok(titles.includes('Médiateurs numériques dans les maisons de quartier'));
    const states = await app().server.platform.db.selectFrom('initiatives').select('state').execute();
    assert.equal(states.filter((s) => s.state === 'submitted').length, 1);
    assert.equal(states.filter((s) => s.state === 'draft').length, 1);
    const manifesto = await visitor.get('/manifeste');
    assert.match(manifesto.body, /href="#engagement-6">6\. [^<]+<\/a><\/th><td>[1-9]/);

    const signIn = (email: string, n: number) => signInDemo(app(), email, n);
    const editor = await signIn(DEMO_ACCOUNTS.find((a) => a.membership === 'editor')!.email, 1);
    assert.match((await editor.get('/initiatives/en-cours')).body, /Hackathon des données ouvertes de la mobilité/);
    const coord = await signIn(DEMO_ACCOUNTS.find((a) => a.role === 'coordinator')!.email, 2);
    assert.match((await coord.get('/coordination/initiatives')).body, /Budget participatif pour le numérique/);
    await app().server.modules.seed({ demo: true, log: () => {} });
    assert.equal((await visitor.get('/api/v1/initiatives')).json().total, list.total);
  });
});
