// Test factories: people, authorities and memberships created through the modules' public apis
// (`server.modules.api(name)`), never by writing into another module's tables. Used by test/helpers/app.ts
// (`app().createUser`, `createOrganisation`, `signedIn`) and by the browser harness (test/e2e/harness.ts).
import type { AccountsApi } from '../../src/modules/accounts/index.ts';
import type { OrganisationsApi, OrganisationType } from '../../src/modules/organisations/index.ts';
import type { GlobalRole } from '../../src/platform/auth/user.ts';
import type { Server } from '../../src/server.ts';

export const TEST_PASSWORD = 'mot-de-passe-de-test-123';

export interface NewTestUser {
  email: string;
  password?: string;
  role?: GlobalRole;
  /** Active memberships, created with the user. */
  memberships?: { organisationId: number; role: 'member' | 'editor' }[];
}

export interface NewTestOrganisation {
  name: string;
  type?: string;
  code?: string;
  siren?: string;
  departementCode?: string;
  regionCode?: string;
  population?: number;
}

export interface Factories {
  /** Creates a confirmed account (and its active memberships); the email is stored lower-cased. */
  createUser(input: NewTestUser): Promise<{ id: number; email: string; password: string }>;
  /** Creates an authority; returns its id. */
  createOrganisation(input: NewTestOrganisation): Promise<number>;
  /** Makes a person an active member of an authority with this role. */
  addMembership(input: { userId: number; organisationId: number; role: 'member' | 'editor' }): Promise<void>;
  /** The id of an account created by these factories, by email (signing in without the sign-in form). */
  userIdOf(email: string): Promise<number>;
}

/** The module apis the factories use, by module name. */
function api<T>(server: Server, module: string): T {
  return server.modules.api(module) as T;
}

const byServer = new WeakMap<Server, Factories>();

/** The factories of a test server (one set per server: it remembers the accounts it created). */
export function factoriesOf(server: Server): Factories {
  let factories = byServer.get(server);
  if (!factories) {
    factories = createFactories(server);
    byServer.set(server, factories);
  }
  return factories;
}

function createFactories(server: Server): Factories {
  const accounts = () => api<AccountsApi>(server, 'accounts');
  const organisations = () => api<OrganisationsApi>(server, 'organisations');
  const ids = new Map<string, number>();

  const factories: Factories = {
    async createUser(input) {
      const email = input.email.toLowerCase();
      const password = input.password ?? TEST_PASSWORD;
      const id = await accounts().createUser({
        email,
        name: email.split('@')[0]!,
        role: input.role ?? 'user',
        password,
        confirmed: true,
      });
      ids.set(email, id);
      for (const m of input.memberships ?? []) await factories.addMembership({ userId: id, ...m });
      return { id, email, password };
    },

    async createOrganisation(input) {
      // The module names it « test:<n>:<time> » unless a code is given.
      return organisations().createOrganisation({ ...input, type: input.type as OrganisationType | undefined });
    },

    async addMembership(input) {
      await organisations().addMember({ ...input, status: 'active' });
    },

    async userIdOf(email) {
      const id = ids.get(email.toLowerCase());
      if (id === undefined) {
        throw new Error(`${email} : compte inconnu des fabriques de test (créez-le avec app().createUser)`);
      }
      return id;
    },
  };
  return factories;
}
