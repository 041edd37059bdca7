/**
 * Responsible AI in the JSON API: a sheet's assessments (published ones for everyone; drafts and private ones for
 * the authority's members and coordinators), with their result computed as on the result page.
 */
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { ApiErrorSchema } from '../../../platform/http/catalogue-api.ts';
import type { EthicsServices } from '../services/index.ts';
import { presentResult } from '../services/presenter.ts';
import { SheetParams, sheetIdOf } from './assessments.tsx';

const AssessmentSchema = Type.Object({
  id: Type.Integer(),
  use_case_id: Type.Integer(),
  kind: Type.Union([Type.Literal('self'), Type.Literal('ai_act'), Type.Literal('law')]),
  number: Type.Integer({ description: 'Numéro de version, par fiche et par type' }),
  status: Type.Union([Type.Literal('draft'), Type.Literal('signed')]),
  published: Type.Boolean(),
  published_at: Type.Union([Type.String(), Type.Null()]),
  signed_at: Type.Union([Type.String(), Type.Null()]),
  signed_by: Type.Union([Type.String(), Type.Null()], { description: 'Nom de la personne qui a signé' }),
  updated_at: Type.String(),
  result: Type.Unknown({
    description:
      'Résultat : scores par exigence et par principe, écarts et comparaison (self) ; catégorie, articles, obligations et dates (ai_act) ; liste des obligations (law).',
  }),
  answers: Type.Array(Type.Object({ page: Type.String(), question: Type.String(), answer: Type.String() })),
});

export function apiRoutes({ services }: { services: EthicsServices }): FastifyPluginAsync {
  const { assessments } = services;
  return async (app) => {
    app.get(
      '/api/v1/use-cases/:ref/assessments',
      {
        schema: {
          tags: ['use-cases'],
          summary: 'Les évaluations d’une fiche (IA responsable)',
          description:
            'Auto-évaluations, classifications au titre du règlement sur l’IA et listes des obligations d’une fiche. Les visiteurs ne reçoivent que les évaluations signées que la collectivité a publiées ; ses membres et les coordinateurs reçoivent aussi les brouillons et les évaluations non publiées.',
          params: SheetParams,
          response: { 200: Type.Object({ items: Type.Array(AssessmentSchema) }), 404: ApiErrorSchema },
        },
        config: { access: ACCESS.public, rateLimit: { max: 300, timeWindow: '1 minute' } },
      },
      async (request) => {
        const { sheet, assessments: list } = await assessments.ofSheet(request.user, sheetIdOf(request.params));
        const items = [];
        for (const a of list) {
          const previous = a.kind === 'self' ? await assessments.previousOf(request.user, a, sheet) : null;
          const r = presentResult(a, previous);
          items.push({
            id: r.id,
            use_case_id: r.useCaseId,
            kind: r.kind,
            number: r.number,
            status: r.status,
            published: r.published,
            published_at: r.publishedAt,
            signed_at: r.signedAt,
            signed_by: r.signedBy,
            updated_at: r.updatedAt,
            result: r.detail,
            answers: r.answers,
          });
        }
        return { items };
      },
    );
  };
}
