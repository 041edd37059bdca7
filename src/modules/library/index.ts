/**
 * The library of AI use cases (« fiches »): writing them and moving them through review, reading them (always through
 * the presenter), searching with facets, history, error reports, statistics, map, open-data exports and feed,
 * imports of Interconnectés and PSTW files, per-authority API tokens. This file is the module's only public surface.
 */

import type { Actor } from '../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { libraryCommands } from './commands.ts';
import { libraryE2ePages } from './e2e.ts';
import type { ContentKey } from './fields.ts';
import { apiRoutes } from './http/api.ts';
import { contactRoutes } from './http/contact.tsx';
import { importRoutes } from './http/import.tsx';
import { inventoryRoutes } from './http/inventory.ts';
import { logosRoutes } from './http/logos.ts';
import { openDataRoutes } from './http/open-data.tsx';
import { pagesRoutes } from './http/pages.tsx';
import { reportsRoutes } from './http/reports.tsx';
import { reviewRoutes } from './http/review.tsx';
import { synonymsRoutes } from './http/synonyms.tsx';
import { tokensRoutes } from './http/tokens.tsx';
import { writingRoutes } from './http/writing.tsx';
import type { PresentedUseCase } from './model.ts';
import { rules } from './policy.ts';
import type { LibraryPorts } from './ports.ts';
import type { AiActRiskCode } from './reference.ts';
import { MAIL_JOB, useCasePath } from './services/context.ts';
import { createLibraryServices } from './services/index.ts';
import { LOGO_JOB } from './services/logos.ts';
import { type PublicFieldsPage, publishedPublicFields } from './services/pooling-read.ts';
import { REVIEW_SWEEP_JOB } from './services/reviews.ts';
import type { DraftInput } from './services/writing.ts';
import type { UseCaseRow } from './store.ts';

export type { UseCaseDrafted, UseCasePublished } from './events.ts';
export type { AccessLevel, ContentKey, DatasetLink, FieldDef, FormStepKey, UseCaseContent } from './fields.ts';
export { FIELDS, fieldDef, isContentKey } from './fields.ts';
/** A use case with every field filled with a recognisable value (other modules' tests). */
export { filledContent } from './fixtures.ts';
/** The product's CSV reader (encodings, delimiter, quoting, line numbers): other modules' imports use it. */
export { decodeText, parseCsv } from './formats/csv.ts';
export type { ImportOrganisation, OrganisationSummary, PresentedUseCase } from './model.ts';
export { readFieldValue } from './model.ts';
export { libraryPortsOf } from './organisations-adapter.ts';
export type { Divisions, FeedEntry, LibraryFeed, LibraryOrganisations, LibraryPeople, LibraryPorts } from './ports.ts';
export type { ReferenceItem, ReferenceList, ReferenceListKey } from './reference.ts';
export {
  aiActRiskCategories,
  audiences,
  authorityTypes,
  automationLevels,
  budgetBands,
  commonsCategories,
  countries,
  dataAccessModes,
  dataSources,
  explainabilityLevels,
  hosting,
  implementationModes,
  projectStatuses,
  REFERENCE_LISTS,
  subThemes,
  techniques,
  themes,
} from './reference.ts';
export type { PublicFieldsPage, PublicFieldsRow } from './services/pooling-read.ts';
export type { DraftInput, UseCaseRow };

/** The published use cases of an organisation, for its page (organisations module). */
export interface OrganisationUseCases {
  total: number;
  /** The library filtered on the organisation ('' when there is none). */
  href: string;
  items: { id: number; title: string; href: string; status: string | null; theme: string | null }[];
}

/** What other modules use of the library. */
export interface LibraryApi {
  /**
   * A draft use case created on behalf of an authority (the caller has authorised the act); with an `origin`, at
   * most one per origin, reported with `library.use_case_drafted`.
   */
  createDraft(input: DraftInput): Promise<{ id: number; url: string }>;
  /** The published use cases of an organisation, by title (its page in the organisations module). */
  useCasesOf(organisationId: number, limit?: number): Promise<OrganisationUseCases>;
  /** The latest published use cases (the home page): how many are published, and the first `limit`. */
  recentUseCases(limit: number): Promise<RecentUseCases>;
  /**
   * How many use cases each organisation has published (only organisations that have some), exact at the time of
   * the read: the authority directory's count and « avec des fiches » filter.
   */
  publishedCounts(): Promise<Map<number, number>>;
  /** The library's change counter: a cheap read whose value changes whenever any use case changes. */
  changeVersion(): Promise<number>;
  /** A use case's stored record, whatever its state (checks and tests of other modules; not for display). */
  findUseCase(id: number): Promise<UseCaseRow | null>;
  /** The address of a use case's page. */
  useCasePath(useCase: { id: number; slug: string }): string;
  /** The published use cases among `ids`, in their order, as other modules link to them (title, page, authority). */
  publishedSheets(
    ids: readonly number[],
  ): Promise<{ id: number; title: string; path: string; organisationId: number }[]>;
  /** A use case as `actor` may see it (the presenter decides; 404 when they may not). */
  presentUseCase(actor: Actor, id: number): Promise<PresentedUseCase>;
  /**
   * Sets a use case's AI Act category (responsible AI's wizard) as a save by `actor`: the writing service authorises
   * it (the authority's writers and coordinators) and keeps the workflow (a published sheet gets it in its revision).
   */
  setAiActCategory(actor: CurrentUser, id: number, category: AiActRiskCode): Promise<void>;
  /** Every published use case as an anonymous visitor sees it (public fields only; network figures). */
  publicUseCases(): Promise<PresentedUseCase[]>;
  /**
   * A page of the published sheets: those among the `limit` sheets after `afterId` (id order), each with its
   * authority, slug and only the PUBLIC ones of the content fields `keys`, and the id the next page starts after
   * (a lean read for pooling's computation over the whole library: no organisation, no presentation).
   */
  publishedPublicFields(keys: readonly ContentKey[], afterId: number, limit: number): Promise<PublicFieldsPage>;
  /**
   * Published sheets first published or changed since `sinceIso`, among `ids` or of `organisationIds` (working
   * groups' digest): `change` says which (« created » when first published in the period).
   */
  sheetsChangedSince(
    sinceIso: string,
    scope: { ids: readonly number[]; organisationIds: readonly number[] },
  ): Promise<
    { id: number; title: string; path: string; organisationId: number; at: string; change: 'created' | 'updated' }[]
  >;
  /** Published sheets matching words, as a visitor finds them (pickers of other modules). */
  searchSheets(q: string, limit: number): Promise<{ id: number; title: string; path: string }[]>;
}

/** The latest published use cases, as the home page shows them. */
export interface RecentUseCases {
  total: number;
  items: { title: string; href: string; organisation: string; summary: string | null }[];
}

export function createLibraryModule(platform: Platform, ports: LibraryPorts): ModuleDefinition<LibraryApi> {
  const services = createLibraryServices(platform, ports);
  const api: LibraryApi = {
    createDraft: (input) => services.writing.createDraft(input),
    useCasesOf: (organisationId, limit) => services.reading.useCasesOf(organisationId, limit),
    recentUseCases: (limit) => services.reading.recent(limit),
    publishedCounts: () => services.reading.publishedCounts(),
    changeVersion: () => services.reading.changeVersion(),
    findUseCase: (id) => services.reading.findUseCase(id),
    useCasePath,
    publishedSheets: (ids) => services.reading.publishedRefs(ids),
    presentUseCase: (actor, id) => services.reading.get(actor, id),
    setAiActCategory: async (actor, id, category) => {
      const row = await services.reading.findUseCase(id);
      if (!row) throw notFound("Cette fiche n'existe pas (ou plus).");
      await services.writing.save(actor, id, row.version, { aiActRiskCategory: category });
    },
    publicUseCases: () => services.openData.publicUseCases(),
    publishedPublicFields: (keys, afterId, limit) =>
      publishedPublicFields(platform.db, platform.dialect, keys, afterId, limit),
    sheetsChangedSince: async (sinceIso, scope) =>
      (await services.changedSince(sinceIso, scope.ids, scope.organisationIds)).map((r) => {
        const created = !!r.publishedAt && r.publishedAt >= sinceIso;
        return {
          id: r.id,
          title: r.content.title ?? `Fiche n° ${r.id}`,
          path: useCasePath(r),
          organisationId: r.organisationId,
          at: (created ? r.publishedAt : r.contentUpdatedAt) ?? r.updatedAt,
          change: created ? ('created' as const) : ('updated' as const),
        };
      }),
    searchSheets: async (q, limit) =>
      (await services.search.query(null, { q, filters: {}, sort: null, page: 1, perPage: limit })).items.map(
        ({ useCase }) => ({ id: useCase.id, title: useCase.content.title ?? 'Sans titre', path: useCasePath(useCase) }),
      ),
  };
  const deps = { services };
  return {
    name: 'library',
    api,
    routes: [
      pagesRoutes(deps),
      writingRoutes(deps),
      reviewRoutes(deps),
      reportsRoutes(deps),
      contactRoutes(deps),
      tokensRoutes(deps),
      openDataRoutes(deps),
      inventoryRoutes(deps),
      importRoutes(deps),
      apiRoutes(deps),
      synonymsRoutes(deps),
      logosRoutes(deps),
    ],
    jobs: {
      [MAIL_JOB]: (mail: { to: string[]; subject: string; text: string }) => platform.mailer.send(mail),
      // A refused or unreachable logo is not retried: the page shows its address as text.
      [LOGO_JOB]: async ({ url }: { url: string }) => {
        await services.logos.fetchAndStore(url);
      },
      [REVIEW_SWEEP_JOB]: async () => {
        await services.reviews.sweep();
      },
    },
    events: {
      'library.use_case_published': async (payload) => {
        // The review sweep first: queuing it twice is harmless (one per day), a mail twice is not.
        await services.reviews.published(payload.useCaseId);
        await services.notifications.useCasePublished(payload);
      },
      'questionnaires.response_submitted': (payload) => services.writing.draftFromCensusResponse(payload),
      'accounts.user_disabled': ({ userId }) => services.tokens.creatorDisabled(userId),
      'organisations.membership_changed': ({ userId, organisationId }) =>
        services.tokens.creatorRightsChanged(userId, organisationId),
    },
    rules,
    navigation: [
      { href: '/bibliotheque', label: 'Bibliothèque', order: 10 },
      { href: '/carte', label: 'Carte', order: 20 },
      { href: '/statistiques', label: 'Statistiques', order: 30 },
      { href: '/donnees-ouvertes', label: 'Données ouvertes', order: 60 },
    ],
    work: async (user) => [...(await services.work.work(user)), ...(await services.reviews.work(user))],
    hubLinks: {
      coordination: [
        {
          href: '/coordination/fiches',
          label: 'Fiches à relire',
          description: 'Relire les fiches envoyées, demander des modifications, publier.',
        },
        {
          href: '/bibliotheque/signalements',
          label: 'Erreurs signalées',
          description: 'Traiter les erreurs signalées par les lecteurs sur les fiches.',
        },
        {
          href: '/coordination/synonymes',
          label: 'Synonymes de la recherche',
          description: 'Les mots qui se cherchent ensemble : « vidéoprotection » trouve aussi « caméra ».',
        },
      ],
      admin: [
        {
          href: '/admin/bibliotheque/import',
          label: 'Importer des fiches',
          description: 'Fichiers CSV des Interconnectés ou de PSTW ; un import déjà fait met à jour les mêmes fiches.',
        },
      ],
    },
    seed: {
      reference: async ({ log }) => {
        const added = await services.synonyms.seedDefaults();
        if (added) log(`Synonymes de la recherche : ${added} groupes par défaut ajoutés.`);
        // Review reminders: today's sweep, which then runs every day (sheets kept alive).
        await services.reviews.start();
      },
      demo: ({ log }) => services.demo.seedDemo(log),
    },
    personalData: {
      export: (userId) => services.personalData.export(userId),
      erase: (userId, trx: Db) => services.personalData.erase(userId, trx),
    },
    commands: libraryCommands(services),
    e2ePages: libraryE2ePages,
    authentication: { resolveApiToken: (token) => services.tokens.resolveToken(token) },
    close: () => services.search.close(),
  };
}
