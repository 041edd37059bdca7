/** Challenges in the JSON API: search with facets, and one challenge. Everything in a challenge is public. */
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import {
  ApiErrorSchema,
  apiPerPage,
  catalogueListQuery,
  catalogueListResponse,
  facetsByParam,
} from '../../../platform/http/catalogue-api.ts';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import type { ChallengesServices } from '../services/index.ts';
import { challengeJson } from '../services/presenter.ts';
import { FACET_PARAMS } from '../services/search.ts';
import { readListQuery } from './pages.tsx';

const tags = ['challenges'];
const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);
const Day = () => Type.String({ description: 'AAAA-MM-JJ' });

export const ChallengeSchema = Type.Object({
  id: Type.Integer(),
  url: Type.String({ description: 'Adresse de la page du défi' }),
  title: Type.String(),
  need: Type.String({ description: 'Le besoin et son contexte' }),
  expected_result: Type.String(),
  data: Type.String({ description: 'Données disponibles ou nécessaires' }),
  hosting_constraints: Type.String(),
  personal_data_constraints: Type.String(),
  join_deadline: Nullable(Day()),
  open_to_join: Type.Boolean({ description: 'Les organismes peuvent encore le rejoindre' }),
  themes: Type.Array(Type.String()),
  commons_category: Nullable(Type.String()),
  stage: Type.String({ description: 'call_for_interest, scoping, building, published ou abandoned' }),
  abandon_reason: Nullable(Type.String()),
  stages: Type.Array(Type.Object({ stage: Type.String(), date: Type.String({ description: 'Instant ISO 8601' }) })),
  planned: Type.Object({
    scoping: Nullable(Day()),
    building: Nullable(Day()),
    publication: Nullable(Day()),
  }),
  stated_by: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  participants: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      type: Type.String(),
      role: Type.String({ description: 'lead (porteur), contributor, observer ou partner' }),
      brings: Type.String(),
      joined_at: Type.String(),
    }),
  ),
  use_cases: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), url: Type.String() })),
  commons: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String(), url: Type.String() }), Type.Null()]),
  news: Type.Array(Type.Object({ id: Type.Integer(), date: Type.String(), title: Type.String(), text: Type.String() })),
  created_at: Type.String(),
  updated_at: Type.String(),
});

const ListQuery = catalogueListQuery(
  Object.values(FACET_PARAMS),
  '« date » (dernière mise à jour) ou « titre » ; sans : pertinence',
);

export function apiRoutes({ services }: { services: ChallengesServices }): FastifyPluginAsync {
  const baseUrl = () => services.baseUrl;
  return async (app) => {
    app.get(
      '/api/v1/challenges',
      {
        schema: {
          tags,
          summary: 'Chercher des défis',
          description:
            'Mêmes paramètres que la page Défis : `q`, chaque facette (`etape`, `theme`, `categorie`, `participant` — type d’organisme participant —, `inscriptions` : `ouvertes` ou `closes`), `tri`, `page`, `per_page` (100 au plus). Renvoie les défis, le total et les comptes de chaque facette.',
          querystring: ListQuery,
          response: {
            200: catalogueListResponse(ChallengeSchema),
          },
        },
        config: { access: ACCESS.public, rateLimit: { max: 300, timeWindow: '1 minute' } },
      },
      async (request) => {
        const raw = request.query as Record<string, unknown>;
        const query = readListQuery(raw);
        const perPage = apiPerPage(raw);
        const result = await services.search.search({ ...query, perPage });
        const records = await services.store.findByIds(result.ids);
        const challenges = await services.present(null, records, (id) => services.store.newsOf(id));
        return {
          items: challenges.map((c) => challengeJson(c, baseUrl())),
          total: result.total,
          page: result.page,
          per_page: perPage,
          facets: facetsByParam(result.facets, FACET_PARAMS),
          suggestion: result.suggestion,
        };
      },
    );

    app.get(
      '/api/v1/challenges/:id',
      {
        schema: {
          tags,
          summary: 'Un défi',
          description:
            'Un défi : le besoin, le résultat attendu, les données et contraintes, l’étape et ses dates, les organismes participants avec leur rôle, les fiches d’où il vient, le commun publié et les actualités.',
          params: IdParams,
          response: { 200: ChallengeSchema, 404: ApiErrorSchema },
        },
        config: { access: ACCESS.public, rateLimit: { max: 300, timeWindow: '1 minute' } },
      },
      async (request) => challengeJson(await services.challenge(null, idOf(request.params)), baseUrl()),
    );
  };
}
