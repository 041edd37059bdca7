// The moderators' digest (issue 13, point 4), on both databases: messages that start waiting for a moderator are
// announced to the authority's editors (the coordinators when it has none) by one e-mail per 15-minute window with
// the count and the link to the queue — never one mail per message, no message text, nothing when the queue was
// emptied before the window ends.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent, type TestApp } from '../../../test/helpers/app.ts';
import { publishedSheet } from '../../../test/helpers/sheets.ts';
import { type ManualClock, manualClock } from '../../platform/clock.ts';
import './tables.ts';
import { contribute, freshAddress } from './test-support.ts';

/** The digest mails written so far, by recipient. */
function digests(app: TestApp) {
  return app.outbox().filter((m) => /(attend|attendent) votre décision/.test(m.subject));
}

async function digestJobs(app: TestApp) {
  return app.server.platform.db
    .selectFrom('jobs')
    .select(['id', 'run_at', 'payload'])
    .where('type', '=', 'voice.send_moderation_digest')
    .execute();
}

describeEachApp<ManualClock>(
  'voice: the moderators’ digest',
  (app) => {
    let sheet: { id: number; path: string };
    let lonelySheet: { id: number; path: string };
    let editor: TestAgent;
    let n = 0;
    const people: TestAgent[] = [];
    /** A new person's first message on `sheetId` (it waits: pre-moderation of a first message by default). */
    const firstMessage = async (sheetId: number, text: string) => {
      const agent = await app().signedIn({ email: `citoyen${++n}@exemple.fr` });
      const res = await contribute(agent, sheetId, { message: text, pseudonyme: `Citoyen ${n}` }, freshAddress());
      assert.equal(res.statusCode, 302, res.body.slice(0, 200));
      people.push(agent);
      return agent;
    };
    const pendingIds = async () =>
      (
        await app()
          .server.platform.db.selectFrom('voice_messages')
          .select('id')
          .where('status', '=', 'pending')
          .where('target_id', '=', sheet.id)
          .execute()
      ).map((r) => Number(r.id));

    before(async () => {
      const authority = await app().createOrganisation({ name: 'Ville Attentive', type: 'commune' });
      const lonely = await app().createOrganisation({ name: 'Village Sans Éditeur', type: 'commune' });
      const member = await app().signedIn({
        email: 'agent@attentive.fr',
        memberships: [
          { organisationId: authority, role: 'member' },
          { organisationId: lonely, role: 'member' },
        ],
      });
      editor = await app().signedIn({
        email: 'responsable@attentive.fr',
        memberships: [{ organisationId: authority, role: 'editor' }],
      });
      await app().createUser({
        email: 'adjointe@attentive.fr',
        memberships: [{ organisationId: authority, role: 'editor' }],
      });
      const coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
      sheet = await publishedSheet(app(), authority, member, coordinator, 'digest');
      lonelySheet = await publishedSheet(app(), lonely, member, coordinator, 'village');
      app().clock.set('2026-03-02T09:02:00Z');
    });

    test('three waiting messages in one window give each editor one mail with the count and the link, at the end of the window', async () => {
      await firstMessage(sheet.id, 'Première question en attente');
      app().clock.advance({ minutes: 4 });
      await firstMessage(sheet.id, 'Deuxième question en attente');
      app().clock.advance({ minutes: 5 });
      await firstMessage(sheet.id, 'Troisième question en attente');
      assert.equal((await pendingIds()).length, 3);
      const jobs = await digestJobs(app());
      assert.equal(jobs.length, 1, 'one digest queued for the window, not one per message');
      assert.equal(new Date(jobs[0]!.run_at).toISOString(), '2026-03-02T09:15:00.000Z');

      await app().server.runJobs();
      assert.equal(digests(app()).length, 0, 'nothing before the window ends');

      app().clock.set('2026-03-02T09:15:01Z');
      await app().server.runJobs();
      const mails = digests(app());
      assert.deepEqual(mails.map((m) => m.to.join(',')).sort(), ['adjointe@attentive.fr', 'responsable@attentive.fr']);
      for (const mail of mails) {
        assert.match(mail.subject, /3 contributions attendent votre décision \(Ville Attentive\)/);
        assert.match(mail.text, /\/moderation/);
        assert.doesNotMatch(mail.text, /question en attente/, 'the mail carries no message text');
      }
      assert.ok(!digests(app()).some((m) => m.to.includes('coord@reseau.fr')), 'the authority has editors');
    });

    test('the next window gives the next mail, with what still waits then; an emptied queue gives none', async () => {
      for (const id of await pendingIds()) {
        const ok = await editor.post(`/moderation/messages/${id}`, { decision: 'approve', raison: '' });
        assert.equal(ok.statusCode, 302);
      }
      const before = digests(app()).length;
      app().clock.set('2026-03-02T09:20:00Z');
      await firstMessage(sheet.id, 'Une question de la demi-heure');
      app().clock.set('2026-03-02T09:30:01Z');
      await app().server.runJobs();
      const fresh = digests(app()).filter((m) => /1 contribution attend votre décision/.test(m.subject));
      assert.equal(fresh.length, 2, 'one mail per editor');
      assert.equal(digests(app()).length, before + 2);

      // A message approved before its window ends: the digest finds nothing waiting and sends nothing.
      app().clock.set('2026-03-02T09:35:00Z');
      await firstMessage(sheet.id, 'Une question vite validée');
      for (const id of await pendingIds())
        assert.equal(
          (await editor.post(`/moderation/messages/${id}`, { decision: 'approve', raison: '' })).statusCode,
          302,
        );
      assert.deepEqual(await pendingIds(), []);
      const count = digests(app()).length;
      app().clock.set('2026-03-02T09:45:01Z');
      await app().server.runJobs();
      assert.equal(digests(app()).length, count);
    });

    test('a message hidden by three reports is announced the same way', async () => {
      app().clock.set('2026-03-02T11:01:00Z');
      const [author, ...reporters] = people;
      const res = await contribute(author!, sheet.id, { message: 'Un message contesté' }, freshAddress());
      assert.equal(res.statusCode, 302);
      const message = await app()
        .server.platform.db.selectFrom('voice_messages')
        .select(['id', 'status'])
        .where('body', '=', 'Un message contesté')
        .executeTakeFirstOrThrow();
      assert.equal(message.status, 'published', 'the author was approved before');
      assert.equal((await digestJobs(app())).filter((j) => j.run_at.startsWith('2026-03-02T11:15')).length, 0);
      for (const reporter of reporters.slice(0, 3))
        assert.equal(
          (await reporter.post(`/contributions/messages/${message.id}/signaler`, { motif: 'spam' })).statusCode,
          302,
        );
      const before = digests(app()).length;
      app().clock.set('2026-03-02T11:15:01Z');
      await app().server.runJobs();
      const fresh = digests(app()).slice(0, digests(app()).length - before);
      assert.deepEqual(fresh.map((m) => m.to.join(',')).sort(), ['adjointe@attentive.fr', 'responsable@attentive.fr']);
      assert.match(fresh[0]!.subject, /1 contribution attend votre décision/);
    });

    test('an authority without an editor: the network’s coordinators get the digest', async () => {
      app().clock.set('2026-03-02T10:01:00Z');
      await firstMessage(lonelySheet.id, 'Question au village');
      app().clock.set('2026-03-02T10:15:01Z');
      await app().server.runJobs();
      const mails = digests(app()).filter((m) => m.subject.includes('Village Sans Éditeur'));
      assert.deepEqual(
        mails.map((m) => m.to.join(',')),
        ['coord@reseau.fr'],
      );
    });
  },
  {},
  { clock: () => manualClock('2026-03-02T08:00:00Z') },
);
