/**
 * For this module's database tests: the services over a test database, without a server, and people created through
 * the accounts module's api (memberships need an account). Not used by the application.
 */
import { loadConfig } from '../../config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { DbHandle } from '../../platform/db/index.ts';
import { createPlatform, type Platform } from '../../platform/platform.ts';
import { createAccountsModule } from '../accounts/index.ts';
import type { OrganisationsPorts } from './ports.ts';
import type { OrganisationsContext } from './services/context.ts';
import { createDirectoryService } from './services/directory.ts';
import { createMembershipsStore } from './store/memberships.ts';
import { createOrganisationsStore } from './store/organisations.ts';

export function testPlatform(handle: DbHandle): Platform {
  return createPlatform(
    loadConfig({ DATABASE_URL: handle.url, SESSION_SECRET: 'x'.repeat(32), BASE_URL: 'http://localhost:3000' }),
    handle,
  );
}

/** The accounts module's api over the same database (the people memberships belong to). */
export function accountsOf(platform: Platform) {
  return createAccountsModule(platform, {
    authoritiesOf: async () => [],
    activeMembershipsOf: async () => [],
    personalData: () => [],
    adminLinks: () => [],
    organisationIdByCode: async () => null,
    setMembership: async () => null,
  }).api;
}

/** The organisations services' shared context over a platform (ports: the accounts api, no library). */
export function contextOf(platform: Platform): OrganisationsContext {
  const accounts = accountsOf(platform);
  const ports: OrganisationsPorts = {
    people: { findUsers: (ids) => accounts.findUsers(ids), findCoordinators: () => accounts.findCoordinators() },
  };
  const db: Db = platform.db;
  return {
    db,
    dialect: platform.dialect,
    clock: platform.clock,
    audit: platform.audit,
    jobs: platform.jobs,
    baseUrl: platform.config.baseUrl,
    organisations: createOrganisationsStore(db, platform.clock),
    memberships: createMembershipsStore(db, platform.clock),
    ports,
  };
}

/** The directory over a platform (one « server instance »). */
export function directoryOf(platform: Platform) {
  return createDirectoryService(contextOf(platform));
}
