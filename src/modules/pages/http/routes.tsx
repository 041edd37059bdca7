/** Editorial pages (home, accessibility statement, personal data) and the coordinators' hub. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import type { PagesPorts } from '../ports.ts';
import type { HubService } from '../services/hub.ts';
import { AccessibilityPage, CoordinationHome, HomePage, MyWorkPage, PrivacyPage } from '../views/pages.tsx';

export function pagesRoutes(deps: { hub: HubService; recent: PagesPorts['recentUseCases'] }): FastifyPluginAsync {
  // These pages read no parameter: a query string is accepted and ignored.
  const schema = { querystring: Type.Object({}, { description: 'aucun paramètre' }) };
  const open = { schema, config: { access: ACCESS.public } };
  return async (app) => {
    app.get('/', open, async (_request, reply) => reply.page('Accueil', <HomePage recent={await deps.recent(4)} />));
    app.get('/accessibilite', open, async (_request, reply) =>
      reply.page("Déclaration d'accessibilité", <AccessibilityPage />),
    );
    app.get('/donnees-personnelles', open, async (_request, reply) =>
      reply.page('Données personnelles', <PrivacyPage />),
    );
    app.get('/coordination', { schema, config: { access: ACCESS.coordinators } }, async (request, reply) => {
      const hub = await deps.hub.coordinationHub(request.user);
      return reply.page('Coordination du réseau', <CoordinationHome {...hub} />);
    });
    app.get('/mon-espace', { schema, config: { access: ACCESS.signedIn } }, async (request, reply) => {
      const user = requireUser(request);
      const { groups } = await deps.hub.myWork(user);
      return reply.page('Mon espace', <MyWorkPage groups={groups} name={user.name || user.email} />);
    });
  };
}
