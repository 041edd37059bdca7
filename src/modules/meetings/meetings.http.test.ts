// Meetings through the pages, on both databases, with a manual clock: the leads of a group create and edit its
// meetings (others may not); every wrong field gets its French message and nothing is saved — a meeting ending
// before it starts, in the past, or at an hour that does not exist (last Sunday of March) or exists twice (last
// Sunday of October, unless the form says which); members are invited by mail with an iCalendar REQUEST (stable
// UID, SEQUENCE, VTIMEZONE Europe/Paris), updated with a higher SEQUENCE and told of a cancellation with CANCEL;
// registration fills the seats then the waiting list, which moves up when someone leaves; reminders go seven days
// and one day before, once, and follow the meeting when it moves.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { type ManualClock, manualClock } from '../../platform/clock.ts';
import { assertRfc5545, type GroupWorld, groupWorld, mailsTo, meetingForm, meetingIdIn } from './test-support.ts';

describeEachApp<ManualClock>(
  'meetings: writing, invitations, registration and reminders',
  (app) => {
    let w: GroupWorld;
    let meetingId: number;
    const path = () => `/reunions/${meetingId}`;

    before(async () => {
      w = await groupWorld(app(), 'r', 3);
    });

    test('only the leads (and coordinators) may open the form or create a meeting of their group', async () => {
      assert.equal((await w.lead.get(`/groupes/${w.groupId}/reunions/nouvelle`)).statusCode, 200);
      assert.equal((await w.coordinator.get(`/groupes/${w.groupId}/reunions/nouvelle`)).statusCode, 200);
      assert.equal((await w.members[0]!.get(`/groupes/${w.groupId}/reunions/nouvelle`)).statusCode, 403);
      assert.equal(
        (await w.members[0]!.post(`/groupes/${w.groupId}/reunions/nouvelle`, meetingForm())).statusCode,
        403,
      );
      assert.equal((await w.visitor.get(`/groupes/${w.groupId}/reunions/nouvelle`)).statusCode, 302);
    });

    test('a meeting that ends before it starts, or starts in the past, is refused with a French message; nothing is saved', async () => {
      const before = await app().server.modules.services.meetings.upcoming(w.groupId);
      const ends = await w.lead.post(
        `/groupes/${w.groupId}/reunions/nouvelle`,
        meetingForm({ heure: '14:00', heure_fin: '13:00' }),
      );
      assert.equal(ends.statusCode, 422);
      assert.match(ends.body, /La réunion doit finir après son début/);
      assert.match(ends.body, /data-error-summary/);
      assert.match(ends.body, /value="Réunion du groupe"/, 'what was typed is kept');
      const past = await w.lead.post(`/groupes/${w.groupId}/reunions/nouvelle`, meetingForm({ date: '2027-02-01' }));
      assert.equal(past.statusCode, 422);
      assert.match(past.body, /ne peut pas commencer dans le passé/);
      const nowhere = await w.lead.post(
        `/groupes/${w.groupId}/reunions/nouvelle`,
        meetingForm({ lieu: '', visio: '' }),
      );
      assert.match(nowhere.body, /Indiquez un lieu, un lien de visioconférence, ou les deux/);
      const guest = await w.lead.post(
        `/groupes/${w.groupId}/reunions/nouvelle`,
        meetingForm({ agenda_intervenant: ['', ''], agenda_invite: '1' }),
      );
      assert.match(guest.body, /Point 2 : indiquez le nom de l’intervenant invité/);
      assert.deepEqual(await app().server.modules.services.meetings.upcoming(w.groupId), before);
    });

    test('last Sunday of March: 02:30 does not exist in Paris and is refused; 03:30 is 01:30 UTC', async () => {
      const r = await w.lead.post(
        `/groupes/${w.groupId}/reunions/nouvelle`,
        meetingForm({ date: '2027-03-28', heure: '02:30', heure_fin: '04:00' }),
      );
      assert.equal(r.statusCode, 422);
      assert.match(r.body, /L’heure de début 02:30 n’existe pas à Paris ce jour-là/);
      const ok = await w.lead.post(
        `/groupes/${w.groupId}/reunions/nouvelle`,
        meetingForm({ titre: 'Après le changement d’heure', date: '2027-03-28', heure: '03:30', heure_fin: '04:30' }),
      );
      assert.equal(ok.statusCode, 302, ok.body.slice(0, 400));
      const id = meetingIdIn(ok.headers.location);
      const rows = await app().server.modules.services.meetings.upcoming(w.groupId);
      assert.equal(rows.find((m: { id: number }) => m.id === id).startsAt, '2027-03-28T01:30:00.000Z');
      const page = await w.visitor.get(`/reunions/${id}`);
      assert.match(page.body, /dimanche 28 mars 2027 à 3 h 30 \(heure de Paris, UTC\+2\)/);
    });

    test('last Sunday of October: 02:30 exists twice; the form asks which, and the answer decides the instant', async () => {
      const r = await w.lead.post(
        `/groupes/${w.groupId}/reunions/nouvelle`,
        meetingForm({ date: '2027-10-31', heure: '02:30', heure_fin: '04:00' }),
      );
      assert.equal(r.statusCode, 422);
      assert.match(r.body, /existe deux fois à Paris ce jour-là/);
      assert.match(r.body, /name="heure_ambigue"/);
      const later = await w.lead.post(
        `/groupes/${w.groupId}/reunions/nouvelle`,
        meetingForm({
          titre: 'Nuit du changement d’heure',
          date: '2027-10-31',
          heure: '02:30',
          heure_fin: '04:00',
          heure_ambigue: 'later',
        }),
      );
      assert.equal(later.statusCode, 302, later.body.slice(0, 400));
      const id = meetingIdIn(later.headers.location);
      const m = (await app().server.modules.services.meetings.upcoming(w.groupId)).find(
        (x: { id: number }) => x.id === id,
      );
      assert.equal(m.startsAt, '2027-10-31T01:30:00.000Z', 'the second 02:30 is winter time (UTC+1)');
      const earlier = await w.lead.post(
        `/groupes/${w.groupId}/reunions/nouvelle`,
        meetingForm({
          titre: 'Nuit du changement d’heure (tôt)',
          date: '2027-10-31',
          heure: '02:30',
          heure_fin: '04:00',
          heure_ambigue: 'earlier',
        }),
      );
      const id2 = meetingIdIn(earlier.headers.location);
      const m2 = (await app().server.modules.services.meetings.upcoming(w.groupId)).find(
        (x: { id: number }) => x.id === id2,
      );
      assert.equal(m2.startsAt, '2027-10-31T00:30:00.000Z', 'the first 02:30 is summer time (UTC+2)');
    });

    test('a lead creates a meeting: the page shows it in Paris time with the zone; members get a REQUEST invitation', async () => {
      const r = await w.lead.post(
        `/groupes/${w.groupId}/reunions/nouvelle`,
        meetingForm({ capacite: '2', titre: 'Réunion de printemps' }),
      );
      assert.equal(r.statusCode, 302, r.body.slice(0, 400));
      meetingId = meetingIdIn(r.headers.location);
      const page = await w.visitor.get(path());
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>Réunion de printemps<\/h1>/);
      assert.match(page.body, /jeudi 15 avril 2027 à 10 h 00 \(heure de Paris, UTC\+2\)/);
      assert.match(
        page.body,
        /Présidence de la commission, Président·e de la commission nationale \(intervenant·e invité·e\)/,
      );
      assert.match(page.body, /href="https:\/\/docs.exemple.fr\/note"/);
      assert.match(page.body, /Connectez-vous<\/a> pour vous inscrire/);
      const invitations = await mailsTo(app(), w.memberEmails[0]!, /^Invitation : Réunion de printemps/);
      assert.equal(invitations.length, 1);
      const cal = invitations[0]!.calendar!;
      assert.equal(cal.method, 'REQUEST');
      const { event, calendar } = assertRfc5545(cal.content, 'REQUEST');
      const e = event();
      assert.equal(e.uid, `reunion-${meetingId}@localhost`);
      assert.equal(e.sequence, 0);
      assert.equal(e.startDate.toJSDate().toISOString(), '2027-04-15T08:00:00.000Z');
      assert.equal(e.endDate.toJSDate().toISOString(), '2027-04-15T10:00:00.000Z');
      assert.equal(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid'), 'Europe/Paris');
      assert.match(String(e.location), /Salle du conseil/);
    });

    test('registration fills the seats, then the waiting list (said clearly); registering twice gets a clear answer', async () => {
      const [a, b, c] = w.members as [typeof w.lead, typeof w.lead, typeof w.lead];
      const ra = await a.post(`${path()}/inscription`, { mode: 'in_person' });
      assert.equal(ra.statusCode, 302);
      const pageA = await a.get(path());
      assert.match(pageA.body, /Vous êtes inscrit·e \(sur place\)/);
      assert.equal(
        (await mailsTo(app(), w.memberEmails[0]!, /^Inscription confirmée/))[0]?.calendar?.method,
        'REQUEST',
      );
      assert.equal((await b.post(`${path()}/inscription`, { mode: 'remote' })).statusCode, 302);
      const full = await c.get(path());
      assert.match(
        full.body,
        /La réunion est complète : en vous inscrivant, vous serez placé·e sur la liste d’attente/,
      );
      const rc = await c.post(`${path()}/inscription`, { mode: 'remote' });
      assert.equal(rc.statusCode, 302);
      assert.match((await c.get(path())).body, /Vous êtes sur la liste d’attente, en position 1/);
      assert.equal((await mailsTo(app(), w.memberEmails[2]!, /^Liste d’attente/)).length, 1);
      const twice = await a.post(`${path()}/inscription`, { mode: 'in_person' });
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /Vous êtes déjà inscrit·e à cette réunion/);
      const none = await w.outsider.post(`${path()}/inscription`, {});
      assert.equal(none.statusCode, 422);
      assert.match(none.body, /Indiquez si vous participerez sur place ou à distance/);
    });

    test('when a registered person leaves, the first on the waiting list moves up and is told by mail', async () => {
      const [a, , c] = w.members as [typeof w.lead, typeof w.lead, typeof w.lead];
      assert.equal((await a.post(`${path()}/desinscription`)).statusCode, 302);
      assert.equal((await mailsTo(app(), w.memberEmails[0]!, /^Désinscription/))[0]?.calendar?.method, 'CANCEL');
      assert.match((await c.get(path())).body, /Vous êtes inscrit·e \(à distance\)/);
      const moved = await mailsTo(app(), w.memberEmails[2]!, /^Une place s’est libérée/);
      assert.equal(moved.length, 1);
      assert.equal(moved[0]!.calendar?.method, 'REQUEST');
      assert.match(moved[0]!.text, /vous passez de la liste d’attente aux inscrits/);
    });

    test('moving the meeting sends an update with SEQUENCE 1 (same UID); reminders follow the new date and go once', async () => {
      const form = await w.lead.get(`${path()}/modifier`);
      const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
      const member = w.memberEmails[1]!;
      const r = await w.lead.post(
        `${path()}/modifier`,
        meetingForm({ titre: 'Réunion de printemps', capacite: '2', date: '2027-04-22', version }),
      );
      assert.equal(r.statusCode, 302, r.body.slice(0, 400));
      const update = (await mailsTo(app(), member, /^Réunion modifiée/))[0]!;
      const { event } = assertRfc5545(update.calendar!.content, 'REQUEST');
      assert.equal(event().uid, `reunion-${meetingId}@localhost`);
      assert.equal(event().sequence, 1);
      assert.equal(event().startDate.toJSDate().toISOString(), '2027-04-22T08:00:00.000Z');
      // A stale version is refused.
      const stale = await w.lead.post(`${path()}/modifier`, meetingForm({ version }));
      assert.equal(stale.statusCode, 409);

      const clock = app().clock;
      const reminders = async () => (await mailsTo(app(), member, /^Dans 7 jours/)).length;
      clock.set('2027-04-08T08:30:00Z'); // seven days before the OLD date: nothing
      await app().server.runJobs();
      assert.equal(await reminders(), 0);
      clock.set('2027-04-15T08:30:00Z'); // seven days before the new date
      await app().server.runJobs();
      assert.equal(await reminders(), 1);
      await app().server.runJobs();
      assert.equal(await reminders(), 1, 'sent once');
      clock.set('2027-04-21T08:30:00Z');
      await app().server.runJobs();
      assert.equal((await mailsTo(app(), member, /^Demain/)).length, 1);
    });

    test('cancelling sends METHOD:CANCEL with the same UID and a higher SEQUENCE; registration is then closed', async () => {
      // The clock moved by weeks: sessions have expired, everyone signs in again.
      await w.lead.signInAs('pilote-r@reseau.fr');
      for (const [i, agent] of w.members.entries()) await agent.signInAs(w.memberEmails[i]!);
      assert.equal((await w.members[0]!.post(`${path()}/annuler`)).statusCode, 403);
      assert.equal((await w.lead.post(`${path()}/annuler`)).statusCode, 302);
      const mail = (await mailsTo(app(), w.memberEmails[1]!, /^Réunion annulée/))[0]!;
      assert.equal(mail.calendar?.method, 'CANCEL');
      const { event } = assertRfc5545(mail.calendar!.content, 'CANCEL');
      assert.equal(event().uid, `reunion-${meetingId}@localhost`);
      assert.equal(event().sequence, 2);
      assert.equal(event().component.getFirstPropertyValue('status'), 'CANCELLED');
      const late = await w.members[0]!.post(`${path()}/inscription`, { mode: 'remote' });
      assert.equal(late.statusCode, 409);
      assert.match(late.body, /Cette réunion est annulée/);
    });

    test('registering after the meeting has started gets a clear answer', async () => {
      const r = await w.lead.post(
        `/groupes/${w.groupId}/reunions/nouvelle`,
        meetingForm({ titre: 'Réunion de mai', date: '2027-05-03' }),
      );
      const id = meetingIdIn(r.headers.location);
      app().clock.set('2027-05-03T09:00:00Z');
      const late = await w.members[0]!.post(`/reunions/${id}/inscription`, { mode: 'remote' });
      assert.equal(late.statusCode, 409);
      assert.match(late.body, /Cette réunion a déjà commencé : les inscriptions sont closes/);
    });
  },
  {},
  { clock: () => manualClock('2027-03-01T09:00:00Z') },
);
