// After the meeting, and the agenda, on both databases: minutes in the small markup are shown as a tree (never raw
// HTML: a script or HTML tag written in the minutes is shown as text), each save is a new version kept in the
// history, and the minutes are published to members or to everyone; attendance is recorded by leads; actions have
// an owner (a member), a due date and a status, show in the owner's « Mon espace », and overdue ones are reminded by
// mail once the clock passes their due date. Feeds: the network's public meetings, a group's, and a person's
// private feed — wrong or revoked token → 404 that says nothing more. The API lists public meetings to visitors and
// members-only ones to the group's members. Personal data: registrations, feed tokens and owned actions are exported
// and erased.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { type ManualClock, manualClock } from '../../platform/clock.ts';
import { assertRfc5545, type GroupWorld, groupWorld, mailsTo, meetingForm, meetingIdIn } from './test-support.ts';

describeEachApp<ManualClock>(
  'meetings: minutes, actions, feeds and API',
  (app) => {
    let w: GroupWorld;
    let hidden: GroupWorld;
    let publicId: number;
    let membersOnlyId: number;
    let secretGroupMeeting: number;

    before(async () => {
      w = await groupWorld(app(), 'cr', 2);
      hidden = await groupWorld(app(), 'secret', 1, 'members');
      const a = await w.lead.post(
        `/groupes/${w.groupId}/reunions/nouvelle`,
        meetingForm({ titre: 'Séance publique', date: '2027-03-10' }),
      );
      publicId = meetingIdIn(a.headers.location);
      const b = await w.lead.post(
        `/groupes/${w.groupId}/reunions/nouvelle`,
        meetingForm({ titre: 'Séance interne', date: '2027-03-12', visibilite: 'members' }),
      );
      membersOnlyId = meetingIdIn(b.headers.location);
      const c = await hidden.lead.post(
        `/groupes/${hidden.groupId}/reunions/nouvelle`,
        meetingForm({ titre: 'Séance du groupe fermé', date: '2027-03-15', visibilite: 'members' }),
      );
      secretGroupMeeting = meetingIdIn(c.headers.location);
      assert.equal((await w.members[0]!.post(`/reunions/${publicId}/inscription`, { mode: 'remote' })).statusCode, 302);
      assert.equal(
        (await w.members[1]!.post(`/reunions/${publicId}/inscription`, { mode: 'in_person' })).statusCode,
        302,
      );
    });

    test('members-only meetings are hidden (404) from visitors and outsiders, shown to the group', async () => {
      assert.equal((await w.visitor.get(`/reunions/${membersOnlyId}`)).statusCode, 404);
      assert.equal((await w.outsider.get(`/reunions/${membersOnlyId}`)).statusCode, 404);
      assert.equal((await w.members[0]!.get(`/reunions/${membersOnlyId}`)).statusCode, 200);
      assert.equal((await w.coordinator.get(`/reunions/${membersOnlyId}`)).statusCode, 200);
      assert.equal((await w.visitor.get(`/reunions/${membersOnlyId}/reunion.ics`)).statusCode, 404);
    });

    test('the API lists public meetings to visitors and members-only ones to the members; bad dates are a JSON 400', async () => {
      const visitor = JSON.parse((await w.visitor.get('/api/v1/meetings?from=2027-03-01&to=2027-04-01')).body);
      const titles = visitor.items.map((m: { title: string }) => m.title);
      assert.ok(titles.includes('Séance publique'));
      assert.ok(!titles.includes('Séance interne'));
      const one = visitor.items.find((m: { title: string }) => m.title === 'Séance publique');
      assert.equal(one.starts_at, '2027-03-10T09:00:00.000Z');
      assert.equal(one.time_zone, 'Europe/Paris');
      assert.equal(one.agenda[1].guest, true);
      const member = JSON.parse((await w.members[0]!.get(`/api/v1/meetings?from=2027-03-01&group=${w.groupId}`)).body);
      assert.deepEqual(
        member.items.map((m: { title: string }) => m.title),
        ['Séance publique', 'Séance interne'],
      );
      const bad = await w.visitor.get('/api/v1/meetings?from=demain');
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(Object.keys(JSON.parse(bad.body).error.fields), ['from']);
    });

    test('feeds: /agenda.ics has public meetings only; a group feed; they parse with ical.js and follow RFC 5545', async () => {
      const feed = await w.visitor.get('/agenda.ics');
      assert.equal(feed.statusCode, 200);
      assert.match(String(feed.headers['content-type']), /^text\/calendar/);
      const { events } = assertRfc5545(feed.body, 'PUBLISH');
      const summaries = events.map((e) => String(e.getFirstPropertyValue('summary')));
      assert.ok(summaries.some((s) => s.startsWith('Séance publique')));
      assert.ok(!summaries.some((s) => s.startsWith('Séance interne')));
      const group = await w.visitor.get(`/groupes/${w.groupId}/agenda.ics`);
      assert.equal(group.statusCode, 200);
      assertRfc5545(group.body, 'PUBLISH');
      assert.equal((await w.visitor.get(`/groupes/${hidden.groupId}/agenda.ics`)).statusCode, 404);
      const single = await w.visitor.get(`/reunions/${publicId}/reunion.ics`);
      const { event } = assertRfc5545(single.body, 'PUBLISH');
      assert.equal(event().uid, `reunion-${publicId}@localhost`);
    });

    test('personal feed: a private token shows members-only meetings; revoked or wrong → the same 404', async () => {
      const member = hidden.members[0]!;
      const page = await member.post('/mon-agenda/jeton');
      assert.equal(page.statusCode, 200);
      const url = /<code>http:\/\/localhost:3000(\/agenda\/personnel\/[^<]+)<\/code>/.exec(page.body)?.[1];
      assert.ok(url, 'the subscription address is shown once');
      const feed = await app().agent().get(url);
      assert.equal(feed.statusCode, 200);
      const { events } = assertRfc5545(feed.body, 'PUBLISH');
      assert.ok(events.some((e) => String(e.getFirstPropertyValue('summary')).startsWith('Séance du groupe fermé')));
      assert.doesNotMatch((await member.get('/mon-agenda')).body, /agenda\/personnel\//, 'not shown again');
      const wrong = await app().agent().get('/agenda/personnel/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/agenda.ics');
      assert.equal((await member.post('/mon-agenda/jeton/revoquer')).statusCode, 302);
      const revoked = await app().agent().get(url);
      assert.equal(revoked.statusCode, 404);
      assert.equal(wrong.statusCode, 404);
      const strip = (html: string) => html.replace(/name="csrf-token" content="[^"]+"/, '');
      assert.equal(strip(revoked.body), strip(wrong.body), 'a revoked token and a wrong one get the same answer');
      void secretGroupMeeting;
    });

    test('minutes: script and HTML are shown as text, markup becomes headings, lists, links and emphasis', async () => {
      const editor = await w.lead.get(`/reunions/${publicId}/compte-rendu`);
      assert.equal(editor.statusCode, 200);
      assert.equal((await w.members[0]!.get(`/reunions/${publicId}/compte-rendu`)).statusCode, 403);
      const body = [
        '# Relevé de la séance',
        '<script>alert("x")</script>',
        '- **Budget** voté',
        '- voir [la note](https://docs.exemple.fr/note) et [piège](javascript:alert(1))',
        '<img src=x onerror=alert(1)>',
      ].join('\n');
      const saved = await w.lead.post(`/reunions/${publicId}/compte-rendu`, {
        base: '0',
        texte: body,
        publication: 'members',
        decisions: 'Adopter le budget\n\nLancer l’étude',
      });
      assert.equal(saved.statusCode, 302, saved.body.slice(0, 400));
      const page = (await w.members[0]!.get(`/reunions/${publicId}`)).body;
      assert.match(page, /<h3>Relevé de la séance<\/h3>/);
      assert.match(page, /&lt;script>alert\(&quot;x&quot;\)&lt;\/script>/);
      assert.doesNotMatch(page, /<script>alert/);
      assert.match(page, /&lt;img src=x onerror=alert\(1\)>/);
      assert.doesNotMatch(page, /<img src=x/);
      assert.match(page, /\[piège\]\(javascript:alert\(1\)\)/, 'a javascript: link stays text');
      assert.match(page, /<li><strong>Budget<\/strong> voté<\/li>/);
      assert.match(page, /<a href="https:\/\/docs.exemple.fr\/note" rel="nofollow noopener">la note<\/a>/);
      assert.doesNotMatch(page, /href="javascript:/);
      assert.match(page, /<li>Adopter le budget<\/li>\s*<li>Lancer l’étude<\/li>/);
      // Published to members: visitors do not see it yet.
      const visitorPage = (await w.visitor.get(`/reunions/${publicId}`)).body;
      assert.doesNotMatch(visitorPage, /Relevé de la séance/);
      assert.doesNotMatch(visitorPage, /Adopter le budget/, 'decisions go with the minutes');
    });

    test('each save is a new version in the history; a stale base is refused; publishing to everyone shows it to visitors', async () => {
      const stale = await w.lead.post(`/reunions/${publicId}/compte-rendu`, {
        base: '0',
        texte: 'Autre',
        publication: 'public',
      });
      assert.equal(stale.statusCode, 409);
      const empty = await w.lead.post(`/reunions/${publicId}/compte-rendu`, {
        base: '1',
        texte: ' ',
        publication: 'public',
      });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Écrivez le compte rendu avant de l’enregistrer/);
      const r = await w.lead.post(`/reunions/${publicId}/compte-rendu`, {
        base: '1',
        texte: '# Relevé définitif\nTout est adopté.',
        publication: 'public',
      });
      assert.equal(r.statusCode, 302);
      const visitorPage = (await w.visitor.get(`/reunions/${publicId}`)).body;
      assert.match(visitorPage, /Relevé définitif/);
      const history = (await w.members[0]!.get(`/reunions/${publicId}/compte-rendu/historique`)).body;
      assert.match(history, /Version 2/);
      assert.match(history, /Version 1/);
      const visitorHistory = (await w.visitor.get(`/reunions/${publicId}/compte-rendu/historique`)).body;
      assert.match(visitorHistory, /Version 2/);
      assert.doesNotMatch(visitorHistory, /Version 1/, 'the members-only version stays with the members');
    });

    test('attendance: leads record who came among the registered', async () => {
      const page = (await w.lead.get(`/reunions/${publicId}`)).body;
      assert.match(page, /Inscrits et présences/);
      assert.doesNotMatch((await w.members[0]!.get(`/reunions/${publicId}`)).body, /Inscrits et présences/);
      const r = await w.lead.post(`/reunions/${publicId}/presences`, { present: String(w.memberIds[0]) });
      assert.equal(r.statusCode, 302);
      const after = (await w.lead.get(`/reunions/${publicId}`)).body;
      assert.match(after, new RegExp(`id="present-${w.memberIds[0]}"[^>]*checked`));
      assert.doesNotMatch(after, new RegExp(`id="present-${w.memberIds[1]}"[^>]*checked`));
      assert.equal((await w.members[0]!.post(`/reunions/${publicId}/presences`, {})).statusCode, 403);
    });

    test('actions: an owner from the group, a due date; in the owner’s « Mon espace »; overdue ones reminded by mail', async () => {
      const refused = await w.lead.post(`/reunions/${publicId}/actions`, {
        action_titre: '',
        action_responsable: '999999',
        action_echeance: '2027-02-30',
      });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /Indiquez l’action à mener/);
      assert.match(refused.body, /Le responsable doit être un membre du groupe/);
      assert.match(refused.body, /L’échéance doit être une date réelle/);
      const ok = await w.lead.post(`/reunions/${publicId}/actions`, {
        action_titre: 'Rédiger la note de synthèse',
        action_responsable: String(w.memberIds[1]),
        action_echeance: '2027-03-20',
      });
      assert.equal(ok.statusCode, 302);
      const space = (await w.members[1]!.get('/mon-espace')).body;
      assert.match(space, /Actions qui vous sont confiées/);
      assert.match(space, /Rédiger la note de synthèse/);
      const api = app().server.modules.services.meetings;
      const open = await api.openActions(w.groupId);
      assert.equal(open.length, 1);
      assert.equal(open[0].status, 'todo');

      const owner = w.memberEmails[1]!;
      app().clock.set('2027-03-20T12:00:00Z');
      assert.equal((await mailsTo(app(), owner, /^Action en retard/)).length, 0, 'not before the due date has passed');
      app().clock.set('2027-03-21T08:30:00Z');
      assert.equal((await mailsTo(app(), owner, /^Action en retard/)).length, 1);
      assert.equal((await mailsTo(app(), owner, /^Action en retard/)).length, 1, 'once per round');
      // The owner marks it done: no further reminder a week later.
      await w.members[1]!.signInAs(owner);
      const page = (await w.members[1]!.get(`/reunions/${publicId}`)).body;
      const actionId = /id="action-(\d+)"/.exec(page)![1]!;
      const version = /name="version" value="(\d+)"/.exec(page)![1]!;
      assert.equal(
        (await w.members[1]!.post(`/reunions/actions/${actionId}/etat`, { statut: 'done', version })).statusCode,
        302,
      );
      app().clock.set('2027-03-28T09:00:00Z');
      assert.equal((await mailsTo(app(), owner, /^Action en retard/)).length, 1);
      assert.deepEqual(await api.openActions(w.groupId), []);
    });

    test('the agenda lists upcoming public meetings, filters by group, and past ones with published minutes', async () => {
      app().clock.set('2027-03-11T09:00:00Z');
      const page = (await w.visitor.get('/agenda')).body;
      assert.match(page, /Réunions passées et leurs comptes rendus[\s\S]*Séance publique/);
      assert.doesNotMatch(page, /Séance interne/);
      const filtered = (await w.visitor.get(`/agenda?groupe=${w.groupId}`)).body;
      assert.match(filtered, new RegExp(`href="/groupes/${w.groupId}/agenda.ics"`));
      await w.lead.signInAs('pilote-cr@reseau.fr');
      assert.match(
        (await w.lead.get('/agenda')).body,
        new RegExp(`href="/groupes/${w.groupId}/reunions/nouvelle">Nouvelle réunion : Groupe cr<`),
      );
      assert.doesNotMatch(page, /Programmer une réunion/, 'not for visitors');
    });

    test('personal data: registrations, feed tokens and owned actions are exported, then erased with the account', async () => {
      const rgpd = app().server.modules.personalData.find((p) => p.module === 'meetings')!.data;
      const data = (await rgpd.export(w.memberIds[1]!)) as { registrations: unknown[]; actionsOwned: unknown[] };
      assert.equal(data.registrations.length, 1);
      assert.equal(data.actionsOwned.length, 1);
      await app()
        .server.platform.db.transaction()
        .execute((trx) => rgpd.erase(w.memberIds[1]!, trx));
      const erased = await rgpd.export(w.memberIds[1]!);
      assert.deepEqual(erased, { registrations: [], calendarFeedTokens: [], actionsOwned: [] });
    });
  },
  {},
  { clock: () => manualClock('2027-03-01T09:00:00Z') },
);
