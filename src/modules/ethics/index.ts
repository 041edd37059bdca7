/**
 * Responsible AI (« IA responsable »): for each library sheet, the self-assessment (ALTAI's seven requirements read
 * also along the Montréal Declaration's principles), the AI Act classification wizard and the French-law checklist,
 * all forms of the forms engine; drafts by the authority's members and the coordinators, versioned, dated and
 * signed, private until the authority publishes them. This file is the module's only public surface.
 */
import type { RawBuilder } from 'kysely';
import type { Actor } from '../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import type { FeedEntry } from '../library/index.ts';
import type { AiActCategory } from './ai-act.ts';
import { ethicsE2ePages } from './e2e.ts';
import { apiRoutes } from './http/api.ts';
import { assessmentRoutes } from './http/assessments.tsx';
import { conditionsRoutes } from './http/conditions.tsx';
import { noticeRoutes } from './http/notices.tsx';
import { createLibraryStatus, type SheetEthicsStatus } from './library-status.ts';
import { rules } from './policy.ts';
import type { EthicsPorts, PresentedSheet, SheetRef } from './ports.ts';
import { seedDemo } from './seed.ts';
import { seedConditions } from './seed-conditions.ts';
import { createEthicsServices } from './services/index.ts';

export type { AiActCategory } from './ai-act.ts';
export type { EthicsPorts } from './ports.ts';

/** What other modules may use of responsible AI (tests and commands read assessments through it). */
export interface EthicsApi {
  /** A sheet's assessments that `actor` may read (published ones only for others than the authority). */
  assessmentsOf(
    actor: Actor,
    useCaseId: number,
  ): Promise<{ id: number; kind: string; number: number; status: string; published: boolean }[]>;
  /**
   * Per sheet (all sheets without ids): a signed self-assessment, a published one, a published notice (the library's
   * completeness and its « notice publiée » / « auto-évaluation réalisée » filters). Sheets with nothing are absent.
   */
  sheetStatus(useCaseIds?: readonly number[]): Promise<Map<number, SheetEthicsStatus>>;
  /** Moves whenever `sheetStatus` may answer differently: a counter as a scalar subquery (`ChangeCounter.query`). */
  statusVersionQuery(): RawBuilder<unknown>;
  /** Entries of the library's Atom feed: each published version of a transparency notice of a public sheet. */
  feedEntries(limit: number): Promise<FeedEntry[]>;
}

/** The library's api as these ports need it (structural: any object with these functions). */
interface LibraryLike {
  findUseCase(id: number): Promise<{
    id: number;
    slug: string;
    organisationId: number;
    state: string;
    content: { title: string | null; aiActRiskCategory: string | null };
  } | null>;
  presentUseCase(actor: Actor, id: number): Promise<PresentedSheet>;
  setAiActCategory(actor: CurrentUser, id: number, category: AiActCategory): Promise<void>;
  useCasePath(useCase: { id: number; slug: string }): string;
  publishedSheets(
    ids: readonly number[],
  ): Promise<{ id: number; title: string; path: string; organisationId: number }[]>;
  useCasesOf(organisationId: number, limit?: number): Promise<{ items: { id: number }[] }>;
  changeVersion(): Promise<number>;
  publicUseCases(): Promise<
    {
      id: number;
      slug: string;
      organisation: { name: string; type: string | null };
      content: { title?: string | null; theme?: string | null } & Record<string, unknown>;
    }[]
  >;
}

/** The sheets' public fields read as lessons learned (« retour d'expérience »), with their label. */
const LESSON_FIELDS = [
  { key: 'lessonsLearned', label: 'Retour d’expérience' },
  { key: 'abandonReason', label: 'Raisons de l’abandon' },
];

/** The ports of responsible AI from the library's and the organisations' apis. */
export function ethicsPortsOf(
  library: () => LibraryLike,
  organisations: () => {
    findByCode(code: string): Promise<{ id: number } | null>;
    findByIds(ids: readonly number[]): Promise<{ id: number; name: string }[]>;
  },
): EthicsPorts {
  return {
    useCases: {
      find: async (id): Promise<SheetRef | null> => {
        const row = await library().findUseCase(id);
        if (!row) return null;
        return {
          id: row.id,
          slug: row.slug,
          organisationId: row.organisationId,
          state: row.state,
          title: row.content.title ?? `Fiche n° ${row.id}`,
          aiActRiskCategory: row.content.aiActRiskCategory ?? null,
        };
      },
      present: (actor, id) => library().presentUseCase(actor, id),
      setAiActCategory: (actor, id, category) => library().setAiActCategory(actor, id, category),
      path: (sheet) => library().useCasePath(sheet),
      publishedLinks: async (ids) => {
        const sheets = await library().publishedSheets(ids);
        const names = new Map(
          (await organisations().findByIds([...new Set(sheets.map((s) => s.organisationId))])).map((o) => [
            o.id,
            o.name,
          ]),
        );
        return sheets.map((s) => ({
          id: s.id,
          title: s.title,
          path: s.path,
          authorityName: names.get(s.organisationId) ?? null,
        }));
      },
    },
    network: {
      publicSheets: async () =>
        (await library().publicUseCases()).map((u) => ({
          id: u.id,
          slug: u.slug,
          title: u.content.title ?? `Fiche n° ${u.id}`,
          organisationName: u.organisation.name,
          organisationType: u.organisation.type ?? null,
          theme: u.content.theme ?? null,
          lessons: LESSON_FIELDS.flatMap((f) => {
            const v = u.content[f.key];
            return typeof v === 'string' && v.trim() ? [{ label: f.label, text: v }] : [];
          }),
        })),
      version: () => library().changeVersion(),
    },
    demo: {
      publishedSheetsOf: async (code, limit) => {
        const organisation = await organisations().findByCode(code);
        return organisation ? (await library().useCasesOf(organisation.id, limit)).items.map((i) => i.id) : [];
      },
    },
  };
}

export function createEthicsModule(platform: Platform, ports: EthicsPorts): ModuleDefinition<EthicsApi> {
  const services = createEthicsServices(platform, ports);
  const libraryStatus = createLibraryStatus(platform.db);
  return {
    name: 'ethics',
    api: {
      assessmentsOf: async (actor, useCaseId) =>
        (await services.assessments.ofSheet(actor, useCaseId)).assessments.map((a) => ({
          id: a.id,
          kind: a.kind,
          number: a.number,
          status: a.status,
          published: a.published,
        })),
      sheetStatus: (ids) => libraryStatus.statusOf(ids),
      statusVersionQuery: () => libraryStatus.versionQuery(),
      feedEntries: (limit) => services.feed.entries(limit),
    },
    routes: [
      assessmentRoutes({ services }),
      noticeRoutes({ services }),
      apiRoutes({ services }),
      conditionsRoutes({ services }),
    ],
    rules,
    hubLinks: {
      coordination: [
        {
          href: '/ia-responsable/conditions-de-reussite',
          label: 'Conditions de réussite',
          description:
            'Rédiger et publier les positions du groupe de travail IA, appuyées sur les éléments de preuve du réseau.',
        },
      ],
    },
    seed: {
      demo: async ({ log }) => {
        await seedDemo(services, ports, log, () => platform.clock.iso().slice(0, 10));
        await seedConditions(services.store, log);
      },
    },
    personalData: {
      export: (userId) => services.store.byPerson(userId),
      erase: (userId, trx: Db) => services.store.erasePerson(userId, trx),
    },
    e2ePages: ethicsE2ePages,
  };
}
