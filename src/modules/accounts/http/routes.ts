/** Every route of the accounts module, as the plugins the module definition hands to the server. */
import type { FastifyPluginAsync } from 'fastify';
import { accountRoutes } from './account.tsx';
import { adminRoutes } from './admin.tsx';
import { oidcRoutes } from './oidc.tsx';
import { passwordResetRoutes } from './password-reset.tsx';
import { registrationRoutes } from './registration.tsx';
import { signInRoutes } from './sign-in.tsx';
import type { AccountsRouteDeps } from './support.tsx';

export function accountsRoutes(deps: AccountsRouteDeps): FastifyPluginAsync[] {
  return [
    registrationRoutes(deps),
    signInRoutes(deps),
    ...(deps.oidcClient ? [oidcRoutes({ oidc: deps.oidc, client: deps.oidcClient, baseUrl: deps.baseUrl })] : []),
    passwordResetRoutes(deps),
    accountRoutes(deps),
    adminRoutes(deps),
  ];
}
