import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { TEST_PASSWORD } from '../../../test/helpers/factories.ts';
import type { LibraryApi } from '../library/index.ts';
import type { OrganisationsApi } from '../organisations/index.ts';
import type { QuestionnairesApi } from '../questionnaires/index.ts';

const DAY = 86_400_000;
const coordinatorActor = { id: 0, email: 'c@reseau.fr', name: 'C', role: 'coordinator' as const, memberships: [] };

/** Headings of « Mon espace », in page order. */
const groupsOf = (body: string) =>
  [...body.matchAll(/<h2 id="[a-z-]+-title">([^<]+) <span class="count-badge">(\d+)/g)].map((m) => `${m[1]} (${m[2]})`);

describeEachApp(
  '« Mon espace »: what waits for each person, most urgent first, each linking to the exact place',
  (app) => {
    let editor: TestAgent;
    let coordinator: TestAgent;
    let nantes = 0;

    test('setup: an editor with a draft and a sheet sent back, an open census, a join request, a sheet to review', async () => {
      nantes = await app().createOrganisation({
        name: 'Ville de Nantes',
        type: 'commune',
        regionCode: '52',
        departementCode: '44',
      });
      const editorUser = await app().createUser({
        email: 'editrice@nantes.fr',

        memberships: [{ organisationId: nantes, role: 'editor' }],
      });
      await app().createUser({ email: 'coordination@reseau.fr', role: 'coordinator' });
      const newcomer = await app().createUser({ email: 'nouveau@nantes.fr' });
      await (app().server.modules.api('organisations') as OrganisationsApi).addMember({
        userId: newcomer.id,
        organisationId: nantes,
        role: 'member',
        status: 'pending',
      });
      editor = app().agent();
      await editor.signInAs('editrice@nantes.fr');
      coordinator = app().agent();
      await coordinator.signInAs('coordination@reseau.fr');

      const library = app().server.modules.api('library') as LibraryApi;
      await library.createDraft({
        organisationId: nantes,
        content: { title: 'Brouillon : tri des courriers entrants' },
        actorUserId: editorUser.id,
        source: 'test',
      });

      const questionnaires = app().server.modules.api('questionnaires') as QuestionnairesApi;
      const [censusId] = (await questionnaires.questionnaires.installCatalogue()) as [number];
      await questionnaires.campaigns.create(coordinatorActor, {
        questionnaireId: censusId,
        title: 'Recensement IA 2026',
        description: '',
        opensAt: new Date(app().clock.millis() - DAY).toISOString(),
        closesAt: new Date(app().clock.millis() + 12 * DAY).toISOString(),
        targets: { types: [], regions: [], departements: [], organisationIds: [nantes], sirens: [] },
        sirenList: '',
        publicLink: false,
        resultsPublic: false,
        libraryAuto: false,
        reminderDays: [],
      } as Parameters<QuestionnairesApi['campaigns']['create']>[1]);
    });

    test('after signing in, a person lands on « Mon espace »', async () => {
      const agent = app().agent();
      const res = await agent.post('/connexion', { email: 'editrice@nantes.fr', password: TEST_PASSWORD });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/mon-espace');
    });

    test('the editor sees the census to answer first (with its deadline), then the join request, then the draft', async () => {
      const page = await editor.get('/mon-espace');
      assert.equal(page.statusCode, 200);
      assert.deepEqual(groupsOf(page.body), [
        'Recensements à remplir (1)',
        'Demandes d’adhésion à examiner (1)',
        'Brouillons de fiches à terminer (1)',
      ]);
      assert.match(page.body, /Recensement IA 2026 — Ville de Nantes/);
      assert.match(page.body, /à rendre avant le .* \(dans 12 jours\)/);
      assert.match(page.body, /href="\/recensements\/\d+\/collectivites\/\d+"/);
      assert.match(page.body, /href="\/bibliotheque\/\d+-brouillon-tri-des-courriers-entrants\/verifier"/);
    });

    test('a person with nothing to do is told so', async () => {
      const citizen = await app().signedIn({ email: 'habitant@exemple.fr' });
      const page = await citizen.get('/mon-espace');
      assert.match(page.body, /Rien ne vous attend pour le moment/);
      assert.deepEqual(groupsOf(page.body), []);
    });

    test('the coordination hub cards show how many wait behind them', async () => {
      const hub = await coordinator.get('/coordination');
      assert.match(hub.body, /href="\/collectivites\/demandes">Demandes d'adhésion<\/a> <span class="count-badge">1/);
      const page = await coordinator.get('/mon-espace');
      assert.ok(groupsOf(page.body).includes('Demandes d’adhésion à examiner (1)'));
    });

    test('visitors are sent to sign in', async () => {
      const res = await app().agent().get('/mon-espace');
      assert.equal(res.statusCode, 302);
      assert.match(String(res.headers.location), /^\/connexion\?retour=%2Fmon-espace/);
    });
  },
);

describeEachApp('the home page: a search box and the latest sheets', (app) => {
  test('the home page searches the library and lists the sheets updated lately', async () => {
    const home = await app().agent().get('/');
    assert.equal(home.statusCode, 200);
    assert.match(
      home.body,
      /<form method="get" action="\/bibliotheque"[^>]*aria-label="Rechercher dans la bibliothèque"/,
    );
    assert.match(home.body, /Rechercher parmi 0 fiche publiée/);
    assert.doesNotMatch(home.body, /Fiches mises à jour récemment/, 'pas de liste vide');
  });
});
