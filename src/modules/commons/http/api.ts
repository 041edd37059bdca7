/** Commons in the JSON API: search with facets, and one entry. Public fields only (never the contacts). */
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
import type { CommonsServices } from '../services/index.ts';
import { entryJson } from '../services/presenter.ts';
import { FACET_PARAMS } from '../services/search.ts';
import { readListQuery } from './pages.tsx';

const tags = ['commons'];
const Nullable = (s: ReturnType<typeof Type.String>) => Type.Union([s, Type.Null()]);
const OrganisationSchema = Type.Object({ id: Type.Integer(), name: Type.String(), type: Type.String() });

export const CommonsEntrySchema = Type.Object({
  id: Type.Integer(),
  url: Type.String({ description: 'Adresse de la page du commun' }),
  name: Type.String(),
  summary: Type.String(),
  kind: Type.String({ description: 'code, dataset, model, specification, guide ou service' }),
  status: Type.String({ description: 'idea, building, available, maintained ou archived' }),
  licence: Nullable(Type.String({ description: 'Identifiant SPDX' })),
  repository_url: Nullable(Type.String()),
  download_url: Nullable(Type.String()),
  documentation_url: Nullable(Type.String()),
  themes: Type.Array(Type.String()),
  commons_category: Nullable(Type.String()),
  maintainers: Type.Array(OrganisationSchema),
  users: Type.Array(OrganisationSchema),
  contributors: Type.Array(OrganisationSchema),
  use_cases: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), url: Type.String() })),
  news: Type.Array(
    Type.Object({ date: Type.String(), title: Type.String(), text: Type.String(), release: Nullable(Type.String()) }),
  ),
  created_at: Type.String(),
  updated_at: Type.String(),
});

/** One entry in the API: the list's fields and the challenge it came from. */
export const CommonsEntryDetailSchema = Type.Object({
  ...CommonsEntrySchema.properties,
  challenge: Type.Union([Type.Object({ id: Type.Integer(), title: Type.String(), url: Type.String() }), Type.Null()], {
    description: 'Le défi dont le commun est issu (étape « commun publié »), ou null',
  }),
});

const ListQuery = catalogueListQuery(
  Object.values(FACET_PARAMS),
  '« date » (dernière mise à jour) ou « nom » ; sans : pertinence',
);

export function apiRoutes({ services }: { services: CommonsServices }): FastifyPluginAsync {
  const baseUrl = () => services.baseUrl;
  return async (app) => {
    app.get(
      '/api/v1/commons',
      {
        schema: {
          tags,
          summary: 'Chercher des communs',
          description:
            'Mêmes paramètres que la page Communs : `q`, chaque facette (`type`, `statut`, `theme`, `categorie`, `licence`, `mainteneur`), `tri`, `page`, `per_page` (100 au plus). Renvoie les communs, le total et les comptes de chaque facette.',
          querystring: ListQuery,
          response: {
            200: catalogueListResponse(CommonsEntrySchema),
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
        const entries = await services.present(null, records, (id) => services.store.newsOf(id));
        return {
          items: entries.map((e) => entryJson(e, baseUrl())),
          total: result.total,
          page: result.page,
          per_page: perPage,
          facets: facetsByParam(result.facets, FACET_PARAMS),
          suggestion: result.suggestion,
        };
      },
    );

    app.get(
      '/api/v1/commons/:id',
      {
        schema: {
          tags,
          summary: 'Un commun',
          description:
            'Un commun : ce qu’il est, ses liens, ses mainteneurs, utilisateurs et contributeurs, les fiches qui l’utilisent, ses actualités et le défi dont il est issu.',
          params: IdParams,
          response: { 200: CommonsEntryDetailSchema, 404: ApiErrorSchema },
        },
        config: { access: ACCESS.public, rateLimit: { max: 300, timeWindow: '1 minute' } },
      },
      async (request) => {
        const entry = await services.entry(null, idOf(request.params));
        const origin = entry.origin;
        return {
          ...entryJson(entry, baseUrl()),
          challenge: origin ? { id: origin.id, title: origin.title, url: `${baseUrl()}${origin.path}` } : null,
        };
      },
    );
  };
}
