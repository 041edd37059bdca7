/**
 * Participation: the catalogue of participation initiatives (« initiatives de participation ») of the authorities —
 * writing and review as for the library's sheets, history, search with facets, map, statistics, open data, API and
 * Atom feed, a draft in one click from a participation census response — and the Manifesto « Pour des territoires
 * numériques responsables » as a frame: each commitment with the initiatives and library sheets that put it into
 * practice. This file is the module's only public surface.
 */
import type { Db } from '../../platform/db/database.ts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import type { Answers, Form } from '../forms/index.ts';
import { participationE2ePages } from './e2e.ts';
import { apiRoutes } from './http/api.ts';
import { manifestoRoutes } from './http/manifesto.tsx';
import { openDataRoutes } from './http/open-data.tsx';
import { pageRoutes } from './http/pages.tsx';
import { reviewRoutes } from './http/review.tsx';
import { rules } from './policy.ts';
import type { OrganisationRef, ParticipationPorts, SheetRef } from './ports.ts';
import { seedDemo } from './seed.ts';
import { createParticipationServices } from './services/index.ts';
import { MAIL_JOB } from './services/writing.ts';

export type { ParticipationPorts } from './ports.ts';

/** What other modules may use of participation. */
export interface ParticipationApi {
  /** A published initiative (null when absent or not published): what the citizens' voice and working groups hang on. */
  findPublished(id: number): Promise<{ id: number; title: string; organisationId: number; path: string } | null>;
  /** The initiatives published (or whose revision was published) since `iso`, newest first. */
  recentSince(
    iso: string,
  ): Promise<{ id: number; title: string; path: string; date: string; organisationId: number }[]>;
  /** Questionnaires' port: whether responses to this form can become draft initiatives (the participation census). */
  mapsToInitiative(form: Form): boolean;
  /** Questionnaires' port: the initiative drafted from a census response, if any. */
  initiativeOfResponse(responseId: number): Promise<{ id: number; url: string } | null>;
  /**
   * Questionnaires' port: the draft initiative of a census response, created once (the caller has authorised the
   * act); `created` false when the response already had one.
   */
  draftFromCensus(input: {
    responseId: number;
    organisationId: number;
    form: Form;
    answers: Answers;
    actorUserId: number | null;
    source: string;
  }): Promise<{ id: number; url: string; created: boolean }>;
}

/** The organisations' api as these ports need it (structural). */
interface OrganisationsLike {
  findByIds(ids: readonly number[]): Promise<OrganisationRef[]>;
  findByCode(code: string): Promise<OrganisationRef | null>;
  divisions(): Promise<{ departements: Map<string, string>; regions: Map<string, string> }>;
  memberEmails(organisationId: number): Promise<string[]>;
}

/** The accounts' api as these ports need it (structural). */
interface AccountsLike {
  findCoordinators(): Promise<{ email: string }[]>;
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
  publicUseCases(): Promise<{ id: number }[]>;
}

/** The ports of participation from the organisations' and the library's apis. */
export function participationPortsOf(
  organisations: () => OrganisationsLike,
  library: () => LibraryLike,
  accounts: () => AccountsLike,
  typeLabel: (type: string) => string,
): ParticipationPorts {
  const ref = (o: OrganisationRef): OrganisationRef => ({
    id: o.id,
    code: o.code,
    name: o.name,
    type: o.type,
    inseeCode: o.inseeCode,
    siren: o.siren,
    departementCode: o.departementCode,
    regionCode: o.regionCode,
    latitude: o.latitude,
    longitude: o.longitude,
  });
  return {
    organisations: {
      findByIds: async (ids) => (await organisations().findByIds(ids)).map(ref),
      findByCode: async (code) => {
        const o = await organisations().findByCode(code);
        return o ? ref(o) : null;
      },
      divisions: () => organisations().divisions(),
      memberEmails: (id) => organisations().memberEmails(id),
      typeLabel,
    },
    people: { coordinatorEmails: async () => (await accounts().findCoordinators()).map((u) => u.email) },
    useCases: {
      async findByIds(ids) {
        const out: SheetRef[] = [];
        for (const id of ids) {
          const row = await library().findUseCase(id);
          if (row)
            out.push({
              id: row.id,
              title: row.content.title ?? `Fiche n° ${row.id}`,
              path: library().useCasePath(row),
              organisationId: row.organisationId,
              published: row.state === 'published',
            });
        }
        return out;
      },
      async published(limit) {
        const sheets = (await library().publicUseCases()).slice(0, limit);
        return this.findByIds(sheets.map((s) => s.id));
      },
    },
  };
}

export function createParticipationModule(
  platform: Platform,
  ports: ParticipationPorts,
): ModuleDefinition<ParticipationApi> {
  const services = createParticipationServices(platform, ports);
  const deps = { services };
  return {
    name: 'participation',
    api: {
      findPublished: (id) => services.findPublished(id),
      recentSince: (iso) => services.recentSince(iso),
      mapsToInitiative: (form) => services.mapsToInitiative(form),
      initiativeOfResponse: (id) => services.initiativeOfResponse(id),
      draftFromCensus: (input) => services.draftFromCensus(input),
    },
    routes: [openDataRoutes(deps), manifestoRoutes(deps), reviewRoutes(deps), pageRoutes(deps), apiRoutes(deps)],
    jobs: {
      [MAIL_JOB]: (mail: { to: string[]; subject: string; text: string }) => platform.mailer.send(mail),
    },
    rules,
    navigation: [{ href: '/initiatives', label: 'Participation', order: 37 }],
    work: (user) => services.work(user),
    hubLinks: {
      coordination: [
        {
          href: '/coordination/initiatives',
          label: 'Initiatives de participation à relire',
          description:
            'Relire les initiatives envoyées par les collectivités, les publier ou les renvoyer avec un commentaire.',
        },
      ],
    },
    seed: { demo: ({ log }) => seedDemo(services, ports, log) },
    personalData: {
      export: (userId) => services.store.byPerson(userId),
      erase: (userId, trx: Db) => services.store.erasePerson(userId, trx),
    },
    e2ePages: participationE2ePages,
    close: () => services.search.close(),
  };
}
