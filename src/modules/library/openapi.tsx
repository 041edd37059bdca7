/**
 * OpenAPI 3.1 document of the whole JSON API (`/api/openapi.json`) and its human documentation page (`/api`).
 * Registered first and without encapsulation, so that every module's tagged `/api/…` route is described.
 */
import swagger from '@fastify/swagger';
import type { FastifyPluginAsync } from 'fastify';
import { type ApiOperation, ApiPage } from './views-legacy/data.tsx';

export function openApiRoutes(options: { baseUrl: string }): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Bibliothèque IA des territoires — API',
          description:
            'Fiches d’usages de l’IA des collectivités (champs publics sans jeton), listes de référence, collectivités. Erreurs : `{ "error": { "code", "message", "fields" } }` en français.',
          version: '1',
          license: {
            name: 'Licence Ouverte 2.0 (données)',
            url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
          },
        },
        servers: [{ url: options.baseUrl.replace(/\/$/, '') }],
        tags: [
          { name: 'use-cases', description: 'Fiches de la bibliothèque' },
          { name: 'reference', description: 'Listes de référence et champs' },
          { name: 'organisations', description: 'Collectivités et organismes' },
        ],
        components: {
          securitySchemes: {
            token: {
              type: 'http',
              scheme: 'bearer',
              description: 'Jeton d’API d’une collectivité (« bia_… »), créé par ses responsables.',
            },
          },
        },
      },
      hideUntagged: true,
    });

    app.get('/api/openapi.json', async (_request, reply) =>
      reply.header('access-control-allow-origin', '*').send(app.swagger()),
    );

    app.get('/api', async (_request, reply) => {
      const doc = app.swagger() as any;
      const operations: ApiOperation[] = [];
      for (const [path, methods] of Object.entries<Record<string, any>>(doc.paths ?? {})) {
        for (const [method, op] of Object.entries<any>(methods)) {
          operations.push({
            method: method.toUpperCase(),
            path,
            summary: op.summary ?? '',
            description: op.description,
            auth: Array.isArray(op.security) && op.security.length > 0,
          });
        }
      }
      operations.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
      return reply.page('API', <ApiPage operations={operations} />, {
        breadcrumbs: [{ href: '/', label: 'Accueil' }, { label: 'API' }],
      });
    });
  };
  // Not encapsulated: the swagger plugin sees the routes every module registers afterwards.
  (plugin as any)[Symbol.for('skip-override')] = true;
  return plugin;
}
