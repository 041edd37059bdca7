/**
 * Meetings as iCalendar (RFC 5545) events: the invitation sent by mail (METHOD:REQUEST, then CANCEL; UID stable,
 * SEQUENCE from the meeting), the « Ajouter à mon agenda » file, and the feeds people subscribe to (PUBLISH): the
 * network's public meetings, a group's, and a person's private feed behind a revocable token.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../../platform/auth/authorize.ts';
import { type CalendarEvent, calendarUid, renderCalendar } from '../../../platform/calendar/ical.ts';
import { type MeetingRecord, meetingPath } from '../model.ts';
import type { GroupRef } from '../ports.ts';
import { type MeetingsContext, siteUrl } from './context.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** « Nom <adresse> » → { name, email }. */
function organizerOf(from: string): { name: string; email: string } {
  const m = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  return m ? { name: m[1] || m[2]!, email: m[2]! } : { name: from, email: from };
}

export function createCalendarService({ platform, store, ports }: MeetingsContext) {
  const base = siteUrl(platform);
  const host = new URL(base).hostname;

  function eventOf(m: MeetingRecord, group: GroupRef | null, attendees: { name?: string; email: string }[] = []) {
    const lines = [m.description.trim()];
    if (m.agenda.length)
      lines.push(
        `Ordre du jour :\n${m.agenda
          .map(
            (a, i) =>
              `${i + 1}. ${a.title}${a.speakerName ? ` (${a.speakerName}${a.speakerFunction ? `, ${a.speakerFunction}` : ''})` : ''}`,
          )
          .join('\n')}`,
      );
    if (m.videoUrl) lines.push(`Visioconférence : ${m.videoUrl}`);
    lines.push(`Page de la réunion : ${base}${meetingPath(m.id)}`);
    const event: CalendarEvent = {
      uid: calendarUid('reunion', m.id, host),
      sequence: m.sequence,
      summary: group ? `${m.title} — ${group.name}` : m.title,
      description: lines.filter(Boolean).join('\n\n'),
      location: [m.place, m.videoUrl].filter(Boolean).join(' — ') || undefined,
      url: `${base}${meetingPath(m.id)}`,
      start: { utc: m.startsAt },
      end: { utc: m.endsAt },
      status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      lastModified: m.updatedAt,
    };
    if (attendees.length) {
      event.organizer = organizerOf(platform.config.mailFrom);
      event.attendees = attendees.map((a) => ({ ...a, partstat: 'NEEDS-ACTION' as const }));
    }
    return event;
  }

  async function groupsById(ids: readonly number[]) {
    const out = new Map<number, GroupRef | null>();
    for (const id of new Set(ids)) out.set(id, await ports.groups.findGroup(id));
    return out;
  }

  async function feed(name: string, meetings: MeetingRecord[]): Promise<string> {
    const groups = await groupsById(meetings.map((m) => m.groupId));
    return renderCalendar({
      name,
      events: meetings.map((m) => eventOf(m, groups.get(m.groupId) ?? null)),
      now: platform.clock.iso(),
    });
  }

  /** Feeds carry meetings from 90 days ago on (a calendar keeps what it already has). */
  const feedFrom = () => new Date(platform.clock.millis() - 90 * 86_400_000).toISOString();

  return {
    eventOf,

    /** The invitation (REQUEST) or its cancellation (CANCEL) for one recipient. */
    invitation(
      m: MeetingRecord,
      group: GroupRef | null,
      method: 'REQUEST' | 'CANCEL',
      to: { name?: string; email: string },
    ) {
      return renderCalendar({
        name: group ? group.name : 'Réunion',
        method,
        events: [eventOf(m, group, [to])],
        now: platform.clock.iso(),
      });
    },

    /** One meeting as a file to add to a calendar (PUBLISH). */
    async single(m: MeetingRecord): Promise<string> {
      return feed(m.title, [m]);
    },

    /** The network's public meetings. */
    async publicFeed(): Promise<string> {
      const meetings = await store.between({ from: feedFrom(), includeCancelled: true });
      return feed(
        'Agenda du réseau',
        meetings.filter((m) => m.visibility === 'public'),
      );
    },

    /** A group's meetings as `actor` may see them (public ones only to outsiders); null when the group is hidden. */
    async groupFeed(actor: Actor, groupId: number): Promise<string | null> {
      const group = await ports.groups.findGroup(groupId);
      if (!group) return null;
      const inside = await ports.groups.isInside(actor, groupId);
      if (group.visibility === 'members' && !inside) return null;
      const meetings = await store.between({ from: feedFrom(), groupIds: [groupId], includeCancelled: true });
      return feed(
        `Réunions — ${group.name}`,
        meetings.filter((m) => m.visibility === 'public' || inside),
      );
    },

    /**
     * A person's private feed: the meetings of their groups (members-only included) and those they registered to.
     * Null for a wrong or revoked token (the route answers 404 either way).
     */
    async personalFeed(token: string): Promise<string | null> {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
      const userId = await store.userOfToken(hashToken(token));
      if (userId == null) return null;
      const groupIds = (await ports.groups.groupsOf(userId)).map((g) => g.id);
      const registered = new Set(
        (await store.registrationsOfUser(userId)).filter((r) => r.status !== 'cancelled').map((r) => r.meetingId),
      );
      const all = await store.between({ from: feedFrom(), includeCancelled: true });
      const mine = all.filter(
        (m) => groupIds.includes(m.groupId) || (registered.has(m.id) && m.visibility === 'public'),
      );
      return feed('Mes réunions', mine);
    },

    /** A new private token (the previous ones revoked); the token itself is shown once, only its hash is kept. */
    async newToken(userId: number): Promise<string> {
      const token = randomBytes(24).toString('base64url');
      await platform.db.transaction().execute(async (trx) => {
        await store.revokeTokens(trx, userId, platform.clock.iso());
        await store.insertToken(trx, userId, hashToken(token), platform.clock.iso());
        await platform.audit.record(
          { actorUserId: userId, action: 'meeting_feed_token.created', subjectType: 'user', subjectId: userId },
          trx,
        );
      });
      return token;
    },

    async revokeToken(userId: number): Promise<number> {
      return platform.db.transaction().execute(async (trx) => {
        const n = await store.revokeTokens(trx, userId, platform.clock.iso());
        if (n)
          await platform.audit.record(
            { actorUserId: userId, action: 'meeting_feed_token.revoked', subjectType: 'user', subjectId: userId },
            trx,
          );
        return n;
      });
    },

    personalFeedUrl: (token: string) => `${base}/agenda/personnel/${token}/agenda.ics`,
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
