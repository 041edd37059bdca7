/**
 * Citizens' voice (« contributions citoyennes »): signed-in people ask a question, comment, or say « je suis
 * concerné·e » / « je soutiens » on a published sheet or initiative under a pseudonym; the authority's editors answer
 * officially (mailed to the thread's followers); moderation without a third party (charter, pre-moderation, reports,
 * queue, blocking, limits per person and address, trap field, links and words limits), every decision audited.
 * This file is the module's only public surface.
 */
import { h, type VNode } from 'preact';
import { can } from '../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { voiceE2ePages } from './e2e.ts';
import { apiRoutes } from './http/api.ts';
import { moderationRoutes } from './http/moderation.tsx';
import { pageRoutes } from './http/pages.tsx';
import type { TargetKind } from './model.ts';
import { moderatedOrganisations, rules } from './policy.ts';
import type { PublishedTarget, VoicePorts } from './ports.ts';
import { seedDemo } from './seed.ts';
import { createVoiceServices } from './services/index.ts';
import { ThreadSection } from './views/thread.tsx';

export type { VoicePorts } from './ports.ts';

/** The query parameter of the thread's page number on a target's own page. */
export const THREAD_PAGE_PARAM = 'contributions';

export interface VoiceApi {
  /**
   * The contributions section under a target's page (the library's sheet page, the participation module's initiative
   * page): one page of published messages (`?contributions=n` of the page's query), the form, the follow button.
   * Null when the target is not published.
   */
  threadView(
    kind: TargetKind,
    id: number,
    user: CurrentUser | null,
    query?: Record<string, unknown>,
  ): Promise<VNode | null>;
}

/** The library's api as these ports need it (structural). */
interface LibraryLike {
  findUseCase(id: number): Promise<{
    id: number;
    slug: string;
    organisationId: number;
    state: string;
    content: { title: string | null };
  } | null>;
  useCasePath(useCase: { id: number; slug: string }): string;
  useCasesOf(organisationId: number, limit?: number): Promise<{ items: { id: number }[] }>;
}

interface OrganisationsLike {
  findByIds(ids: readonly number[]): Promise<{ id: number; name: string }[]>;
  findByCode(code: string): Promise<{ id: number } | null>;
  editorEmails(organisationIds: readonly number[]): Promise<string[]>;
}

interface AccountsLike {
  findUsers(ids: number[]): Promise<{ id: number; email: string; disabled?: boolean }[]>;
  findUserByEmail(email: string): Promise<{ id: number } | null>;
  findCoordinators(): Promise<{ email: string; disabled?: boolean }[]>;
  createUser(input: { email: string; name: string; role: 'user'; password: null; confirmed: boolean }): Promise<number>;
}

/** The ports of citizens' voice from the library's, organisations' and accounts' apis. */
export function voicePortsOf(
  library: () => LibraryLike,
  organisations: () => OrganisationsLike,
  accounts: () => AccountsLike,
  initiatives?: () => { findPublished(id: number): Promise<PublishedTarget | null> },
): VoicePorts {
  return {
    useCases: {
      async findPublished(id) {
        const row = await library().findUseCase(id);
        if (row?.state !== 'published') return null;
        return {
          id: row.id,
          title: row.content.title ?? `Fiche n° ${row.id}`,
          organisationId: row.organisationId,
          path: library().useCasePath(row),
        };
      },
    },
    initiatives: initiatives && { findPublished: (id) => initiatives().findPublished(id) },
    organisations: {
      names: async (ids) =>
        new Map((ids.length ? await organisations().findByIds(ids) : []).map((o) => [o.id, o.name])),
      idByCode: async (code) => (await organisations().findByCode(code))?.id ?? null,
    },
    people: {
      emails: async (ids) =>
        new Map(
          (ids.length ? await accounts().findUsers([...ids]) : [])
            .filter((u) => !u.disabled)
            .map((u) => [u.id, u.email]),
        ),
      async moderatorEmails(organisationId) {
        const editors = await organisations().editorEmails([organisationId]);
        if (editors.length) return editors;
        return (await accounts().findCoordinators()).filter((u) => !u.disabled).map((u) => u.email);
      },
      async ensureUser(email, name) {
        const existing = await accounts().findUserByEmail(email);
        if (existing) return existing.id;
        return accounts().createUser({ email, name, role: 'user', password: null, confirmed: true });
      },
    },
    sheetsOf: async (organisationId, limit) =>
      (await library().useCasesOf(organisationId, limit)).items.map((i) => i.id),
  };
}

export function createVoiceModule(platform: Platform, ports: VoicePorts): ModuleDefinition<VoiceApi> {
  const services = createVoiceServices(platform, ports);
  return {
    name: 'voice',
    api: {
      async threadView(kind, id, user, query = {}) {
        const page = Number(query[THREAD_PAGE_PARAM]) || 1;
        const found = await services.thread.thread(kind, id, user, page);
        if (!found) return null;
        const path = found.thread.target.path;
        return h(ThreadSection, {
          thread: found.thread,
          reader: found.reader,
          pageHref: (p: number) => `${path}?${THREAD_PAGE_PARAM}=${p}#contributions`,
        }) as VNode;
      },
    },
    routes: [pageRoutes({ services }), moderationRoutes({ services }), apiRoutes({ services })],
    jobs: services.jobs,
    rules,
    hubLinks: {
      coordination: [
        {
          href: '/moderation',
          label: 'Modération des contributions',
          description: 'Messages en attente de validation ou masqués par des signalements, personnes bloquées.',
        },
        {
          href: '/moderation/mots',
          label: 'Termes refusés d’office',
          description: 'La liste des mots et expressions qu’un message ou un pseudonyme ne peut pas contenir.',
        },
      ],
    },
    async work(user) {
      if (!can(user, 'voice.moderation_queue')) return [];
      const items = await services.store.queue(moderatedOrganisations(user));
      return [
        {
          key: 'voice.queue',
          label: 'Contributions à modérer',
          count: items.length,
          href: '/moderation',
          urgency: 1,
          items: items.slice(0, 3).map((m) => ({
            title: m.body.slice(0, 80) || '(sans texte)',
            href: '/moderation',
            detail: m.status === 'pending' ? 'En attente de validation' : 'Masqué par des signalements',
          })),
        },
      ];
    },
    seed: { demo: ({ log }) => seedDemo(services, ports, log) },
    personalData: {
      export: (userId) => services.store.byPerson(userId),
      erase: (userId, trx: Db) => services.store.erasePerson(userId, trx),
    },
    e2ePages: voiceE2ePages,
  };
}
