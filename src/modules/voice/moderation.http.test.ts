// Moderation without a third party (issue 13, point 4), on both databases: three different people's reports hide a
// message until a moderator decides, a person's reports count once; approve, hide (reason mailed) and block (the
// person can no longer post), each audited; limits per person and per address (bursts of 50), links, length,
// the blocklist kept by coordinators, the trap field; the pre-moderation setting; account deletion.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent, type TestApp } from '../../../test/helpers/app.ts';
import { publishedSheet } from '../../../test/helpers/sheets.ts';
import { type ManualClock, manualClock } from '../../platform/clock.ts';
import './tables.ts';
import { contribute, freshAddress } from './test-support.ts';

/** The newest message of the account with this address. */
async function lastOf(app: TestApp, email: string) {
  const user = await app.server.modules.services.accounts.findUserByEmail(email);
  return app.server.platform.db
    .selectFrom('voice_messages')
    .selectAll()
    .where('author_id', '=', user!.id)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
}

/** How many messages the account with this address wrote. */
async function countOf(app: TestApp, email: string) {
  const user = await app.server.modules.services.accounts.findUserByEmail(email);
  const r = await app.server.platform.db
    .selectFrom('voice_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('author_id', '=', user!.id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The audit entries of this action about this subject. */
function audited(app: TestApp, action: string, subjectId: number | string) {
  return app.server.platform.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('subject_id', '=', String(subjectId))
    .execute();
}

/** A new signed-in person (number `n`) with a pseudonym and one approved message: later ones are published at once. */
async function trusted(app: TestApp, sheetId: number, editor: TestAgent, n: number): Promise<TestAgent> {
  const agent = await app.signedIn({ email: `personne${n}@exemple.fr` });
  const res = await contribute(
    agent,
    sheetId,
    { message: `Premier message ${n}`, pseudonyme: `Personne ${n}` },
    freshAddress(),
  );
  assert.equal(res.statusCode, 302, res.body.slice(0, 200));
  const row = await lastOf(app, `personne${n}@exemple.fr`);
  const ok = await editor.post(`/moderation/messages/${row.id}`, { decision: 'approve', raison: '' });
  assert.equal(ok.statusCode, 302);
  return agent;
}

describeEachApp<ManualClock>(
  'voice: moderation',
  (app) => {
    let sheet: { id: number; path: string };
    let editor: TestAgent;
    let otherEditor: TestAgent;
    let coordinator: TestAgent;
    let authority: number;
    let n = 0;
    const db = () => app().server.platform.db;
    const accounts = () => app().server.modules.services.accounts;

    const trustedCitizen = async () => trusted(app(), sheet.id, editor, ++n);
    before(async () => {
      authority = await app().createOrganisation({ name: 'Ville Modérée', type: 'commune' });
      const elsewhere = await app().createOrganisation({ name: 'Ville Voisine', type: 'commune' });
      const member = await app().signedIn({
        email: 'agent@moderee.fr',
        memberships: [{ organisationId: authority, role: 'member' }],
      });
      editor = await app().signedIn({
        email: 'responsable@moderee.fr',
        memberships: [{ organisationId: authority, role: 'editor' }],
      });
      otherEditor = await app().signedIn({
        email: 'responsable@voisine.fr',
        memberships: [{ organisationId: elsewhere, role: 'editor' }],
      });
      coordinator = await app().signedIn({ email: 'coord@moderee.fr', role: 'coordinator' });
      sheet = await publishedSheet(app(), authority, member, coordinator, 'moderation');
    });

    test('three different people’s reports hide a message until a moderator decides; a second report by the same person counts once', async () => {
      const author = await trustedCitizen();
      const res = await contribute(author, sheet.id, { message: 'Message contesté par certains' }, freshAddress());
      assert.equal(res.statusCode, 302);
      const message = await lastOf(app(), `personne${n}@exemple.fr`);
      const reporters = [await trustedCitizen(), await trustedCitizen(), await trustedCitizen()];
      const report = (agent: TestAgent) =>
        agent.post(`/contributions/messages/${message.id}/signaler`, {
          motif: 'insult',
          precision: 'Propos blessants',
        });

      assert.equal((await report(reporters[0]!)).statusCode, 302);
      const again = await report(reporters[0]!);
      assert.equal(again.statusCode, 302);
      assert.equal((await report(reporters[0]!)).statusCode, 302);
      assert.equal((await report(reporters[1]!)).statusCode, 302);
      let row = await db()
        .selectFrom('voice_messages')
        .selectAll()
        .where('id', '=', message.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.reports), 2, 'the first person counted once');
      assert.equal(row.status, 'published');
      assert.match((await app().agent().get(sheet.path)).body, /Message contesté par certains/);

      assert.equal((await report(reporters[2]!)).statusCode, 302);
      row = await db().selectFrom('voice_messages').selectAll().where('id', '=', message.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'reported');
      assert.doesNotMatch((await app().agent().get(sheet.path)).body, /Message contesté par certains/);
      const api = (await app().agent().get(`/api/v1/use-cases/${sheet.id}/contributions`)).json();
      assert.ok(api.items.every((m: { id: number }) => m.id !== Number(message.id)));
      assert.equal((await audited(app(), 'voice_message.hidden_by_reports', message.id)).length, 1);

      const queue = await editor.get('/moderation');
      assert.match(queue.body, /Masqué par 3 signalements/);
      assert.match(queue.body, /Propos injurieux, haineux ou discriminatoires : Propos blessants/);
      // Approved, it is back, and the reports already seen no longer count.
      const ok = await editor.post(`/moderation/messages/${message.id}`, { decision: 'approve', raison: '' });
      assert.equal(ok.statusCode, 302);
      assert.match((await app().agent().get(sheet.path)).body, /Message contesté par certains/);
      const fourth = await trustedCitizen();
      assert.equal((await report(fourth)).statusCode, 302);
      row = await db().selectFrom('voice_messages').selectAll().where('id', '=', message.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'published');
      assert.equal((await audited(app(), 'voice_message.approved', message.id)).length, 1);
    });

    test('a report needs a reason; nobody reports their own message', async () => {
      const author = await trustedCitizen();
      const message = await lastOf(app(), `personne${n}@exemple.fr`);
      const own = await author.post(`/contributions/messages/${message.id}/signaler`, { motif: 'spam' });
      assert.equal(own.statusCode, 422);
      assert.match(own.body, /Vous ne pouvez pas signaler votre propre message/);
      const other = await trustedCitizen();
      const empty = await other.post(`/contributions/messages/${message.id}/signaler`, { motif: '' });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Choisissez la raison du signalement/);
    });

    test('hiding sends the reason to the author; blocking stops the person from posting; both are audited', async () => {
      const author = await trustedCitizen();
      const email = `personne${n}@exemple.fr`;
      await contribute(author, sheet.id, { message: 'Premier écart à la charte' }, freshAddress());
      const first = await lastOf(app(), email);
      const noReason = await editor.post(`/moderation/messages/${first.id}`, { decision: 'hide', raison: '' });
      assert.equal(noReason.statusCode, 422);
      assert.match(noReason.body, /Indiquez la raison/);
      const hide = await editor.post(`/moderation/messages/${first.id}`, { decision: 'hide', raison: 'Hors sujet' });
      assert.equal(hide.statusCode, 302);
      await app().server.runJobs();
      const mail = app()
        .outbox()
        .find((m) => m.to.includes(email) && m.subject.includes('masquée'));
      assert.ok(mail, 'the author is told');
      assert.match(mail.text, /Raison : Hors sujet/);
      assert.doesNotMatch((await app().agent().get(sheet.path)).body, /Premier écart à la charte/);
      assert.equal((await audited(app(), 'voice_message.hidden', first.id))[0]?.actor_user_id != null, true);

      await contribute(author, sheet.id, { message: 'Deuxième écart à la charte' }, freshAddress());
      const second = await lastOf(app(), email);
      const block = await coordinator.post(`/moderation/messages/${second.id}`, {
        decision: 'block',
        raison: 'Écarts répétés',
      });
      assert.equal(block.statusCode, 302);
      const refused = await contribute(author, sheet.id, { message: 'Encore moi' }, freshAddress());
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /Votre compte ne peut plus publier de contributions/);
      const userId = (await accounts().findUserByEmail(email))!.id;
      assert.equal((await audited(app(), 'voice_person.blocked', userId)).length, 1);

      const unblock = await coordinator.post(`/moderation/personnes/${userId}/debloquer`, {});
      assert.equal(unblock.statusCode, 302);
      assert.equal(
        (await contribute(author, sheet.id, { message: 'Je reviens calmement' }, freshAddress())).statusCode,
        302,
      );
      assert.equal((await audited(app(), 'voice_person.unblocked', userId)).length, 1);
    });

    test('editors moderate their authority’s messages only; the queue lists them; members have no queue', async () => {
      const author = await trustedCitizen();
      await contribute(author, sheet.id, { message: 'À examiner par la bonne équipe' }, freshAddress());
      const row = await lastOf(app(), `personne${n}@exemple.fr`);
      const res = await otherEditor.post(`/moderation/messages/${row.id}`, {
        decision: 'hide',
        raison: 'Pas chez moi',
      });
      assert.equal(res.statusCode, 403);
      const fresh = await app().signedIn({ email: 'nouvelle@exemple.fr' });
      await contribute(
        fresh,
        sheet.id,
        { message: 'Mon tout premier message', pseudonyme: 'Nouvelle venue' },
        freshAddress(),
      );
      assert.match((await editor.get('/moderation')).body, /Mon tout premier message/);
      assert.doesNotMatch((await otherEditor.get('/moderation')).body, /Mon tout premier message/);
      assert.match((await coordinator.get('/moderation')).body, /Mon tout premier message/);
      assert.equal((await fresh.get('/moderation')).statusCode, 403);
    });

    test('a burst of 50 messages from one person: 5 published, the rest refused with a clear message; allowed again 10 minutes later', async () => {
      const author = await trustedCitizen();
      const email = `personne${n}@exemple.fr`;
      const address = freshAddress();
      const before = await countOf(app(), email);
      const statuses: number[] = [];
      let refusal = '';
      for (let i = 0; i < 50; i++) {
        const res = await contribute(author, sheet.id, { message: `Rafale ${i}` }, address);
        statuses.push(res.statusCode);
        if (res.statusCode === 429) refusal = res.body;
      }
      // The approved first message counts in the 10 minutes: 4 more are accepted.
      assert.equal(statuses.filter((s) => s === 302).length, 4);
      assert.equal(statuses.filter((s) => s === 429).length, 46);
      assert.match(refusal, /Vous avez déjà publié 5 contributions en 10 minutes/);
      assert.equal((await countOf(app(), email)) - before, 4, 'nothing saved for the refused ones');
      app().clock.advance({ minutes: 11 });
      assert.equal((await contribute(author, sheet.id, { message: 'Après la pause' }, address)).statusCode, 302);
    });

    test('one address: 20 messages in 10 minutes from different people, then refused', async () => {
      app().clock.advance({ minutes: 11 });
      const people = [];
      for (let i = 0; i < 6; i++) people.push(await trustedCitizen());
      app().clock.advance({ minutes: 11 });
      const address = '10.250.250.250';
      const statuses: number[] = [];
      let refusal = '';
      for (let i = 0; i < 24; i++) {
        const res = await contribute(people[i % 6]!, sheet.id, { message: `Depuis la médiathèque ${i}` }, address);
        statuses.push(res.statusCode);
        if (res.statusCode === 429) refusal = res.body;
      }
      assert.equal(statuses.filter((s) => s === 302).length, 20);
      assert.equal(statuses.filter((s) => s === 429).length, 4);
      assert.match(refusal, /Trop de contributions envoyées depuis votre connexion/);
    });

    test('links, length, the trap field and blocked words are refused in French; nothing is saved', async () => {
      app().clock.advance({ minutes: 11 });
      const author = await trustedCitizen();
      const email = `personne${n}@exemple.fr`;
      const count = await countOf(app(), email);
      const links = await contribute(
        author,
        sheet.id,
        { message: 'Voir https://a.fr, http://b.fr et www.c.fr' },
        freshAddress(),
      );
      assert.equal(links.statusCode, 422);
      assert.match(links.body, /Votre message contient 3 liens : 2 au plus/);
      const long = await contribute(author, sheet.id, { message: 'x'.repeat(2001) }, freshAddress());
      assert.match(long.body, /2000 caractères au plus \(2001 saisis\)/);
      const empty = await contribute(author, sheet.id, { type: 'question', message: '  ' }, freshAddress());
      assert.match(empty.body, /Écrivez votre message/);
      const trap = await contribute(
        author,
        sheet.id,
        { message: 'Bonjour', site_web: 'http://spam.example' },
        freshAddress(),
      );
      assert.equal(trap.statusCode, 422);
      assert.match(trap.body, /un champ qui doit rester vide a été rempli/);

      const words = await coordinator.post('/moderation/mots', { mot: 'Casino en ligne' });
      assert.equal(words.statusCode, 302);
      assert.equal((await editor.post('/moderation/mots', { mot: 'autre' })).statusCode, 403, 'coordinators only');
      const blocked = await contribute(
        author,
        sheet.id,
        { message: 'Le CASINO en Ligne de la mairie' },
        freshAddress(),
      );
      assert.equal(blocked.statusCode, 422);
      assert.match(blocked.body, /terme refusé par la charte \(« casino en ligne »\)/);
      assert.equal(await countOf(app(), email), count, 'nothing saved');
      const list = await coordinator.get('/moderation/mots');
      assert.match(list.body, /casino en ligne/);
      const word = await db()
        .selectFrom('voice_blocked_words')
        .select('id')
        .where('word', '=', 'casino en ligne')
        .executeTakeFirstOrThrow();
      assert.equal((await coordinator.post(`/moderation/mots/${word.id}/supprimer`, {})).statusCode, 302);
      const actions = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'in', ['voice_word.added', 'voice_word.removed'])
        .execute();
      assert.equal(actions.length, 2);
      assert.equal(
        (await contribute(author, sheet.id, { message: 'Le casino en ligne de la mairie' }, freshAddress())).statusCode,
        302,
      );
    });

    test('pre-moderation: the editors choose « every message » or « none »; the choice is audited', async () => {
      app().clock.advance({ minutes: 11 });
      const author = await trustedCitizen();
      const email = `personne${n}@exemple.fr`;
      assert.equal(
        (await coordinator.post('/moderation/reglages', { organisation: String(authority), mode: 'all' })).statusCode,
        403,
      );
      assert.equal(
        (await editor.post('/moderation/reglages', { organisation: String(authority), mode: 'all' })).statusCode,
        302,
      );
      await contribute(author, sheet.id, { message: 'Soumis à validation' }, freshAddress());
      assert.equal((await lastOf(app(), email)).status, 'pending');
      assert.equal(
        (await editor.post('/moderation/reglages', { organisation: String(authority), mode: 'none' })).statusCode,
        302,
      );
      const fresh = await app().signedIn({ email: 'direct@exemple.fr' });
      await contribute(fresh, sheet.id, { message: 'Publié tout de suite', pseudonyme: 'Directe' }, freshAddress());
      assert.equal((await lastOf(app(), 'direct@exemple.fr')).status, 'published');
      assert.equal((await audited(app(), 'voice_settings.changed', authority)).length, 2);
      await editor.post('/moderation/reglages', { organisation: String(authority), mode: 'first' });
    });

    test('account deletion: the export lists the messages; then they stay as « Contribution d’un compte supprimé », the pseudonym erased', async () => {
      app().clock.advance({ minutes: 11 });
      const author = await trustedCitizen();
      const email = `personne${n}@exemple.fr`;
      await contribute(author, sheet.id, { message: 'Un avis que je laisse' }, freshAddress());
      const exported = (await author.get('/compte/donnees.json')).json();
      assert.equal(exported.voice.profile.pseudonym, `Personne ${n}`);
      assert.ok(exported.voice.messages.some((m: { body: string }) => m.body === 'Un avis que je laisse'));
      const deleted = await author.post('/compte/supprimer', { confirm: 'oui' });
      assert.equal(deleted.statusCode, 303, deleted.body.slice(0, 300));
      const page = await app().agent().get(`${sheet.path}`);
      assert.match(page.body, /Un avis que je laisse/);
      assert.match(page.body, /Contribution d’un compte supprimé/);
      assert.doesNotMatch(page.body, new RegExp(`Personne ${n}<`));
      const profiles = await db().selectFrom('voice_profiles').select('pseudonym').execute();
      assert.ok(profiles.every((p) => p.pseudonym !== `Personne ${n}`));
      assert.equal(await accounts().findUserByEmail(email), null);
    });
  },
  {},
  { clock: () => manualClock('2026-03-02T09:00:00Z') },
);
