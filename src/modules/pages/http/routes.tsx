/** Editorial pages (home, accessibility statement, personal data) and the coordinators' hub. */
import type { FastifyPluginAsync } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import type { HubService } from '../services/hub.ts';
import { AccessibilityPage, CoordinationHome, HomePage, PrivacyPage } from '../views/pages.tsx';

export function pagesRoutes(deps: { hub: HubService }): FastifyPluginAsync {
  const open = { config: { access: ACCESS.public } };
  return async (app) => {
    app.get('/', open, async (_request, reply) => reply.page('Accueil', <HomePage />));
    app.get('/accessibilite', open, async (_request, reply) =>
      reply.page("Déclaration d'accessibilité", <AccessibilityPage />),
    );
    app.get('/donnees-personnelles', open, async (_request, reply) =>
      reply.page('Données personnelles', <PrivacyPage />),
    );
    app.get('/coordination', { config: { access: ACCESS.coordinators } }, async (request, reply) => {
      const hub = deps.hub.coordinationHub(request.user);
      return reply.page('Coordination du réseau', <CoordinationHome {...hub} />);
    });
  };
}
