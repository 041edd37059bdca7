// The challenges' api as the pooling module and the working groups use it, on both databases: a coordinator opens a
// challenge from a pooling suggestion (prefilled, at « appel à intérêt », the sheets recorded, the authorities invited
// by mail through the job queue); nobody else may; the challenges still open for some sheets are found; the news
// posted since a date are listed for the digest.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { manualClock } from '../../platform/clock.ts';
import { HttpError, ValidationError } from '../../platform/http/errors.ts';
import { challengesApi, mailsTo, publishedSheet } from './test-support.ts';

describeEachApp(
  'challenges: the api for pooling suggestions and digests',
  (app) => {
    let orgA: number;
    let orgB: number;
    let sheetA: { id: number };
    let sheetB: { id: number };
    let coordinatorId: number;
    let editorB: TestAgent;

    before(async () => {
      orgA = await app().createOrganisation({ name: 'Ville des Sources', type: 'commune', siren: '213502388' });
      orgB = await app().createOrganisation({ name: 'Agglo du Littoral', type: 'epci', siren: '200046977' });
      const member = await app().signedIn({
        email: 'agent@sources.fr',
        memberships: [{ organisationId: orgA, role: 'editor' }],
      });
      const memberB = await app().signedIn({
        email: 'agent@littoral.fr',
        memberships: [{ organisationId: orgB, role: 'member' }],
      });
      editorB = await app().signedIn({
        email: 'responsable@littoral.fr',
        memberships: [{ organisationId: orgB, role: 'editor' }],
      });
      const coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
      sheetA = await publishedSheet(app(), orgA, member, coordinator, 'd1');
      sheetB = await publishedSheet(app(), orgB, memberB, coordinator, 'd2');
      const row = await app()
        .server.platform.db.selectFrom('users')
        .select('id')
        .where('email', '=', 'coord@reseau.fr')
        .executeTakeFirstOrThrow();
      coordinatorId = Number(row.id);
    });

    const coordinator = () => ({
      id: coordinatorId,
      email: 'coord@reseau.fr',
      name: 'Coordination',
      role: 'coordinator' as const,
      memberships: [],
    });

    test('a coordinator opens a challenge from a suggestion: prefilled, sheets recorded, authorities invited by mail', async () => {
      const made = await challengesApi(app()).createFromSuggestion(coordinator(), {
        title: '  Prévision   de fréquentation ',
        context: 'Deux collectivités prévoient la fréquentation de leurs équipements.',
        useCaseIds: [sheetA.id, sheetB.id],
        authorityIds: [orgA, orgB],
      });
      assert.match(made.path, /^\/defis\/\d+$/);
      const json = (await app().agent().get(`/api/v1/challenges/${made.id}`)).json();
      assert.equal(json.title, 'Prévision de fréquentation');
      assert.equal(json.stage, 'call_for_interest');
      assert.equal(json.need, 'Deux collectivités prévoient la fréquentation de leurs équipements.');
      assert.deepEqual(
        json.use_cases.map((u: { id: number }) => u.id),
        [sheetA.id, sheetB.id],
      );
      assert.deepEqual(json.participants, [], 'invited, not yet taking part');
      const page = (await app().agent().get(made.path)).body;
      assert.match(page, /Collectivités invitées[\s\S]*Ville des Sources, Agglo du Littoral/);
      assert.equal(mailsTo(app(), /Invitation à rejoindre/).size, 0, 'sent by the job queue, not at once');
      await app().server.runJobs();
      const mails = mailsTo(app(), /Invitation à rejoindre le défi « Prévision de fréquentation »/);
      assert.deepEqual([...mails.keys()].sort(), ['agent@sources.fr', 'responsable@littoral.fr']);
      assert.match(mails.get('responsable@littoral.fr')!, new RegExp(`/defis/${made.id}/participer`));
      // The invited authority's editor sees it in « Mon espace ».
      const space = await editorB.get('/mon-espace');
      assert.equal(space.statusCode, 200);
      assert.match(space.body, /Défis auxquels votre collectivité est invitée[\s\S]*Prévision de fréquentation/);
      const audit = await app()
        .server.platform.db.selectFrom('audit_log')
        .select(['action', 'details'])
        .where('subject_type', '=', 'challenge')
        .where('subject_id', '=', String(made.id))
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['challenge.created'],
      );
      assert.match(audit[0]!.details, /pooling_suggestion/);
    });

    test('only coordinators open a challenge from a suggestion; unknown sheets or authorities create nothing', async () => {
      const before = (await app().agent().get('/api/v1/challenges')).json().total;
      const editor = {
        id: 999,
        email: 'x@y.fr',
        name: '',
        role: 'user' as const,
        memberships: [{ organisationId: orgA, role: 'editor' as const }],
      };
      await assert.rejects(
        challengesApi(app()).createFromSuggestion(editor, {
          title: 'T',
          context: 'C',
          useCaseIds: [],
          authorityIds: [],
        }),
        (e: unknown) => e instanceof HttpError && e.status === 403,
      );
      await assert.rejects(
        challengesApi(app()).createFromSuggestion(coordinator(), {
          title: '',
          context: 'C',
          useCaseIds: [999_999],
          authorityIds: [888_888],
        }),
        (e: unknown) =>
          e instanceof ValidationError &&
          /titre/.test(e.fields!.title!) &&
          /999999/.test(e.fields!.useCaseIds!) &&
          /888888/.test(e.fields!.authorityIds!),
      );
      assert.equal((await app().agent().get('/api/v1/challenges')).json().total, before);
    });

    test('the challenges still open for some sheets are found; a closed one is not', async () => {
      const open = await challengesApi(app()).openForUseCases([sheetB.id]);
      assert.equal(open.length, 1);
      assert.equal(open[0]!.title, 'Prévision de fréquentation');
      assert.equal(open[0]!.stage, 'call_for_interest');
      assert.deepEqual(await challengesApi(app()).openForUseCases([]), []);
      // Moved to « réalisation », it is no longer open to join.
      const coord = app().agent();
      await coord.signInAs('coord@reseau.fr');
      for (const etape of ['scoping', 'building'])
        assert.equal((await coord.post(`${open[0]!.path}/etape`, { etape })).statusCode, 302);
      assert.deepEqual(await challengesApi(app()).openForUseCases([sheetA.id, sheetB.id]), []);
    });

    test('news posted since a date, newest first, for the digest', async () => {
      const coord = app().agent();
      await coord.signInAs('coord@reseau.fr');
      const { id } = await challengesApi(app()).createFromSuggestion(coordinator(), {
        title: 'Lecture des actes',
        context: 'Lire les actes numérisés.',
        useCaseIds: [],
        authorityIds: [],
      });
      const since = app().clock.iso();
      app().clock.advance({ hours: 1 });
      assert.equal(
        (await coord.post(`/defis/${id}/actualites`, { titre: 'Premier atelier', texte: 'Le 12, en visio.' }))
          .statusCode,
        302,
      );
      app().clock.advance({ hours: 1 });
      assert.equal(
        (await coord.post(`/defis/${id}/actualites`, { titre: 'Compte rendu', texte: 'Trois pistes retenues.' }))
          .statusCode,
        302,
      );
      const news = await challengesApi(app()).recentNews(since);
      assert.deepEqual(
        news.map((n) => [n.challengeId, n.title, n.text]),
        [
          [id, 'Lecture des actes', 'Compte rendu — Trois pistes retenues.'],
          [id, 'Lecture des actes', 'Premier atelier — Le 12, en visio.'],
        ],
      );
      assert.match(news[0]!.path, new RegExp(`^/defis/${id}#actualite-\\d+$`));
      assert.deepEqual(await challengesApi(app()).recentNews(app().clock.iso()), []);
    });
  },
  {},
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);
