/**
 * Consultations before deployment: an authority's editors open a time-boxed consultation on one of its library sheets
 * (a form of the forms engine, shown with the sheet's plain-language explanation), answered anonymously or signed in;
 * after closing they publish a synthesis and « ce que la consultation a changé »; results follow the census's
 * small-number rule. Public pages, API, « Mon espace », hub link, audit log, personal data, demo content. This file is
 * the module's only public surface.
 */
import type { Db } from '../../platform/db/database.ts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { consultationsE2ePages } from './e2e.ts';
import { apiRoutes } from './http/api.ts';
import { manageRoutes } from './http/manage.tsx';
import { pageRoutes } from './http/pages.tsx';
import { rules } from './policy.ts';
import type { ConsultationsPorts, SheetRef } from './ports.ts';
import { seedDemo } from './seed.ts';
import { createConsultationsServices } from './services/index.ts';

export type { ConsultationsPorts } from './ports.ts';

/** What other modules may use of consultations. */
export interface ConsultationsApi {
  /** The consultations on a sheet (its page may link to them), newest first. */
  ofSheet(useCaseId: number): Promise<{ id: number; title: string; path: string }[]>;
}

/** The library's api as these ports need it (structural). */
interface LibraryLike {
  findUseCase(id: number): Promise<{
    id: number;
    slug: string;
    organisationId: number;
    state: string;
    content: { title: string | null; summary: string | null; description: string | null; plainSummary?: string | null };
  } | null>;
  useCasePath(useCase: { id: number; slug: string }): string;
  useCasesOf(organisationId: number, limit?: number): Promise<{ items: { id: number; title: string }[] }>;
}

/** The organisations' api as these ports need it (structural). */
interface OrganisationsLike {
  findByIds(ids: readonly number[]): Promise<{ id: number; name: string }[]>;
  findByCode(code: string): Promise<{ id: number } | null>;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);

/** The ports of consultations from the library's and the organisations' apis. */
export function consultationsPortsOf(
  library: () => LibraryLike,
  organisations: () => OrganisationsLike,
  glossary?: ConsultationsPorts['glossary'],
): ConsultationsPorts {
  const find = async (id: number): Promise<SheetRef | null> => {
    const row = await library().findUseCase(id);
    if (!row) return null;
    return {
      id: row.id,
      title: row.content.title ?? `Fiche n° ${row.id}`,
      organisationId: row.organisationId,
      published: row.state === 'published',
      path: library().useCasePath(row),
      plainSummary: str(row.content.plainSummary) ?? str(row.content.summary),
      description: str(row.content.description),
    };
  };
  return {
    glossary,
    sheets: {
      find,
      // The library lists an organisation's published sheets only.
      publishedOf: async (organisationId) =>
        (await library().useCasesOf(organisationId, 200)).items.map((i) => ({
          id: i.id,
          title: i.title || `Fiche n° ${i.id}`,
        })),
    },
    organisations: {
      names: async (ids) =>
        new Map((ids.length ? await organisations().findByIds(ids) : []).map((o) => [o.id, o.name])),
      idByCode: async (code) => (await organisations().findByCode(code))?.id ?? null,
    },
  };
}

export function createConsultationsModule(
  platform: Platform,
  ports: ConsultationsPorts,
): ModuleDefinition<ConsultationsApi> {
  const services = createConsultationsServices(platform, ports);
  return {
    name: 'consultations',
    api: {
      ofSheet: async (id) =>
        (await services.store.ofSheet(id)).map((c) => ({ id: c.id, title: c.title, path: `/consultations/${c.id}` })),
    },
    routes: [pageRoutes({ services }), manageRoutes({ services }), apiRoutes({ services })],
    rules,
    hubLinks: {
      coordination: [
        {
          href: '/consultations',
          label: 'Consultations avant déploiement',
          description:
            'Les consultations des habitants sur les projets d’IA des collectivités : ouvertes, à venir, et leurs synthèses.',
        },
      ],
    },
    work: (user) => services.consultations.work(user),
    seed: { demo: ({ log }) => seedDemo(services, log, () => platform.clock.millis()) },
    personalData: {
      export: (userId) => services.store.byPerson(userId),
      erase: (userId, trx: Db) => services.store.erasePerson(userId, trx),
    },
    e2ePages: consultationsE2ePages,
  };
}
