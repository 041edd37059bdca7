// MODULE LIST v2
/**
 * The module list: the one place where modules are wired together. Each module is built by its `index.ts` factory
 * from the platform and its ports (other modules' `api`, read lazily where two modules need each other); adding a
 * module is one line here plus its migration. Everything else (routes, jobs, events, rules, navigation, hub links,
 * seed, RGPD, commands, browser page checks) is collected from the definitions by assemble.ts.
 *
 * Blocks marked ADAPTER wrap a module that has not yet been moved to the module shape (redesign in progress).
 */
import type { HubLink, ModuleDefinition } from '../platform/module.ts';
import { openApiRoutes } from '../platform/http/openapi.tsx';
import type { Platform } from '../platform/platform.ts';
import { createAccountsModule } from './accounts/index.ts';
import { assembleModules } from './assemble.ts';
import { createLibraryModule, libraryPortsOf } from './library/index.ts';
import { createOrganisationsModule, type OrganisationsApi } from './organisations/index.ts';
import { createPagesModule } from './pages/index.ts';
import { createQuestionnairesModule } from './questionnaires/index.ts';

/**
 * ADAPTER: hub links of the modules whose definitions do not declare `hubLinks` yet (remove each once its module
 * declares it; a declared link with the same href replaces the legacy one).
 */
const LEGACY_COORDINATION_LINKS: HubLink[] = [
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
    href: '/coordination/questionnaires',
    label: 'Questionnaires',
    description: 'Construire et publier les questionnaires de recensement, importer ou exporter (SurveyJS).',
  },
  {
    href: '/coordination/campagnes',
    label: 'Campagnes de recensement',
    description: 'Inviter les collectivités, suivre les taux de réponse, relancer, exporter les réponses.',
  },
  {
    href: '/collectivites/demandes',
    label: "Demandes d'adhésion",
    description: 'Accepter ou refuser les agents qui demandent à rejoindre une collectivité.',
  },
];
const LEGACY_ADMIN_LINKS: HubLink[] = [
  {
    href: '/collectivites/demandes',
    label: 'Demandes d’adhésion',
    description: 'Accepter ou refuser les agents qui demandent à rejoindre une collectivité.',
  },
  {
    href: '/admin/collectivites/nouvelle',
    label: 'Ajouter un organisme',
    description: 'Syndicat mixte, opérateur, association… avec SIREN ou SIRET vérifié.',
  },
];
const withLegacyLinks = (declared: HubLink[], legacy: HubLink[]) => [
  ...declared,
  ...legacy.filter((l) => !declared.some((d) => d.href === l.href)),
];

export function createModules(platform: Platform) {
  // Modules are declared with `let` so that ports can reach a module built after them (lazy cycles).
  // biome-ignore lint/style/useConst: assigned below, read lazily by earlier modules' ports.
  let organisationsDef: ModuleDefinition<OrganisationsApi>;

  // ---- pages ----
  const pagesDef = createPagesModule(platform, {
    coordinationLinks: () => withLegacyLinks(assembled.hubLinks.coordination, LEGACY_COORDINATION_LINKS),
  });
  const pages: ModuleDefinition = {
    ...pagesDef,
    // The OpenAPI document (platform) is registered first, so that it describes every module's API routes.
    routes: [openApiRoutes({ baseUrl: platform.config.baseUrl }), ...(pagesDef.routes ?? [])],
  };

  // ---- accounts ----
  const accounts = createAccountsModule(platform, {
    authoritiesOf: (userId) => organisationsDef.api.authoritiesOf(userId),
    activeMembershipsOf: (userId) => organisationsDef.api.activeRolesOfUser(userId),
    personalData: () => assembled.personalData.filter((p) => p.module !== 'accounts'),
    adminLinks: () => withLegacyLinks(assembled.hubLinks.admin, LEGACY_ADMIN_LINKS),
    organisationIdByCode: async (code) => (await organisationsDef.api.findByCode(code))?.id ?? null,
    setMembership: (actor, input) => organisationsDef.api.setMembership(actor, input),
  });
  /** Read by the organisations and library adapters below. */
  const accountsService = accounts.api;

  // ---- organisations ----
  organisationsDef = createOrganisationsModule(platform, {
    people: {
      findUsers: (ids) => accountsService.findUsers(ids),
      findCoordinators: () => accountsService.findCoordinators(),
    },
    library: { useCasesOf: (id) => library.api.useCasesOf(id) },
  });
  /** Read by the library and questionnaires adapters below. */
  const organisationsService = organisationsDef.api;

  // ---- library ----
  const library = createLibraryModule(platform, libraryPortsOf(organisationsService, accountsService));

  // ---- questionnaires ----
  const questionnaires = createQuestionnairesModule(platform, {
    organisations: {
      findByIds: (ids) => organisationsService.findByIds(ids),
      findBySiren: (siren) => organisationsService.findBySiren(siren),
      list: (filter, page) => organisationsService.list(filter as Parameters<typeof organisationsService.list>[0], page),
      contactEmails: (ids) => organisationsService.contactEmails(ids),
      divisions: () => organisationsService.divisions(),
      regions: async () => (await organisationsService.divisions()).list.regions,
    },
    library: { createDraft: (input) => library.api.createDraft(input) },
  });

  // ---- the module list (order: navigation ties, seed order, route registration) ----
  const definitions: ModuleDefinition<any>[] = [pages, accounts, organisationsDef, library, questionnaires];
  const assembled = assembleModules(platform, definitions);
  return {
    ...assembled,
    /** Each module's api by name (kept for the tests and commands written before the module list). */
    services: Object.fromEntries(definitions.map((d) => [d.name, d.api])) as {
      accounts: typeof accountsService;
      organisations: typeof organisationsService;
      library: typeof library.api;
      questionnaires: typeof questionnaires.api;
      [name: string]: any;
    },
  };
}
export type Modules = ReturnType<typeof createModules>;
