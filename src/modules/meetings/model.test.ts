// The pure rules of meetings: the form read with Paris time (clock changes included), registration with a capacity
// and a waiting list (first come, first served), reminders' instants, overdue actions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  decideRegistration,
  formValuesOf,
  isOverdue,
  promotions,
  type RegistrationRecord,
  readMeetingForm,
  reminderTimes,
  waitingRank,
} from './model.ts';

const NOW = '2027-03-01T09:00:00.000Z';
const form = (over: Record<string, string | string[]> = {}) =>
  formValuesOf({
    titre: 'Réunion',
    date: '2027-04-15',
    heure: '10:00',
    heure_fin: '11:30',
    lieu: 'Mairie',
    visibilite: 'public',
    ...over,
  });
const read = (over: Record<string, string | string[]> = {}, creating = true) =>
  readMeetingForm(form(over), { nowIso: NOW, creating });

describe('the meeting form', () => {
  test('Paris wall-clock times become UTC instants (summer time in April)', () => {
    const { input, errors } = read();
    assert.deepEqual(errors, {});
    assert.equal(input?.startsAt, '2027-04-15T08:00:00.000Z');
    assert.equal(input?.endsAt, '2027-04-15T09:30:00.000Z');
  });
  test('the end must follow the start; a meeting lasts 12 hours at most', () => {
    assert.match(read({ heure_fin: '10:00' }).errors.heure_fin!, /finir après son début/);
    assert.match(read({ heure: '06:00', heure_fin: '19:00' }).errors.heure_fin!, /12 heures au plus/);
  });
  test('a new meeting may not start in the past; an edited one may (minutes of a past meeting)', () => {
    assert.match(read({ date: '2027-02-28' }).errors.date!, /dans le passé/);
    assert.equal(read({ date: '2027-02-28' }, false).errors.date, undefined);
  });
  test('last Sunday of March 2027 (28th): 02:00–02:59 does not exist; the end too is checked', () => {
    assert.match(
      read({ date: '2027-03-28', heure: '02:00', heure_fin: '04:00' }).errors.heure!,
      /n’existe pas à Paris/,
    );
    assert.match(
      read({ date: '2027-03-28', heure: '01:00', heure_fin: '02:30' }).errors.heure_fin!,
      /n’existe pas à Paris/,
    );
    assert.equal(
      read({ date: '2027-03-28', heure: '01:30', heure_fin: '03:30' }).input?.endsAt,
      '2027-03-28T01:30:00.000Z',
    );
  });
  test('last Sunday of October 2027 (31st): 02:30 is ambiguous until the form says which', () => {
    const r = read({ date: '2027-10-31', heure: '02:30', heure_fin: '05:00' });
    assert.equal(r.ambiguous, true);
    assert.match(r.errors.heure!, /existe deux fois/);
    assert.equal(
      read({ date: '2027-10-31', heure: '02:30', heure_fin: '05:00', heure_ambigue: 'earlier' }).input?.startsAt,
      '2027-10-31T00:30:00.000Z',
    );
    assert.equal(
      read({ date: '2027-10-31', heure: '02:30', heure_fin: '05:00', heure_ambigue: 'later' }).input?.startsAt,
      '2027-10-31T01:30:00.000Z',
    );
  });
  test('a place or a video link is needed; the link must be a web address; capacity is a whole number', () => {
    assert.match(read({ lieu: '' }).errors.lieu!, /Indiquez un lieu/);
    assert.match(read({ visio: 'visio.exemple.fr' }).errors.visio!, /adresse web complète/);
    assert.equal(read({ lieu: '', visio: 'https://visio.exemple.fr/x' }).errors.lieu, undefined);
    assert.match(read({ capacite: '0' }).errors.capacite!, /au moins 1/);
    assert.equal(read({ capacite: '25' }).input?.capacity, 25);
  });
  test('agenda rows keep their order; a guest speaker needs a name; empty rows are dropped', () => {
    const r = read({
      agenda_titre: ['Accueil', '', 'Débat'],
      agenda_intervenant: ['', '', 'Présidence de la commission'],
      agenda_fonction: ['', '', 'Présidente'],
      agenda_invite: '2',
    });
    assert.deepEqual(r.input?.agenda, [
      { title: 'Accueil', speakerName: null, speakerFunction: null, guest: false },
      { title: 'Débat', speakerName: 'Présidence de la commission', speakerFunction: 'Présidente', guest: true },
    ]);
    assert.match(
      read({ agenda_titre: ['Débat'], agenda_intervenant: [''], agenda_invite: '0' }).errors.agenda_intervenant_0!,
      /intervenant invité/,
    );
  });
  test('a date that does not exist is refused in French', () => {
    assert.match(read({ date: '2027-02-30' }).errors.date!, /date réelle/);
  });
});

const reg = (id: number, userId: number, status: RegistrationRecord['status'], at: string): RegistrationRecord => ({
  id,
  meetingId: 1,
  userId,
  status,
  mode: 'remote',
  attended: null,
  createdAt: at,
});
const meeting = { status: 'scheduled' as const, startsAt: '2027-04-15T08:00:00.000Z', capacity: 2 };

describe('registration and the waiting list', () => {
  test('seats first, then the waiting list once the capacity is reached', () => {
    assert.deepEqual(decideRegistration(meeting, [], 1, NOW), { ok: true, status: 'registered' });
    const two = [reg(1, 1, 'registered', 'a'), reg(2, 2, 'registered', 'b')];
    assert.deepEqual(decideRegistration(meeting, two, 3, NOW), { ok: true, status: 'waiting' });
    assert.deepEqual(decideRegistration({ ...meeting, capacity: null }, two, 3, NOW), {
      ok: true,
      status: 'registered',
    });
  });
  test('twice, after the start or on a cancelled meeting: refused with the reason', () => {
    const regs = [reg(1, 1, 'registered', 'a'), reg(2, 2, 'waiting', 'b'), reg(3, 3, 'cancelled', 'c')];
    assert.deepEqual(decideRegistration(meeting, regs, 1, NOW), { ok: false, refusal: 'already_registered' });
    assert.deepEqual(decideRegistration(meeting, regs, 2, NOW), { ok: false, refusal: 'already_waiting' });
    assert.deepEqual(
      decideRegistration(meeting, regs, 3, NOW),
      { ok: true, status: 'registered' },
      'a cancelled registration may be taken up again',
    );
    assert.deepEqual(decideRegistration(meeting, [], 1, meeting.startsAt), { ok: false, refusal: 'past' });
    assert.deepEqual(decideRegistration({ ...meeting, status: 'cancelled' }, [], 1, NOW), {
      ok: false,
      refusal: 'cancelled',
    });
  });
  test('free seats go to the waiting list in order of arrival, no more than the seats', () => {
    const regs = [
      reg(1, 1, 'cancelled', 'a'),
      reg(5, 5, 'waiting', 'c'),
      reg(4, 4, 'waiting', 'b'),
      reg(2, 2, 'registered', 'a'),
      reg(6, 6, 'waiting', 'd'),
    ];
    assert.deepEqual(
      promotions(2, regs).map((r) => r.userId),
      [4],
    );
    assert.deepEqual(
      promotions(3, regs).map((r) => r.userId),
      [4, 5],
    );
    assert.deepEqual(promotions(1, regs), []);
    assert.equal(waitingRank(regs, 5), 2);
    assert.equal(waitingRank(regs, 2), null);
  });
});

describe('reminders and overdue actions', () => {
  test('seven days and one day before; those already past are left out', () => {
    assert.deepEqual(reminderTimes('2027-04-15T08:00:00.000Z', NOW), [
      { kind: '7d', runAt: '2027-04-08T08:00:00.000Z' },
      { kind: '1d', runAt: '2027-04-14T08:00:00.000Z' },
    ]);
    assert.deepEqual(
      reminderTimes('2027-03-05T08:00:00.000Z', NOW).map((r) => r.kind),
      ['1d'],
    );
  });
  test('an open action is overdue the day after its due date (Paris calendar day)', () => {
    assert.equal(
      isOverdue({ status: 'todo', dueDate: '2027-03-01' }, '2027-03-01T22:30:00.000Z'),
      false,
      '23:30 in Paris: still the due day',
    );
    assert.equal(
      isOverdue({ status: 'todo', dueDate: '2027-03-01' }, '2027-03-01T23:30:00.000Z'),
      true,
      '00:30 in Paris on 2 March',
    );
    assert.equal(isOverdue({ status: 'done', dueDate: '2027-03-01' }, '2027-06-01T00:00:00.000Z'), false);
    assert.equal(isOverdue({ status: 'in_progress', dueDate: null }, '2027-06-01T00:00:00.000Z'), false);
  });
});
