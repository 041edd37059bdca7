// « Contacter l'équipe » of a published sheet (issue 12, point 4), on both databases: the message reaches the
// editors of the sheet's authority only, with the sender's address as reply-to; no address is shown to the sender;
// a draft has no contact form; a visitor must sign in; a bad message is refused in French. The limits themselves
// (links, trap field, hourly rate) are the organisations module's one implementation, tested through the commons
// form (src/modules/commons/contact.http.test.ts).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../../test/helpers/app.ts';
import { publishedSheet } from '../../../../test/helpers/sheets.ts';
import { filledContent } from '../index.ts';

const TEXT = 'Bonjour, votre projet nous intéresse : pouvons-nous en parler lors d’une prochaine réunion du réseau ?';

describeEachApp('library: contacting the team of a sheet', (app) => {
  let sender: TestAgent;
  let path: string;
  let draftId: number;
  let sheetId: number;
  const sent = () =>
    app()
      .outbox()
      .filter((m) => m.subject.startsWith('[Bibliothèque IA]'));

  before(async () => {
    const authority = await app().createOrganisation({ name: 'Ville des Tilleuls', type: 'commune' });
    const other = await app().createOrganisation({ name: 'Ville des Chênes', type: 'commune' });
    const member = await app().signedIn({
      email: 'agent@tilleuls.fr',
      memberships: [{ organisationId: authority, role: 'member' }],
    });
    await app().createUser({
      email: 'responsable@tilleuls.fr',
      memberships: [{ organisationId: authority, role: 'editor' }],
    });
    await app().createUser({
      email: 'responsable@chenes.fr',
      memberships: [{ organisationId: other, role: 'editor' }],
    });
    const coordinator = await app().signedIn({ email: 'coord@fiches.fr', role: 'coordinator' });
    const sheet = await publishedSheet(app(), authority, member, coordinator, 'contact');
    sheetId = sheet.id;
    const page = await app().agent().get(sheet.path);
    path = (page.headers.location as string | undefined) ?? sheet.path;
    const draft = await app().server.modules.services.library.createDraft({
      organisationId: authority,
      content: filledContent('brouillon'),
      actorUserId: null,
      source: 'test',
    });
    draftId = draft.id;
    sender = await app().signedIn({
      email: 'curieux@chenes.fr',
      memberships: [{ organisationId: other, role: 'member' }],
    });
  });

  test('the published sheet offers the form, which shows no address', async () => {
    const page = await app().agent().get(path);
    assert.match(page.body, /contacter">Contacter l’équipe<\/a>/);
    const form = await sender.get(`/bibliotheque/${sheetId}/contacter`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1>Contacter l’équipe<\/h1>/);
    assert.match(form.body, /Ville des Tilleuls/);
    assert.doesNotMatch(form.body, /@tilleuls\.fr/);
  });

  test('the message reaches the authority’s editors only, with the sender as reply-to', async () => {
    const res = await sender.post(`/bibliotheque/${sheetId}/contacter`, { objet: 'Votre projet', message: TEXT });
    assert.equal(res.statusCode, 302, res.body.slice(0, 300));
    await app().server.runJobs();
    const mails = sent();
    assert.deepEqual(
      mails.map((m) => m.to),
      [['responsable@tilleuls.fr']],
    );
    assert.equal(mails[0]?.replyTo, 'curieux@chenes.fr');
    assert.match(mails[0]!.text, /pouvons-nous en parler/);
    const audit = await app().server.platform.audit.list({ limit: 5, offset: 0, subjectType: 'use_case' });
    const entry = audit.rows.find((r) => r.action === 'contact_message.sent');
    assert.equal(String(entry?.subjectId), String(sheetId));
    assert.doesNotMatch(JSON.stringify(entry?.details), /pouvons-nous/);
  });

  test('a bad message is refused in French; a draft has no form; a visitor must sign in', async () => {
    const before = sent().length;
    const short = await sender.post(`/bibliotheque/${sheetId}/contacter`, { objet: '', message: 'Court' });
    assert.equal(short.statusCode, 422);
    assert.match(short.body, /Saisissez l’objet de votre message/);
    assert.match(short.body, /au moins 20 caractères \(5 saisis\)/);
    const draft = await sender.post(`/bibliotheque/${draftId}/contacter`, { objet: 'Brouillon', message: TEXT });
    assert.equal(draft.statusCode, 404);
    const visitor = await app()
      .agent()
      .post(`/bibliotheque/${sheetId}/contacter`, { objet: 'Question', message: TEXT });
    assert.equal(visitor.statusCode, 401);
    await app().server.runJobs();
    assert.equal(sent().length, before);
  });
});
