// MODULE LIST v2
/**
 * The module list: the one place where modules are wired together. Each module is built by its `index.ts` factory
 * from the platform and its ports (other modules' `api`, read lazily where two modules need each other); adding a
 * module is one line here plus its migration. Everything else (routes, jobs, events, rules, navigation, hub links,
 * seed, RGPD, commands, browser page checks) is collected from the definitions by assemble.ts.
 *
 * Blocks marked ADAPTER wrap a module that has not yet been moved to the module shape (redesign in progress).
 */
import type { CurrentUser } from '../platform/auth/user.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { createSearchIndex } from '../platform/search/index.ts';
import { accountsRoutes } from './accounts/routes.tsx';
import { seedDemoAccounts } from './accounts/seed.ts';
import { type AccountsDeps, createAccountsService } from './accounts/service.ts';
import { createAccountsStore } from './accounts/store.ts';
import { assembleModules } from './assemble.ts';
import { openApiRoutes } from './library/openapi.tsx';
import { createOrganisationsPort } from './library/organisations-port.ts';
import { libraryRoutes } from './library/routes.tsx';
import { createLibraryService, MAIL_JOB as LIBRARY_MAIL_JOB } from './library/service.ts';
import { organisationsRoutes } from './organisations/routes.tsx';
import { createOrganisationsService, MAIL_JOB as ORGANISATIONS_MAIL_JOB } from './organisations/service.ts';
import { pagesRoutes } from './pages/routes.tsx';
import { coordinationRoutes as questionnairesCoordinationRoutes } from './questionnaires/coordination.tsx';
import { questionnairesRoutes } from './questionnaires/routes.tsx';
import { seedDemoCampaign } from './questionnaires/seed.ts';
import { createQuestionnairesService, type OrganisationDirectory } from './questionnaires/service.ts';

export function createModules(platform: Platform) {
  // Modules are declared with `let` so that ports can reach a module built after them (lazy cycles).
  // biome-ignore lint/style/useConst: assigned below, read lazily by earlier modules' ports.
  let organisationsDef: ModuleDefinition<ReturnType<typeof createOrganisationsService>>;

  // ---- pages (ADAPTER) ----
  const pages: ModuleDefinition = {
    name: 'pages',
    api: {},
    routes: [openApiRoutes({ baseUrl: platform.config.baseUrl }), pagesRoutes({ platform })],
    navigation: [{ href: '/', label: 'Accueil', order: 0 }],
  };

  // ---- accounts (ADAPTER) ----
  const accountsStore = createAccountsStore(platform.db);
  const accountsDeps: AccountsDeps = {};
  const accountsService = createAccountsService(platform, accountsDeps);
  const accounts: ModuleDefinition<typeof accountsService> = {
    name: 'accounts',
    api: accountsService,
    routes: [
      accountsRoutes({
        platform,
        accounts: accountsService,
        adminLinks: [
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
        ],
      }),
    ],
    seed: { demo: ({ log }) => seedDemoAccounts(accountsService, organisationsDef.api, log) },
    authentication: {
      async loadUser(id: number): Promise<CurrentUser | null> {
        const user = await accountsStore.findById(id);
        if (!user || user.disabledAt) return null;
        const memberships = await organisationsDef.api.activeRolesOfUser(id);
        return { id: user.id, email: user.email, name: user.name, role: user.role, memberships };
      },
    },
  };

  // ---- organisations (ADAPTER) ----
  const organisationsService = createOrganisationsService(platform, { users: accountsService });
  accountsDeps.authoritiesOf = (userId) => organisationsService.authoritiesOf(userId);
  accountsDeps.personalData = {
    ...accountsDeps.personalData,
    memberships: (userId) => organisationsService.personalData(userId),
  };
  organisationsDef = {
    name: 'organisations',
    api: organisationsService,
    routes: [
      organisationsRoutes({ organisations: organisationsService, sheetsOf: (id) => library.api.publishedOf(id) }),
    ],
    jobs: { [ORGANISATIONS_MAIL_JOB]: (mail) => platform.mailer.send(mail) },
    navigation: [{ href: '/collectivites', label: 'Collectivités', order: 40 }],
    seed: { reference: ({ log }) => organisationsService.ensureGeography(log) },
  };

  // ---- library (ADAPTER) ----
  const libraryService = createLibraryService(platform, {
    organisations: createOrganisationsPort(organisationsService, accountsService),
    search: createSearchIndex(platform.db, platform.dialect),
  });
  const library: ModuleDefinition<typeof libraryService> = {
    name: 'library',
    api: libraryService,
    routes: [libraryRoutes({ library: libraryService })],
    jobs: { [LIBRARY_MAIL_JOB]: (mail) => platform.mailer.send(mail) },
    navigation: [
      { href: '/bibliotheque', label: 'Bibliothèque', order: 10 },
      { href: '/carte', label: 'Carte', order: 20 },
      { href: '/statistiques', label: 'Statistiques', order: 30 },
      { href: '/donnees-ouvertes', label: 'Données ouvertes', order: 60 },
    ],
    seed: { demo: ({ log }) => libraryService.seedDemo(log) },
    authentication: { resolveApiToken: (token) => libraryService.resolveToken(token) },
    close: () => libraryService.close(),
  };

  // ---- questionnaires (ADAPTER) ----
  const organisationDirectory: OrganisationDirectory = {
    findByIds: (ids) => organisationsService.findByIds(ids),
    findBySiren: (siren) => organisationsService.findBySiren(siren),
    list: (filter, page) => organisationsService.list(filter, page),
    divisions: async () => {
      const d = await organisationsService.divisions();
      return { departements: d.departements, regions: d.regions };
    },
    contactEmails: (ids) => organisationsService.contactEmails(ids),
  };
  const questionnairesService = createQuestionnairesService(platform, {
    organisations: organisationDirectory,
    library: { createDraft: (input) => libraryService.createDraft(input) },
  });
  const questionnaires: ModuleDefinition<typeof questionnairesService> = {
    name: 'questionnaires',
    api: questionnairesService,
    routes: [
      questionnairesRoutes({ questionnaires: questionnairesService }),
      questionnairesCoordinationRoutes({
        questionnaires: questionnairesService,
        regions: async () => (await organisationsService.divisions()).list.regions,
      }),
    ],
    jobs: questionnairesService.jobHandlers,
    navigation: [{ href: '/recensements', label: 'Recensements', order: 50 }],
    seed: {
      reference: ({ log }) => questionnairesService.installCatalogue(log).then(() => {}),
      demo: ({ log }) => seedDemoCampaign(questionnairesService, organisationDirectory, log),
    },
  };

  // ---- the module list (order: navigation ties, seed order, route registration) ----
  const definitions: ModuleDefinition<any>[] = [pages, accounts, organisationsDef, library, questionnaires];
  const assembled = assembleModules(platform, definitions);
  return {
    ...assembled,
    /** Each module's api by name (kept for the tests and commands written before the module list). */
    services: Object.fromEntries(definitions.map((d) => [d.name, d.api])) as {
      accounts: typeof accountsService;
      organisations: typeof organisationsService;
      library: typeof libraryService;
      questionnaires: typeof questionnairesService;
      [name: string]: any;
    },
  };
}
export type Modules = ReturnType<typeof createModules>;
