/**
 * The library's JSON API under /api/v1 (documented in the OpenAPI document): searching published use cases, one use
 * case and its versions, writing drafts and submitting them with an authority's token, reference lists and fields.
 */
import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { ApiErrorSchema } from '../../../platform/http/catalogue-api.ts';
import { notFound, ValidationError } from '../../../platform/http/errors.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import type { PerInstanceOption } from '../../../platform/http/rate-limit-store.ts';
import { openDataFieldDocumentation, PUBLIC_FIELDS } from '../fields.ts';
import { PresentedUseCaseSchema, readContentPatch, UseCaseContentInputSchema, WORKFLOW_STATES } from '../model.ts';
import { REFERENCE_LISTS, type ReferenceListKey } from '../reference.ts';
import { API_FACETS, FACET_PARAMS, LibraryQuerySchema, parseLibraryQuery } from '../services/search.ts';
import { FACET_TITLES } from '../views/library.tsx';
import {
  type LibraryHttpDeps,
  serverTiming,
  UseCaseParams,
  UseCaseVersionParams,
  useCaseIdOf,
  versionNumberOf,
} from './common.ts';

const FacetCountSchema = Type.Object({
  code: Type.String(),
  label: Type.String(),
  count: Type.Integer(),
  selected: Type.Boolean(),
});

const UseCaseListSchema = Type.Object({
  items: Type.Array(PresentedUseCaseSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  per_page: Type.Integer(),
  facets: Type.Object(Object.fromEntries(API_FACETS.map((k) => [FACET_PARAMS[k], Type.Array(FacetCountSchema)]))),
  suggestion: Type.Union([Type.String(), Type.Null()]),
});

/** Searches are counted in this process's memory: a database write and a durable commit per search would cost more
 * than most searches (platform/http/rate-limit-store.ts). */
const SEARCH_RATE_LIMIT: RateLimitOptions & PerInstanceOption = { max: 600, timeWindow: '1 minute', perInstance: true };

const tags = ['use-cases'];
const withToken = [{ token: [] }];

export function apiRoutes({ services }: LibraryHttpDeps): FastifyPluginAsync {
  const { search, reading, writing, workflow } = services;
  return async (app) => {
    app.get(
      '/api/v1/use-cases',
      {
        schema: {
          tags,
          summary: 'Chercher des fiches publiées',
          description:
            'Mêmes paramètres que la page Bibliothèque : `q`, chaque facette (`theme`, `sous_theme`, `statut`, `technique`, `commun`, `public`, `type`, `region`, `departement`, `annee`, `pays`, `reglement_ia`, `notice` (publiee), `auto_evaluation` (realisee), `organisation`), `sort`, `page`, `per_page`. Renvoie les fiches, le total et les comptes de chaque facette.',
          querystring: LibraryQuerySchema,
          response: { 200: UseCaseListSchema },
        },
        config: { access: ACCESS.public, rateLimit: SEARCH_RATE_LIMIT },
        ...serverTiming,
      },
      async (request) => {
        const query = parseLibraryQuery(request.query as Record<string, unknown>);
        const result = await search.query(request.user, query);
        const facets: Record<string, unknown> = {};
        for (const [key] of FACET_TITLES) facets[FACET_PARAMS[key]] = result.facets[key];
        return {
          items: result.items.map((i) => i.useCase),
          total: result.total,
          page: result.page,
          per_page: result.perPage,
          facets,
          suggestion: result.suggestion,
        };
      },
    );

    app.get(
      '/api/v1/use-cases/:ref',
      {
        schema: {
          tags,
          summary: 'Une fiche',
          description:
            'Les champs que l’appelant peut lire (publics sans jeton). Avec `?working=1`, la révision en cours pour la collectivité.',
          params: UseCaseParams,
          // `working` is described in the text above; declared as an open object, the document stays as it was.
          querystring: Type.Object({}, { additionalProperties: true }),
          response: { 200: PresentedUseCaseSchema, 404: ApiErrorSchema },
        },
        config: { access: ACCESS.public },
      },
      async (request) => {
        const working = (request.query as { working?: unknown }).working === '1';
        return reading.get(request.user, useCaseIdOf(request.params), { working });
      },
    );

    app.get(
      '/api/v1/use-cases/:ref/versions',
      {
        schema: {
          tags,
          summary: 'Les versions publiées d’une fiche',
          params: UseCaseParams,
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({ number: Type.Integer(), published_at: Type.String(), url: Type.String() }),
              ),
            }),
          },
        },
        config: { access: ACCESS.public },
      },
      async (request) => {
        const id = useCaseIdOf(request.params);
        const { versions } = await reading.versions(request.user, id);
        return {
          items: versions.map((v) => ({
            number: v.number,
            published_at: v.publishedAt,
            url: `/api/v1/use-cases/${id}/versions/${v.number}`,
          })),
        };
      },
    );

    app.get(
      '/api/v1/use-cases/:ref/versions/:number',
      {
        schema: {
          tags,
          summary: 'Une version publiée d’une fiche',
          params: UseCaseVersionParams,
          response: {
            200: Type.Object({
              number: Type.Integer(),
              published_at: Type.String(),
              content: UseCaseContentInputSchema,
            }),
          },
        },
        config: { access: ACCESS.public },
      },
      async (request) => {
        const number = versionNumberOf(request.params);
        const { version } = await reading.versionContent(request.user, useCaseIdOf(request.params), number);
        return { number: version.number, published_at: version.publishedAt, content: version.content };
      },
    );

    app.post(
      '/api/v1/use-cases',
      {
        schema: {
          tags,
          summary: 'Créer un brouillon',
          description:
            'Pour une collectivité dont l’appelant est membre (jeton de la collectivité). La fiche reste un brouillon jusqu’à sa soumission.',
          security: withToken,
          body: Type.Object({ organisationId: Type.Integer({ minimum: 1 }), content: UseCaseContentInputSchema }),
          response: { 201: PresentedUseCaseSchema, 422: ApiErrorSchema },
        },
        config: { access: ACCESS.authorityMembers, rateLimit: { max: 60, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const input = request.body as { organisationId: number; content: Record<string, unknown> };
        const row = await writing.create(user, input.organisationId, input.content);
        return reply.status(201).send(await reading.get(user, row.id, { working: true }));
      },
    );

    app.patch(
      '/api/v1/use-cases/:ref',
      {
        schema: {
          tags,
          summary: 'Modifier un brouillon (ou commencer une révision d’une fiche publiée)',
          description:
            '`version` : la version lue. Les champs absents restent inchangés. Conflit : 409 avec la version enregistrée.',
          security: withToken,
          params: UseCaseParams,
          body: Type.Object({ version: Type.Integer({ minimum: 1 }), content: UseCaseContentInputSchema }),
          response: { 200: PresentedUseCaseSchema, 409: ApiErrorSchema, 422: ApiErrorSchema },
        },
        config: { access: ACCESS.authorityMembers, rateLimit: { max: 120, timeWindow: '1 minute' } },
      },
      async (request) => {
        const user = requireUser(request);
        const id = useCaseIdOf(request.params);
        const input = request.body as { version: number; content: Record<string, unknown> };
        const { values, errors } = readContentPatch(input.content);
        if (Object.keys(errors).length) throw new ValidationError(errors);
        await writing.save(user, id, input.version, values);
        return reading.get(user, id, { working: true });
      },
    );

    app.post(
      '/api/v1/use-cases/:ref/submit',
      {
        schema: {
          tags,
          summary: 'Soumettre une fiche (ou sa révision) pour relecture',
          security: withToken,
          params: UseCaseParams,
          body: Type.Object({ version: Type.Integer({ minimum: 1 }) }),
          response: { 200: PresentedUseCaseSchema, 409: ApiErrorSchema, 422: ApiErrorSchema },
        },
        config: { access: ACCESS.authorityMembers },
      },
      async (request) => {
        const user = requireUser(request);
        const id = useCaseIdOf(request.params);
        await workflow.act(user, id, 'submit', { version: (request.body as { version: number }).version });
        return reading.get(user, id, { working: true });
      },
    );

    app.get(
      '/api/v1/reference-lists',
      {
        schema: { tags: ['reference'], summary: 'Toutes les listes de référence (codes stables et libellés)' },
        config: { access: ACCESS.public },
      },
      async () =>
        Object.fromEntries(
          Object.entries(REFERENCE_LISTS).map(([key, l]) => [key, { label: l.label, items: l.items }]),
        ),
    );

    app.get(
      '/api/v1/reference-lists/:key',
      {
        schema: {
          tags: ['reference'],
          summary: 'Une liste de référence',
          params: Type.Object({ key: Type.String() }),
        },
        config: { access: ACCESS.public },
      },
      async (request) => {
        const key = (request.params as { key: string }).key as ReferenceListKey;
        const l = (REFERENCE_LISTS as Record<string, (typeof REFERENCE_LISTS)[ReferenceListKey]>)[key];
        if (!l) throw notFound(`Liste inconnue : ${key}.`);
        return { key, label: l.label, items: l.items };
      },
    );

    app.get(
      '/api/v1/fields',
      {
        schema: { tags: ['reference'], summary: 'Les champs publics des fiches, documentés' },
        config: { access: ACCESS.public },
      },
      async () => ({
        items: openDataFieldDocumentation(),
        states: WORKFLOW_STATES,
        public_fields: PUBLIC_FIELDS.length,
      }),
    );
  };
}
