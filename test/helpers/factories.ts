// Test factories: people, authorities and memberships created through the modules' public apis
// (`server.modules.api(name)`), never by writing into another module's tables. Used by test/helpers/app.ts
// (`app().createUser`, `createOrganisation`, `signedIn`) and by the browser harness (test/e2e/harness.ts).
import type { Kysely } from 'kysely';
import type { AccountsApi } from '../../src/modules/accounts/index.ts';
// TEMPORARY (see `legacy` below): the organisations' search text, until its api creates authorities.
import { searchText } from '../../src/modules/organisations/model.ts';
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

interface OrganisationsFactoryApi {
  /** Test factories and seeds: an authority as given, without audit. */
  createOrganisation?(input: NewTestOrganisation): Promise<number>;
  /** Test factories and seeds: an active membership, without audit nor mail. */
  addMember?(input: { userId: number; organisationId: number; role: 'member' | 'editor' }): Promise<void>;
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
  const organisations = () => api<OrganisationsFactoryApi>(server, 'organisations');
  const ids = new Map<string, number>();
  let counter = 0;

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
      counter++;
      const values = { ...input, code: input.code ?? `test:${counter}:${server.platform.clock.millis()}` };
      const create = organisations().createOrganisation;
      return create ? create(values) : legacy.insertOrganisation(server, values);
    },

    async addMembership(input) {
      const add = organisations().addMember;
      if (add) await add(input);
      else await legacy.insertMembership(server, input);
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

/**
 * TEMPORARY (redesign in progress): until the organisations module's api offers `createOrganisation` and
 * `addMember`, the factories write its rows as the test helper always did. Remove once the api has them.
 */
const legacy = {
  async insertOrganisation(server: Server, input: NewTestOrganisation & { code: string }): Promise<number> {
    const db = server.platform.db as unknown as Kysely<any>;
    const at = server.platform.clock.iso();
    const name = input.name;
    const row = await db
      .insertInto('organisations')
      .values({
        code: input.code,
        name,
        type: input.type ?? 'commune',
        siren: input.siren ?? null,
        departement_code: input.departementCode ?? null,
        region_code: input.regionCode ?? null,
        search_text: searchText({ name, siren: input.siren ?? null }),
        source: 'admin',
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  },

  async insertMembership(
    server: Server,
    input: { userId: number; organisationId: number; role: 'member' | 'editor' },
  ): Promise<void> {
    const db = server.platform.db as unknown as Kysely<any>;
    const at = server.platform.clock.iso();
    await db
      .insertInto('memberships')
      .values({
        user_id: input.userId,
        organisation_id: input.organisationId,
        role: input.role,
        status: 'active',
        requested_at: at,
        decided_at: at,
      })
      .execute();
  },
};
