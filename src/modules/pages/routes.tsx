import type { FastifyPluginAsync } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { AccessibilityPage, HomePage, PrivacyPage } from './views/pages.tsx';

/** Editorial pages: home, accessibility statement, personal data. */
export function pagesRoutes(_deps: { platform: Platform }): FastifyPluginAsync {
  return async (app) => {
    app.get('/', async (_request, reply) => reply.page('Accueil', <HomePage />));
    app.get('/accessibilite', async (_request, reply) =>
      reply.page("Déclaration d'accessibilité", <AccessibilityPage />),
    );
    app.get('/donnees-personnelles', async (_request, reply) => reply.page('Données personnelles', <PrivacyPage />));
  };
}
