/**
 * The accounts module: people's accounts (sign-up, sign-in by password, one-time link or OpenID Connect, forgotten
 * password), « Mon compte » with the RGPD export and deletion, and the administration of users, roles, audit log
 * and mail outbox. This file is the module's only public surface.
 */
import { createAttemptThrottle } from '../../platform/auth/throttle.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { accountsE2ePages } from './e2e.ts';
import { accountsRoutes } from './http/routes.ts';
import type { UserSummary } from './model.ts';
import { rules } from './policy.ts';
import type { AccountsPorts } from './ports.ts';
import { seedDemoAccounts } from './seed.ts';
import { createAccountService } from './services/account.ts';
import { createAdministrationService } from './services/administration.ts';
import { createDirectoryService } from './services/directory.ts';
import { createLinkMailService, LINK_MAIL_JOB } from './services/link-mail.ts';
import { createOidcService } from './services/oidc.ts';
import { createOidcClient } from './services/oidc-client.ts';
import { createPasswordResetService } from './services/password-reset.ts';
import { createPersonalDataService } from './services/personal-data.ts';
import { createProvisioningService, type NewAccount } from './services/provisioning.ts';
import { createRegistrationService } from './services/registration.ts';
import { createSignInService, SIGN_IN_MAX_FAILURES, SIGN_IN_WINDOW_MS } from './services/sign-in.ts';
import { type AccountsDeps, createDelivery, createOneTimeLinks } from './services/support.ts';
import { createAccountsStore } from './store.ts';

export type { MyAuthority, User, UserSummary } from './model.ts';
export { AUTH_RATE_LIMIT, TOKEN_LIFETIME } from './model.ts';
export type { AccountsPorts, PersonalDataSource } from './ports.ts';
export { DEMO_ACCOUNTS, DEMO_AUTHORITY_CODE, DEMO_PASSWORD } from './seed.ts';
export type { NewAccount } from './services/provisioning.ts';

/** What other modules (and the command line, seeds and tests) may ask of accounts. */
export interface AccountsApi {
  /** People by id, with their address (unknown ids are left out). */
  findUsers(ids: number[]): Promise<UserSummary[]>;
  /** A person by address (any case), or null. */
  findUserByEmail(email: string): Promise<UserSummary | null>;
  /** Enabled network coordinators (not administrators), by name. */
  findCoordinators(): Promise<UserSummary[]>;
  /** The signed-in person of a session, with their active memberships; null for an unknown or disabled account. */
  loadUser(id: number): Promise<CurrentUser | null>;
  /** `user:create`: creates the account (or changes its role) and returns a one-time sign-in link. */
  createFromCli(input: { email?: unknown; role?: unknown; name?: unknown }): Promise<{
    link: string;
    user: { id: number; email: string; role: CurrentUser['role'] };
    created: boolean;
  }>;
  /** Test factories and fixtures: an account as given, without mail nor audit. Returns its id. */
  createUser(input: NewAccount): Promise<number>;
  /** Mails a one-time sign-in link to the address if it has an account (e2e pages, journeys). */
  requestMagicLink(email: string, retour?: string): Promise<{ email: string }>;
  /** Mails a password reset link to the address if it has an account (e2e pages, journeys). */
  requestPasswordReset(email: string): Promise<{ email: string }>;
}

/** The services of the module, built from the platform and the ports (no database access until called). */
function createServices(platform: Platform, ports: AccountsPorts) {
  const { db, clock, audit, sessions, mailer, jobs, events, config } = platform;
  const store = createAccountsStore(db, clock);
  const deps: AccountsDeps = {
    db,
    store,
    clock,
    audit,
    sessions,
    mailer,
    jobs,
    events,
    baseUrl: config.baseUrl,
    links: createOneTimeLinks(store, clock, config.baseUrl),
    deliver: createDelivery(mailer, (e) => console.error('envoi de courriel impossible', e)),
  };
  const linkMail = createLinkMailService(deps);
  return {
    links: deps.links,
    linkMail,
    registration: createRegistrationService(deps),
    signIn: createSignInService({
      ...deps,
      linkMail,
      throttle: createAttemptThrottle(db, clock, {
        prefix: 'sign-in-account',
        max: SIGN_IN_MAX_FAILURES,
        windowMs: SIGN_IN_WINDOW_MS,
      }),
    }),
    passwordReset: createPasswordResetService({ ...deps, linkMail }),
    oidc: createOidcService(deps),
    account: createAccountService({ ...deps, ports }),
    personalData: createPersonalDataService({ ...deps, ports }),
    administration: createAdministrationService({ ...deps, ports }),
    provisioning: createProvisioningService(deps),
    directory: createDirectoryService({ ...deps, ports }),
  };
}

export function createAccountsModule(platform: Platform, ports: AccountsPorts): ModuleDefinition<AccountsApi> {
  const services = createServices(platform, ports);
  const { config } = platform;
  const oidcClient = config.oidc
    ? createOidcClient({ ...config.oidc, redirectUri: `${config.baseUrl}/connexion/oidc/retour` })
    : null;

  const api: AccountsApi = {
    findUsers: services.directory.findUsers,
    findUserByEmail: services.directory.findUserByEmail,
    findCoordinators: services.directory.findCoordinators,
    loadUser: services.directory.loadUser,
    createFromCli: services.provisioning.createFromCli,
    createUser: services.provisioning.createUser,
    requestMagicLink: (email, retour) => services.signIn.requestMagicLink(email, retour),
    requestPasswordReset: services.passwordReset.requestPasswordReset,
  };

  return {
    name: 'accounts',
    api,
    routes: accountsRoutes({ ...services, oidcClient, adminLinks: ports.adminLinks, baseUrl: config.baseUrl }),
    rules,
    jobs: { [LINK_MAIL_JOB]: (payload) => services.linkMail.send(payload) },
    seed: { demo: ({ log }) => seedDemoAccounts(services.provisioning, ports, log) },
    commands: {
      'user:create': {
        summary:
          "Crée un compte (ou change le rôle d'un compte existant) et affiche un lien de connexion à usage unique.",
        usage: 'user:create --email E --role user|coordinator|admin [--name N]',
        options: {
          email: { type: 'string', description: 'adresse électronique' },
          role: { type: 'string', description: 'user, coordinator ou admin' },
          name: { type: 'string', description: 'nom affiché' },
        },
        async run(values) {
          const { link } = await services.provisioning.createFromCli({
            email: values.email,
            role: values.role,
            name: values.name,
          });
          console.log(`Compte prêt : ${values.email}`);
          console.log(`Lien de connexion à usage unique (valable 24 h) : ${link}`);
          return 0;
        },
      },
    },
    e2ePages: accountsE2ePages,
    authentication: { loadUser: services.directory.loadUser },
  };
}
