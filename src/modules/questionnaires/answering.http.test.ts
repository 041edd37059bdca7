// Answering over HTTP, three ways in (invitation link, account, public link): page by page without JavaScript,
// autosave, summary, submission and receipt, reopening, closing; public results, exports, « Mes recensements ».
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { describeEachApp, linkIn, type TestAgent, type TestApp } from '../../../test/helpers/app.ts';
import { type ManualClock, manualClock } from '../../platform/clock.ts';
import { location, postMultipart, questionnairesOf, runJobs } from './test-support.ts';

const day = 86_400_000;

/** What the steps share: the app, the people and authorities set up once, then the campaign answered page by page. */
interface Ctx {
  app: () => TestApp<ManualClock>;
  coordinator: TestAgent;
  rennes: number;
  lyon: number;
  censusId: number;
  participationId: number;
  /** The « Recensement IA 2025 » campaign and the invitation link mailed to Rennes. */
  campaignId: number;
  link: string;
}

/** Two authorities (a member in Rennes), a signed-in coordinator and the installed catalogue. */
async function setUp(ctx: Ctx) {
  const { app } = ctx;
  ctx.rennes = await app().createOrganisation({
    name: 'Rennes',
    type: 'commune',
    siren: '213502388',
    regionCode: '53',
    departementCode: '35',
  });
  ctx.lyon = await app().createOrganisation({
    name: 'Métropole de Lyon',
    type: 'metropole',
    siren: '200046977',
    regionCode: '84',
    departementCode: '69',
  });
  await app().createUser({ email: 'agent@rennes.fr', memberships: [{ organisationId: ctx.rennes, role: 'member' }] });
  ctx.coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
  [ctx.censusId, ctx.participationId] = (await questionnairesOf(app()).questionnaires.installCatalogue()) as [
    number,
    number,
  ];
}

function registerCreationSteps(ctx: Ctx) {
  const { app } = ctx;
  const isoDay = (offsetDays: number) => new Date(app().clock.millis() + offsetDays * day).toISOString().slice(0, 10);

  test('the campaign form reports SIREN list errors by line, then creates the campaign', async () => {
    const bad = await postMultipart(app(), ctx.coordinator, '/coordination/campagnes', {
      questionnaireId: String(ctx.censusId),
      title: 'Recensement IA 2025',
      opensAt: isoDay(-1),
      closesAt: isoDay(20),
      sirenList: '213502388\n21350238X',
      reminderDays: '7, 2',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Ligne 2 : /);
    const created = await postMultipart(
      app(),
      ctx.coordinator,
      '/coordination/campagnes',
      {
        questionnaireId: String(ctx.censusId),
        title: 'Recensement IA 2025',
        description: 'Merci de décrire vos projets.',
        opensAt: isoDay(-1),
        closesAt: isoDay(20),
        options: ['results', 'public'],
        reminderDays: '7, 2',
        responsesMode: 'one',
      },
      [
        {
          field: 'sirenFile',
          filename: 'siren.csv',
          type: 'text/csv',
          content: 'siren;contact\n213502388;numerique@rennes.fr\n200046977;dsi@grandlyon.fr\n',
        },
      ],
    );
    assert.equal(created.statusCode, 302, created.body.slice(0, 600));
    assert.match(location(created), /\/coordination\/campagnes\/\d+\/apercu$/, 'la campagne est préparée, pas lancée');
    ctx.campaignId = Number(/campagnes\/(\d+)/.exec(location(created))![1]);
    const preview = await ctx.coordinator.get(location(created));
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Collectivités ciblées<\/dt><dd class="card-title">2</);
    assert.match(preview.body, /Invitation : Recensement IA 2025/);
    await runJobs(app());
    assert.equal(
      app()
        .outbox()
        .filter((m) => m.to.includes('numerique@rennes.fr')).length,
      0,
      'rien avant le lancement',
    );
    const unconfirmed = await ctx.coordinator.post(`/coordination/campagnes/${ctx.campaignId}/lancer`, {});
    assert.equal(unconfirmed.statusCode, 422);
    assert.match(unconfirmed.body, /Cochez la case pour confirmer/);
    const launched = await ctx.coordinator.post(`/coordination/campagnes/${ctx.campaignId}/lancer`, { confirm: 'oui' });
    assert.equal(launched.statusCode, 302);
    await runJobs(app());
    const invitation = app()
      .outbox()
      .find((m) => m.to.includes('numerique@rennes.fr'));
    assert.ok(invitation);
    ctx.link = linkIn(invitation, '/recensements/lien/');
    const dashboard = await ctx.coordinator.get(`/coordination/campagnes/${ctx.campaignId}`);
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /Collectivités invitées<\/dt><dd class="card-title">2</);
    assert.match(dashboard.body, /Par type de collectivité/);
  });

  test('an unknown link gets a clear page', async () => {
    const res = await app().agent().get('/recensements/lien/ceci-n-est-pas-un-vrai-lien-de-recensement');
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /Ce lien d(&#39;|')invitation n(&#39;|')existe pas/);
  });
}

function registerPageSteps(ctx: Ctx) {
  const { app } = ctx;

  test('answers page by page, with field errors, conditions and a check-your-answers page', async () => {
    const agent = app().agent();
    const start = await agent.get(ctx.link);
    assert.equal(start.statusCode, 302);
    assert.match(location(start), /\/page\/collectivite$/);
    const first = await agent.get(location(start));
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /<h1>Votre collectivité<\/h1>/);
    assert.match(first.body, /Page 1 sur 9/);
    assert.match(first.body, /id="questionnaire-data"/);
    const base = ctx.link;
    // An invalid e-mail: 422, error summary linked to the field, what was typed kept.
    const invalid = await agent.post(`${base}/page/collectivite`, {
      _version: '0',
      _base: '{}',
      'collectivite.query': '',
      collectivite: String(ctx.rennes),
      contact_email: 'numerique@rennes',
      action: 'next',
    });
    assert.equal(invalid.statusCode, 422);
    assert.match(
      invalid.body,
      /<a href="#champ-contact_email">Saisissez une adresse e-mail valide, par exemple nom@commune.fr<\/a>/,
    );
    assert.match(invalid.body, /value="numerique@rennes"/);
    assert.match(invalid.body, /aria-invalid="true"/);
    const version = /name="_version" value="(\d+)"/.exec(invalid.body)![1]!;
    const baseJson = /name="_base" value="([^"]*)"/
      .exec(invalid.body)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    const ok = await agent.post(`${base}/page/collectivite`, {
      _version: version,
      _base: baseJson,
      collectivite: String(ctx.rennes),
      contact_email: 'numerique@rennes.fr',
      action: 'next',
    });
    assert.equal(ok.statusCode, 302);
    assert.match(location(ok), /\/page\/projet$/);
    // The abandonment reason shows only once the status says so (after saving the page, without JavaScript).
    let progressPage = await agent.get(`${base}/page/avancement`);
    assert.match(progressPage.body, /data-element="raison_abandon"[^>]*hidden/);
    const v = () => /name="_version" value="(\d+)"/.exec(progressPage.body)![1]!;
    const saved = await agent.post(`${base}/page/avancement`, {
      _version: v(),
      _base: '{}',
      statut: 'abandoned',
      action: 'save',
    });
    assert.equal(saved.statusCode, 302);
    progressPage = await agent.get(`${base}/page/avancement`);
    assert.doesNotMatch(progressPage.body, /data-element="raison_abandon"[^>]*hidden/);
    assert.match(progressPage.body, /Vos réponses sont enregistrées/);
    const missing = await agent.post(`${base}/page/avancement`, {
      _version: v(),
      _base: '{"statut":"abandoned"}',
      statut: 'abandoned',
      action: 'next',
    });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /<a href="#champ-raison_abandon">Ce champ est obligatoire<\/a>/);
    // The summary lists what is missing, each linked to its page.
    const summary = await agent.get(`${base}/recapitulatif`);
    assert.equal(summary.statusCode, 200);
    assert.match(summary.body, /Quelques réponses sont à compléter avant l’envoi/);
    assert.match(summary.body, /href="[^"]*\/page\/avancement#champ-raison_abandon"/);
  });

  test('a matrix and a ranking are answered with plain form fields', async () => {
    const agent = app().agent();
    const page = await agent.get(`${ctx.link}/page/ethique`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<th scope="row" id="champ-transparence-row-0">Information des personnes concernées<\/th>/);
    assert.match(page.body, /aria-labelledby="champ-transparence-row-0 champ-transparence-col-0"/);
    const v = /name="_version" value="(\d+)"/.exec(page.body)![1]!;
    const res = await agent.post(`${ctx.link}/page/ethique`, {
      _version: v,
      _base: '{}',
      automatisation: 'no_decision',
      'transparence[information]': 'fait',
      'transparence[aipd]': 'sans_objet',
      'transparence[documentation]': 'en_cours',
      'transparence[biais]': 'prevu',
      'transparence[code_source]': 'non_prevu',
      action: 'save',
    });
    assert.equal(res.statusCode, 302);
    const r = await questionnairesOf(app()).respondents.openInvitation(ctx.link.split('/').pop()!, null);
    assert.deepEqual(r.response!.answers.transparence, {
      information: 'fait',
      aipd: 'sans_objet',
      documentation: 'en_cours',
      biais: 'prevu',
      code_source: 'non_prevu',
    });
  });
}

function registerAutosaveStep(ctx: Ctx) {
  const { app } = ctx;

  test('autosave (JavaScript) saves a patch, reports conflicts, and is refused after closing without losing anything', async () => {
    const agent = app().agent();
    await agent.get(`${ctx.link}/page/projet`);
    const r = await questionnairesOf(app()).respondents.openInvitation(ctx.link.split('/').pop()!, null);
    const res = await agent.request({
      method: 'POST',
      url: `${ctx.link}/enregistrer`,
      json: {
        baseVersion: r.response!.version,
        answers: { nom_projet: 'Prévision des crues', raison_abandon: 'Faute de données.' },
        page: 'projet',
      },
      headers: { 'x-csrf-token': agent.csrfToken, accept: 'application/json' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const saved = res.json();
    assert.equal(saved.version, r.response!.version + 1);
    assert.deepEqual(saved.conflicts, []);
    // Another agent with the old version changes the same answer: a conflict, the first value kept.
    const stale = await agent.request({
      method: 'POST',
      url: `${ctx.link}/enregistrer`,
      json: { baseVersion: r.response!.version, answers: { nom_projet: 'Autre nom' } },
      headers: { 'x-csrf-token': agent.csrfToken, accept: 'application/json' },
    });
    assert.equal(stale.statusCode, 200);
    assert.equal(stale.json().conflicts[0].key, 'nom_projet');
    assert.equal(stale.json().answers.nom_projet, 'Prévision des crues');
    // Without the CSRF header: refused.
    const forged = await agent.request({
      method: 'POST',
      url: `${ctx.link}/enregistrer`,
      json: { baseVersion: 0, answers: {} },
      headers: { accept: 'application/json' },
    });
    assert.equal(forged.statusCode, 403);
    // The pipeline remembers a cookie and token pair it found valid, not the cookie: another token is still refused.
    const token = agent.csrfToken;
    const tampered = await agent.request({
      method: 'POST',
      url: `${ctx.link}/enregistrer`,
      json: { baseVersion: 0, answers: {} },
      headers: {
        'x-csrf-token': `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
        accept: 'application/json',
      },
    });
    assert.equal(tampered.statusCode, 403);
    assert.equal(tampered.json().error.code, 'csrf_invalid');
  });
}

function registerSubmitAndCloseStep(ctx: Ctx) {
  const { app } = ctx;

  test('submits, mails a receipt, reopens; then a closed campaign refuses late saves and keeps answers', async () => {
    const svc = questionnairesOf(app());
    const r = await svc.respondents.openInvitation(ctx.link.split('/').pop()!, null);
    await svc.responses.autosave(r, {
      baseVersion: r.response!.version,
      answers: {
        description: 'Prévoir les crues de la Vilaine à partir des relevés des capteurs et de la météo.',
        date_debut: '2022-03',
        date_fin: '2024-01',
        theme: 'ecological_transition',
        publics: ['agents'],
        techniques: ['machine_learning'],
        categorie_commun: 'forecasting',
        sources_donnees: ['open_data'],
        mise_en_commun: 'discuter',
      },
    });
    const agent = app().agent();
    const summary = await agent.get(`${ctx.link}/recapitulatif`);
    assert.doesNotMatch(summary.body, /Quelques réponses sont à compléter/);
    const version = /name="_version" value="(\d+)"/.exec(summary.body)![1]!;
    const sent = await agent.post(`${ctx.link}/envoyer`, { _version: version, email: 'crues@rennes.fr' });
    assert.equal(sent.statusCode, 302);
    const receiptPage = await agent.get(`${ctx.link}/recapitulatif`);
    assert.match(receiptPage.body, /Réponse envoyée/);
    assert.match(receiptPage.body, /Rouvrir la réponse pour la modifier/);
    await runJobs(app());
    assert.ok(
      app()
        .outbox()
        .some((m) => m.to.includes('crues@rennes.fr') && /Accusé de réception/.test(m.subject)),
    );
    // Results (public): counts and percentages, restricted questions hidden. One response: published only because
    // the coordinator lowers the campaign's minimum of respondents to 1 (5 by default).
    await ctx.coordinator.post(`/coordination/campagnes/${ctx.campaignId}/resultats/seuil`, { minCell: '1' });
    const results = await app().agent().get(`/recensements/${ctx.campaignId}/resultats`);
    assert.equal(results.statusCode, 200);
    assert.match(results.body, /1 réponse envoyée/);
    assert.match(results.body, /<th scope="row">Abandonné<\/th>\s*<td>1<\/td>\s*<td>100 %<\/td>/);
    assert.doesNotMatch(results.body, /Adresse e-mail de contact/);
    const forCoordinator = await ctx.coordinator.get(`/coordination/campagnes/${ctx.campaignId}/resultats`);
    assert.match(forCoordinator.body, /Adresse e-mail de contact/);
    // Exports.
    const csv = await ctx.coordinator.get(`/coordination/campagnes/${ctx.campaignId}/export.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^réponse;collectivité;SIREN;code INSEE;type de collectivité/);
    assert.match(lines[0]!, /;code région;région;code département;département;réseaux;statut;/);
    // Codes with their names (empty without the geographic code loaded), dates at the time of Paris.
    assert.match(lines[1]!, /Rennes;[^;]*;[^;]*;Commune;53;[^;]*;35;[^;]*;;envoyée;1;\d{2}\/\d{2}\/\d{4} \d{2}:\d{2};/);
    assert.match(lines[1]!, /Abandonné/);
    const machine = await ctx.coordinator.get(
      `/coordination/campagnes/${ctx.campaignId}/export.csv?separateur=virgule`,
    );
    assert.match(
      machine.body.split('\r\n')[1]!,
      /Rennes,[^,]*,[^,]*,Commune,53,[^,]*,35,[^,]*,,envoyée,1,\d{4}-\d{2}-\d{2}T/,
    );
    const json = await ctx.coordinator.get(`/coordination/campagnes/${ctx.campaignId}/export.json`);
    assert.equal(json.json().responses[0].answers.statut, 'abandoned');
    const xlsx = await ctx.coordinator.get(`/coordination/campagnes/${ctx.campaignId}/export.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as any);
    const worksheet = workbook.getWorksheet('Réponses')!;
    assert.equal(worksheet.getRow(2).getCell(2).value, 'Rennes');
    // Reopen, then the coordinator closes the campaign: a late autosave is refused, answers are kept.
    const reopened = await agent.post(`${ctx.link}/rouvrir`);
    assert.equal(reopened.statusCode, 302);
    const closed = await ctx.coordinator.post(`/coordination/campagnes/${ctx.campaignId}/clore`);
    assert.equal(closed.statusCode, 302);
    const before = (await svc.respondents.openInvitation(ctx.link.split('/').pop()!, null)).response!;
    const late = await agent.request({
      method: 'POST',
      url: `${ctx.link}/enregistrer`,
      json: { baseVersion: before.version, answers: { nom_projet: 'Trop tard' } },
      headers: { 'x-csrf-token': agent.csrfToken, accept: 'application/json' },
    });
    assert.equal(late.statusCode, 410);
    assert.equal(late.json().error.code, 'campaign_closed');
    assert.match(late.json().error.message, /Ce qui a été enregistré avant la clôture est conservé/);
    const after = (await svc.respondents.openInvitation(ctx.link.split('/').pop()!, null)).response!;
    assert.deepEqual(after.answers, before.answers);
    const page = await agent.get(`${ctx.link}/page/projet`);
    assert.equal(page.statusCode, 302);
    const readOnly = await agent.get(location(page));
    assert.match(readOnly.body, /Recensement clos/);
  });
}

function registerPublicLinkStep(ctx: Ctx) {
  const { app } = ctx;

  test('each anonymous respondent keeps their own response; the honeypot stops robots', async () => {
    const svc = questionnairesOf(app());
    const created = await svc.campaigns.create(
      { id: 1, email: 'coord@reseau.fr', name: 'c', role: 'coordinator', memberships: [] },
      {
        questionnaireId: ctx.participationId,
        title: 'Participation 2025',
        description: '',
        opensAt: new Date(app().clock.millis() - day).toISOString(),
        closesAt: new Date(app().clock.millis() + 10 * day).toISOString(),
        targets: { types: [], regions: [], departements: [], organisationIds: [ctx.lyon], sirens: [] },
        sirenList: '',
        publicLink: true,
        responsesMode: 'one',
        resultsPublic: false,
        libraryAuto: false,
        reminderDays: [],
      },
    );
    const dash = await svc.campaigns.dashboard(
      { id: 1, email: 'c', name: 'c', role: 'coordinator', memberships: [] },
      created.id,
    );
    const path = new URL(dash.publicLink!).pathname;
    const one = app().agent();
    const two = app().agent();
    const start = await one.get(path);
    assert.equal(start.statusCode, 302);
    const page = await one.get(location(start));
    assert.match(page.body, /name="site_web"/);
    const v = /name="_version" value="(\d+)"/.exec(page.body)![1]!;
    const saved = await one.post(`${path}/page/collectivite`, {
      _version: v,
      _base: '{}',
      fonction: 'Chargée de mission',
      action: 'save',
    });
    assert.equal(saved.statusCode, 302);
    const mine = await one.get(`${path}/page/collectivite`);
    assert.match(mine.body, /value="Chargée de mission"/);
    await two.get(path);
    const theirs = await two.get(`${path}/page/collectivite`);
    assert.doesNotMatch(theirs.body, /Chargée de mission/);
    // A file question: type and size checked, the file stored with the response and downloadable by it only.
    const wrongType = await postMultipart(
      app(),
      one,
      `${path}/page/bilan`,
      { _version: '1', _base: '{}', action: 'save' },
      [{ field: 'compte_rendu_fichier', filename: 'bilan.exe', type: 'application/x-msdownload', content: 'MZ' }],
    );
    assert.equal(wrongType.statusCode, 422);
    assert.match(wrongType.body, /Le fichier doit être au format PDF, ODT, Word \(DOCX\)/);
    const pdf = Buffer.from('%PDF-1.4\n% compte rendu de la concertation\n');
    const uploaded = await postMultipart(
      app(),
      one,
      `${path}/page/bilan`,
      { _version: '1', _base: '{}', action: 'save' },
      [{ field: 'compte_rendu_fichier', filename: 'compte-rendu.pdf', type: 'application/pdf', content: pdf }],
    );
    assert.equal(uploaded.statusCode, 302, uploaded.body.slice(0, 300));
    const bilan = await one.get(`${path}/page/bilan`);
    const href = /href="([^"]+\/fichiers\/[^"]+)">compte-rendu\.pdf<\/a>/.exec(bilan.body)?.[1];
    assert.ok(href, 'le fichier joint est affiché avec un lien');
    const download = await one.get(href!);
    assert.equal(download.statusCode, 200);
    assert.equal(download.rawPayload.toString(), pdf.toString());
    assert.match(String(download.headers['content-disposition']), /attachment; filename\*=UTF-8''compte-rendu\.pdf/);
    const stranger = await two.get(href!);
    assert.equal(stranger.statusCode, 404, 'un autre répondant ne voit pas ce fichier');
    const robot = await two.post(`${path}/page/collectivite`, {
      _version: '0',
      _base: '{}',
      fonction: 'spam',
      site_web: 'http://spam.example',
      action: 'save',
    });
    assert.equal(robot.statusCode, 400);
    // Results are not public for this campaign.
    const results = await app().agent().get(`/recensements/${created.id}/resultats`);
    assert.equal(results.statusCode, 404);
  });
}

describeEachApp<ManualClock>(
  'questionnaires over HTTP: answering, results, exports',
  (app) => {
    const ctx = { app, rennes: 0, lyon: 0, censusId: 0, participationId: 0, campaignId: 0, link: '' } as Ctx;
    before(() => setUp(ctx));

    // The steps depend on each other: they are registered, and run, in this order.
    describe('a campaign, answered page by page without JavaScript', () => {
      registerCreationSteps(ctx);
      registerPageSteps(ctx);
      registerAutosaveStep(ctx);
      registerSubmitAndCloseStep(ctx);
    });

    describe('the public link', () => {
      registerPublicLinkStep(ctx);
    });

    describe('visitors', () => {
      test('« Recensements » explains the census and lists published results', async () => {
        const res = await app().agent().get('/recensements');
        assert.equal(res.statusCode, 200);
        assert.match(res.body, /<h1>Recensements<\/h1>/);
        assert.match(res.body, /Résultats publiés/);
        assert.match(res.body, /href="\/recensements\/\d+\/resultats">Recensement IA 2025<\/a>/);
      });
    });

    describe('members through their account', () => {
      test('« Mes recensements » lists the campaigns of their authorities', async () => {
        const agent = app().agent();
        await agent.signInAs('agent@rennes.fr');
        const res = await agent.get('/recensements');
        assert.equal(res.statusCode, 200);
        assert.match(res.body, /Recensement IA 2025/);
        const other = await agent.get(`/recensements/1/collectivites/${ctx.lyon}`);
        assert.ok([403, 404].includes(other.statusCode));
      });
    });
  },
  {},
  { clock: () => manualClock(new Date()) },
);
