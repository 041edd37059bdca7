/**
 * Pooling routes: the suggestions page and API, « Ouvrir un défi » from a suggestion (coordinators), and
 * « Nous faisons pareil » (record, withdraw). Thin: the services authorise, validate and act.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type from 'typebox';
import type { Actor } from '../../../platform/auth/authorize.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { type FieldErrors, ValidationError } from '../../../platform/http/errors.ts';
import { text } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm } from '../../../platform/http/schemas.ts';
import type { SheetRef } from '../ports.ts';
import type { PoolingServices } from '../services/index.ts';
import { InterestPage, SuggestionsView } from '../views/suggestions.tsx';

const tags = ['pooling'];
const PAGE = { href: '/mutualisation/suggestions', label: 'Suggestions de mutualisation' };

export const SuggestionSchema = Type.Object({
  id: Type.Integer({ description: 'Identifiant du groupe : la plus petite des fiches qu’il réunit' }),
  label: Type.String({ description: 'Les mots qui distinguent le groupe' }),
  useCaseIds: Type.Array(Type.Integer(), { description: 'Fiches publiées du groupe' }),
  authorityIds: Type.Array(Type.Integer(), {
    description: 'Organisations concernées (au moins deux) : celles des fiches et celles qui ont dit faire pareil',
  }),
  score: Type.Number({ description: 'Indice de proximité : cohésion des textes × log2(1 + organisations)' }),
});

const ListQuery = Type.Object({
  page: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$' })),
  per_page: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', description: '1000 au plus (100 sans)' })),
});

const InterestForm = Type.Object(
  {
    organisation: Type.Optional(Type.String({ maxLength: 20 })),
    note: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: true },
);

export function poolingRoutes({ services }: { services: PoolingServices }): FastifyPluginAsync {
  async function interestPage(
    reply: FastifyReply,
    actor: Actor,
    sheet: SheetRef,
    values?: { organisation?: string; note?: string },
    errors?: FieldErrors,
  ) {
    const block = await services.interests.sheetBlock(actor, sheet);
    return reply.page(
      `${errors ? 'Erreur — ' : ''}Nous faisons pareil`,
      <InterestPage block={block} values={values} errors={errors} />,
      {
        status: errors ? 422 : undefined,
        breadcrumbs: [
          { href: '/bibliotheque', label: 'Bibliothèque' },
          { href: sheet.path, label: sheet.title },
          { label: 'Nous faisons pareil' },
        ],
      },
    );
  }

  return async (app) => {
    app.get(
      '/api/v1/pooling-suggestions',
      {
        schema: {
          tags,
          summary: 'Suggestions de mutualisation',
          description:
            'Groupes de fiches publiées par au moins deux organisations différentes qui travaillent sur le même sujet (similarité des textes analysés en français, sous-thèmes, catégorie de commun, déclarations « Nous faisons pareil »), les meilleurs d’abord. Recalculés quand la bibliothèque change.',
          querystring: ListQuery,
          response: {
            200: Type.Object({
              items: Type.Array(SuggestionSchema),
              total: Type.Integer(),
              page: Type.Integer(),
              per_page: Type.Integer(),
              computed_at: Type.Union([Type.String(), Type.Null()]),
            }),
          },
        },
        config: { access: ACCESS.public, rateLimit: { max: 300, timeWindow: '1 minute' } },
      },
      async (request) => {
        const q = request.query as { page?: string; per_page?: string };
        const perPage = Math.min(Math.max(Number(q.per_page) || 100, 1), 1000);
        const page = Math.max(Number(q.page) || 1, 1);
        const result = await services.list({ offset: (page - 1) * perPage, limit: perPage });
        return {
          items: result.items.map((s) => ({
            id: s.id,
            label: s.label,
            useCaseIds: s.useCaseIds,
            authorityIds: s.authorityIds,
            score: s.score,
          })),
          total: result.total,
          page,
          per_page: perPage,
          computed_at: result.run?.finishedAt ?? null,
        };
      },
    );

    app.get(
      '/mutualisation/suggestions',
      {
        schema: { querystring: Type.Object({ page: Type.Optional(Type.String()) }) },
        config: { access: ACCESS.public },
      },
      async (request, reply) => {
        const page = Number((request.query as { page?: string }).page) || 1;
        const data = await services.page(request.user ?? null, page);
        return reply.page('Suggestions de mutualisation', <SuggestionsView data={data} />, {
          breadcrumbs: [{ label: PAGE.label }],
        });
      },
    );

    app.post(
      '/mutualisation/suggestions/:id/defi',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.coordinators } },
      async (request, reply) => {
        const path = await services.openChallenge(request.user ?? null, idOf(request.params));
        return reply
          .flash('success', 'Défi ouvert à partir de la suggestion : complétez-le avant de l’annoncer.')
          .redirect(path);
      },
    );

    app.get(
      '/mutualisation/fiches/:id/nous-faisons-pareil',
      { schema: { params: IdParams }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        return interestPage(reply, user, await services.interests.publishedSheet(idOf(request.params)));
      },
    );

    app.post(
      '/mutualisation/fiches/:id/nous-faisons-pareil',
      // Members of another authority than the sheet's (its own people and network roles are refused by the service).
      { schema: { params: IdParams, body: InterestForm }, config: { access: ['other_editor'] } },
      async (request, reply) => {
        const user = requireUser(request);
        const body = request.body as Record<string, unknown>;
        const values = { organisation: text(body, 'organisation'), note: text(body, 'note') };
        const id = idOf(request.params);
        try {
          const { sheet } = await services.interests.declare(user, id, values);
          return reply
            .flash('success', 'C’est noté : l’équipe de la fiche et les coordinateurs savent que vous faites pareil.')
            .redirect(`${sheet.path}#mutualisation`);
        } catch (e) {
          if (e instanceof ValidationError) {
            return interestPage(reply, user, await services.interests.publishedSheet(id), values, e.fields);
          }
          throw e;
        }
      },
    );

    app.post(
      '/mutualisation/interets/:id/retirer',
      // The person who said it, the interested authority's editors, coordinators (the service decides).
      {
        schema: { params: IdParams, body: LooseForm },
        config: { access: ['other_editor', 'coordinator', 'admin'] },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const sheet = await services.interests.withdraw(user, idOf(request.params));
        return reply
          .flash('success', '« Nous faisons pareil » est retiré.')
          .redirect(sheet ? `${sheet.path}#mutualisation` : PAGE.href);
      },
    );
  };
}
