import type { FastifyPluginAsync } from 'fastify';
import type { CurrentUser } from '../platform/auth/user.ts';
import type { JobHandlers } from '../platform/jobs/queue.ts';
import type { Platform } from '../platform/platform.ts';
import type { NavItem } from '../platform/ui/context.ts';
import { accountsRoutes } from './accounts/routes.tsx';
import { type AccountsDeps, createAccountsService } from './accounts/service.ts';
import { createAccountsStore } from './accounts/store.ts';
import { organisationsRoutes } from './organisations/routes.tsx';
import { createOrganisationsService, MAIL_JOB as ORGANISATIONS_MAIL_JOB } from './organisations/service.ts';
import { pagesRoutes } from './pages/routes.tsx';

/**
 * The one place where modules are wired together: services are built in dependency order and handed to each
 * other explicitly; routes, job handlers and navigation entries are collected here.
 */
export function createModules(platform: Platform) {
  const accountsStore = createAccountsStore(platform.db);

  async function loadUser(id: number): Promise<CurrentUser | null> {
    const user = await accountsStore.findById(id);
    if (!user || user.disabledAt) return null;
    const memberships = await platform.db
      .selectFrom('memberships')
      .select(['organisation_id', 'role'])
      .where('user_id', '=', id)
      .where('status', '=', 'active')
      .execute();
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      memberships: memberships.map((m: any) => ({ organisationId: Number(m.organisation_id), role: m.role })),
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

  const services = { accounts, organisations };

  const routes: FastifyPluginAsync[] = [
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
    organisationsRoutes({ organisations }),
  ];

  const jobHandlers: JobHandlers = {
    [ORGANISATIONS_MAIL_JOB]: (mail) => platform.mailer.send(mail),
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
  }

  return {
    services,
    routes,
    jobHandlers,
    navigation,
    loadUser,
    resolveApiToken: undefined as ((token: string) => Promise<CurrentUser | null>) | undefined,
    seed,
  };
}
export type Modules = ReturnType<typeof createModules>;
