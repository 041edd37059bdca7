import type { FastifyPluginAsync } from 'fastify';
import type { CurrentUser } from '../platform/auth/user.ts';
import type { JobHandlers } from '../platform/jobs/queue.ts';
import type { Platform } from '../platform/platform.ts';
import { createSearchIndex } from '../platform/search/index.ts';
import type { NavItem } from '../platform/ui/context.ts';
import { accountsRoutes } from './accounts/routes.tsx';
import { seedDemoAccounts } from './accounts/seed.ts';
import { type AccountsDeps, createAccountsService } from './accounts/service.ts';
import { createAccountsStore } from './accounts/store.ts';
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

/**
 * The one place where modules are wired together: services are built in dependency order and handed to each
 * other explicitly; routes, job handlers and navigation entries are collected here.
 */
export function createModules(platform: Platform) {
  const accountsStore = createAccountsStore(platform.db);

  async function loadUser(id: number): Promise<CurrentUser | null> {
    const user = await accountsStore.findById(id);
    if (!user || user.disabledAt) return null;
    const memberships = await organisations.activeRolesOfUser(id);
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      memberships,
    };
  }

  // Accounts. `authoritiesOf` (a person's authorities, read from the organisations module) is set once that module exists.
  const accountsDeps: AccountsDeps = {};
  const accounts = createAccountsService(platform, accountsDeps);

  // Organisations (authorities, memberships). People are known through the accounts directory.
  const organisations = createOrganisationsService(platform, { users: accounts });
  accountsDeps.authoritiesOf = (userId) => organisations.authoritiesOf(userId);
  accountsDeps.personalData = {
    ...accountsDeps.personalData,
    memberships: (userId) => organisations.personalData(userId),
  };

  // Questionnaires and census campaigns. Authorities come from the organisations module; invitation mail goes to
  // their active members. `library` (draft sheets from AI-census responses) is set once the library service exists.
  const organisationDirectory: OrganisationDirectory = {
    findByIds: (ids) => organisations.findByIds(ids),
    findBySiren: (siren) => organisations.findBySiren(siren),
    list: (filter, page) => organisations.list(filter, page),
    divisions: async () => {
      const d = await organisations.divisions();
      return { departements: d.departements, regions: d.regions };
    },
    contactEmails: (ids) => organisations.contactEmails(ids),
  };
  // Library of AI use cases: authorities and people through a port, French search from the platform.
  const library = createLibraryService(platform, {
    organisations: createOrganisationsPort(organisations, accounts),
    search: createSearchIndex(platform.db, platform.dialect),
  });

  const questionnaires = createQuestionnairesService(platform, {
    organisations: organisationDirectory,
    library: { createDraft: (input) => library.createDraft(input) },
  });

  const services = { accounts, organisations, questionnaires, library };

  const routes: FastifyPluginAsync[] = [
    openApiRoutes({ baseUrl: platform.config.baseUrl }),
    pagesRoutes({ platform }),
    accountsRoutes({
      platform,
      accounts,
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
    organisationsRoutes({ organisations, sheetsOf: (id) => library.publishedOf(id) }),
    libraryRoutes({ library }),
    questionnairesRoutes({ questionnaires }),
    questionnairesCoordinationRoutes({
      questionnaires,
      regions: async () => (await organisations.divisions()).list.regions,
    }),
  ];

  const jobHandlers: JobHandlers = {
    [ORGANISATIONS_MAIL_JOB]: (mail) => platform.mailer.send(mail),
    [LIBRARY_MAIL_JOB]: (mail) => platform.mailer.send(mail),
    ...questionnaires.jobHandlers,
  };

  const navigation: NavItem[] = [
    { href: '/', label: 'Accueil' },
    { href: '/bibliotheque', label: 'Bibliothèque' },
    { href: '/carte', label: 'Carte' },
    { href: '/statistiques', label: 'Statistiques' },
    { href: '/collectivites', label: 'Collectivités' },
    { href: '/recensements', label: 'Recensements' },
    { href: '/donnees-ouvertes', label: 'Données ouvertes' },
  ];

  /** Demo content and reference data for an empty database (see `seed`). */
  async function seed(options: { demo: boolean; log: (line: string) => void }) {
    // Reference data first: the official geographic code (loaded once, reloaded when the package's version changes).
    await organisations.ensureGeography(options.log);
    // The questionnaires shipped with the product (installed once).
    await questionnaires.installCatalogue(options.log);
    // Demo accounts, one per role (demo mode only; listed in the README).
    if (options.demo) await seedDemoAccounts(accounts, organisations, options.log);
    // Demo sheets of the library (demo mode only).
    if (options.demo) await library.seedDemo(options.log);
    // A demo campaign of the AI census with example responses (demo mode only).
    if (options.demo) await seedDemoCampaign(questionnaires, organisationDirectory, options.log);
  }

  return {
    services,
    routes,
    jobHandlers,
    navigation,
    loadUser,
    resolveApiToken: ((token: string) => library.resolveToken(token)) as
      | ((token: string) => Promise<CurrentUser | null>)
      | undefined,
    seed,
    /** Ends the modules' background work (called by the server's close, before the database closes). */
    close: async () => {
      await library.close();
    },
  };
}
export type Modules = ReturnType<typeof createModules>;
