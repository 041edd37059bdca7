/** Builds the view-models of the pages from records (one presenter for meetings: what each reader may see). */
import type { Actor } from '../../../platform/auth/authorize.ts';
import { can } from '../../../platform/auth/authorize.ts';
import {
  durationOf,
  formatDuration,
  isOverdue,
  type MeetingRecord,
  meetingPath,
  seatsTaken,
  waitingRank,
  whenOf,
} from '../model.ts';
import type { GroupRef } from '../ports.ts';
import type { MeetingsServices } from '../services/index.ts';
import type { MeetingCard, MeetingView } from '../views/view-models.ts';

export function cardOf(m: MeetingRecord, group: GroupRef | null | undefined): MeetingCard {
  return {
    id: m.id,
    path: meetingPath(m.id),
    title: m.title,
    groupName: group?.name ?? 'Groupe de travail',
    groupPath: group?.path ?? null,
    when: whenOf(m),
    duration: formatDuration(durationOf(m)),
    place: m.place,
    remote: !!m.videoUrl,
    visibility: m.visibility,
    status: m.status,
  };
}

export async function presentMeeting(services: MeetingsServices, actor: Actor, id: number): Promise<MeetingView> {
  const { meeting: m, inside } = await services.meetings.readable(actor, id);
  const store = services.store;
  const group = await services.meetings.group(m.groupId).catch(() => null);
  const regs = await store.registrations(m.id);
  const active = regs.filter((r) => r.status !== 'cancelled');
  const { revisions, leads } = await services.after.minutesFor(actor, m.id, m.groupId, inside);
  const minutes = revisions[0] ?? null;
  const visibleMinutes = minutes && (leads || minutes.publication !== 'draft') ? minutes : null;
  // Decisions and actions go with the minutes: to the group's people, or to everyone once published to everyone.
  const afterVisible = leads || inside || visibleMinutes?.publication === 'public';
  const actionRecords = afterVisible ? await store.actionsOf(m.id) : [];
  const names = await services.meetings.people([
    ...active.map((r) => r.userId),
    ...actionRecords.map((a) => a.ownerId).filter((x): x is number => x != null),
  ]);
  const nowIso = services.clockIso();
  const own = actor ? regs.find((r) => r.userId === actor.id && r.status !== 'cancelled') : undefined;
  const members = leads ? (await services.membersOf(m.groupId)).map((p) => ({ userId: p.userId, name: p.name })) : [];
  return {
    ...cardOf(m, group),
    groupId: m.groupId,
    description: m.description,
    videoUrl: m.videoUrl,
    agenda: m.agenda,
    documents: m.documents,
    capacity: m.capacity,
    seatsTaken: seatsTaken(regs),
    waitingCount: regs.filter((r) => r.status === 'waiting').length,
    version: m.version,
    past: m.startsAt <= nowIso,
    mine: own ? { status: own.status, mode: own.mode, rank: waitingRank(regs, own.userId) } : null,
    canRegister: can(actor, 'meeting.register', { visibility: m.visibility, inside }),
    signedIn: !!actor,
    leads,
    registrations: leads
      ? active.map((r) => ({
          userId: r.userId,
          name: names.get(r.userId)?.name ?? 'Compte supprimé',
          status: r.status,
          mode: r.mode,
          attended: r.attended,
        }))
      : [],
    minutes: visibleMinutes,
    minutesCount: revisions.length,
    decisions: afterVisible && (visibleMinutes || leads) ? await store.decisions(m.id) : [],
    actions: await Promise.all(
      actionRecords.map(async (a) => ({
        ...a,
        ownerName: a.ownerId != null ? (names.get(a.ownerId)?.name ?? null) : null,
        overdue: isOverdue(a, nowIso),
        mayUpdate: await services.after.mayUpdateAction(actor, a),
      })),
    ),
    members,
  };
}
