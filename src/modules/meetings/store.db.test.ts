// The meetings store on SQLite and PostgreSQL: an edit applies only on the version read and bumps the calendar
// SEQUENCE only when asked; one registration per person and meeting (a cancelled one is taken up again, at the end
// of the queue); minutes revisions are numbered without gaps and a stale base writes nothing; a reminder is marked
// sent once; a revoked feed token finds nobody; erasure forgets the person.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import type { Db } from '../../platform/db/database.ts';
import type { MeetingInput } from './model.ts';
import { createMeetingsStore } from './store.ts';

const AT = '2027-03-01T09:00:00.000Z';
const input = (over: Partial<MeetingInput> = {}): MeetingInput => ({
  title: 'Réunion',
  description: '',
  startsAt: '2027-04-15T08:00:00.000Z',
  endsAt: '2027-04-15T10:00:00.000Z',
  place: 'Mairie',
  videoUrl: null,
  visibility: 'public',
  capacity: 2,
  agenda: [
    { title: 'Accueil', speakerName: null, speakerFunction: null, guest: false },
    { title: 'Intervention', speakerName: 'Présidence', speakerFunction: 'Présidente', guest: true },
  ],
  documents: [{ title: 'Note', url: 'https://docs.exemple.fr/note', phase: 'before' }],
  ...over,
});

describeEachDatabase('Meetings store', (testDb) => {
  const db = () => testDb().db as Db;
  const tx = <T>(fn: (trx: Db) => Promise<T>) => db().transaction().execute(fn);
  async function person(email: string): Promise<number> {
    const row = await db()
      .insertInto('users')
      .values({ email, name: email, created_at: AT, updated_at: AT })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  test('an edit applies on the version read; SEQUENCE moves only when asked; agenda order is kept', async () => {
    const store = createMeetingsStore(db());
    const id = await tx((trx) => store.insert(trx, 7, input(), null, AT));
    const m = (await store.find(id))!;
    assert.deepEqual(
      m.agenda.map((a) => a.title),
      ['Accueil', 'Intervention'],
    );
    assert.equal(m.agenda[1]!.guest, true);
    assert.equal(m.sequence, 0);
    assert.equal(await tx((trx) => store.update(trx, id, 1, input({ title: 'Autre' }), false, null, AT)), true);
    assert.equal(await tx((trx) => store.update(trx, id, 1, input({ title: 'Perdu' }), true, null, AT)), false);
    assert.equal(
      await tx((trx) =>
        store.update(
          trx,
          id,
          2,
          input({ startsAt: '2027-04-16T08:00:00.000Z', endsAt: '2027-04-16T09:00:00.000Z' }),
          true,
          null,
          AT,
        ),
      ),
      true,
    );
    const after = (await store.find(id))!;
    assert.equal(after.title, 'Réunion');
    assert.equal(after.version, 3);
    assert.equal(after.sequence, 1);
    assert.equal(await tx((trx) => store.cancel(trx, id, null, AT)), true);
    assert.equal(await tx((trx) => store.cancel(trx, id, null, AT)), false, 'cancelled once');
    assert.equal((await store.find(id))!.sequence, 2);
  });

  test('one registration per person and meeting; a cancelled one is taken up again at the end of the queue', async () => {
    const store = createMeetingsStore(db());
    const id = await tx((trx) => store.insert(trx, 7, input(), null, AT));
    const [a, b] = [await person('a@exemple.fr'), await person('b@exemple.fr')];
    await tx((trx) => store.register(trx, id, a, 'registered', 'remote', '2027-03-01T10:00:00.000Z'));
    await tx((trx) => store.register(trx, id, b, 'registered', 'in_person', '2027-03-01T11:00:00.000Z'));
    await assert.rejects(
      db()
        .insertInto('meeting_registrations')
        .values({ meeting_id: id, user_id: a, status: 'waiting', mode: 'remote', created_at: AT, updated_at: AT })
        .execute(),
      'the database refuses a second row for the same person',
    );
    const first = (await store.registrations(id)).find((r) => r.userId === a)!;
    await tx((trx) => store.setRegistrationStatus(trx, first.id, 'cancelled', AT));
    await tx((trx) => store.register(trx, id, a, 'waiting', 'in_person', '2027-03-01T12:00:00.000Z'));
    const regs = await store.registrations(id);
    assert.deepEqual(
      regs.map((r) => [r.userId, r.status, r.mode]),
      [
        [b, 'registered', 'in_person'],
        [a, 'waiting', 'in_person'],
      ],
    );
    await tx((trx) => store.setAttendance(trx, id, new Map([[b, true]]), AT));
    assert.equal((await store.registrations(id)).find((r) => r.userId === b)!.attended, true);
  });

  test('minutes revisions are numbered from 1 without gaps; a stale base writes nothing', async () => {
    const store = createMeetingsStore(db());
    const id = await tx((trx) => store.insert(trx, 7, input(), null, AT));
    assert.equal(await tx((trx) => store.addMinutes(trx, id, 0, 'v1', 'draft', null, AT)), true);
    assert.equal(await tx((trx) => store.addMinutes(trx, id, 0, 'perdu', 'public', null, AT)), false);
    assert.equal(await tx((trx) => store.addMinutes(trx, id, 1, 'v2', 'public', null, AT)), true);
    assert.deepEqual(
      (await store.minutes(id)).map((r) => [r.revision, r.body, r.publication]),
      [
        [2, 'v2', 'public'],
        [1, 'v1', 'draft'],
      ],
    );
  });

  test('a reminder is marked sent once per meeting, kind and start instant', async () => {
    const store = createMeetingsStore(db());
    const id = await tx((trx) => store.insert(trx, 7, input(), null, AT));
    assert.equal(await tx((trx) => store.markReminder(trx, id, '7d', '2027-04-15T08:00:00.000Z', AT)), true);
    assert.equal(await tx((trx) => store.markReminder(trx, id, '7d', '2027-04-15T08:00:00.000Z', AT)), false);
    assert.equal(
      await tx((trx) => store.markReminder(trx, id, '7d', '2027-04-16T08:00:00.000Z', AT)),
      true,
      'moved: a new reminder',
    );
  });

  test('a revoked feed token finds nobody; erasure forgets registrations, tokens and owned actions', async () => {
    const store = createMeetingsStore(db());
    const u = await person('c@exemple.fr');
    const id = await tx((trx) => store.insert(trx, 7, input(), u, AT));
    await tx((trx) => store.insertToken(trx, u, 'hash-1', AT));
    assert.equal(await store.userOfToken('hash-1'), u);
    assert.equal(await tx((trx) => store.revokeTokens(trx, u, AT)), 1);
    assert.equal(await store.userOfToken('hash-1'), null);
    await tx((trx) => store.register(trx, id, u, 'registered', 'remote', AT));
    const actionId = await tx((trx) =>
      store.insertAction(trx, { meetingId: id, groupId: 7, title: 'Faire', ownerId: u, dueDate: '2027-05-01' }, AT),
    );
    const before = await store.byPerson(u);
    assert.equal(before.registrations.length, 1);
    assert.equal(before.actionsOwned.length, 1);
    await tx((trx) => store.erasePerson(u, trx));
    assert.deepEqual(await store.byPerson(u), { registrations: [], calendarFeedTokens: [], actionsOwned: [] });
    assert.equal((await store.action(actionId))!.ownerId, null, 'the action stays, without its owner');
  });
});
