/** Contributions in the JSON API: the published, non-hidden messages of a published sheet or initiative, paginated. */
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { ApiErrorSchema } from '../../../platform/http/catalogue-api.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import { LIMITS, type TargetKind } from '../model.ts';
import type { VoiceServices } from '../services/index.ts';

const tags = ['contributions'];
export const ContributionSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: 'question, comment, concerned, support ou official' }),
  official: Type.Boolean({ description: 'Réponse officielle de l’organisme responsable' }),
  author: Type.String({ description: 'Pseudonyme, « Réponse officielle de … » ou compte supprimé' }),
  text: Type.String({ description: 'Texte brut (jamais interprété comme du HTML)' }),
  created_at: Type.String(),
});

const ThreadSchema = Type.Object({
  target: Type.Object({ kind: Type.String(), id: Type.Integer(), title: Type.String(), url: Type.String() }),
  items: Type.Array(ContributionSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  per_page: Type.Integer(),
  counts: Type.Object({ concerned: Type.Integer(), support: Type.Integer() }),
});

const PageQuery = Type.Object({ page: Type.Optional(Type.String({ description: 'Numéro de page (1 par défaut)' })) });

export function apiRoutes({ services }: { services: VoiceServices }): FastifyPluginAsync {
  return async (app) => {
    const routes: [string, TargetKind, string][] = [
      ['/api/v1/use-cases/:id/contributions', 'use_case', 'd’une fiche publiée'],
      ['/api/v1/initiatives/:id/contributions', 'initiative', 'd’une initiative publiée'],
    ];
    for (const [url, kind, what] of routes) {
      app.get(
        url,
        {
          schema: {
            tags,
            summary: `Contributions citoyennes ${what}`,
            description: `Les contributions publiées (ni en attente de modération, ni masquées), réponses officielles d’abord puis les plus récentes ; ${LIMITS.perPage} par page. Les auteurs apparaissent sous leur pseudonyme.`,
            params: IdParams,
            querystring: PageQuery,
            response: { 200: ThreadSchema, 404: ApiErrorSchema },
          },
          config: { access: ACCESS.public, rateLimit: { max: 300, timeWindow: '1 minute' } },
        },
        async (request) => {
          const page = Number((request.query as { page?: string }).page) || 1;
          const found = await services.thread.thread(kind, idOf(request.params), null, page);
          if (!found) throw notFound('Cette page n’est pas publiée.');
          const t = found.thread;
          return {
            target: {
              kind,
              id: t.target.id,
              title: t.target.title,
              url: `${services.baseUrl}${t.target.path}`,
            },
            items: t.messages.map((m) => ({
              id: m.id,
              kind: m.kind,
              official: m.official,
              author: m.author,
              text: m.body,
              created_at: m.createdAt,
            })),
            total: t.total,
            page: t.page,
            per_page: LIMITS.perPage,
            counts: t.counts,
          };
        },
      );
    }
  };
}
