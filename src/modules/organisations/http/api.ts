/** The JSON API of the directory (the authority picker's suggestions, other sites): /api/v1/organisations. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import {
  type OrganisationFilter,
  OrganisationJsonSchema,
  type OrganisationListQuery,
  OrganisationListQuerySchema,
  OrganisationListSchema,
  type OrganisationType,
} from '../model.ts';
import type { OrganisationsHttpDeps } from './support.ts';

const RefParams = Type.Object({
  ref: Type.String({ minLength: 1, maxLength: 200, description: 'Identifiant numérique ou code stable' }),
});

export function apiRoutes({ directory }: Pick<OrganisationsHttpDeps, 'directory'>): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/api/v1/organisations',
      {
        schema: {
          tags: ['organisations'],
          summary: 'Chercher des collectivités et organismes',
          description:
            'Recherche par début de mot dans le nom, le code postal, le code INSEE ou le SIREN (un SIRET est ramené à son SIREN). Sans `q`, liste filtrée par population décroissante.',
          querystring: OrganisationListQuerySchema,
          response: { 200: OrganisationListSchema },
        },
        config: { access: ACCESS.public, rateLimit: { max: 600, timeWindow: '1 minute' } },
      },
      async (request) => {
        const query = request.query as OrganisationListQuery;
        const filter: OrganisationFilter = {};
        if (query.q?.trim()) filter.q = query.q.trim();
        if (query.type) filter.type = query.type as OrganisationType;
        if (query.region) filter.regionCode = query.region;
        if (query.departement) filter.departementCode = query.departement.toUpperCase();
        const page = query.page ?? 1;
        const perPage = query.perPage ?? 20;
        const [{ total, rows }, maps] = await Promise.all([
          directory.list(filter, { limit: perPage, offset: (page - 1) * perPage }),
          directory.divisions(),
        ]);
        return { data: rows.map((o) => directory.toJson(o, maps)), page, perPage, total };
      },
    );

    app.get(
      '/api/v1/organisations/:ref',
      {
        schema: {
          tags: ['organisations'],
          summary: 'Une collectivité ou un organisme, par identifiant ou par code stable',
          description: "`ref` : l'identifiant numérique ou le code stable (« commune:75056 », « epci:200046977 »).",
          params: RefParams,
          response: { 200: OrganisationJsonSchema },
        },
        config: { access: ACCESS.public },
      },
      async (request) => {
        const org = await directory.findByRef((request.params as { ref: string }).ref);
        return directory.toJson(org, await directory.divisions());
      },
    );
  };
}
