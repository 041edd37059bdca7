// Opening and closing a challenge's registrations, on both databases: a coordinator opening a challenge through the
// form invites authorities with the platform's authority picker (editors may not), each wrong pick has its French
// message and nothing is created, and the invitations go by mail through the job queue; once registrations are
// closed (past the deadline, from « réalisation » on, or abandoned) the join page says why instead of the form, and
// the server still refuses.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { manualClock } from '../../platform/clock.ts';
import { challengeForm, challengeIdIn, mailsTo } from './test-support.ts';

describeEachApp(
  'challenges: invitations from the form, closed registrations',
  (app) => {
    let orgA: number;
    let orgB: number;
    let lab: number;
    let editorA: TestAgent;
    let editorB: TestAgent;
    let coordinator: TestAgent;
    let visitor: TestAgent;

    before(async () => {
      orgA = await app().createOrganisation({ name: 'Ville des Sources', type: 'commune', siren: '213502388' });
      orgB = await app().createOrganisation({ name: 'Agglo du Littoral', type: 'epci', siren: '200046977' });
      lab = await app().createOrganisation({ name: 'Laboratoire des données publiques', type: 'laboratoire_etat' });
      editorA = await app().signedIn({
        email: 'resp@sources.fr',
        memberships: [{ organisationId: orgA, role: 'editor' }],
      });
      editorB = await app().signedIn({
        email: 'resp@littoral.fr',
        memberships: [{ organisationId: orgB, role: 'editor' }],
      });
      await app().signedIn({ email: 'resp@labo.gouv.fr', memberships: [{ organisationId: lab, role: 'editor' }] });
      coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
      visitor = app().agent();
    });

    test('a coordinator opening a challenge invites authorities with the authority picker; the invitations go through the job queue', async () => {
      assert.doesNotMatch((await editorA.get('/defis/nouveau')).body, /Collectivités invitées/);
      const byEditor = await editorA.post(
        '/defis/nouveau',
        challengeForm({ titre: 'Défi invitant', porte_par: String(orgA), invite_1: String(orgB) }),
      );
      assert.equal(byEditor.statusCode, 422);
      assert.match(byEditor.body, /seule la coordination du réseau invite des collectivités à un défi/);
      const form = await coordinator.get('/defis/nouveau');
      assert.match(form.body, /Collectivités invitées/);
      assert.match(form.body, /data-organisation-picker[^>]*data-mode="select"/);
      assert.match(form.body, /<input type="hidden" name="invite_1"/);
      assert.match(form.body, /<script type="module" src="\/assets\/organisation-picker(-[0-9a-f]+)?\.js"/);
      const total = (await visitor.get('/api/v1/challenges')).json().total;
      const wrong = await coordinator.post(
        '/defis/nouveau',
        challengeForm({ titre: 'Défi invitant', porte_par: '', invite_2_nom: 'Ville inconnue', invite_3: '999999' }),
      );
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /href="#champ-invite_2_nom"/, 'the error summary leads to the picker');
      assert.match(wrong.body, /Collectivité invitée 2 : « Ville inconnue » — choisissez-la parmi les suggestions/);
      assert.match(wrong.body, /Collectivité invitée 3 : choix inconnu\./);
      assert.match(wrong.body, /value="Ville inconnue"/, 'what was typed is kept');
      assert.equal((await visitor.get('/api/v1/challenges')).json().total, total, 'nothing created');
      const made = await coordinator.post(
        '/defis/nouveau',
        challengeForm({
          titre: 'Défi invitant',
          porte_par: '',
          invite_1_nom: 'Agglo du Littoral',
          invite_1: String(orgB),
          invite_2_nom: 'Laboratoire des données publiques',
          invite_2: String(lab),
        }),
      );
      assert.equal(made.statusCode, 302, made.body.slice(0, 400));
      const invited = challengeIdIn(made.headers.location);
      assert.equal(
        mailsTo(app(), /Invitation à rejoindre le défi « Défi invitant »/).size,
        0,
        'not before the job runs',
      );
      await app().server.runJobs();
      const mails = mailsTo(app(), /^Invitation à rejoindre le défi « Défi invitant »$/);
      assert.deepEqual([...mails.keys()].sort(), ['resp@labo.gouv.fr', 'resp@littoral.fr']);
      assert.match(
        mails.get('resp@littoral.fr')!,
        /La coordination du réseau ouvre un défi commun et invite votre collectivité/,
      );
      assert.match(mails.get('resp@littoral.fr')!, new RegExp(`/defis/${invited}/participer`));
      const created = await app()
        .server.platform.db.selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'challenge.created')
        .where('subject_id', '=', String(invited))
        .executeTakeFirstOrThrow();
      const details = typeof created.details === 'string' ? JSON.parse(created.details) : created.details;
      assert.deepEqual(details.invited, [orgB, lab]);
    });

    test('an abandoned challenge’s join page says why registrations are closed, without the form', async () => {
      const made = await editorA.post(
        '/defis/nouveau',
        challengeForm({ titre: 'Défi arrêté', porte_par: String(orgA) }),
      );
      const id = challengeIdIn(made.headers.location);
      const open = (await editorB.get(`/defis/${id}/participer`)).body;
      assert.match(open, /Rejoindre le défi<\/button>/, 'open: the form');
      assert.doesNotMatch(open, /Les inscriptions à ce défi sont closes/);
      const abandoned = await editorA.post(`/defis/${id}/etape`, {
        etape: 'abandoned',
        motif: 'Les données ne sont pas disponibles.',
      });
      assert.equal(abandoned.statusCode, 302);
      const page = await editorB.get(`/defis/${id}/participer`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Les inscriptions à ce défi sont closes\.<\/strong> Ce défi est abandonné/);
      assert.doesNotMatch(page.body, /name="role"|name="apport"|Rejoindre le défi<\/button>/);
      assert.match(page.body, new RegExp(`<a href="/defis/${id}">Revenir au défi</a>`));
      const refused = await editorB.post(`/defis/${id}/participer`, { organisme: String(orgB), role: 'observer' });
      assert.equal(refused.statusCode, 422, 'the server still refuses');
    });

    test('past the deadline the join page gives the date instead of the form', async () => {
      const made = await editorA.post(
        '/defis/nouveau',
        challengeForm({ titre: 'Défi à date', porte_par: String(orgA), date_limite: '2026-03-10' }),
      );
      const id = challengeIdIn(made.headers.location);
      app().clock.advance({ days: 10 }); // 2026-03-11
      await editorB.signInAs('resp@littoral.fr');
      const page = await editorB.get(`/defis/${id}/participer`);
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        /Les inscriptions à ce défi sont closes\.<\/strong> La date limite pour rejoindre ce défi était le 10 mars 2026/,
      );
      assert.doesNotMatch(page.body, /name="role"/);
    });
  },
  {},
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);
