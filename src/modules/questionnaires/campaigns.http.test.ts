// A campaign from creation to results, at the service level on the whole application (organisations and library
// through their apis): invitations and their links, answering by several agents, submission and its receipt,
// reopening, public link, dashboard, reminders, results, exports, closing, library drafts. Time is a manual clock.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { describeEachApp, linkIn, type TestApp } from '../../../test/helpers/app.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import { type ManualClock, manualClock } from '../../platform/clock.ts';
import { HttpError } from '../../platform/http/errors.ts';
import type { LibraryApi } from '../library/index.ts';
import type { LibraryDrafts, QuestionnairesApi } from './index.ts';
import { createQuestionnairesServices } from './services/index.ts';
import { emptyDirectory } from './test-support.ts';

const service = (app: TestApp) => app.server.modules.api('questionnaires') as QuestionnairesApi;

const coordinator: CurrentUser = {
  id: 0,
  email: 'coord@reseau.fr',
  name: 'Coord',
  role: 'coordinator',
  memberships: [],
};

/** Runs every due job: mails and campaign announcements. */
async function runJobs(app: TestApp) {
  for (let i = 0; i < 5; i++) if (!(await app.server.runJobs())) break;
}

async function rejects(promise: Promise<unknown>, status: number, pattern: RegExp) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof HttpError, String(e));
    assert.equal(e.status, status, e.message);
    assert.match(`${e.message} ${JSON.stringify(e.fields ?? {})}`, pattern);
    return true;
  });
}

const day = 86_400_000;

/** What the steps share: the app, the people and authorities set up once, then the campaign the steps walk through. */
interface Ctx {
  app: () => TestApp<ManualClock>;
  coordinatorUser: CurrentUser;
  lyon: number;
  rennes: number;
  brest: number;
  censusId: number;
  /** The « Recensement 2025 » campaign of 'a campaign', and the personal link mailed to Rennes. */
  campaignId: number;
  rennesLink: string;
}

/** An agent of the Métropole de Lyon (a member, not an editor). */
const lyonMember = (ctx: Ctx): CurrentUser => ({
  id: 1000,
  email: 'x@lyon.fr',
  name: 'X',
  role: 'user',
  memberships: [{ organisationId: ctx.lyon, role: 'member' }],
});

/** The response of an organisation to the « Recensement 2025 » campaign, as coordinators read it. */
async function responseOf(ctx: Ctx, organisationId: number) {
  const svc = service(ctx.app());
  const [campaign] = (await svc.campaigns.list(ctx.coordinatorUser)).filter((c) => c.title === 'Recensement 2025');
  const dash = await svc.campaigns.dashboard(ctx.coordinatorUser, campaign!.id);
  const responseId = dash.followUp.find((f) => f.organisationId === organisationId)?.responseId;
  return responseId ? (await svc.results.response(ctx.coordinatorUser, responseId)).response : null;
}

/** The coordinator, three authorities (a member in Rennes) and the installed catalogue. */
async function setUp(ctx: Ctx) {
  const { app } = ctx;
  const c = await app().createUser({ email: 'coord@reseau.fr', role: 'coordinator' });
  ctx.coordinatorUser = { ...coordinator, id: c.id };
  ctx.lyon = await app().createOrganisation({
    name: 'Métropole de Lyon',
    type: 'metropole',
    siren: '200046977',
    regionCode: '84',
    departementCode: '69',
  });
  ctx.rennes = await app().createOrganisation({
    name: 'Rennes',
    type: 'commune',
    siren: '213502388',
    regionCode: '53',
    departementCode: '35',
  });
  ctx.brest = await app().createOrganisation({
    name: 'Brest',
    type: 'commune',
    siren: '212900195',
    regionCode: '53',
    departementCode: '29',
  });
  await app().createUser({ email: 'agent@rennes.fr', memberships: [{ organisationId: ctx.rennes, role: 'member' }] });
  [ctx.censusId] = (await service(app()).questionnaires.installCatalogue()) as [number];
}

/** Creates « Recensement 2025 » (after refusing an invalid form) and sends its invitations. */
async function createCampaign(ctx: Ctx) {
  const { app } = ctx;
  const svc = service(app());
  await rejects(
    svc.campaigns.create(ctx.coordinatorUser, {
      questionnaireId: ctx.censusId,
      title: '',
      description: '',
      opensAt: new Date(app().clock.millis() - day).toISOString(),
      closesAt: new Date(app().clock.millis() - 2 * day).toISOString(),
      targets: { types: [], regions: [], departements: [], organisationIds: [], sirens: [] },
      sirenList: 'siren;email\n200046977;dsi@grandlyon.fr\n123456789\n',
      publicLink: false,
      resultsPublic: false,
      libraryAuto: false,
      reminderDays: [7],
    }),
    422,
    /Saisissez le titre.*Ligne 3 : Le numéro SIREN 123456789 n'est pas valide/s,
  );
  const created = await svc.campaigns.create(ctx.coordinatorUser, {
    questionnaireId: ctx.censusId,
    title: 'Recensement 2025',
    description: 'Dites-nous où vous en êtes.',
    opensAt: new Date(app().clock.millis() - day).toISOString(),
    closesAt: new Date(app().clock.millis() + 30 * day).toISOString(),
    targets: { types: ['commune'], regions: ['53'], departements: [], organisationIds: [], sirens: [] },
    sirenList: 'siren;email\n200046977;dsi@grandlyon.fr\n',
    publicLink: true,
    resultsPublic: true,
    libraryAuto: true,
    reminderDays: [7, 2],
    responsesMode: 'one',
  });
  ctx.campaignId = created.id;
  assert.equal(created.invited, 3);
  await runJobs(app());
}

function registerInvitationSteps(ctx: Ctx) {
  const { app } = ctx;

  test('mails one personal link per authority to its members and listed contacts', () => {
    const mails = app().outbox();
    const toRennes = mails.find((m) => m.to.includes('agent@rennes.fr') && /Invitation/.test(m.subject));
    assert.ok(toRennes, 'les membres de Rennes sont invités');
    assert.match(toRennes.text, /Le réseau invite Rennes à répondre au recensement « Recensement 2025 »/);
    ctx.rennesLink = linkIn(toRennes, '/recensements/lien/');
    const toLyon = mails.find((m) => m.to.includes('dsi@grandlyon.fr'));
    assert.ok(toLyon, 'le contact de la liste SIREN est invité');
    assert.notEqual(linkIn(toLyon, '/recensements/lien/'), ctx.rennesLink, 'un lien par collectivité');
  });

  test('opens the link; an unknown, revoked or expired link each gets its own message', async () => {
    const svc = service(app());
    const token = ctx.rennesLink.split('/').pop()!;
    const r = await svc.respondents.openInvitation(token, null);
    assert.equal(r.organisation?.organisationName, 'Rennes');
    assert.equal(r.state, 'open');
    await rejects(svc.respondents.openInvitation('x'.repeat(43), null), 404, /n'existe pas/);
    const dash = await svc.campaigns.dashboard(ctx.coordinatorUser, ctx.campaignId);
    const brestInvitation = dash.followUp.find((f) => f.organisationId === ctx.brest)!;
    const brestLink = await svc.invitations.linkOf(ctx.coordinatorUser, brestInvitation.invitationId);
    await svc.invitations.revoke(ctx.coordinatorUser, brestInvitation.invitationId);
    await rejects(svc.respondents.openInvitation(brestLink.split('/').pop()!, null), 410, /révoqué/);
    const renewed = await svc.invitations.renew(ctx.coordinatorUser, brestInvitation.invitationId);
    assert.notEqual(renewed, brestLink);
    await rejects(svc.respondents.openInvitation(brestLink.split('/').pop()!, null), 404, /n'existe pas/);
    assert.equal(
      (await svc.respondents.openInvitation(renewed.split('/').pop()!, null)).organisation?.organisationName,
      'Brest',
    );
    // A link expires 30 days after the campaign closes (in 30 days): 61 days later, it has.
    const now = app().clock.iso();
    app().clock.advance({ days: 61 });
    try {
      await rejects(svc.respondents.openInvitation(renewed.split('/').pop()!, null), 410, /expiré/);
    } finally {
      app().clock.set(now);
    }
  });
}

function registerSavingSteps(ctx: Ctx) {
  const { app } = ctx;

  test('two agents saving the same response never overwrite each other silently', async () => {
    const svc = service(app());
    const token = ctx.rennesLink.split('/').pop()!;
    const first = await svc.respondents.openInvitation(token, null);
    const a = await svc.responses.autosave(first, {
      baseVersion: 0,
      answers: { nom_projet: 'Chatbot des démarches' },
    });
    const base = a.version;
    // Agent B loaded the response at `base`, agent A goes on.
    const agentA = await svc.respondents.openInvitation(token, null);
    const agentB = await svc.respondents.openInvitation(token, null);
    await svc.responses.autosave(agentA, {
      baseVersion: base,
      answers: { description: 'Répondre aux questions des habitants, jour et nuit, sur les démarches courantes.' },
    });
    // B changes another question: merged, nothing lost.
    const b = await svc.responses.autosave(agentB, { baseVersion: base, answers: { statut: 'experimentation' } });
    assert.deepEqual(b.conflicts, []);
    assert.equal(
      b.answers.description,
      'Répondre aux questions des habitants, jour et nuit, sur les démarches courantes.',
    );
    assert.equal(b.answers.statut, 'experimentation');
    // A changes the status from its stale view: conflict reported, B's value kept.
    const conflicted = await svc.responses.autosave(agentA, {
      baseVersion: base + 1,
      answers: { statut: 'deployment' },
    });
    assert.deepEqual(conflicted.conflicts, [{ key: 'statut', yours: 'deployment', theirs: 'experimentation' }]);
    assert.equal(conflicted.answers.statut, 'experimentation');
    // Unknown keys are refused with a field message.
    await rejects(
      svc.responses.autosave(agentA, { baseVersion: conflicted.version, answers: { inconnue: 'x' } }),
      422,
      /n'existe pas/,
    );
  });

  test('a page form writes only what the person changed since the page was shown', async () => {
    const svc = service(app());
    const r = await svc.respondents.openInvitation(ctx.rennesLink.split('/').pop()!, null);
    const shownVersion = r.response!.version;
    const shown = { statut: r.response!.answers.statut };
    // Someone else changes the status meanwhile…
    await svc.responses.autosave(await svc.respondents.openInvitation(ctx.rennesLink.split('/').pop()!, null), {
      baseVersion: shownVersion,
      answers: { statut: 'abandoned' },
    });
    // …and this person submits the « avancement » page with the status they saw unchanged and a new end date.
    const saved = await svc.responses.savePage(
      r,
      'avancement',
      { statut: shown.statut as string, date_fin: '06/2025' },
      { baseVersion: shownVersion, base: shown, validate: true },
    );
    assert.equal(saved.response.answers.statut, 'abandoned', 'la modification de l’autre agent est conservée');
    assert.equal(saved.response.answers.date_fin, '2025-06');
    assert.deepEqual(saved.conflicts, []);
    assert.equal(saved.errors.raison_abandon, 'Ce champ est obligatoire');
  });
}

function registerSubmissionSteps(ctx: Ctx) {
  const { app } = ctx;

  test('refuses to submit an incomplete response, then submits, mails a receipt and can reopen', async () => {
    const svc = service(app());
    const token = ctx.rennesLink.split('/').pop()!;
    let r = await svc.respondents.openInvitation(token, null);
    await rejects(svc.responses.submit(r, { baseVersion: r.response!.version }), 422, /Ce champ est obligatoire/);
    const answers = {
      collectivite: String(ctx.rennes),
      contact_email: 'numerique@rennes.fr',
      nom_projet: 'Chatbot des démarches',
      date_debut: '2023-01',
      statut: 'experimentation',
      raison_abandon: 'texte devenu caché',
      theme: 'citizenship',
      publics: ['general_public'],
      techniques: ['generative_ai'],
      categorie_commun: 'conversational_assistant',
      sources_donnees: ['internal_dataset'],
      automatisation: 'no_decision',
      transparence: {
        information: 'fait',
        aipd: 'en_cours',
        documentation: 'fait',
        biais: 'prevu',
        code_source: 'non_prevu',
      },
      mise_en_commun: 'partager',
    };
    await svc.responses.autosave(r, { baseVersion: r.response!.version, answers });
    r = await svc.respondents.openInvitation(token, null);
    await rejects(svc.responses.submit(r, { baseVersion: r.response!.version - 1 }), 409, /modifié les réponses/);
    const submitted = await svc.responses.submit(r, {
      baseVersion: r.response!.version,
      email: 'Numerique@Rennes.fr',
    });
    assert.equal(submitted.status, 'submitted');
    assert.equal('raison_abandon' in submitted.answers, false, 'la réponse cachée n’est pas gardée');
    await runJobs(app());
    const receipt = app()
      .outbox()
      .find((m) => m.to.includes('numerique@rennes.fr') && /Accusé de réception/.test(m.subject));
    assert.ok(receipt);
    assert.match(receipt.text, /Nous avons bien reçu la réponse de Rennes/);
    r = await svc.respondents.openInvitation(token, null);
    await rejects(
      svc.responses.autosave(r, { baseVersion: r.response!.version, answers: { resume: 'x' } }),
      409,
      /Rouvrez-la/,
    );
    const reopened = await svc.responses.reopen(r);
    assert.equal(reopened.status, 'in_progress');
    r = await svc.respondents.openInvitation(token, null);
    await svc.responses.submit(r, { baseVersion: r.response!.version });
  });

  test('members answer through their account; others may not', async () => {
    const svc = service(app());
    const agent = lyonMember(ctx);
    const r = await svc.respondents.openAsMember(agent, ctx.campaignId, ctx.lyon);
    assert.equal(r.organisation?.organisationName, 'Métropole de Lyon');
    await rejects(svc.respondents.openAsMember(agent, ctx.campaignId, ctx.rennes), 403, /Seuls les membres de Rennes/);
    const saved = await svc.responses.savePage(
      r,
      'projet',
      { nom_projet: 'Jumeau numérique', description: 'court' },
      { baseVersion: 0, base: null, validate: true },
    );
    assert.equal(saved.errors.description, 'Saisissez au moins 30 caractères');
    const mine = await svc.campaigns.myCampaigns(agent);
    assert.deepEqual(
      mine.map((m) => [m.organisationName, m.response?.status]),
      [['Métropole de Lyon', 'in_progress']],
    );
  });
}

function registerFollowUpSteps(ctx: Ctx) {
  const { app } = ctx;

  test('public link: each anonymous respondent has their own response', async () => {
    const svc = service(app());
    const dash = await svc.campaigns.dashboard(ctx.coordinatorUser, ctx.campaignId);
    assert.ok(dash.publicLink);
    const token = dash.publicLink!.split('/').pop()!;
    const one = await svc.respondents.openPublic(token, 'a'.repeat(43), null);
    await svc.responses.autosave(one, { baseVersion: 0, answers: { nom_projet: 'Projet anonyme' } });
    const two = await svc.respondents.openPublic(token, 'b'.repeat(43), null);
    assert.equal(two.response, null);
    const oneAgain = await svc.respondents.openPublic(token, 'a'.repeat(43), null);
    assert.equal(oneAgain.response?.answers.nom_projet, 'Projet anonyme');
    await rejects(svc.respondents.openPublic('c'.repeat(43), null, null), 404, /lien public/);
  });

  test('dashboard: response rate overall, by authority type and by région', async () => {
    const dash = await service(app()).campaigns.dashboard(ctx.coordinatorUser, ctx.campaignId);
    assert.equal(dash.summary.invited, 3);
    assert.equal(dash.summary.submitted, 1);
    assert.equal(dash.summary.started, 2);
    const communes = dash.byType.find((t) => t.key === 'Commune')!;
    assert.deepEqual([communes.invited, communes.submitted, communes.percent], [2, 1, 50]);
    assert.ok(dash.byRegion.length >= 1);
    assert.equal(dash.summary.anonymousResponses, 1);
  });

  test('reminds those who have not submitted, not the others', async () => {
    const svc = service(app());
    const before = app().outbox().length;
    const sent = await svc.invitations.remind(ctx.coordinatorUser, ctx.campaignId, null);
    // Rennes has submitted; Brest has no known contact (no member, no address in the list): only Lyon is mailed.
    assert.equal(sent, 1);
    await runJobs(app());
    const reminders = app()
      .outbox()
      .slice(0, app().outbox().length - before)
      .filter((m) => /Rappel/.test(m.subject));
    assert.ok(reminders.every((m) => !m.to.includes('agent@rennes.fr')));
    assert.ok(reminders.some((m) => m.to.includes('dsi@grandlyon.fr')));
  });
}

function registerResultsAndClosingSteps(ctx: Ctx) {
  const { app } = ctx;

  test('results count submitted answers; restricted questions are hidden from the public', async () => {
    const svc = service(app());
    // One response: public results are shown here only because the campaign's publication threshold is 1.
    await svc.results.setMinCell(ctx.coordinatorUser, ctx.campaignId, 1);
    const forCoordinator = await svc.results.results(ctx.coordinatorUser, ctx.campaignId, {});
    assert.equal(forCoordinator.results!.responses, 1);
    const status = forCoordinator.results!.questions.find((q) => q.question.id === 'statut')!;
    assert.equal(status.kind, 'choices');
    if (status.kind === 'choices') {
      assert.deepEqual(
        status.options.find((o) => o.code === 'experimentation'),
        { code: 'experimentation', label: 'En expérimentation', count: 1, percent: 100 },
      );
    }
    assert.ok(forCoordinator.results!.questions.some((q) => q.question.id === 'contact_email'));
    const forPublic = await svc.results.results(null, ctx.campaignId, {});
    assert.ok(!forPublic.results!.questions.some((q) => q.question.restricted), 'aucune question restreinte');
    const filtered = await svc.results.results(ctx.coordinatorUser, ctx.campaignId, { organisationType: 'metropole' });
    assert.equal(filtered.results!.responses, 0);
    await svc.results.setMinCell(ctx.coordinatorUser, ctx.campaignId, 5);
  });

  test('exports one row per response and one column per question across versions', async () => {
    const svc = service(app());
    const exp = await svc.results.responsesExport(ctx.coordinatorUser, ctx.campaignId);
    const rows = [];
    for await (const row of exp.rows()) rows.push(exp.cells(row));
    assert.equal(rows.length, 3);
    const rennesRow = rows.find((cells) => cells[1] === 'Rennes')!;
    const col = exp.ids.indexOf('statut');
    assert.equal(rennesRow[col], 'En expérimentation');
    assert.equal(rennesRow[exp.ids.indexOf('publics')], 'Grand public');
  });

  test('a closed campaign refuses a late save and keeps what was saved before', async () => {
    const svc = service(app());
    const agent = lyonMember(ctx);
    const r = await svc.respondents.openAsMember(agent, ctx.campaignId, ctx.lyon);
    const before = r.response!.answers;
    await svc.campaigns.close(ctx.coordinatorUser, ctx.campaignId);
    await rejects(
      svc.responses.autosave(r, { baseVersion: r.response!.version, answers: { nom_projet: 'Trop tard' } }),
      410,
      /est clos depuis le .* Ce qui a été enregistré avant la clôture est conservé/,
    );
    const after = await svc.respondents.openAsMember(agent, ctx.campaignId, ctx.lyon);
    assert.deepEqual(after.response!.answers, before);
    assert.equal(after.state, 'closed');
  });

  test('personal data: the responses a person wrote are exported, then who wrote them is forgotten', async () => {
    const data = app().server.modules.personalData.find((p) => p.module === 'questionnaires')!.data;
    const exported = (await data.export(lyonMember(ctx).id)) as { organisation: string; lastUpdatedByYou: boolean }[];
    assert.deepEqual(
      exported.map((r) => [r.organisation, r.lastUpdatedByYou]),
      [['Métropole de Lyon', true]],
    );
    await data.erase(lyonMember(ctx).id, app().server.platform.db);
    assert.deepEqual(await data.export(lyonMember(ctx).id), []);
  });
}

/** After 'a campaign': its responses become library drafts. */
function registerLibrarySteps(ctx: Ctx) {
  const { app } = ctx;

  test('an AI-census response submitted in a campaign with automatic drafts becomes a draft use case of the library', async () => {
    await runJobs(app());
    const response = await responseOf(ctx, ctx.rennes);
    assert.ok(response?.libraryUseCaseId, 'une fiche brouillon a été créée à l’envoi');
    const library = app().server.modules.api('library') as LibraryApi;
    const useCase = (await library.findUseCase(response.libraryUseCaseId))!;
    assert.equal(useCase.organisationId, ctx.rennes);
    assert.equal(useCase.state, 'draft');
    assert.equal(useCase.content.title, 'Chatbot des démarches');
    assert.equal(useCase.content.commonsCategory, 'conversational_assistant');
  });

  test('the library reporting a use case drafted from a response links it to that response, once', async () => {
    const svc = service(app());
    const [campaign] = (await svc.campaigns.list(ctx.coordinatorUser)).filter((c) => c.title === 'Recensement 2025');
    const exp = await svc.results.responsesExport(ctx.coordinatorUser, campaign!.id);
    let anonymousId = 0;
    for await (const r of exp.rows()) if (!r.organisationId) anonymousId = r.id;
    assert.ok(anonymousId, 'la réponse anonyme existe');
    await svc.library.onUseCaseDrafted({ useCaseId: 901, origin: { kind: 'census_response', id: anonymousId } });
    await svc.library.onUseCaseDrafted({ useCaseId: 902, origin: { kind: 'census_response', id: anonymousId } });
    await svc.library.onUseCaseDrafted({ useCaseId: 903, origin: { kind: 'something_else', id: anonymousId } });
    const read = await svc.results.response(ctx.coordinatorUser, anonymousId);
    assert.equal(read.response.libraryUseCaseId, 901);
  });

  test('a coordinator turns a census response into a library draft, once', async () => {
    const created: Parameters<LibraryDrafts['createDraft']>[0][] = [];
    const library: LibraryDrafts = {
      async createDraft(input) {
        created.push(input);
        return { id: 4242, url: '/bibliotheque/4242' };
      },
    };
    const base = service(app());
    const svc = createQuestionnairesServices(app().server.platform, { organisations: emptyDirectory, library });
    const lyonResponse = await responseOf(ctx, ctx.lyon);
    const result = await svc.library.createDraft(ctx.coordinatorUser, lyonResponse!.id);
    assert.equal(result.id, 4242);
    assert.equal(created[0].organisationId, ctx.lyon);
    assert.deepEqual(created[0].content, { title: 'Jumeau numérique', description: 'court' });
    assert.match(created[0].source, /Recensement 2025, réponse n° \d+/);
    assert.deepEqual(created[0].origin, { kind: 'census_response', id: lyonResponse!.id });
    const again = await svc.library.createDraft(ctx.coordinatorUser, lyonResponse!.id);
    assert.equal(again.created, false);
    assert.equal(created.length, 1);
    await rejects(base.library.createDraft(ctx.coordinatorUser, lyonResponse!.id + 1000), 404, /n'existe pas/);
    const member: CurrentUser = { id: 5, email: 'm@x.fr', name: 'M', role: 'user', memberships: [] };
    await rejects(base.library.createDraft(member, lyonResponse!.id), 403, /coordinateurs/);
  });
}

function registerScheduledCampaignStep(ctx: Ctx) {
  const { app } = ctx;

  test('a scheduled campaign is announced once it opens; reminders stop once it closes (time moves)', async () => {
    const svc = service(app());
    const start = app().clock.iso();
    try {
      const { id } = await svc.campaigns.create(ctx.coordinatorUser, {
        questionnaireId: ctx.censusId,
        title: 'Recensement programmé',
        description: '',
        opensAt: new Date(app().clock.millis() + 2 * day).toISOString(),
        closesAt: new Date(app().clock.millis() + 12 * day).toISOString(),
        targets: { types: [], regions: [], departements: [], organisationIds: [ctx.rennes], sirens: [] },
        sirenList: '',
        publicLink: false,
        resultsPublic: false,
        libraryAuto: false,
        reminderDays: [],
      });
      const invitationsTo = () =>
        app()
          .outbox()
          .filter((m) => m.subject === 'Invitation : Recensement programmé').length;
      await svc.invitations.sendInvitations({ campaignId: id });
      await runJobs(app());
      assert.equal(invitationsTo(), 0, 'rien avant l’ouverture');
      assert.equal((await svc.campaigns.dashboard(ctx.coordinatorUser, id)).state, 'scheduled');
      app().clock.advance({ days: 3 });
      assert.equal((await svc.campaigns.dashboard(ctx.coordinatorUser, id)).state, 'open');
      await svc.invitations.sendInvitations({ campaignId: id });
      await svc.invitations.sendInvitations({ campaignId: id });
      await runJobs(app());
      assert.equal(invitationsTo(), 1, 'une invitation, une seule fois');
      app().clock.advance({ days: 10 });
      const before = app().outbox().length;
      await svc.invitations.sendScheduledReminder({ campaignId: id });
      await runJobs(app());
      assert.equal(app().outbox().length, before, 'pas de rappel après la clôture');
      await rejects(svc.invitations.remind(ctx.coordinatorUser, id, null), 422, /campagne ouverte/);
    } finally {
      app().clock.set(start);
    }
  });
}

describeEachApp<ManualClock>(
  'questionnaires: campaigns, answering, results',
  (app) => {
    const ctx: Ctx = {
      app,
      coordinatorUser: coordinator,
      lyon: 0,
      rennes: 0,
      brest: 0,
      censusId: 0,
      campaignId: 0,
      rennesLink: '',
    };
    before(() => setUp(ctx));

    // The steps of a campaign depend on each other: they are registered, and run, in this order.
    describe('a campaign', () => {
      before(() => createCampaign(ctx));
      registerInvitationSteps(ctx);
      registerSavingSteps(ctx);
      registerSubmissionSteps(ctx);
      registerFollowUpSteps(ctx);
      registerResultsAndClosingSteps(ctx);
    });

    registerLibrarySteps(ctx);
    registerScheduledCampaignStep(ctx);
  },
  {},
  { clock: () => manualClock(new Date()) },
);
