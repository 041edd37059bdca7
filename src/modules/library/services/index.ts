/**
 * The library's services, one per capability, built from the platform and the ports. Each owns its state (the search
 * service its index and caches, the open-data service its export files); they share only the store and small
 * stateless helpers (context.ts).
 */

import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { Db } from '../../../platform/db/database.ts';
import { notFound } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createSearchIndex, createSynonymStore, type SearchIndex } from '../../../platform/search/index.ts';
import type { UseCaseContent } from '../fields.ts';
import { linkSheetTexts } from '../model/plain-language.ts';
import type { LibraryPorts } from '../ports.ts';
import { createLibraryStore, type LibraryStore } from '../store.ts';
import { createMail, createRecords, useCasePath } from './context.ts';
import { createDemoService } from './demo.ts';
import { createImportService } from './import.ts';
import { createInventoryService } from './inventory.ts';
import { createLogoService, LOGO_JOB } from './logos.ts';
import { createNotifications } from './notifications.ts';
import { createOpenDataService } from './open-data.ts';
import { createReadingService } from './reading.ts';
import { createReportsService } from './reports.ts';
import { createReviewService } from './reviews.ts';
import { createSearchService, indexColumns } from './search.ts';
import { createSynonymsService } from './search-synonyms.ts';
import { createTokensService } from './tokens.ts';
import { createWorkService } from './work.ts';
import { createWorkflowService } from './workflow.ts';
import { createWritingService } from './writing.ts';

export function createLibraryServices(
  platform: Platform,
  ports: LibraryPorts,
  options: { searchIndex?: SearchIndex } = {},
) {
  let noteLocalWrite = () => {};
  const store: LibraryStore = createLibraryStore(platform.db, platform.clock, {
    onWrite: () => noteLocalWrite(),
    indexColumns,
  });
  const ctx = { platform, store, ports };
  const records = createRecords(ctx);
  const mail = createMail(platform);
  // The synonyms coordinators keep apply to every search of the index (query expansion, same on both databases).
  const synonyms = createSynonymStore(platform.db, platform.dialect, platform.clock);
  const search = createSearchService({
    platform,
    store,
    organisations: ports.organisations,
    ethics: ports.ethics,
    records,
    index: options.searchIndex ?? createSearchIndex(platform.db, platform.dialect, { synonyms: synonyms.current }),
  });
  noteLocalWrite = search.noteLocalWrite;

  const workflow = createWorkflowService({ ...ctx, records, search, mail });
  const reading = createReadingService({ ...ctx, records, search });
  const reports = createReportsService({ ...ctx, records, mail });
  const services = {
    search,
    synonyms: createSynonymsService({ platform, synonyms, changed: () => search.noteLocalWrite() }),
    writing: createWritingService({ ...ctx, records, mail }),
    workflow,
    reading,
    reports,
    work: createWorkService({ ...ctx, reading, workflow, reports }),
    tokens: createTokensService(ctx),
    openData: createOpenDataService({ ...ctx, records }),
    inventory: createInventoryService({ ...ctx, records }),
    imports: createImportService({ ...ctx, search }),
    logos: createLogoService({
      store,
      // A new image changes what pages show: the change counter moves, so pages kept for visitors are built again.
      changed: () => platform.db.transaction().execute(async (trx) => void (await store.nextSeq(trx))),
      queue: async (url) => void (await platform.jobs.enqueue(LOGO_JOB, { url }, { uniqueKey: `logo:${url}` })),
    }),
    demo: createDemoService({ ...ctx, search }),
    notifications: createNotifications({ ...ctx, mail }),
    reviews: createReviewService({ ...ctx, mail }),
    /**
     * « Contacter l'équipe » of a published sheet: the message goes to the editors of its authority (organisations
     * port); a sheet that is not published has no team to contact (404 from `reading.get` for those who cannot see it).
     */
    async contactAuthority(
      actor: CurrentUser | null,
      id: number,
      input: { objet?: string; message?: string; site_web?: string },
    ) {
      const useCase = await reading.get(actor, id);
      if (useCase.state !== 'published') throw notFound('Seules les fiches publiées ont une équipe à contacter.');
      return ports.organisations.contactEditors(
        actor,
        {
          kind: 'use_case',
          id,
          title: useCase.content.title ?? 'Fiche',
          path: useCasePath(useCase),
          organisationIds: [useCase.organisation.id],
        },
        input,
      );
    },
    /** Published sheets first published or changed since a date, by ids or bodies (working groups' digest). */
    changedSince: (sinceIso: string, ids: readonly number[], organisationIds: readonly number[]) =>
      store.publishedChangedSince(sinceIso, ids, organisationIds),
    /** The commons entries that use a sheet (its page lists them). */
    commonsUsing: (useCaseId: number) => ports.commons?.usingSheet(useCaseId) ?? Promise.resolve([]),
    /** The citizens' consultations on a sheet (consultations module), newest first. */
    consultationsOn: (useCaseId: number) => ports.consultations?.ofSheet(useCaseId) ?? Promise.resolve([]),
    /** The sheet's long texts with the glossary's words marked (empty without the glossary port). */
    glossaryLinks: (content: Partial<UseCaseContent>) =>
      ports.glossary ? linkSheetTexts(content, (text, seen) => ports.glossary!.link(text, seen)) : {},
    /** The « Contributions citoyennes » section of a sheet's page (voice module), or null. */
    voiceThread: (useCaseId: number, actor: CurrentUser | null, query: Record<string, unknown>) =>
      ports.voice?.threadView('use_case', useCaseId, actor, query) ?? Promise.resolve(null),
    /** The « Mutualisation » block of a sheet's page (pooling module), or null. */
    poolingSection: (
      actor: CurrentUser | null,
      sheet: { id: number; organisationId: number; published: boolean; title: string; path: string },
    ) => ports.pooling?.sheetSection(actor, sheet) ?? Promise.resolve(null),
    /**
     * What the library holds about a person (RGPD): the errors they reported, the API tokens they created (never
     * their secret), the use cases they created or changed, the versions they published, their history entries.
     * Erasure: reports lose their author and reply address, tokens are revoked (the rest points to the account,
     * which is deleted or anonymised).
     */
    personalData: {
      export: async (userId: number) => ({
        reports: await store.reportsBy(userId),
        apiTokens: (await store.tokensBy(userId)).map((t) => ({
          id: t.id,
          organisationId: t.organisationId,
          name: t.name,
          createdAt: t.createdAt,
          expiresAt: t.expiresAt,
          lastUsedAt: t.lastUsedAt,
          revokedAt: t.revokedAt,
        })),
        ...(await store.authoredBy(userId)),
      }),
      erase: async (userId: number, trx: Db) => {
        await store.forgetReporterAddress(userId, trx);
        await store.forgetReporter(userId, trx);
        await store.revokeTokensOf(userId, trx);
      },
    },
  };
  instances.set(platform, services);
  return services;
}

export type LibraryServices = ReturnType<typeof createLibraryServices>;

/** The services built for a platform (the module's own tests and the benchmarks reach the server's instance). */
const instances = new WeakMap<Platform, LibraryServices>();

export function libraryServicesOf(platform: Platform): LibraryServices {
  const services = instances.get(platform);
  if (!services) throw new Error('le module bibliothèque n’est pas construit sur cette plateforme');
  return services;
}
