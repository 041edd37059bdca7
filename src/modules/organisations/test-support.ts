/**
 * For this module's database tests: the services over a test database, without a server, and people created through
 * the accounts module's api (memberships need an account). Not used by the application.
 */
import { loadConfig } from '../../config.ts';
import { registerRules } from '../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { Db } from '../../platform/db/database.ts';
import type { DbHandle } from '../../platform/db/index.ts';
import { createPlatform, type Platform } from '../../platform/platform.ts';
import { createAccountsModule } from '../accounts/index.ts';
import { decodeText, parseCsv } from '../library/index.ts';
import { rules } from './policy.ts';
import type { OrganisationsPorts } from './ports.ts';
import { createContactsService } from './services/contacts.ts';
import type { OrganisationsContext } from './services/context.ts';
import { createDirectoryService } from './services/directory.ts';
import { createImportsService } from './services/imports.ts';
import { createNetworksService } from './services/networks.ts';
import { createProfileService } from './services/profile.ts';
import { createContactsStore } from './store/contacts.ts';
import { createMembershipsStore } from './store/memberships.ts';
import { createNetworksStore } from './store/networks.ts';
import { createOrganisationsStore } from './store/organisations.ts';
import { createProfilesStore } from './store/profiles.ts';

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
    csv: { read: (input) => parseCsv(decodeText(input)) },
  };
  const db: Db = platform.db;
  return {
    db,
    dialect: platform.dialect,
    clock: platform.clock,
    audit: platform.audit,
    jobs: platform.jobs,
    events: platform.events,
    baseUrl: platform.config.baseUrl,
    organisations: createOrganisationsStore(db, platform.clock),
    memberships: createMembershipsStore(db, platform.clock),
    contacts: createContactsStore(db, platform.clock),
    networks: createNetworksStore(db, platform.clock),
    profiles: createProfilesStore(db, platform.clock),
    ports,
  };
}

/** The directory over a platform (one « server instance »). */
export function directoryOf(platform: Platform) {
  return createDirectoryService(contextOf(platform));
}

/** The contacts, networks, identifiers and import services over a platform, with the module's rules declared. */
export function contactServicesOf(platform: Platform) {
  registerRules(rules); // the same rules again for every platform: accepted
  const context = contextOf(platform);
  return {
    context,
    accounts: accountsOf(platform),
    contacts: createContactsService(context),
    networks: createNetworksService(context),
    profile: createProfileService(context),
    imports: createImportsService(context),
    directory: createDirectoryService(context),
  };
}

/** A signed-in person as the services see them (no session). */
export function actor(
  id: number,
  role: CurrentUser['role'] = 'user',
  memberships: CurrentUser['memberships'] = [],
): CurrentUser {
  return { id, email: `personne${id}@exemple.fr`, name: `Personne ${id}`, role, memberships };
}
