/**
 * Meetings: create, edit and cancel (leads and coordinators), read (public or members-only), register with a
 * capacity and a waiting list, reminders seven days and one day before (jobs that follow the meeting when it moves).
 */
import { type Actor, authorize } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { Db } from '../../../platform/db/database.ts';
import { ConflictError, HttpError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import {
  type AttendanceMode,
  calendarChanged,
  decideRegistration,
  type MeetingFormValues,
  type MeetingRecord,
  promotions,
  REFUSAL_MESSAGES,
  REMINDER_KINDS,
  type ReminderKind,
  readMeetingForm,
  reminderTimes,
  waitingRank,
} from '../model.ts';
import type { GroupRef } from '../ports.ts';
import { type MeetingsContext, REMINDER_JOB } from './context.ts';
import type { MailService, Recipient } from './mails.ts';

/** A refused registration: 409 with the French reason (the page shows it, the API returns its code). */
export class RegistrationRefused extends HttpError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

export function createMeetingService(ctx: MeetingsContext, mails: MailService) {
  const { platform, store, ports } = ctx;
  const { clock } = platform;

  async function meeting(id: number, on?: Db): Promise<MeetingRecord> {
    const m = await store.find(id, on);
    if (!m) throw notFound('Cette réunion est introuvable.');
    return m;
  }

  async function group(id: number): Promise<GroupRef> {
    const g = await ports.groups.findGroup(id);
    if (!g) throw notFound('Ce groupe est introuvable.');
    return g;
  }

  /** The meeting when `actor` may read it; members-only meetings are a 404 for others (their existence is hidden). */
  async function readable(actor: Actor, id: number) {
    const m = await meeting(id);
    const inside = await ports.groups.isInside(actor, m.groupId);
    if (m.visibility === 'members' && !inside) throw notFound('Cette réunion est introuvable.');
    authorize(actor, 'meeting.read', { visibility: m.visibility, inside });
    return { meeting: m, inside };
  }

  async function assertLeads(actor: Actor, groupId: number) {
    authorize(actor, 'meeting.manage', { leads: await ports.groups.canLead(actor, groupId) });
  }

  async function people(ids: number[]): Promise<Map<number, Recipient>> {
    const found = ids.length ? await ports.people.findUsers([...new Set(ids)]) : [];
    return new Map(found.filter((p) => !p.disabled).map((p) => [p.id, { userId: p.id, name: p.name, email: p.email }]));
  }

  /** The group's members and everyone registered or waiting (each once): who hears of a change. */
  // Read BEFORE a transaction opens: other modules read through the main connection (SQLite has only one).
  async function audience(m: Pick<MeetingRecord, 'id' | 'groupId'>): Promise<Recipient[]> {
    const members = await ports.groups.members(m.groupId);
    const out = new Map<number, Recipient>(
      members.map((p) => [p.userId, { userId: p.userId, name: p.name, email: p.email }]),
    );
    const regs = (await store.registrations(m.id)).filter((r) => r.status !== 'cancelled');
    const others = await people(regs.map((r) => r.userId).filter((id) => !out.has(id)));
    for (const [id, p] of others) out.set(id, p);
    return [...out.values()];
  }

  async function scheduleReminders(m: MeetingRecord, trx: Db) {
    for (const r of reminderTimes(m.startsAt, clock.iso()))
      await platform.jobs.enqueue(
        REMINDER_JOB,
        { meetingId: m.id, kind: r.kind, startsAt: m.startsAt },
        { runAt: new Date(r.runAt), uniqueKey: `${REMINDER_JOB}:${m.id}:${r.kind}:${m.startsAt}` },
        trx,
      );
  }

  /** The people on the waiting list (read before the transaction that may move them up). */
  async function waitingPeople(meetingId: number) {
    return people((await store.registrations(meetingId)).filter((r) => r.status === 'waiting').map((r) => r.userId));
  }

  /** Moves up the waiting list into the free seats, telling each person moved up (`who`: waitingPeople). */
  async function fillSeats(m: MeetingRecord, g: GroupRef | null, trx: Db, who: Map<number, Recipient>) {
    const moved = promotions(m.capacity, await store.registrations(m.id, trx));
    if (!moved.length) return;
    for (const r of moved) {
      await store.setRegistrationStatus(trx, r.id, 'registered', clock.iso());
      const p = who.get(r.userId);
      if (p) await mails.promoted(m, g, p, trx);
      await platform.audit.record(
        {
          actorUserId: null,
          action: 'meeting_registration.promoted',
          subjectType: 'meeting',
          subjectId: m.id,
          details: { userId: r.userId },
        },
        trx,
      );
    }
  }

  return {
    meeting,
    group,
    readable,
    assertLeads,

    async create(actor: Actor, groupId: number, values: MeetingFormValues): Promise<number> {
      const g = await group(groupId);
      await assertLeads(actor, groupId);
      const { input, errors } = readMeetingForm(values, { nowIso: clock.iso(), creating: true });
      if (!input) throw new ValidationError(errors);
      const invited = await audience({ id: 0, groupId });
      return platform.db.transaction().execute(async (trx) => {
        const id = await store.insert(trx, groupId, input, actor!.id, clock.iso());
        const m = await meeting(id, trx);
        await mails.invitations(m, g, invited, 'new', trx);
        await scheduleReminders(m, trx);
        await platform.audit.record(
          {
            actorUserId: actor!.id,
            action: 'meeting.created',
            subjectType: 'meeting',
            subjectId: id,
            details: { groupId, startsAt: m.startsAt },
          },
          trx,
        );
        return id;
      });
    },

    /** Edits on the version read; a change calendars must learn sends an update (SEQUENCE + 1) to everyone concerned. */
    async update(actor: Actor, id: number, version: number, values: MeetingFormValues): Promise<MeetingRecord> {
      const before = await meeting(id);
      await assertLeads(actor, before.groupId);
      if (before.status === 'cancelled')
        throw new ValidationError({}, 'Cette réunion est annulée : elle ne peut plus être modifiée.');
      const { input, errors } = readMeetingForm(values, { nowIso: clock.iso(), creating: false });
      if (!input) throw new ValidationError(errors);
      const g = await ports.groups.findGroup(before.groupId);
      const told = await audience(before);
      const waiting = await waitingPeople(id);
      return platform.db.transaction().execute(async (trx) => {
        const bump = calendarChanged(before, input);
        if (!(await store.update(trx, id, version, input, bump, actor!.id, clock.iso())))
          throw new ConflictError(
            'Quelqu’un a modifié cette réunion entre-temps : rechargez la page pour voir sa version.',
            await meeting(id, trx),
          );
        const after = await meeting(id, trx);
        if (bump) await mails.invitations(after, g, told, 'update', trx);
        if (after.startsAt !== before.startsAt) await scheduleReminders(after, trx);
        if ((after.capacity ?? Infinity) > (before.capacity ?? Infinity) || after.capacity == null)
          await fillSeats(after, g, trx, waiting);
        await platform.audit.record(
          {
            actorUserId: actor!.id,
            action: 'meeting.updated',
            subjectType: 'meeting',
            subjectId: id,
            details: { sequence: after.sequence, moved: after.startsAt !== before.startsAt },
          },
          trx,
        );
        return after;
      });
    },

    async cancel(actor: Actor, id: number): Promise<void> {
      const m = await meeting(id);
      await assertLeads(actor, m.groupId);
      const g = await ports.groups.findGroup(m.groupId);
      const told = await audience(m);
      await platform.db.transaction().execute(async (trx) => {
        if (!(await store.cancel(trx, id, actor!.id, clock.iso()))) return;
        const after = await meeting(id, trx);
        await mails.cancellation(after, g, told, trx);
        await platform.audit.record(
          { actorUserId: actor!.id, action: 'meeting.cancelled', subjectType: 'meeting', subjectId: id },
          trx,
        );
      });
    },

    /** Registers `user`: a seat, or the waiting list when full (said in the answer); refusals are 409 with a reason. */
    async register(
      user: CurrentUser,
      id: number,
      mode: AttendanceMode,
    ): Promise<{ status: 'registered' | 'waiting'; rank: number | null }> {
      const { meeting: m, inside } = await readable(user, id);
      authorize(user, 'meeting.register', { visibility: m.visibility, inside });
      const g = await ports.groups.findGroup(m.groupId);
      const me = (await people([user.id])).get(user.id) ?? { userId: user.id, name: user.name, email: user.email };
      return platform.db.transaction().execute(async (trx) => {
        await store.lockMeeting(trx, id, platform.dialect);
        const current = await meeting(id, trx);
        const regs = await store.registrations(id, trx);
        const decision = decideRegistration(current, regs, user.id, clock.iso());
        if (!decision.ok) throw new RegistrationRefused(decision.refusal, REFUSAL_MESSAGES[decision.refusal]);
        await store.register(trx, id, user.id, decision.status, mode, clock.iso());
        const rank = decision.status === 'waiting' ? waitingRank(await store.registrations(id, trx), user.id) : null;
        if (decision.status === 'registered') await mails.registered(current, g, me, mode, trx);
        else await mails.waiting(current, me, rank ?? 1, trx);
        await platform.audit.record(
          {
            actorUserId: user.id,
            action:
              decision.status === 'registered' ? 'meeting_registration.created' : 'meeting_registration.waitlisted',
            subjectType: 'meeting',
            subjectId: id,
            details: { mode },
          },
          trx,
        );
        return { status: decision.status, rank };
      });
    },

    /** Cancels `user`'s registration (or place on the waiting list); the first waiting person moves up and is told. */
    async unregister(user: CurrentUser, id: number): Promise<void> {
      const { meeting: m } = await readable(user, id);
      const g = await ports.groups.findGroup(m.groupId);
      const waiting = await waitingPeople(id);
      await platform.db.transaction().execute(async (trx) => {
        await store.lockMeeting(trx, id, platform.dialect);
        const own = (await store.registrations(id, trx)).find((r) => r.userId === user.id && r.status !== 'cancelled');
        if (!own) throw new RegistrationRefused('not_registered', 'Vous n’êtes pas inscrit·e à cette réunion.');
        if (m.startsAt <= clock.iso())
          throw new RegistrationRefused(
            'past',
            'Cette réunion a déjà commencé : la désinscription n’est plus possible.',
          );
        await store.setRegistrationStatus(trx, own.id, 'cancelled', clock.iso());
        if (own.status === 'registered')
          await mails.unregistered(m, g, { userId: user.id, name: user.name, email: user.email }, trx);
        await platform.audit.record(
          { actorUserId: user.id, action: 'meeting_registration.cancelled', subjectType: 'meeting', subjectId: id },
          trx,
        );
        await fillSeats(m, g, trx, waiting);
      });
    },

    /** The reminder job: sent once per meeting, kind and start instant; a moved or cancelled meeting skips it. */
    async sendReminder(payload: { meetingId: number; kind: ReminderKind; startsAt: string }): Promise<number> {
      const m = await store.find(payload.meetingId);
      if (!m || m.status === 'cancelled' || m.startsAt !== payload.startsAt) return 0;
      if (m.startsAt <= clock.iso()) return 0;
      const regs = (await store.registrations(m.id)).filter((r) => r.status === 'registered');
      const who = await people(regs.map((r) => r.userId));
      return platform.db.transaction().execute(async (trx) => {
        if (!(await store.markReminder(trx, m.id, payload.kind, m.startsAt, clock.iso()))) return 0;
        for (const r of regs) {
          const p = who.get(r.userId);
          if (p)
            await mails.reminder(
              m,
              p,
              REMINDER_KINDS[payload.kind],
              trx,
              `meetings.reminder_mail:${m.id}:${payload.kind}:${m.startsAt}:${p.userId}`,
            );
        }
        return who.size;
      });
    },

    people,
  };
}
export type MeetingService = ReturnType<typeof createMeetingService>;
