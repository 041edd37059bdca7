/** Initiatives in the JSON API: search with facets, and one initiative. Published content only. */
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
import { COMMITMENT_CODES } from '../commitments.ts';
import { BUDGET_CODES, FORMAT_CODES, PUBLIC_CODES, TOPIC_CODES } from '../model.ts';
import type { ParticipationServices } from '../services/index.ts';
import { initiativeJson } from '../services/presenter.ts';
import { FACET_PARAMS } from '../services/search.ts';
import { readListQuery } from './pages.tsx';

const tags = ['participation'];
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(s: T) =>
  Type.Union([s, Type.Null()]);

export const InitiativeSchema = Type.Object({
  id: Type.Integer(),
  url: Type.String({ description: 'Adresse de la page de l’initiative' }),
  title: Type.String(),
  plain_summary: Type.String({ description: '« En bref, en langage clair »' }),
  summary: Type.String(),
  format: Nullable(Type.String({ description: FORMAT_CODES.join(', ') })),
  topics: Type.Array(Type.String(), { description: TOPIC_CODES.join(', ') }),
  publics: Type.Array(Type.String(), { description: PUBLIC_CODES.join(', ') }),
  far_from_digital: Type.String({ description: 'Comment les personnes éloignées du numérique ont été associées' }),
  start_date: Nullable(Type.String({ description: 'AAAA-MM-JJ' })),
  end_date: Nullable(Type.String({ description: 'AAAA-MM-JJ' })),
  partners: Type.String(),
  budget_band: Nullable(Type.String({ description: BUDGET_CODES.join(', ') })),
  participants: Nullable(Type.Integer()),
  outcomes: Type.String({ description: 'Ce qui a changé dans la politique menée' }),
  obstacles: Type.String(),
  strengths: Type.String(),
  resources: Type.Array(Type.Object({ label: Type.String(), url: Type.String() })),
  contact: Type.String(),
  commitments: Type.Array(Type.String(), {
    description: `Engagements du Manifeste « Pour des territoires numériques responsables » : ${COMMITMENT_CODES.join(', ')}`,
  }),
  organisation: Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    type: Type.String(),
    region: Nullable(Type.String()),
    departement: Nullable(Type.String()),
  }),
  published_at: Nullable(Type.String()),
  updated_at: Type.String(),
});

const ListQuery = catalogueListQuery(
  Object.values(FACET_PARAMS),
  '« date » ou « titre » ; sans : pertinence, puis date',
);

export function apiRoutes({ services }: { services: ParticipationServices }): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/api/v1/initiatives',
      {
        schema: {
          tags,
          summary: 'Chercher des initiatives de participation',
          description:
            'Les initiatives publiées. Mêmes paramètres que la page Initiatives : `q`, chaque facette (`format`, `sujet`, `public`, `engagement`, `region`, `departement`, `type`, `annee`, `collectivite`), `tri`, `page`, `per_page` (100 au plus). Renvoie les initiatives, le total et les comptes de chaque facette.',
          querystring: ListQuery,
          response: {
            200: catalogueListResponse(InitiativeSchema),
          },
        },
        config: { access: ACCESS.public, rateLimit: { max: 300, timeWindow: '1 minute' } },
      },
      async (request) => {
        const raw = request.query as Record<string, unknown>;
        const query = readListQuery(raw);
        const perPage = apiPerPage(raw);
        const result = await services.search.search({ ...query, perPage });
        const items = await services.present(null, await services.store.findByIds(result.ids));
        return {
          items: items.map((p) => initiativeJson(p, services.baseUrl)),
          total: result.total,
          page: result.page,
          per_page: perPage,
          facets: facetsByParam(result.facets, FACET_PARAMS, ['organisation']),
          suggestion: result.suggestion,
        };
      },
    );

    app.get(
      '/api/v1/initiatives/:id',
      {
        schema: {
          tags,
          summary: 'Une initiative de participation',
          description:
            'Une initiative publiée : sa description, ses publics, ses résultats, ses ressources et les engagements du Manifeste qu’elle met en pratique.',
          params: IdParams,
          response: { 200: InitiativeSchema, 404: ApiErrorSchema },
        },
        config: { access: ACCESS.public, rateLimit: { max: 300, timeWindow: '1 minute' } },
      },
      async (request) => initiativeJson(await services.published(idOf(request.params)), services.baseUrl),
    );
  };
}
