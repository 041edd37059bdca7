import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { completePatch, everything, libraryOf, person, rejects } from '../test-support.ts';

describeEachApp('library: review workflow', (app) => {
  let orgId: number;
  let member: CurrentUser;
  let coordinator: CurrentUser;
  let id = 0;
  let version = 0;
  const library = () => libraryOf(app());

  test('setup', async () => {
    orgId = await app().createOrganisation({
      name: 'Ville de Lumière',
      type: 'commune',
      departementCode: '69',
      regionCode: '84',
    });
    member = await person(app(), 'agent@lumiere.fr', 'user', [orgId]);
    coordinator = await person(app(), 'coord@reseau.fr', 'coordinator');
    const row = await library().writing.create(member, orgId, { title: 'Détection des fuites d’eau' });
    const saved = await library().writing.save(member, row.id, row.version, {
      description: 'Des capteurs repèrent les fuites.',
    });
    id = row.id;
    version = saved.version;
  });

  test('an incomplete use case cannot be submitted; a complete one goes to the coordinators', async () => {
    await rejects(library().workflow.act(member, id, 'submit', { version }), 422, /incomplète/);
    const patch = completePatch('w1', {
      title: 'Détection des fuites d’eau',
      description: 'Des capteurs acoustiques repèrent les fuites sur le réseau d’énergie et d’eau potable.',
      projectStatus: 'deployment',
      abandonReason: null,
    });
    const saved = await library().writing.save(member, id, version, patch);
    await rejects(library().workflow.act(coordinator, id, 'submit', { version: saved.version }), 403);
    const submitted = await library().workflow.act(member, id, 'submit', { version: saved.version });
    assert.equal(submitted.state, 'submitted');
    await app().server.runJobs();
    const mail = app()
      .outbox()
      .find((m) => m.subject.startsWith('Fiche à relire'));
    assert.ok(mail, 'les coordinateurs sont prévenus');
    assert.deepEqual(mail.to, ['coord@reseau.fr']);
    await rejects(library().writing.save(member, id, submitted.version, { partners: 'x' }), 409, /en relecture/);
    version = submitted.version;
  });

  test('a coordinator asks for changes (with a comment), then publishes', async () => {
    await rejects(library().workflow.act(member, id, 'publish', { version }), 403);
    await rejects(library().workflow.act(coordinator, id, 'request_changes', { version, comment: ' ' }), 422);
    const changes = await library().workflow.act(coordinator, id, 'request_changes', {
      version,
      comment: 'Précisez la base légale.',
    });
    assert.equal(changes.state, 'changes_requested');
    await app().server.runJobs();
    const mail = app()
      .outbox()
      .find((m) => m.subject.startsWith('Modifications demandées'));
    assert.deepEqual(mail?.to, ['agent@lumiere.fr']);
    assert.match(mail!.text, /Précisez la base légale/);
    const saved = await library().writing.save(member, id, changes.version, {
      legalBasis: 'Délibération du 12 mars 2024',
    });
    const resubmitted = await library().workflow.act(member, id, 'submit', { version: saved.version });
    const published = await library().workflow.act(coordinator, id, 'publish', { version: resubmitted.version });
    assert.equal(published.state, 'published');
    assert.ok(published.publishedAt);
    version = published.version;
    const history = await library().reading.versions(null, id);
    assert.deepEqual(
      history.versions.map((v) => v.number),
      [1],
    );
  });

  test('publishing emits library.use_case_published; its handler tells the authority’s members', async () => {
    const events = await app()
      .server.platform.db.selectFrom('jobs')
      .select('payload')
      .where('type', '=', 'event:library.use_case_published:library')
      .execute();
    assert.deepEqual(
      events.map((e) => JSON.parse(e.payload)),
      [{ useCaseId: id }],
    );
    await app().server.runJobs();
    const mail = app()
      .outbox()
      .find((m) => m.subject === 'Fiche publiée : Détection des fuites d’eau');
    assert.deepEqual(mail?.to, ['agent@lumiere.fr']);
    assert.match(mail!.text, /est publiée dans la bibliothèque/);
    assert.match(mail!.text, new RegExp(`/bibliotheque/${id}-detection-des-fuites-d-eau`));
  });

  test('editing a published use case makes a revision; the published version stays visible until it is published', async () => {
    const saved = await library().writing.save(member, id, version, { title: 'Détection des fuites d’eau potable' });
    const row = await library().reading.findUseCase(id);
    assert.equal(row!.state, 'published');
    assert.equal(row!.revision, 'draft');
    assert.equal((await library().reading.useCasePage(null, id)).useCase.content.title, 'Détection des fuites d’eau');
    const asMember = await library().reading.useCasePage(member, id);
    assert.equal(asMember.working?.content.title, 'Détection des fuites d’eau potable');
    const submitted = await library().workflow.act(member, id, 'submit', { version: saved.version });
    assert.equal(submitted.revision, 'submitted');
    const published = await library().workflow.act(coordinator, id, 'publish', { version: submitted.version });
    assert.equal(published.revision, null);
    assert.equal(
      (await library().reading.useCasePage(null, id)).useCase.content.title,
      'Détection des fuites d’eau potable',
    );
    const cmp = await library().reading.compare(null, id, 1, 2);
    assert.deepEqual(
      cmp.changes.map((c) => c.key),
      ['title'],
    );
    await app().server.runJobs();
    const mail = app()
      .outbox()
      .find((m) => m.subject === 'Fiche publiée : Détection des fuites d’eau potable');
    assert.match(mail!.text, /La révision de la fiche « Détection des fuites d’eau potable » est publiée/);
    version = published.version;
  });

  test('archiving needs a reason, removes the use case from the library and keeps its page', async () => {
    await rejects(library().workflow.act(member, id, 'archive', { version }), 422);
    const archived = await library().workflow.act(member, id, 'archive', {
      version,
      reason: 'Service arrêté en 2025.',
    });
    assert.equal(archived.state, 'archived');
    assert.equal((await library().search.query(null, everything('fuite'))).total, 0);
    assert.equal((await library().reading.useCasePage(null, id)).useCase.archiveReason, 'Service arrêté en 2025.');
    const restored = await library().workflow.act(coordinator, id, 'restore', { version: archived.version });
    assert.equal(restored.state, 'published');
    assert.equal((await library().search.query(null, everything('fuite'))).total, 1);
    version = restored.version;
  });

  test('a stale page gets the stored version, whatever the action and the role', async () => {
    const stale = await rejects(library().workflow.act(coordinator, id, 'submit', { version: version - 1 }), 409);
    assert.equal(stale.code, 'conflict');
  });
});
