import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { libraryOf, person, publishUseCase, rejects } from '../test-support.ts';

describeEachApp('library: error reports', (app) => {
  let member: CurrentUser;
  let outsider: CurrentUser;
  let coordinator: CurrentUser;
  let id = 0;
  const library = () => libraryOf(app());

  test('setup', async () => {
    const orgId = await app().createOrganisation({ name: 'Ville de Lumière', type: 'commune' });
    const otherOrg = await app().createOrganisation({ name: 'Communauté du Val', type: 'communaute_communes' });
    member = await person(app(), 'agent@lumiere.fr', 'user', [orgId]);
    outsider = await person(app(), 'agent@val.fr', 'user', [otherOrg]);
    coordinator = await person(app(), 'coord@reseau.fr', 'coordinator');
    ({ id } = await publishUseCase(library(), member, coordinator, 'Détection des fuites d’eau'));
  });

  test('anyone can report an error; the authority and the coordinators are told and handle it', async () => {
    await rejects(library().reports.report(null, id, { message: 'court' }), 422);
    const reportId = await library().reports.report(null, id, {
      message: 'Le lien vers le service ne fonctionne plus.',
      email: 'habitant@exemple.fr',
    });
    await app().server.runJobs();
    const mail = app()
      .outbox()
      .find((m) => m.subject.startsWith('Erreur signalée'));
    assert.deepEqual([...mail!.to].sort(), ['agent@lumiere.fr', 'coord@reseau.fr']);
    assert.equal((await library().reports.reports(member)).length, 1);
    assert.equal((await library().reports.reports(outsider)).length, 0);
    await rejects(library().reports.handleReport(outsider, reportId), 403);
    await library().reports.handleReport(member, reportId);
    assert.equal((await library().reports.reports(member)).length, 0);
    await rejects(library().reports.handleReport(coordinator, reportId), 409);
  });

  test('the person who reported hears that it was handled: by the address they left, or their account’s', async () => {
    const anonymousReport = await library().reports.report(null, id, {
      message: 'La date de démarrage est fausse.',
      email: 'riveraine@exemple.fr',
    });
    const reader = await person(app(), 'lectrice@exemple.fr');
    const signedInReport = await library().reports.report(reader, id, { message: 'Le partenaire a changé de nom.' });
    const silent = await library().reports.report(null, id, { message: 'Sans adresse pour répondre.' });
    for (const r of [anonymousReport, signedInReport, silent]) await library().reports.handleReport(coordinator, r);
    await app().server.runJobs();
    const told = app()
      .outbox()
      .filter((m) => m.subject === 'Votre signalement est traité : Détection des fuites d’eau');
    // The first test's reporter (habitant@) is told too; the report left without an address tells no one.
    assert.deepEqual(told.flatMap((m) => m.to).sort(), [
      'habitant@exemple.fr',
      'lectrice@exemple.fr',
      'riveraine@exemple.fr',
    ]);
    assert.match(told[0]!.text, /marqué votre signalement comme traité/);
    assert.match(told[0]!.text, /\/bibliotheque\/\d+-detection-des-fuites/);
  });

  test('a person’s reports are in their personal data, and forgotten with their account', async () => {
    const reporter = await person(app(), 'lecteur@exemple.fr');
    await library().reports.report(reporter, id, { message: 'Le budget indiqué est celui de 2023.' });
    const exported = (await library().personalData.export(reporter.id)) as { reports: { message: string }[] };
    assert.deepEqual(
      exported.reports.map((r) => r.message),
      ['Le budget indiqué est celui de 2023.'],
    );
    await app()
      .server.platform.db.transaction()
      .execute((trx) => library().personalData.erase(reporter.id, trx));
    const after = (await library().personalData.export(reporter.id)) as { reports: unknown[] };
    assert.deepEqual(after.reports, []);
    assert.equal((await library().reports.reports(coordinator)).length, 1, 'le signalement reste, anonyme');
  });
});
