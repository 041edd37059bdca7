/** The services of meetings, built once per module from the platform and the ports. */
import type { Actor } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { WorkGroup } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { ACTION_STATUS_LABELS, isOverdue, type MeetingRecord, meetingPath } from '../model.ts';
import type { GroupRef, MeetingsPorts } from '../ports.ts';
import { createMeetingsStore } from '../store.ts';
import { createAfterService } from './after.ts';
import { createCalendarService } from './calendar.ts';
import type { MeetingsContext } from './context.ts';
import { createMailService } from './mails.ts';
import { createMeetingService } from './meetings.ts';

export function createMeetingsServices(platform: Platform, ports: MeetingsPorts) {
  const store = createMeetingsStore(platform.db);
  const ctx: MeetingsContext = { platform, store, ports };
  const calendar = createCalendarService(ctx);
  const mails = createMailService(ctx, calendar);
  const meetings = createMeetingService(ctx, mails);
  const after = createAfterService(ctx, meetings, mails);
  const { clock } = platform;

  /** The meetings `actor` may see among these (public ones, and members-only ones of their groups). */
  async function visible(actor: Actor, list: MeetingRecord[]): Promise<MeetingRecord[]> {
    const inside = new Map<number, boolean>();
    const out: MeetingRecord[] = [];
    for (const m of list) {
      if (m.visibility === 'public') {
        out.push(m);
        continue;
      }
      if (!inside.has(m.groupId)) inside.set(m.groupId, await ports.groups.isInside(actor, m.groupId));
      if (inside.get(m.groupId)) out.push(m);
    }
    return out;
  }

  async function groupMap(): Promise<Map<number, GroupRef>> {
    return new Map((await ports.groups.listGroups()).map((g) => [g.id, g]));
  }

  return {
    store,
    calendar,
    mails,
    meetings,
    after,
    visible,
    groupMap,
    clockIso: () => clock.iso(),
    baseUrl: platform.config.baseUrl.replace(/\/+$/, ''),
    membersOf: (groupId: number) => ports.groups.members(groupId),

    /** Meetings in a period, of one group or all, as `actor` may see them (the agenda page and the API). */
    async list(actor: Actor, filter: { from?: string; to?: string; groupId?: number | null }) {
      const rows = await store.between({
        from: filter.from,
        to: filter.to,
        groupIds: filter.groupId ? [filter.groupId] : undefined,
      });
      return visible(actor, rows);
    },

    /** Past meetings (newest first) with minutes `actor` may read, for the agenda page. */
    async pastWithMinutes(actor: Actor, groupId: number | null, limit = 20) {
      const past = (await store.between({ to: clock.iso(), groupIds: groupId ? [groupId] : undefined })).reverse();
      const seen = await visible(actor, past);
      const latest = await store.withPublishedMinutes(seen.map((m) => m.id));
      const out: { meeting: MeetingRecord; publication: string }[] = [];
      for (const m of seen) {
        const revisions = await store.minutes(m.id);
        const inside = m.visibility === 'public' ? await ports.groups.isInside(actor, m.groupId) : true;
        const published = revisions.find((r) => r.publication === 'public' || (r.publication === 'members' && inside));
        if (published && latest.has(m.id)) out.push({ meeting: m, publication: published.publication });
        if (out.length >= limit) break;
      }
      return out;
    },

    /** The groups whose meetings `user` schedules (their groups as lead; every group for coordinators), by name. */
    async leadingGroups(user: CurrentUser): Promise<{ id: number; name: string }[]> {
      const all = await ports.groups.listGroups();
      const out: { id: number; name: string }[] = [];
      for (const g of all) if (await ports.groups.canLead(user, g.id)) out.push({ id: g.id, name: g.name });
      return out.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    },

    // ---- the api of the groups module (digest, group page) ----
    async lastMeetingBefore(groupId: number, iso: string) {
      const m = await store.lastBefore(groupId, iso);
      return m ? { id: m.id, startsAt: m.startsAt, path: meetingPath(m.id) } : null;
    },
    async nextMeetingAfter(groupId: number, iso: string) {
      const m = await store.nextAfter(groupId, iso);
      return m ? { id: m.id, startsAt: m.startsAt, path: meetingPath(m.id) } : null;
    },
    async openActions(groupId: number) {
      const actions = await store.openActionsOfGroup(groupId);
      const owners = await meetings.people(actions.map((a) => a.ownerId).filter((x): x is number => x != null));
      return actions.map((a) => ({
        id: a.id,
        title: a.title,
        ownerName: a.ownerId != null ? (owners.get(a.ownerId)?.name ?? null) : null,
        dueDate: a.dueDate,
        status: a.status,
        path: `${meetingPath(a.meetingId)}#action-${a.id}`,
      }));
    },
    async upcoming(groupId: number) {
      const rows = await store.between({ from: clock.iso(), groupIds: [groupId] });
      return rows.map((m) => ({ id: m.id, title: m.title, startsAt: m.startsAt, path: meetingPath(m.id) }));
    },

    /** « Mon espace »: the open actions the person owns (overdue first) and the meetings they registered to. */
    async work(user: CurrentUser): Promise<WorkGroup[]> {
      const now = clock.iso();
      const actions = await store.openActionsOfOwner(user.id);
      const groups: WorkGroup[] = [];
      if (actions.length)
        groups.push({
          key: 'meetings.actions',
          label: 'Actions qui vous sont confiées',
          count: actions.length,
          href: '/mon-agenda#actions',
          urgency: actions.some((a) => isOverdue(a, now)) ? 0 : 2,
          items: actions.slice(0, 10).map((a) => ({
            title: a.title,
            href: `${meetingPath(a.meetingId)}#action-${a.id}`,
            detail: `${ACTION_STATUS_LABELS[a.status]}${isOverdue(a, now) ? ' — en retard' : ''}`,
            due: a.dueDate,
          })),
        });
      const regs = (await store.registrationsOfUser(user.id)).filter((r) => r.status !== 'cancelled');
      const upcoming = (await Promise.all(regs.map(async (r) => ({ r, m: await store.find(r.meetingId) })))).filter(
        (x) => x.m && x.m.status === 'scheduled' && x.m.startsAt > now,
      );
      if (upcoming.length)
        groups.push({
          key: 'meetings.registrations',
          label: 'Vos prochaines réunions',
          count: upcoming.length,
          href: '/mon-agenda',
          urgency: 3,
          items: upcoming
            .sort((a, b) => (a.m!.startsAt < b.m!.startsAt ? -1 : 1))
            .slice(0, 10)
            .map(({ r, m }) => ({
              title: m!.title,
              href: meetingPath(m!.id),
              detail: r.status === 'waiting' ? 'Sur liste d’attente' : 'Inscrit·e',
              due: m!.startsAt,
            })),
        });
      return groups;
    },
  };
}
export type MeetingsServices = ReturnType<typeof createMeetingsServices>;
