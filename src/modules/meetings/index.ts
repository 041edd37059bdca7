/**
 * Meetings of the working groups: date and time in Paris, agenda with speakers (guests included), documents,
 * registration with a capacity and a waiting list, invitations and updates by mail with an iCalendar invitation,
 * reminders, calendar feeds (network, group, private per person), attendance, minutes in a small safe markup with
 * their history, decisions and actions (in the owner's « Mon espace », overdue ones reminded), the network's agenda
 * and its API. This file is the module's only public surface.
 */
import type { Db } from '../../platform/db/database.ts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { meetingsE2ePages } from './e2e.ts';
import { afterRoutes } from './http/after.tsx';
import { apiRoutes } from './http/api.ts';
import { feedRoutes } from './http/feeds.tsx';
import { meetingRoutes } from './http/pages.tsx';
import { rules } from './policy.ts';
import type { MeetingsPorts } from './ports.ts';
import { seedDemo } from './seed.ts';
import { ACTION_REMINDER_JOB, MAIL_JOB, REMINDER_JOB } from './services/context.ts';
import { createMeetingsServices } from './services/index.ts';

export type { MeetingsPorts } from './ports.ts';

/** What other modules may use of meetings (the groups module's digest and group page). */
export interface MeetingsApi {
  lastMeetingBefore(groupId: number, iso: string): Promise<{ id: number; startsAt: string; path: string } | null>;
  nextMeetingAfter(groupId: number, iso: string): Promise<{ id: number; startsAt: string; path: string } | null>;
  openActions(
    groupId: number,
  ): Promise<
    { id: number; title: string; ownerName: string | null; dueDate: string | null; status: string; path: string }[]
  >;
  upcoming(groupId: number): Promise<{ id: number; title: string; startsAt: string; path: string }[]>;
}

export function createMeetingsModule(platform: Platform, ports: MeetingsPorts): ModuleDefinition<MeetingsApi> {
  const services = createMeetingsServices(platform, ports);
  return {
    name: 'meetings',
    api: {
      lastMeetingBefore: (groupId, iso) => services.lastMeetingBefore(groupId, iso),
      nextMeetingAfter: (groupId, iso) => services.nextMeetingAfter(groupId, iso),
      openActions: (groupId) => services.openActions(groupId),
      upcoming: (groupId) => services.upcoming(groupId),
    },
    routes: [feedRoutes({ services }), meetingRoutes({ services }), afterRoutes({ services }), apiRoutes({ services })],
    rules,
    jobs: {
      [MAIL_JOB]: (mail) => platform.mailer.send(mail),
      [REMINDER_JOB]: async (payload) => {
        await services.meetings.sendReminder(payload);
      },
      [ACTION_REMINDER_JOB]: async (payload) => {
        await services.after.remindAction(payload);
      },
    },
    navigation: [{ href: '/agenda', label: 'Agenda', order: 45 }],
    work: (user) => services.work(user),
    seed: { demo: ({ log }) => seedDemo(services, ports, platform, log) },
    personalData: {
      export: (userId) => services.store.byPerson(userId),
      erase: (userId, trx: Db) => services.store.erasePerson(userId, trx),
    },
    e2ePages: meetingsE2ePages,
  };
}
