import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../../test/helpers/app.ts';
import { completePatch, libraryOf, person, publishUseCase } from '../test-support.ts';

/** The version hidden in the workflow form of a page. */
const versionOf = (body: string) => /name="version" value="(\d+)"/.exec(body)![1]!;

describeEachApp(
  'the review loop: the reviewer’s words where the editor works, and what changed for the reviewer',
  (app) => {
    let editor: TestAgent;
    let coordinator: TestAgent;
    let path = '';
    let id = 0;
    let writer: Awaited<ReturnType<typeof person>>;
    let reviewer: Awaited<ReturnType<typeof person>>;

    test('setup: a complete draft submitted for review', async () => {
      const orgId = await app().createOrganisation({
        name: 'Ville de Lumière',
        type: 'commune',
        departementCode: '69',
      });
      writer = await person(app(), 'redactrice@lumiere.fr', 'user', [orgId], 'editor');
      reviewer = await person(app(), 'coordination@reseau.fr', 'coordinator');
      editor = app().agent();
      await editor.signInAs(writer.email);
      coordinator = app().agent();
      await coordinator.signInAs(reviewer.email);
      const library = libraryOf(app());
      const row = await library.writing.create(writer, orgId, { title: 'Détection des fuites sur le réseau d’eau' });
      const saved = await library.writing.save(
        writer,
        row.id,
        row.version,
        completePatch('rl1', {
          title: 'Détection des fuites sur le réseau d’eau',
          description: 'Un modèle repère les débits anormaux la nuit.',
          projectStatus: 'experimentation',
          abandonReason: null,
        }),
      );
      await library.workflow.act(writer, row.id, 'submit', { version: saved.version });
      id = row.id;
      path = `/bibliotheque/${row.id}-${row.slug}`;
    });

    test('a first submission shows no comparison to the reviewer', async () => {
      const page = await coordinator.get(path);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Ce qui a changé/);
      assert.match(page.body, /Champs concernés \(facultatif\)/);
    });

    test('an unknown field in a request for changes is refused and changes nothing', async () => {
      const page = await coordinator.get(path);
      const res = await coordinator.post(`${path}/action`, {
        action: 'request_changes',
        version: versionOf(page.body),
        comment: 'Précisez la description.',
        fields: 'pas_un_champ',
      });
      assert.equal(res.statusCode, 302);
      const after = await coordinator.get(path);
      assert.match(after.body, /Champ inconnu dans la liste des champs concernés/);
      assert.equal((await libraryOf(app()).reading.get(reviewer, id)).state, 'submitted');
    });

    test('the editor finds the comment and the fields it concerns at the top of the page the e-mail opens', async () => {
      const page = await coordinator.get(path);
      const res = await coordinator.post(`${path}/action`, {
        action: 'request_changes',
        version: versionOf(page.body),
        comment: 'La description doit dire quelles données sont utilisées.',
        fields: ['description', 'techniques'],
      });
      assert.equal(res.statusCode, 302);
      await app().server.runJobs();
      const mail = app()
        .outbox()
        .find((m) => m.subject.startsWith('Modifications demandées'))!;
      assert.match(mail.text, /Champs concernés :\n- Description/);
      const link = /(\/bibliotheque\/\S+\/verifier)/.exec(mail.text)![1]!;
      const check = await editor.get(link);
      assert.equal(check.statusCode, 200);
      const top = check.body.slice(check.body.indexOf('<h1>'), check.body.indexOf('class="check-step"'));
      assert.match(top, /Modifications demandées le/);
      assert.match(top, /La description doit dire quelles données sont utilisées\./);
      assert.match(top, /href="[^"]*\/modifier\/[a-z-]+\?depuis=verification#champ-description"/);
      assert.match(top, /Champs concernés :/);
    });

    test('after the editor’s change, the reviewer sees field by field what changed since the request', async () => {
      const library = libraryOf(app());
      const current = await library.reading.get(writer, id, { working: true });
      const saved = await library.writing.save(writer, id, current.version, {
        description: 'Un modèle repère les débits anormaux la nuit, à partir des compteurs de sectorisation.',
      });
      await library.workflow.act(writer, id, 'submit', { version: saved.version });
      const page = await coordinator.get(path);
      const section = page.body.slice(
        page.body.indexOf('id="review-changes-title"'),
        page.body.indexOf('id="workflow-title"'),
      );
      assert.match(section, /Ce qui a changé depuis la dernière demande de modifications/);
      assert.match(section, /1 champ différent/);
      assert.match(section, /Description/);
      assert.match(section, /compteurs de sectorisation/);
      assert.match(section, /Version relue/);
    });

    test('a revision of a published sheet is compared with the published version', async () => {
      const library = libraryOf(app());
      const published = await publishUseCase(library, writer, reviewer, 'Lecture automatique des factures');
      const current = await library.reading.get(writer, published.id, { working: true });
      const saved = await library.writing.save(writer, published.id, current.version, {
        title: 'Lecture automatique des factures fournisseurs',
      });
      await library.workflow.act(writer, published.id, 'submit', { version: saved.version });
      const page = await coordinator.get(published.path);
      assert.match(page.body, /Ce qui a changé depuis la version publiée du/);
      assert.match(page.body, /Lecture automatique des factures fournisseurs/);
      assert.match(page.body, /Version publiée/);
    });
  },
);
