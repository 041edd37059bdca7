import type { FastifyPluginAsync } from 'fastify';
import { isCoordinator } from '../../platform/auth/user.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { requireUser } from '../../platform/http/plugin.tsx';
import type { Platform } from '../../platform/platform.ts';
import { AccessibilityPage, CoordinationHome, HomePage, PrivacyPage } from './views/pages.tsx';

/** Editorial pages (home, accessibility statement, personal data) and the coordinators' hub. */
export function pagesRoutes(_deps: { platform: Platform }): FastifyPluginAsync {
  return async (app) => {
    app.get('/', async (_request, reply) => reply.page('Accueil', <HomePage />));
    app.get('/accessibilite', async (_request, reply) =>
      reply.page("Déclaration d'accessibilité", <AccessibilityPage />),
    );
    app.get('/coordination', async (request, reply) => {
      const user = requireUser(request);
      if (!isCoordinator(user)) throw forbidden('Cet espace est réservé aux coordinateurs du réseau.');
      return reply.page('Coordination du réseau', <CoordinationHome />);
    });
    app.get('/donnees-personnelles', async (_request, reply) => reply.page('Données personnelles', <PrivacyPage />));
  };
}
