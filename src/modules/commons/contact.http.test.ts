// « Contacter l'équipe » of a commons entry (issue 12, point 4), on both databases: a signed-in person's message
// reaches the editors of the maintaining bodies only (one mail each, through the job queue), with the sender's
// address as reply-to; no recipient's address is ever shown to the sender; an empty or too long message, too many
// links, a filled trap field and a sixth message in an hour are refused in French; a visitor must sign in; the audit
// entry names the entry and the bodies, never the text.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { manualClock } from '../../platform/clock.ts';
import { entryForm, entryIdIn } from './test-support.ts';

const TEXT = 'Bonjour, nous aimerions réutiliser votre modèle de prévision pour notre réseau d’eau.';

describeEachApp(
  'commons: contacting the team of an entry',
  (app) => {
    let sender: TestAgent;
    let path: string;
    let entryId: number;
    const sent = () =>
      app()
        .outbox()
        .filter((m) => m.subject.startsWith('[Bibliothèque IA]'));

    before(async () => {
      const maintainer = await app().createOrganisation({ name: 'Ville des Fontaines', type: 'commune' });
      const other = await app().createOrganisation({ name: 'Ville Voisine', type: 'commune' });
      await app().createUser({
        email: 'responsable@fontaines.fr',
        memberships: [{ organisationId: maintainer, role: 'editor' }],
      });
      await app().createUser({
        email: 'seconde.responsable@fontaines.fr',
        memberships: [{ organisationId: maintainer, role: 'editor' }],
      });
      await app().createUser({
        email: 'simple.membre@fontaines.fr',
        memberships: [{ organisationId: maintainer, role: 'member' }],
      });
      await app().createUser({
        email: 'responsable@voisine.fr',
        memberships: [{ organisationId: other, role: 'editor' }],
      });
      const coordinator = await app().signedIn({ email: 'coord@contact.fr', role: 'coordinator' });
      const created = await coordinator.post('/communs/nouveau', entryForm({ mainteneurs: String(maintainer) }));
      assert.equal(created.statusCode, 302, created.body.slice(0, 300));
      entryId = entryIdIn(created.headers.location);
      path = `/communs/${entryId}`;
      sender = await app().signedIn({
        email: 'curieuse@ailleurs.fr',
        memberships: [{ organisationId: other, role: 'member' }],
      });
    });

    test('the entry page offers the form; the form never shows the recipients’ addresses', async () => {
      const page = await app().agent().get(path);
      assert.match(page.body, new RegExp(`href="${path}/contacter">Contacter l’équipe`));
      const form = await sender.get(`${path}/contacter`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<h1>Contacter l’équipe<\/h1>/);
      assert.match(form.body, /les responsables de Ville des Fontaines/);
      assert.doesNotMatch(form.body, /fontaines\.fr/);
    });

    test('a visitor must sign in', async () => {
      const visitor = app().agent();
      const form = await visitor.get(`${path}/contacter`);
      assert.equal(form.statusCode, 302);
      assert.equal(form.headers.location, `/connexion?retour=${encodeURIComponent(`${path}/contacter`)}`);
      const post = await visitor.post(`${path}/contacter`, { objet: 'Question', message: TEXT });
      assert.equal(post.statusCode, 401);
      await app().server.runJobs();
      assert.equal(sent().length, 0);
    });

    test('the message reaches the maintainers’ editors only, with the sender as reply-to, and is audited without its text', async () => {
      const res = await sender.post(`${path}/contacter`, {
        objet: 'Réutiliser votre modèle',
        message: TEXT,
        site_web: '',
      });
      assert.equal(res.statusCode, 302, res.body.slice(0, 300));
      assert.equal(res.headers.location, path);
      const after = await sender.get(path);
      assert.match(after.body, /Votre message est envoyé/);
      assert.doesNotMatch(after.body, /responsable@fontaines\.fr/);
      await app().server.runJobs();
      const mails = sent();
      assert.deepEqual(mails.map((m) => m.to.join()).sort(), [
        'responsable@fontaines.fr',
        'seconde.responsable@fontaines.fr',
      ]);
      for (const m of mails) {
        assert.equal(m.replyTo, 'curieuse@ailleurs.fr');
        assert.equal(m.subject, '[Bibliothèque IA] Réutiliser votre modèle');
        assert.match(m.text, /réutiliser votre modèle de prévision/);
        assert.match(m.text, new RegExp(`${path}\\b`));
      }
      const audit = await app().server.platform.audit.list({ limit: 5, offset: 0, subjectType: 'commons_entry' });
      const entry = audit.rows.find((r) => r.action === 'contact_message.sent');
      assert.ok(entry);
      assert.equal(String(entry.subjectId), String(entryId));
      assert.doesNotMatch(JSON.stringify(entry.details), /prévision|Réutiliser/);
    });

    test('bad messages are refused in French, what was typed is kept, nothing is sent', async () => {
      const before = sent().length;
      const empty = await sender.post(`${path}/contacter`, { objet: '', message: '' });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Saisissez l’objet de votre message/);
      assert.match(empty.body, /Écrivez votre message/);
      const short = await sender.post(`${path}/contacter`, { objet: 'Question', message: 'Trop court' });
      assert.match(short.body, /au moins 20 caractères \(10 saisis\)/);
      assert.match(short.body, /value="Question"/);
      const long = await sender.post(`${path}/contacter`, { objet: 'Question', message: 'a'.repeat(3001) });
      assert.match(long.body, /3000 caractères au plus \(3001 saisis\)/);
      const links = await sender.post(`${path}/contacter`, {
        objet: 'Liens',
        message: `${TEXT} https://a.exemple.fr https://b.exemple.fr www.c.exemple.fr`,
      });
      assert.equal(links.statusCode, 422);
      assert.match(links.body, /Votre message contient 3 liens : 2 au plus sont permis/);
      const robot = await sender.post(`${path}/contacter`, {
        objet: 'Offre',
        message: TEXT,
        site_web: 'https://spam.exemple',
      });
      assert.equal(robot.statusCode, 422);
      assert.match(robot.body, /ressemble à un envoi automatique/);
      await app().server.runJobs();
      assert.equal(sent().length, before);
    });

    test('a sixth message within the hour is refused (429, French); an hour later it is accepted', async () => {
      const limited = await app().signedIn({ email: 'bavard@ailleurs.fr' });
      for (let i = 1; i <= 5; i++) {
        const ok = await limited.post(`${path}/contacter`, { objet: `Question ${i}`, message: TEXT });
        assert.equal(ok.statusCode, 302, `message ${i}`);
      }
      const sixth = await limited.post(`${path}/contacter`, { objet: 'Question 6', message: TEXT });
      assert.equal(sixth.statusCode, 429);
      assert.match(sixth.body, /Vous avez déjà envoyé 5 messages au cours de la dernière heure/);
      app().clock.advance({ minutes: 61 });
      const later = await limited.post(`${path}/contacter`, { objet: 'Question 6', message: TEXT });
      assert.equal(later.statusCode, 302);
    });
  },
  {},
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);
