// Citizens' voice on a published participation initiative, on both databases: the initiative's page shows the
// thread and its form (participation's voice port), a post and an official answer by the authority's editor work as
// on a sheet, the API lists them; a draft initiative has no thread (404 on the thread page and the API).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { manualClock } from '../../platform/clock.ts';
import { contribute, freshAddress } from './test-support.ts';

/** A complete initiative of `organisation` (ready for review), as its authority's editors write it. */
const initiativeForm = (organisation: number) => ({
  organisation: String(organisation),
  titre: 'Soirées de quartier sur la vidéoprotection algorithmique',
  en_bref: 'Les habitants ont donné leur avis avant toute expérimentation.',
  resume: 'Trois soirées ouvertes à tous, dans trois quartiers, avec un temps de questions.',
  format: 'public_debate',
  sujets: ['infrastructure_5g'],
  publics: ['grand_public'],
  eloignes: 'Des réunions sans inscription en ligne.',
  debut: '2025-03-01',
  fin: '2025-04-15',
  partenaires: 'Conseils de quartier',
  budget: 'lt_5k',
  participants: '120',
  resultats: 'Un avis publié avant toute décision.',
  freins: 'Peu de jeunes.',
  atouts: 'Une animation neutre.',
  ressources: 'https://ville.exemple.fr/soirees',
  contact: 'Mission participation',
  engagements: ['intelligence_collective'],
});
const initiativeIdIn = (location: unknown) => Number(/^\/initiatives\/(\d+)$/.exec(String(location))![1]);

describeEachApp(
  'voice: contributions on a published initiative',
  (app) => {
    let published: number;
    let draft: number;
    let editor: TestAgent;
    let citizen: TestAgent;

    before(async () => {
      const authority = await app().createOrganisation({ name: 'Ville Participative', type: 'commune' });
      editor = await app().signedIn({
        email: 'responsable@participative.fr',
        memberships: [{ organisationId: authority, role: 'editor' }],
      });
      const coordinator = await app().signedIn({ email: 'coord@participative.fr', role: 'coordinator' });
      const create = async () =>
        initiativeIdIn((await editor.post('/initiatives/nouvelle', initiativeForm(authority))).headers.location);
      published = await create();
      draft = await create();
      const version = async () =>
        /name="version" value="(\d+)"/.exec((await editor.get(`/initiatives/${published}`)).body)![1]!;
      const sent = await editor.post(`/initiatives/${published}/action`, {
        action: 'submit',
        version: await version(),
      });
      assert.equal(sent.statusCode, 302, sent.body.slice(0, 300));
      const done = await coordinator.post(`/initiatives/${published}/action`, {
        action: 'publish',
        version: await version(),
      });
      assert.equal(done.statusCode, 302, done.body.slice(0, 300));
      citizen = await app().signedIn({ email: 'habitante@exemple.fr' });
      await editor.post('/moderation/reglages', { organisation: String(authority), mode: 'none' });
    });

    test('the initiative’s page shows the thread; a citizen posts and the editor answers officially', async () => {
      const page = await citizen.get(`/initiatives/${published}`);
      assert.match(page.body, /Contributions citoyennes \(0\)/);
      assert.match(page.body, new RegExp(`action="/contributions/initiatives/${published}"`));
      const posted = await contribute(
        citizen,
        published,
        { type: 'support', message: 'Bravo pour les soirées de quartier', pseudonyme: 'Habitante du centre' },
        freshAddress(),
        'initiatives',
      );
      assert.equal(posted.statusCode, 302, posted.body.slice(0, 300));
      assert.equal(posted.headers.location, `/initiatives/${published}#contributions`);
      const answer = await contribute(
        editor,
        published,
        { type: 'official', message: 'Merci, nous recommencerons au printemps.', pseudonyme: 'Mission participation' },
        freshAddress(),
        'initiatives',
      );
      assert.equal(answer.statusCode, 302, answer.body.slice(0, 300));
      const after = await app().agent().get(`/initiatives/${published}`);
      assert.match(after.body, /Réponse officielle de Ville Participative/);
      assert.match(after.body, /Bravo pour les soirées de quartier/);
      const api = (await app().agent().get(`/api/v1/initiatives/${published}/contributions`)).json();
      assert.deepEqual(
        api.items.map((m: { kind: string }) => m.kind),
        ['official', 'support'],
      );
      await app().server.runJobs();
      assert.ok(
        app()
          .outbox()
          .some((m) => m.to.includes('habitante@exemple.fr') && m.subject.includes('Réponse officielle')),
        'the follower gets the answer',
      );
    });

    test('a draft initiative has no thread', async () => {
      assert.equal((await app().agent().get(`/contributions/initiatives/${draft}`)).statusCode, 404);
      assert.equal((await app().agent().get(`/api/v1/initiatives/${draft}/contributions`)).statusCode, 404);
      const refused = await contribute(citizen, draft, { message: 'Bonjour' }, freshAddress(), 'initiatives');
      assert.equal(refused.statusCode, 404);
    });
  },
  {},
  { clock: () => manualClock('2026-03-02T09:00:00Z') },
);
