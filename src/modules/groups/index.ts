/**
 * Working groups (« groupes de travail »): a commission, its groups and sub-commissions, their leads and members,
 * join requests, the items they follow and the digest prepared for their next meeting. This file is the module's
 * only public surface.
 */
import type { Actor } from '../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { e2ePages as groupsE2ePages } from './e2e.ts';
import { apiRoutes } from './http/api.ts';
import { followRoutes } from './http/follows.tsx';
import { memberRoutes } from './http/members.tsx';
import { pageRoutes } from './http/pages.tsx';
import type { GroupRole, GroupSummary, Visibility } from './model.ts';
import { canLead, isInside, rules } from './policy.ts';
import type { GroupsPorts, MeetingsPort } from './ports.ts';
import { seedDemo } from './seed.ts';
import { DIGEST_JOB, DIGEST_SWEEP_JOB } from './services/digest.ts';
import { MAIL_JOB } from './services/groups.ts';
import { createGroupsServices } from './services/index.ts';
import { createWork } from './services/work.ts';

export type { GroupRole, GroupSummary, Visibility } from './model.ts';
export type { GroupsPorts, MeetingsPort } from './ports.ts';

/** A member as other modules see them (names, bodies, addresses: show addresses only to the group's members). */
export interface GroupMemberView {
  userId: number;
  name: string;
  email: string;
  organisationName: string | null;
  role: GroupRole;
  function: string | null;
}

/** What other modules (meetings first) may ask of working groups. */
export interface GroupsApi {
  /** A group by id (any visibility: check `visibility` and `roleOf` before showing it), or null. */
  findGroup(id: number): Promise<GroupSummary | null>;
  /** Every group (any visibility), by name. */
  listGroups(): Promise<GroupSummary[]>;
  /** A person's role in a group, or null when they do not belong to it. */
  roleOf(userId: number, groupId: number): Promise<GroupRole | null>;
  /** The group's members, leads first then by name. */
  members(groupId: number): Promise<GroupMemberView[]>;
  /** The groups a person belongs to, by name. */
  groupsOf(userId: number): Promise<{ id: number; name: string; role: GroupRole }[]>;
  /** Whether `actor` leads the group or coordinates the network (manages its meetings). */
  canLead(actor: Actor, groupId: number): Promise<boolean>;
  /** Whether `actor` belongs to the group (any role) or coordinates the network (members-only content). */
  isInside(actor: Actor, groupId: number): Promise<boolean>;
  /** Whether `actor` may read the group's page (public group, or a member / coordinator). */
  canRead(actor: Actor, groupId: number): Promise<boolean>;
  /** Creates a group as `actor` (coordinators; French field errors), audited: other modules' tests and seeds. */
  createGroup(
    actor: CurrentUser | null,
    input: { name: string; purpose?: string; parentId?: number | null; visibility?: Visibility },
  ): Promise<number>;
  /** Adds a person (by address) as member or lead, as `actor` (leads, coordinators): other modules' tests and seeds. */
  addMember(
    actor: CurrentUser | null,
    groupId: number,
    input: { email: string; role: GroupRole; function?: string; organisationId?: number | null },
  ): Promise<{ userId: number }>;
}

/** The accounts' api as these ports need it (structural). */
interface AccountsLike {
  findUsers(ids: number[]): Promise<{ id: number; email: string; name: string; disabled?: boolean }[]>;
  findUserByEmail(email: string): Promise<{ id: number; email: string; name: string; disabled?: boolean } | null>;
  createUser(input: { email: string; name: string; role: 'user'; password: null; confirmed: boolean }): Promise<number>;
}
/** The organisations' api as these ports need it (structural). */
interface OrganisationsLike {
  findByIds(ids: readonly number[]): Promise<{ id: number; name: string; type: string }[]>;
  activeRolesOfUser(userId: number): Promise<{ organisationId: number }[]>;
  findByCode(code: string): Promise<{ id: number; name: string; type: string } | null>;
  list(
    filter: { type?: any },
    page: { limit: number; offset: number },
  ): Promise<{ rows: { id: number; name: string; type: string }[] }>;
  addMember(input: { userId: number; organisationId: number; role?: 'member' | 'editor' }): Promise<number>;
}
/** The library's api as these ports need it (structural). */
interface LibraryLike {
  publishedSheets(
    ids: readonly number[],
  ): Promise<{ id: number; title: string; path: string; organisationId: number }[]>;
  sheetsChangedSince: GroupsPorts['sheets']['changedSince'];
  searchSheets(q: string, limit: number): Promise<{ id: number; title: string; path: string }[]>;
}
/** The questionnaires' api as these ports need it (structural). */
interface QuestionnairesLike {
  census: {
    campaigns(ids?: readonly number[]): Promise<{ id: number; title: string; path: string }[]>;
    progress(
      ids: readonly number[],
    ): Promise<{ id: number; title: string; path: string; invited: number; started: number; submitted: number }[]>;
  };
}

/** The challenges' api as these ports need it (structural). */
interface ChallengesLike {
  findByIds(ids: readonly number[]): Promise<{ id: number; title: string; path: string }[]>;
  recentNews(
    sinceIso: string,
  ): Promise<{ challengeId: number; title: string; path: string; date: string; text: string }[]>;
}
/** The participation api as these ports need it (structural). */
interface ParticipationLike {
  findPublished(id: number): Promise<{ id: number; title: string; path: string } | null>;
  recentSince(iso: string): Promise<{ id: number; title: string; path: string; date: string }[]>;
}

/** The ports of working groups from the other modules' apis (read lazily: groups may be built before them). */
export function groupsPortsOf(
  modules: {
    accounts: () => AccountsLike;
    organisations: () => OrganisationsLike;
    library: () => LibraryLike;
    questionnaires: () => QuestionnairesLike;
    /** Optional: without them, a group cannot follow challenges or initiatives and has no meetings. */
    challenges?: () => ChallengesLike;
    participation?: () => ParticipationLike;
    meetings?: () => MeetingsPort;
  },
  typeLabel: (type: string) => string,
): GroupsPorts {
  const { accounts, organisations, library, questionnaires, challenges, participation, meetings } = modules;
  return {
    people: {
      findUsers: (ids) => accounts().findUsers(ids),
      findByEmail: (email) => accounts().findUserByEmail(email),
    },
    organisations: {
      findByIds: async (ids) =>
        (await organisations().findByIds(ids)).map((o) => ({ id: o.id, name: o.name, type: o.type })),
      activeRolesOfUser: (userId) => organisations().activeRolesOfUser(userId),
      typeLabel,
    },
    sheets: {
      publishedByIds: (ids) => library().publishedSheets(ids),
      changedSince: (sinceIso, scope) => library().sheetsChangedSince(sinceIso, scope),
      search: (q, limit) => library().searchSheets(q, limit),
    },
    campaigns: {
      findByIds: (ids) => questionnaires().census.campaigns(ids),
      list: () => questionnaires().census.campaigns(),
      progress: (ids) => questionnaires().census.progress(ids),
    },
    demo: {
      organisationByCode: async (code) => {
        const o = await organisations().findByCode(code);
        return o ? { id: o.id, name: o.name, type: o.type } : null;
      },
      organisationsOfType: async (type, limit) =>
        (await organisations().list({ type }, { limit, offset: 0 })).rows.map((o) => ({
          id: o.id,
          name: o.name,
          type: o.type,
        })),
      ensurePerson: async (email, name) =>
        (await accounts().findUserByEmail(email))?.id ??
        accounts().createUser({ email, name, role: 'user', password: null, confirmed: true }),
      ensureMembership: async (userId, organisationId) => {
        const active = await organisations().activeRolesOfUser(userId);
        if (!active.some((m) => m.organisationId === organisationId))
          await organisations().addMember({ userId, organisationId, role: 'member' });
      },
    },
    ...(challenges && {
      challenges: () => ({
        findByIds: (ids) => challenges().findByIds(ids),
        recentNews: async (since) =>
          (await challenges().recentNews(since)).map((n) => ({
            challengeId: n.challengeId,
            title: n.title,
            path: n.path,
            at: n.date,
            detail: n.text,
          })),
      }),
    }),
    ...(participation && {
      initiatives: () => ({
        async findByIds(ids) {
          const out = [];
          for (const id of ids) {
            const found = await participation().findPublished(id);
            if (found) out.push({ id: found.id, title: found.title, path: found.path });
          }
          return out;
        },
        recentSince: async (since) =>
          (await participation().recentSince(since)).map((i) => ({
            id: i.id,
            title: i.title,
            path: i.path,
            at: i.date,
          })),
      }),
    }),
    ...(meetings && { meetings }),
  };
}

export function createGroupsModule(platform: Platform, ports: GroupsPorts): ModuleDefinition<GroupsApi> {
  const services = createGroupsServices(platform, ports);
  const { groups, store } = services;
  const role = (actor: Actor, groupId: number) => groups.roleOf(actor?.id, groupId);
  const api: GroupsApi = {
    findGroup: (id) => groups.findSummary(id),
    listGroups: () => groups.listSummaries(),
    roleOf: (userId, groupId) => groups.roleOf(userId, groupId),
    members: async (groupId) =>
      (await groups.members(groupId)).map((m) => ({
        userId: m.userId,
        name: m.name,
        email: m.email,
        organisationName: m.organisationName,
        role: m.role,
        function: m.function,
      })),
    groupsOf: (userId) => groups.groupsOf(userId),
    canLead: async (actor, groupId) => !!actor && canLead(actor, await role(actor, groupId)),
    isInside: async (actor, groupId) => !!actor && isInside(actor, await role(actor, groupId)),
    canRead: async (actor, groupId) => {
      const g = await store.findGroup(groupId);
      return !!g && (g.visibility === 'public' || (!!actor && isInside(actor, await role(actor, groupId))));
    },
    createGroup: (actor, input) => groups.create(actor, input),
    addMember: (actor, groupId, input) => services.membership.addMember(actor, groupId, input),
  };
  return {
    name: 'groups',
    api,
    routes: [pageRoutes({ services }), memberRoutes({ services }), followRoutes({ services }), apiRoutes({ services })],
    rules,
    jobs: {
      [MAIL_JOB]: (mail) => platform.mailer.send(mail),
      [DIGEST_SWEEP_JOB]: async () => {
        await services.digest.sweep();
      },
      [DIGEST_JOB]: (payload) => services.digest.sendToLeads(payload),
    },
    navigation: [{ href: '/groupes', label: 'Groupes de travail', order: 44 }],
    hubLinks: {
      coordination: [
        {
          href: '/groupes',
          label: 'Groupes de travail',
          description:
            'Créer les commissions et groupes de travail, nommer leurs pilotes, suivre leurs membres et préparer leurs réunions.',
        },
      ],
    },
    work: (user) => createWork(services)(user),
    seed: {
      // The daily digest sweep (it queues the next day's itself).
      reference: () => services.digest.scheduleToday(),
      demo: ({ log }) => seedDemo(services, log),
    },
    e2ePages: groupsE2ePages,
    personalData: {
      export: (userId) => store.byPerson(userId),
      erase: (userId, trx: Db) => store.erasePerson(userId, trx),
    },
  };
}
