// One response per project: through its personal link an authority sees its responses, adds another, resumes any;
// each AI-census response it sends becomes its own draft sheet of the library; the dashboard counts authorities and
// responses apart. A campaign that takes one response per authority refuses a second one. Both databases.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestApp } from '../../../test/helpers/app.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import { type ManualClock, manualClock } from '../../platform/clock.ts';
import { HttpError } from '../../platform/http/errors.ts';
import type { LibraryApi } from '../library/index.ts';
import type { QuestionnairesApi } from './index.ts';
import { location } from './test-support.ts';

const service = (app: TestApp) => app.server.modules.api('questionnaires') as QuestionnairesApi;
const day = 86_400_000;

async function runJobs(app: TestApp) {
  for (let i = 0; i < 10; i++) if (!(await app.server.runJobs())) break;
}

/** A complete AI-census response about the project `name` of the authority `organisationId`. */
const answersAbout = (organisationId: number, name: string) => ({
  collectivite: String(organisationId),
  contact_email: 'numerique@angers.fr',
  nom_projet: name,
  description: 'Un projet décrit en plus de trente caractères pour le recensement.',
  date_debut: '2024-01',
  statut: 'experimentation',
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
});

describeEachApp<ManualClock>(
  'questionnaires: one response per project',
  (app) => {
    let coordinator: CurrentUser;
    let angers = 0;
    let brest = 0;
    let censusId = 0;
    let campaignId = 0;
    let link = '';

    const campaign = (mode: 'one' | 'several' | undefined, title: string) =>
      service(app()).campaigns.create(coordinator, {
        questionnaireId: censusId,
        title,
        description: '',
        opensAt: new Date(app().clock.millis() - day).toISOString(),
        closesAt: new Date(app().clock.millis() + 30 * day).toISOString(),
        targets: { types: [], regions: [], departements: [], organisationIds: [angers, brest], sirens: [] },
        sirenList: '',
        publicLink: false,
        resultsPublic: false,
        libraryAuto: true,
        reminderDays: [],
        ...(mode ? { responsesMode: mode } : {}),
      });

    before(async () => {
      const c = await app().createUser({ email: 'coord@reseau.fr', role: 'coordinator' });
      coordinator = { id: c.id, email: c.email, name: 'Coord', role: 'coordinator', memberships: [] };
      angers = await app().createOrganisation({ name: 'Angers', type: 'commune', siren: '214900079' });
      brest = await app().createOrganisation({ name: 'Brest', type: 'commune', siren: '212900195' });
      [censusId] = (await service(app()).questionnaires.installCatalogue()) as [number];
      // The AI census takes one response per project unless told otherwise.
      campaignId = (await campaign(undefined, 'Recensement par projet')).id;
      const dash = await service(app()).campaigns.dashboard(coordinator, campaignId);
      assert.equal(dash.campaign.responsesMode, 'several');
      const invitation = dash.followUp.find((f) => f.organisationId === angers)!;
      link = new URL(await service(app()).invitations.linkOf(coordinator, invitation.invitationId)).pathname;
    });

    test('the link shows the authority’s responses and adds one per project, without an account', async () => {
      const agent = app().agent();
      const empty = await agent.get(link);
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /Aucune réponse pour le moment/);
      assert.match(empty.body, /href="\/inscription"/, 'répondre propose de créer un compte');
      const first = await agent.post(`${link}/reponses`);
      assert.equal(first.statusCode, 302);
      assert.match(location(first), new RegExp(`^${link}/reponses/\\d+$`));
      const second = await agent.post(`${link}/reponses`);
      assert.notEqual(location(second), location(first));
      const page = await agent.get(location(first));
      assert.equal(page.statusCode, 302);
      assert.match(location(page), /\/reponses\/\d+\/page\/collectivite$/);
      // Without a response chosen, the pages lead back to the list.
      const bare = await agent.get(`${link}/page/projet`);
      assert.equal(bare.statusCode, 302);
      assert.equal(location(bare), link);
    });

    test('each response sent becomes its own draft sheet of the library', async () => {
      const svc = service(app());
      const token = link.split('/').pop()!;
      const list = await svc.respondents.responsesOf(await svc.respondents.openInvitation(token, null));
      assert.deepEqual(
        list.map((r) => r.number),
        [1, 2],
      );
      const projects = ['Assistant des démarches', 'Tri des courriers'];
      for (const [i, response] of list.entries()) {
        let r = await svc.respondents.openInvitation(token, null, response.id);
        assert.equal(r.response?.id, response.id, 'chaque réponse se reprend par son lien');
        await svc.responses.autosave(r, {
          baseVersion: r.response!.version,
          answers: answersAbout(angers, projects[i]!),
        });
        r = await svc.respondents.openInvitation(token, null, response.id);
        await svc.responses.submit(r, { baseVersion: r.response!.version });
      }
      await runJobs(app());
      const library = app().server.modules.api('library') as LibraryApi;
      const sheets = [];
      for (const response of list) {
        const read = (await svc.results.response(coordinator, response.id)).response;
        assert.ok(read.libraryUseCaseId, `la réponse n° ${response.number} a sa fiche`);
        sheets.push((await library.findUseCase(read.libraryUseCaseId))!);
      }
      assert.deepEqual(
        sheets.map((s) => [s.content.title, s.organisationId, s.state]),
        [
          [projects[0], angers, 'draft'],
          [projects[1], angers, 'draft'],
        ],
      );
      const summary = await app().agent().get(`${link}/reponses/${list[0]!.id}/recapitulatif`);
      assert.match(summary.body, /Toutes les réponses de votre collectivité/);
      assert.match(summary.body, /Répondre pour un autre projet/);
      assert.match(summary.body, /créer un compte/, 'répondre sans compte propose d’en créer un');
      const page = await app().agent().get(link);
      assert.match(page.body, /Réponse n° 1 : Assistant des démarches/);
      assert.match(page.body, /2 réponses, dont 2 envoyées/);
    });

    test('the dashboard counts authorities and responses apart', async () => {
      const dash = await service(app()).campaigns.dashboard(coordinator, campaignId);
      assert.deepEqual(
        [dash.summary.invited, dash.summary.started, dash.summary.submitted],
        [2, 1, 1],
        'deux collectivités invitées, une a répondu',
      );
      assert.deepEqual([dash.summary.responses, dash.summary.submittedResponses], [2, 2]);
      const row = dash.followUp.find((f) => f.organisationId === angers)!;
      assert.deepEqual([row.status, row.responses, row.submittedResponses], ['submitted', 2, 2]);
    });

    test('a response of another authority is not reachable through this link', async () => {
      const svc = service(app());
      const dash = await svc.campaigns.dashboard(coordinator, campaignId);
      const brestInvitation = dash.followUp.find((f) => f.organisationId === brest)!;
      const brestToken = (await svc.invitations.linkOf(coordinator, brestInvitation.invitationId)).split('/').pop()!;
      const brestResponse = await svc.respondents.addResponse(await svc.respondents.openInvitation(brestToken, null));
      const angersToken = link.split('/').pop()!;
      await assert.rejects(svc.respondents.openInvitation(angersToken, null, brestResponse.response.id), (e) => {
        assert.ok(e instanceof HttpError && e.status === 404);
        return true;
      });
    });

    test('a campaign taking one response per authority refuses a second one', async () => {
      const svc = service(app());
      const { id } = await campaign('one', 'Recensement à une réponse');
      const dash = await svc.campaigns.dashboard(coordinator, id);
      const token = (await svc.invitations.linkOf(coordinator, dash.followUp[0]!.invitationId)).split('/').pop()!;
      const r = await svc.respondents.openInvitation(token, null);
      assert.equal(r.listPath, null);
      await assert.rejects(svc.respondents.addResponse(r), (e) => {
        assert.ok(e instanceof HttpError && e.status === 404, String(e));
        assert.match(e.message, /une seule réponse par collectivité/);
        return true;
      });
    });
  },
  {},
  { clock: () => manualClock('2026-03-02T09:00:00Z') },
);
