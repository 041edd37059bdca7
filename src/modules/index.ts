import type { FastifyPluginAsync } from 'fastify';
import type { CurrentUser } from '../platform/auth/user.ts';
import type { JobHandlers } from '../platform/jobs/queue.ts';
import type { Platform } from '../platform/platform.ts';
import type { NavItem } from '../platform/ui/context.ts';
import { createAccountsStore } from './accounts/store.ts';
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

  const services = {};

  const routes: FastifyPluginAsync[] = [pagesRoutes({ platform })];

  const jobHandlers: JobHandlers = {};

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
  async function seed(_options: { demo: boolean; log: (line: string) => void }) {}

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
