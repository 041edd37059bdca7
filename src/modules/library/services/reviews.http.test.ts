// Sheets kept alive (issue 11 #7): a published sheet is reviewed one year after its publication (or on the date its
// authority chose); when that date passes, the authority's members get ONE reminder (job queue, never twice for the
// same date), the coordinators' « Mon espace » lists it, the public page says « Informations vérifiées le … », and the
// sheet's editors see its completeness with what to add.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../../test/helpers/app.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { type ManualClock, manualClock } from '../../../platform/clock.ts';
import { libraryOf, person, publishUseCase } from '../test-support.ts';

const SUBJECT = /^Fiche à réexaminer : /;

describeEachApp(
  'sheets kept alive: review date, one reminder per due date, overdue list, « vérifiées le », completeness',
  (app) => {
    let writer: CurrentUser;
    let reviewer: CurrentUser;
    let coordinator: TestAgent;
    let editor: TestAgent;
    let yearly: { id: number; path: string };
    let chosen: { id: number; path: string };

    const reminders = () =>
      app()
        .outbox()
        .filter((m) => SUBJECT.test(m.subject));
    /** A fresh session (moving the clock by months ends the earlier ones). */
    const signedIn = async (email: string) => {
      const agent = app().agent();
      await agent.signInAs(email);
      return agent;
    };
    const runJobs = async () => {
      for (let i = 0; i < 5; i++) if (!(await app().server.runJobs())) break;
    };

    test('setup: one sheet published with no review date, one with its own date in six months', async () => {
      const org = await app().createOrganisation({ name: 'Ville Vigilante', type: 'commune' });
      writer = await person(app(), 'redaction@vigilante.fr', 'user', [org], 'editor');
      reviewer = await person(app(), 'coordination@vigilante.fr', 'coordinator');
      const library = libraryOf(app());
      yearly = await publishUseCase(library, writer, reviewer, 'Orientation des appels au standard', {
        marker: 'rv1',
        content: { nextReviewDate: null, affectedPublic: null },
      });
      chosen = await publishUseCase(library, writer, reviewer, 'Prévision des inscriptions scolaires', {
        marker: 'rv2',
        content: { nextReviewDate: '2026-09-01' },
      });
      await runJobs();
      coordinator = app().agent();
      await coordinator.signInAs('coordination@vigilante.fr');
      editor = app().agent();
      await editor.signInAs('redaction@vigilante.fr');
    });

    test('the public page says when the information was checked and when it is next reviewed', async () => {
      const page = await app().agent().get(yearly.path);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Informations vérifiées le 1 mars 2026 · prochain réexamen prévu le 1 mars 2027/);
      const other = await app().agent().get(chosen.path);
      assert.match(other.body, /prochain réexamen prévu le 1 septembre 2026/);
      // Completeness is for the editors only.
      assert.doesNotMatch(page.body, /Complétude/);
    });

    test('the editors see the completeness and what to add, each linked to where it is added', async () => {
      const page = await editor.get(yearly.path);
      const m = /Complétude : <strong>(\d+) %<\/strong> \((\d+) éléments sur (\d+)\)/.exec(page.body);
      assert.ok(m, 'completeness shown');
      const [done, total] = [Number(m[2]), Number(m[3])];
      assert.equal(Number(m[1]), Math.round((done / total) * 100));
      // Missing: the persons concerned, the review date, the assessment, the notice.
      assert.equal(total - done, 4);
      assert.match(page.body, /href="[^"]*\/modifier\/[a-z-]+">Personnes concernées<\/a>/);
      assert.match(page.body, /href="[^"]*\/ia-responsable">Notice de transparence publiée<\/a>/);
    });

    test('before any date passes: no reminder, nothing overdue on « Mon espace »', async () => {
      await runJobs();
      assert.equal(reminders().length, 0);
      const page = await (await signedIn('coordination@vigilante.fr')).get('/mon-espace');
      assert.doesNotMatch(page.body, /Fiches publiées à réexaminer/);
    });

    test('the chosen date passes: one reminder to the authority’s members, the sheet is overdue for coordinators', async () => {
      (app().clock as ManualClock).advance({ days: 185 }); // 2026-09-02
      await runJobs();
      const sent = reminders();
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0]!.to, ['redaction@vigilante.fr']);
      assert.match(sent[0]!.subject, /Prévision des inscriptions scolaires/);
      assert.match(sent[0]!.text, new RegExp(`${chosen.path}/verifier`));
      const page = await (await signedIn('coordination@vigilante.fr')).get('/mon-espace');
      assert.match(page.body, /Fiches publiées à réexaminer \(date de réexamen passée\)/);
      assert.match(page.body, /Prévision des inscriptions scolaires/);
      assert.match(page.body, /Réexamen prévu le 01\/09\/2026/);
      assert.doesNotMatch(page.body, /Orientation des appels au standard/);
      const sheet = await (await signedIn('redaction@vigilante.fr')).get(chosen.path);
      assert.match(sheet.body, /La date de réexamen de cette fiche est passée/);
    });

    test('days later, jobs run again: no second reminder for the same date', async () => {
      (app().clock as ManualClock).advance({ days: 3 });
      await runJobs();
      await libraryOf(app()).reviews.sweep();
      assert.equal(reminders().length, 1);
    });

    test('the one-year default passes too: its own single reminder; both sheets are overdue', async () => {
      (app().clock as ManualClock).advance({ days: 180 }); // 2027-03-02
      await runJobs();
      const sent = reminders();
      assert.equal(sent.length, 2);
      assert.match(sent.map((m) => m.subject).join('\n'), /Orientation des appels au standard/);
      await runJobs();
      assert.equal(reminders().length, 2);
      const page = await (await signedIn('coordination@vigilante.fr')).get('/mon-espace');
      assert.match(page.body, /Orientation des appels au standard/);
      assert.match(page.body, /Prévision des inscriptions scolaires/);
      // Members of the authority are not coordinators: the overdue list is not theirs.
      assert.doesNotMatch(
        (await (await signedIn('redaction@vigilante.fr')).get('/mon-espace')).body,
        /Fiches publiées à réexaminer/,
      );
    });
  },
  {},
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);
