/**
 * Pooling (« Mutualisation »): suggestions of sheets from different authorities that work on the same thing,
 * computed from the library by a job, and « Nous faisons pareil » on a sheet's page. This file is the module's only
 * public surface.
 */
import { h, type VNode } from 'preact';
import type { Actor } from '../../platform/auth/authorize.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { dataSources, techniques } from '../library/index.ts';
import { poolingCommands } from './commands.ts';
import { poolingE2ePages } from './e2e.ts';
import { poolingRoutes } from './http/routes.tsx';
import { rules } from './policy.ts';
import type { PoolingPorts, PublishedSheet, SheetRef } from './ports.ts';
import { COMPUTE_JOB, WATCH_JOB } from './services/compute.ts';
import { createPoolingServices } from './services/index.ts';
import { SheetPoolingBlock } from './views/suggestions.tsx';

export type { OpenChallenge, PoolingPorts, PublishedSheet } from './ports.ts';

/** What other modules may use of pooling. */
export interface PoolingApi {
  /** The « Mutualisation » block of a published sheet's page (the library shows it), or null for another state. */
  sheetSection(actor: Actor, sheet: SheetRef): Promise<VNode<any> | null>;
}

/** What pooling reads of a published sheet's content (the library keeps only the public ones). */
const TEXT_FIELDS = [
  'title',
  'summary',
  'description',
  'goal',
  'subThemes',
  'commonsCategory',
  'techniques',
  'algorithmName',
  'algorithmDescription',
  'dataSources',
  'dataSourceDetails',
  'datasets',
] as const;

/** Sheets read per query (a page is one synchronous block on SQLite: kept small). */
const READ_PAGE = 50;
/** Sheets whose title and page are read per query once grouped. */
const REFS_PAGE = 500;

/** The public fields the library's lean read gives (structural: the fields pooling reads). */
interface TextRow {
  id: number;
  organisationId: number;
  content: {
    title?: string | null;
    summary?: string | null;
    description?: string | null;
    goal?: string | null;
    subThemes?: string[];
    commonsCategory?: string | null;
    techniques?: string[];
    algorithmName?: string | null;
    algorithmDescription?: string | null;
    dataSources?: string[];
    dataSourceDetails?: string | null;
    datasets?: { title?: string | null }[];
  };
}

interface LibraryLike {
  publishedPublicFields(
    keys: readonly (typeof TEXT_FIELDS)[number][],
    afterId: number,
    limit: number,
  ): Promise<{ rows: TextRow[]; lastId: number | null }>;
  publishedSheets(
    ids: readonly number[],
  ): Promise<{ id: number; title: string; path: string; organisationId: number }[]>;
  findUseCase(id: number): Promise<{
    id: number;
    slug: string;
    organisationId: number;
    state: string;
    content: { title: string | null };
  } | null>;
  useCasePath(useCase: { id: number; slug: string }): string;
  changeVersion(): Promise<number>;
}

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join('\n');

/** The ports of pooling from the library's, organisations' and accounts' apis (and challenges', once it exists). */
export function poolingPortsOf(
  library: () => LibraryLike,
  organisations: () => { findByIds(ids: readonly number[]): Promise<{ id: number; name: string }[]> },
  people: () => { findUsers(ids: number[]): Promise<{ id: number; name: string }[]> },
  challenges?: () => NonNullable<PoolingPorts['challenges']>,
): PoolingPorts {
  return {
    library: {
      async *publishedSheets(): AsyncIterable<PublishedSheet[]> {
        let after = 0;
        for (;;) {
          const { rows, lastId } = await library().publishedPublicFields(TEXT_FIELDS, after, READ_PAGE);
          if (lastId === null) return;
          after = lastId;
          yield rows.map(({ id, organisationId, content: c }) => ({
            id,
            organisationId,
            title: c.title ?? `Fiche n° ${id}`,
            description: join(c.summary, c.description, c.goal),
            data: join(
              ...(c.dataSources ?? []).map((code) => dataSources.labelOf(code)),
              c.dataSourceDetails,
              ...(c.datasets ?? []).map((d) => d.title),
            ),
            technique: join(
              ...(c.techniques ?? []).map((code) => techniques.labelOf(code)),
              c.algorithmName,
              c.algorithmDescription,
            ),
            subThemes: c.subThemes ?? [],
            commonsCategory: c.commonsCategory ?? null,
          }));
        }
      },
      async refs(ids) {
        const out = [];
        for (let i = 0; i < ids.length; i += REFS_PAGE) {
          out.push(...(await library().publishedSheets(ids.slice(i, i + REFS_PAGE))));
        }
        return out;
      },
      async sheet(id) {
        const row = await library().findUseCase(id);
        return row
          ? {
              id: row.id,
              organisationId: row.organisationId,
              published: row.state === 'published',
              title: row.content.title ?? `Fiche n° ${row.id}`,
              path: library().useCasePath(row),
            }
          : null;
      },
      changeVersion: () => library().changeVersion(),
    },
    organisations: {
      names: async (ids) =>
        new Map((await organisations().findByIds([...new Set(ids)])).map((o) => [o.id, o.name] as const)),
    },
    people: {
      names: async (ids) => new Map((await people().findUsers([...new Set(ids)])).map((u) => [u.id, u.name] as const)),
    },
    ...(challenges
      ? {
          challenges: {
            createFromSuggestion: (actor, input) => challenges().createFromSuggestion(actor, input),
            openForUseCases: (ids) => challenges().openForUseCases(ids),
          },
        }
      : {}),
  };
}

export function createPoolingModule(platform: Platform, ports: PoolingPorts): ModuleDefinition<PoolingApi> {
  const services = createPoolingServices(platform, ports);
  return {
    name: 'pooling',
    api: {
      async sheetSection(actor, sheet) {
        if (!sheet.published) return null;
        return h(SheetPoolingBlock, { block: await services.interests.sheetBlock(actor, sheet) });
      },
    },
    routes: [poolingRoutes({ services })],
    jobs: {
      [COMPUTE_JOB]: async () => {
        await services.compute.compute();
      },
      [WATCH_JOB]: () => services.compute.watch(),
    },
    events: {
      'library.use_case_published': () => services.compute.schedule(),
      'library.use_case_withdrawn': () => services.compute.schedule(),
    },
    rules,
    navigation: [{ href: '/mutualisation/suggestions', label: 'Mutualisation', order: 37 }],
    hubLinks: {
      coordination: [
        {
          href: '/mutualisation/suggestions',
          label: 'Suggestions de mutualisation',
          description: 'Les fiches de collectivités différentes sur un même sujet ; ouvrir un défi à partir de l’une.',
        },
      ],
    },
    work: (user) => services.interests.work(user),
    seed: {
      // At start: the suggestions are computed if the library changed since the latest computation, or if there was
      // none (a restored backup, a file imported by the command line while the site was stopped); then the watch of
      // the library's change counter (imports while it runs).
      reference: async () => {
        await services.compute.scheduleIfStale();
        await services.compute.scheduleWatch();
      },
    },
    personalData: {
      export: (userId) => services.store.byPerson(userId),
      erase: (userId, trx: Db) => services.store.erasePerson(userId, trx),
    },
    commands: poolingCommands(services),
    e2ePages: poolingE2ePages,
  };
}
