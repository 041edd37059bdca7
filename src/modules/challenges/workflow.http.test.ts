// A challenge's life through the pages, on both databases: an authority's editor states it (their authority leads
// it), authorities join with a role and State labs as partners, every refusal in French (closed, twice, for another
// body, no role), stages move forward only (dated, audited, the participants mailed through the job queue), news go
// to the participants by mail, and « commun publié » links the commons entry (whose page says where it came from).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { manualClock } from '../../platform/clock.ts';
import { challengeForm, challengeIdIn, mailsTo } from './test-support.ts';

describeEachApp(
  'challenges: stating, joining, stages and news',
  (app) => {
    let orgA: number;
    let orgB: number;
    let lab: number;
    let editorA: TestAgent;
    let memberA: TestAgent;
    let editorB: TestAgent;
    let editorLab: TestAgent;
    let coordinator: TestAgent;
    let visitor: TestAgent;
    let id: number;

    before(async () => {
      orgA = await app().createOrganisation({ name: 'Ville des Sources', type: 'commune', siren: '213502388' });
      orgB = await app().createOrganisation({ name: 'Agglo du Littoral', type: 'epci', siren: '200046977' });
      lab = await app().createOrganisation({ name: 'Laboratoire des données publiques', type: 'laboratoire_etat' });
      editorA = await app().signedIn({
        email: 'resp@sources.fr',
        memberships: [{ organisationId: orgA, role: 'editor' }],
      });
      memberA = await app().signedIn({
        email: 'agent@sources.fr',
        memberships: [{ organisationId: orgA, role: 'member' }],
      });
      editorB = await app().signedIn({
        email: 'resp@littoral.fr',
        memberships: [{ organisationId: orgB, role: 'editor' }],
      });
      editorLab = await app().signedIn({
        email: 'resp@labo.gouv.fr',
        memberships: [{ organisationId: lab, role: 'editor' }],
      });
      coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
      visitor = app().agent();
    });

    /** Sessions do not outlive a month of the manual clock: everyone signs in again after it moves far. */
    async function signInAgain() {
      await editorA.signInAs('resp@sources.fr');
      await editorB.signInAs('resp@littoral.fr');
      await editorLab.signInAs('resp@labo.gouv.fr');
      await coordinator.signInAs('coord@reseau.fr');
    }

    const audit = async () =>
      (
        await app()
          .server.platform.db.selectFrom('audit_log')
          .select('action')
          .where('subject_type', '=', 'challenge')
          .where('subject_id', '=', String(id))
          .orderBy('id')
          .execute()
      ).map((a) => a.action);

    test('an editor states a challenge for their authority, which leads it; a plain member may not state one', async () => {
      assert.equal((await memberA.get('/defis/nouveau')).statusCode, 403);
      const form = await editorA.get('/defis/nouveau');
      assert.equal(form.statusCode, 200);
      assert.doesNotMatch(form.body, /La coordination du réseau/, 'only coordinators state in the network’s name');
      const sent = await editorA.post(
        '/defis/nouveau',
        challengeForm({ porte_par: String(orgA), date_limite: '2026-03-20' }),
      );
      assert.equal(sent.statusCode, 302, sent.body.slice(0, 400));
      id = challengeIdIn(sent.headers.location);
      const page = await visitor.get(`/defis/${id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>Prévoir la fréquentation des piscines<\/h1>/);
      assert.match(page.body, /Étape : <strong>Appel à intérêt<\/strong>/);
      assert.match(page.body, /Porteurs<\/h3>[\s\S]*Ville des Sources/);
      assert.match(page.body, /Inscriptions ouvertes jusqu’au 20 mars 2026 inclus/);
      assert.match(
        page.body,
        /Appel à intérêt<\/strong> \(étape actuelle\) — depuis le 1 mars 2026|Appel à intérêt<\/strong> \(étape actuelle\) — depuis le/,
      );
      assert.deepEqual(await audit(), ['challenge.created']);
    });

    test('stating for another authority or for the network is refused in French; wrong fields keep what was typed', async () => {
      const forB = await editorA.post('/defis/nouveau', challengeForm({ porte_par: String(orgB) }));
      assert.equal(forB.statusCode, 422);
      assert.match(forB.body, /vous ne pouvez ouvrir un défi qu’au nom d’une collectivité dont vous êtes responsable/);
      const network = await editorA.post('/defis/nouveau', challengeForm({ porte_par: '' }));
      assert.equal(network.statusCode, 422);
      assert.match(network.body, /seule la coordination du réseau ouvre un défi en son nom/);
      const wrong = await editorA.post(
        '/defis/nouveau',
        challengeForm({
          porte_par: String(orgA),
          titre: '',
          resultat: '',
          date_limite: '2026-02-10',
          cadrage_prevu: '2026-05-01',
          realisation_prevue: '2026-04-01',
          publication_prevue: '2026-02-30',
          themes: ['inconnu'],
          besoin: 'Texte gardé',
        }),
      );
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /data-error-summary/);
      assert.match(wrong.body, /Indiquez titre\./);
      assert.match(wrong.body, /Indiquez résultat attendu\./);
      assert.match(wrong.body, /Date limite pour rejoindre : choisissez aujourd’hui ou un jour à venir/);
      assert.match(wrong.body, /Début de la réalisation prévu : après le début du cadrage/);
      assert.match(wrong.body, /Publication du commun prévue : le 2026-02-30 n’existe pas/);
      assert.match(wrong.body, /Thèmes : choix inconnu « inconnu »/);
      assert.match(wrong.body, /Texte gardé/);
      assert.equal((await visitor.get('/api/v1/challenges')).json().total, 1, 'nothing created');
      const byCoordinator = await coordinator.post(
        '/defis/nouveau',
        challengeForm({ titre: 'Défi du réseau', porte_par: '' }),
      );
      assert.equal(byCoordinator.statusCode, 302);
      const json = (await visitor.get(`/api/v1/challenges/${challengeIdIn(byCoordinator.headers.location)}`)).json();
      assert.equal(json.stated_by, null);
      assert.deepEqual(json.participants, []);
    });

    test('authorities join with a role and what they bring, State labs as partners; each refusal says why', async () => {
      assert.equal((await memberA.get(`/defis/${id}/participer`)).statusCode, 403, 'a plain member asks their editor');
      const noRole = await editorB.post(`/defis/${id}/participer`, { organisme: String(orgB), apport: '' });
      assert.equal(noRole.statusCode, 422);
      assert.match(noRole.body, /Choisissez le rôle de votre collectivité : porteur, contributeur ou observateur/);
      const forA = await editorB.post(`/defis/${id}/participer`, { organisme: String(orgA), role: 'observer' });
      assert.equal(forA.statusCode, 422);
      assert.match(forA.body, /Vous n’êtes pas responsable de « Ville des Sources »/);
      const joined = await editorB.post(`/defis/${id}/participer`, {
        organisme: String(orgB),
        role: 'contributor',
        apport: 'Trois ans de comptages des entrées.',
      });
      assert.equal(joined.statusCode, 302, joined.body.slice(0, 300));
      const twice = await editorB.post(`/defis/${id}/participer`, { organisme: String(orgB), role: 'observer' });
      assert.equal(twice.statusCode, 422);
      assert.match(twice.body, /Cet organisme participe déjà à ce défi/);
      // A State lab joins as a partner, whatever role is sent.
      assert.equal(
        (await editorLab.post(`/defis/${id}/participer`, { organisme: String(lab), role: 'lead', apport: 'Méthode' }))
          .statusCode,
        302,
      );
      // A coordinator registers any body by its code… only once.
      const again = await coordinator.post(`/defis/${id}/participer`, {
        autre_organisme: 'commune:inconnue',
        role: 'observer',
      });
      assert.match(again.body, /« commune:inconnue » ne correspond à aucun organisme connu/);
      const page = (await visitor.get(`/defis/${id}`)).body;
      assert.match(
        page,
        /Contributeurs<\/h3>[\s\S]*Agglo du Littoral[\s\S]*apporte : Trois ans de comptages des entrées/,
      );
      assert.match(page, /Partenaires<\/h2>[\s\S]*Laboratoire des données publiques/);
      const json = (await visitor.get(`/api/v1/challenges/${id}`)).json();
      assert.deepEqual(
        json.participants.map((p: { id: number; role: string }) => [p.id, p.role]),
        [
          [orgA, 'lead'],
          [orgB, 'contributor'],
          [lab, 'partner'],
        ],
      );
      assert.deepEqual(await audit(), ['challenge.created', 'challenge.joined', 'challenge.joined']);
    });

    test('news: the leads post them, contributors may not; every participant’s editors get them by mail (jobs)', async () => {
      assert.equal((await editorB.post(`/defis/${id}/actualites`, { titre: 'X', texte: 'Y' })).statusCode, 403);
      const empty = await editorA.post(`/defis/${id}/actualites`, { titre: '', texte: '' });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Indiquez titre de l’actualité/);
      const posted = await editorA.post(`/defis/${id}/actualites`, {
        titre: 'Premier atelier le 12 mars',
        texte: 'En visioconférence, avec les données de chacun.',
      });
      assert.equal(posted.statusCode, 302);
      assert.equal(mailsTo(app(), /Premier atelier/).size, 0, 'not before the job runs');
      await app().server.runJobs();
      const mails = mailsTo(app(), /\[Défi\] Prévoir la fréquentation des piscines : Premier atelier le 12 mars/);
      assert.deepEqual([...mails.keys()].sort(), ['resp@labo.gouv.fr', 'resp@littoral.fr', 'resp@sources.fr']);
      assert.match(mails.get('resp@littoral.fr')!, /En visioconférence/);
      assert.match((await visitor.get(`/defis/${id}`)).body, /Premier atelier le 12 mars/);
    });

    test('the stating authority’s editors and coordinators edit it on the version read; others may not', async () => {
      const form = await editorA.get(`/defis/${id}/modifier`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /value="Prévoir la fréquentation des piscines"/);
      assert.equal((await editorB.get(`/defis/${id}/modifier`)).statusCode, 403, 'a contributor does not edit');
      const edited = await editorA.post(
        `/defis/${id}/modifier`,
        challengeForm({ version: '1', date_limite: '2026-03-20', hebergement: 'Hébergement public en France.' }),
      );
      assert.equal(edited.statusCode, 302, edited.body.slice(0, 300));
      const stale = await coordinator.post(
        `/defis/${id}/modifier`,
        challengeForm({ version: '1', date_limite: '2026-03-20' }),
      );
      assert.equal(stale.statusCode, 409);
      const json = (await visitor.get(`/api/v1/challenges/${id}`)).json();
      assert.equal(json.hosting_constraints, 'Hébergement public en France.');
      assert.equal(json.stated_by.id, orgA, 'who states it does not change');
    });

    test('past the deadline, joining is refused with the date; the catalogue says the registrations are closed', async () => {
      const other = await app().createOrganisation({ name: 'Bourg Tardif', type: 'commune', siren: '212345678' });
      const late = await app().signedIn({
        email: 'resp@tardif.fr',
        memberships: [{ organisationId: other, role: 'editor' }],
      });
      app().clock.advance({ days: 20 }); // 2026-03-21
      const refused = await late.post(`/defis/${id}/participer`, { organisme: String(other), role: 'observer' });
      assert.equal(refused.statusCode, 422);
      assert.match(
        refused.body,
        /La date limite pour rejoindre ce défi était le 20 mars 2026 : les inscriptions sont closes/,
      );
      const closed = (await visitor.get('/api/v1/challenges?inscriptions=closes')).json();
      assert.deepEqual(
        closed.items.map((i: { id: number }) => i.id),
        [id],
      );
    });

    test('stages move forward only, dated and audited; the participants are told by mail; non-leads may not', async () => {
      assert.equal((await editorB.post(`/defis/${id}/etape`, { etape: 'scoping' })).statusCode, 403);
      const skip = await editorA.post(`/defis/${id}/etape`, { etape: 'published' });
      assert.equal(skip.statusCode, 422);
      assert.match(skip.body, /Un défi au stade « Appel à intérêt » ne peut pas passer au stade « Commun publié »/);
      const noReason = await editorA.post(`/defis/${id}/etape`, { etape: 'abandoned', motif: '' });
      assert.match(noReason.body, /Dites pourquoi le défi est abandonné/);
      app().clock.advance({ days: 1 });
      assert.equal((await editorA.post(`/defis/${id}/etape`, { etape: 'scoping' })).statusCode, 302);
      app().clock.advance({ days: 30 });
      await signInAgain();
      assert.equal((await coordinator.post(`/defis/${id}/etape`, { etape: 'building' })).statusCode, 302);
      await app().server.runJobs();
      const mails = mailsTo(app(), /étape « Réalisation »/);
      assert.deepEqual([...mails.keys()].sort(), ['resp@labo.gouv.fr', 'resp@littoral.fr', 'resp@sources.fr']);
      assert.match(mails.get('resp@sources.fr')!, /passe à l’étape « Réalisation »/);
      const json = (await visitor.get(`/api/v1/challenges/${id}`)).json();
      assert.deepEqual(json.stages, [
        { stage: 'call_for_interest', date: '2026-03-01T09:00:00.000Z' },
        { stage: 'scoping', date: '2026-03-22T09:00:00.000Z' },
        { stage: 'building', date: '2026-04-21T09:00:00.000Z' },
      ]);
      assert.equal(json.open_to_join, false);
      const actions = await audit();
      assert.deepEqual(actions.slice(-2), ['challenge.stage_changed', 'challenge.stage_changed']);
      // From « réalisation » on, nobody joins, even before a deadline.
      const other = await app().createOrganisation({ name: 'Bourg en Retard', type: 'commune', siren: '218765432' });
      const late = await app().signedIn({
        email: 'resp@retard.fr',
        memberships: [{ organisationId: other, role: 'editor' }],
      });
      const form = (await late.get(`/defis/${id}/participer`)).body;
      assert.match(form, /Les inscriptions à ce défi sont closes\.<\/strong> Ce défi en est au stade « Réalisation »/);
      assert.doesNotMatch(form, /name="apport"/);
      const refused = await late.post(`/defis/${id}/participer`, { organisme: String(other), role: 'observer' });
      assert.match(refused.body, /Ce défi en est au stade « Réalisation » : les inscriptions sont closes/);
    });

    test('« commun publié » needs an existing commons entry, links it, and the entry says which challenge it came from', async () => {
      const none = await editorA.post(`/defis/${id}/etape`, { etape: 'published', commun: '' });
      assert.match(none.body, /Indiquez le commun publié/);
      const unknown = await editorA.post(`/defis/${id}/etape`, { etape: 'published', commun: '/communs/999999' });
      assert.match(unknown.body, /« \/communs\/999999 » ne correspond à aucun commun/);
      const entry = await editorA.post('/communs/nouveau', {
        nom: 'Modèle de fréquentation des piscines',
        resume: 'Prévoit les entrées à sept jours.',
        type: 'model',
        statut: 'available',
        mainteneurs: String(orgA),
      });
      assert.equal(entry.statusCode, 302, entry.body.slice(0, 300));
      const commonsPath = String(entry.headers.location);
      assert.equal(
        (await editorA.post(`/defis/${id}/etape`, { etape: 'published', commun: commonsPath })).statusCode,
        302,
      );
      const page = (await visitor.get(`/defis/${id}`)).body;
      assert.match(
        page,
        new RegExp(`Le commun issu de ce défi : <a href="${commonsPath}">Modèle de fréquentation des piscines`),
      );
      assert.match(
        (await visitor.get(commonsPath)).body,
        new RegExp(`Issu du défi <a href="/defis/${id}">« Prévoir la fréquentation des piscines »`),
      );
      const api = (await visitor.get(`/api/v1${commonsPath.replace('/communs/', '/commons/')}`)).json();
      assert.deepEqual([api.challenge.id, api.challenge.title], [id, 'Prévoir la fréquentation des piscines']);
      assert.match(api.challenge.url, new RegExp(`^https?://.+/defis/${id}$`), 'the API names its origin');
      assert.doesNotMatch(page, /Changer l’étape/, 'a published challenge is final');
      const leave = await editorB.post(`/defis/${id}/quitter`, { organisme: String(orgB) });
      assert.equal(leave.statusCode, 302);
      assert.equal((await visitor.get(`/api/v1/challenges/${id}`)).json().participants.length, 3, 'kept once finished');
    });
  },
  {},
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);
