/**
 * Challenges (« défis »): a need stated by the network's coordinators or by an authority, that authorities join with
 * a role (porteur, contributeur, observateur) and State labs and other bodies as partners, through stages (appel à
 * intérêt → cadrage → réalisation → commun publié, or abandonné), with news mailed to the participants, a public page,
 * a searchable catalogue, open data, an Atom feed, an iCal feed of milestones and the JSON API. This file is the
 * module's only public surface.
 */
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { isPartnerType } from '../organisations/index.ts';
import { challengesE2ePages } from './e2e.ts';
import { apiRoutes } from './http/api.ts';
import { contactRoutes } from './http/contact.tsx';
import { openDataRoutes } from './http/open-data.ts';
import { pageRoutes } from './http/pages.tsx';
import { participationRoutes } from './http/participation.tsx';
import { rules } from './policy.ts';
import type { ChallengesPorts, OrganisationRef } from './ports.ts';
import { seedDemo } from './seed.ts';
import { createChallengesServices } from './services/index.ts';
import { MAIL_JOB } from './services/mail.ts';

export type { ChallengesPorts } from './ports.ts';

/** What other modules may use of challenges. */
export interface ChallengesApi {
  /**
   * Opens a challenge from a pooling suggestion (coordinators only; 403 otherwise): at « appel à intérêt », prefilled
   * with the title and context, the sheets it came from recorded, and the authorities invited (a mail to their
   * editors and contacts, through the job queue). A ValidationError (French, by field: title, context, useCaseIds,
   * authorityIds) when something is missing or unknown; nothing is created then.
   */
  createFromSuggestion(
    actor: CurrentUser,
    input: { title: string; context: string; useCaseIds: number[]; authorityIds: number[] },
  ): Promise<{ id: number; path: string }>;
  /** Challenges still open to join that were created from, or list, any of these sheets (by id). */
  openForUseCases(useCaseIds: number[]): Promise<{ id: number; title: string; path: string; stage: string }[]>;
  /**
   * News posted after `sinceIso` (strictly), newest first: `title` is the challenge's title, `text` the news' title and text,
   * `path` the news on the challenge's page, `date` when it was posted (ISO).
   */
  recentNews(
    sinceIso: string,
  ): Promise<{ challengeId: number; title: string; path: string; date: string; text: string }[]>;
  /** The published challenge a commons entry came from, or null. */
  originOf(commonsId: number): Promise<{ id: number; title: string; path: string } | null>;
  /** Challenges by id, unknown ids left out (working groups follow challenges). */
  findByIds(ids: readonly number[]): Promise<{ id: number; title: string; path: string }[]>;
}

/** The organisations' api as these ports need it (structural). */
interface OrganisationsLike {
  findByIds(ids: readonly number[]): Promise<OrganisationRef[]>;
  findByCode(code: string): Promise<OrganisationRef | null>;
  list(
    filter: { type?: any },
    page: { limit: number; offset: number },
  ): Promise<{ total: number; rows: OrganisationRef[] }>;
  editorEmails(organisationIds: readonly number[]): Promise<string[]>;
  contactsOf(organisationIds: readonly number[]): Promise<Map<number, { email: string }[]>>;
  contactEditors: ChallengesPorts['organisations']['contactEditors'];
}

/** The library's api as these ports need it (structural). */
interface LibraryLike {
  publishedSheets(
    ids: readonly number[],
  ): Promise<{ id: number; title: string; path: string; organisationId: number }[]>;
  publicUseCases(): Promise<{ id: number; content: { commonsCategory?: string | null } }[]>;
}

/** The ports of challenges from the organisations', library's and commons' apis. */
export function challengesPortsOf(
  organisations: () => OrganisationsLike,
  library: () => LibraryLike,
  commons: () => {
    entryRef(id: number): Promise<{ id: number; name: string; path: string } | null>;
    entryByName(name: string): Promise<{ id: number; name: string; path: string } | null>;
  },
  typeLabel: (type: string) => string,
): ChallengesPorts {
  const ref = (o: OrganisationRef): OrganisationRef => ({ id: o.id, code: o.code, name: o.name, type: o.type });
  return {
    organisations: {
      findByIds: async (ids) => (await organisations().findByIds(ids)).map(ref),
      findByCode: async (code) => {
        const o = await organisations().findByCode(code);
        return o ? ref(o) : null;
      },
      ofType: async (type, limit) =>
        (await organisations().list({ type }, { limit, offset: 0 })).rows
          .map(ref)
          .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
      typeLabel,
      isPartner: isPartnerType,
      editorEmails: (ids) => organisations().editorEmails(ids),
      contactEmails: async (ids) => [...(await organisations().contactsOf(ids)).values()].flat().map((c) => c.email),
      contactEditors: (actor, target, input) => organisations().contactEditors(actor, target, input),
    },
    useCases: {
      publishedByIds: (ids) => library().publishedSheets(ids),
      publishedInCategory: async (category) =>
        (await library().publicUseCases()).filter((u) => u.content.commonsCategory === category).map((u) => u.id),
    },
    commons: { find: (id) => commons().entryRef(id), findByName: (name) => commons().entryByName(name) },
  };
}

export function createChallengesModule(platform: Platform, ports: ChallengesPorts): ModuleDefinition<ChallengesApi> {
  const services = createChallengesServices(platform, ports);
  return {
    name: 'challenges',
    api: {
      createFromSuggestion: (actor, input) => services.writing.createFromSuggestion(actor, input),
      openForUseCases: (ids) => services.openForUseCases(ids),
      recentNews: (since) => services.recentNews(since),
      originOf: (id) => services.originOf(id),
      findByIds: async (ids) =>
        (await services.store.findByIds(ids)).map((r) => ({ id: r.id, title: r.title, path: `/defis/${r.id}` })),
    },
    routes: [
      openDataRoutes({ services }),
      pageRoutes({ services }),
      participationRoutes({ services }),
      contactRoutes({ services }),
      apiRoutes({ services }),
    ],
    jobs: { [MAIL_JOB]: (mail: { to: string; subject: string; text: string }) => platform.mailer.send(mail) },
    rules,
    navigation: [{ href: '/defis', label: 'Défis', order: 36 }],
    hubLinks: {
      coordination: [
        {
          href: '/defis/nouveau',
          label: 'Défis',
          description:
            'Ouvrir un défi commun aux collectivités et aux laboratoires de l’État, suivre ses étapes et publier ses actualités.',
        },
      ],
    },
    work: (user) => services.work(user),
    seed: { demo: ({ log }) => seedDemo(services, ports, log) },
    personalData: {
      export: (userId) => services.store.byPerson(userId),
      erase: (userId, trx: Db) => services.store.erasePerson(userId, trx),
    },
    e2ePages: challengesE2ePages,
    close: () => services.search.close(),
  };
}
