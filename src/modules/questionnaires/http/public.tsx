/**
 * What everyone sees: « Recensements » (a member's campaigns, published results), a campaign's public results, and
 * the JSON API of published questionnaires (our format and SurveyJS's).
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { can } from '../../../platform/auth/authorize.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import { FormDocumentSchema } from '../../forms/index.ts';
import type { CampaignService } from '../services/campaigns.ts';
import type { QuestionnaireService } from '../services/questionnaires.ts';
import type { ResultsService } from '../services/results.ts';
import { MyCampaignsPage } from '../views/answer.tsx';
import { ResultsPage } from '../views/results.tsx';
import { idPart, ResultsQuery, resultsFilterOf } from './schemas.ts';

export interface PublicDeps {
  questionnaires: QuestionnaireService;
  campaigns: CampaignService;
  results: ResultsService;
}

const QuestionnaireList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      version: Type.Integer({ description: 'Numéro de la dernière version publiée' }),
      updatedAt: Type.String(),
      url: Type.String(),
    }),
  ),
});

const VersionQuery = Type.Object({
  version: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Numéro de version (par défaut : la dernière publiée)' }),
  ),
});

export function publicRoutes(deps: PublicDeps): FastifyPluginAsync {
  const { questionnaires, campaigns, results } = deps;
  return async (app) => {
    /** « Mes recensements » for a signed-in person, « Recensements » for a visitor. */
    app.get('/recensements', { schema: {}, config: { access: ACCESS.public } }, async (request, reply) => {
      const user = request.user;
      const [rows, published] = await Promise.all([
        user ? campaigns.myCampaigns(user) : Promise.resolve(null),
        results.publicResults(),
      ]);
      return reply.page(
        user ? 'Mes recensements' : 'Recensements',
        <MyCampaignsPage rows={rows} coordinator={can(user, 'campaign.manage')} published={published} />,
      );
    });

    app.get(
      '/recensements/:campaignId/resultats',
      {
        schema: { params: Type.Object({ campaignId: idPart() }), querystring: ResultsQuery },
        config: { access: ACCESS.public },
      },
      async (request, reply) => {
        const query = request.query as Record<string, unknown>;
        const data = await results.results(request.user, idOf(request.params, 'campaignId'), resultsFilterOf(query));
        return reply.page(
          `Résultats — ${data.campaign.title}`,
          <ResultsPage {...data} basePath={`/recensements/${data.campaign.id}/resultats`} />,
          { breadcrumbs: [{ label: 'Recensements' }, { label: `Résultats — ${data.campaign.title}` }] },
        );
      },
    );

    // -- API --------------------------------------------------------------------------------------------------------

    app.get(
      '/api/v1/questionnaires',
      {
        schema: { tags: ['questionnaires'], summary: 'Questionnaires publiés', response: { 200: QuestionnaireList } },
        config: { access: ACCESS.public },
      },
      async () => ({ items: await questionnaires.publishedList() }),
    );

    app.get(
      '/api/v1/questionnaires/:id',
      {
        schema: {
          tags: ['questionnaires'],
          summary: 'Un questionnaire publié, au format natif de la plateforme',
          params: IdParams,
          querystring: VersionQuery,
          response: { 200: FormDocumentSchema },
        },
        config: { access: ACCESS.public },
      },
      async (request) =>
        questionnaires.published(idOf(request.params), (request.query as { version?: number }).version),
    );

    app.get(
      '/api/v1/questionnaires/:id/surveyjs',
      {
        schema: {
          tags: ['questionnaires'],
          summary: 'Un questionnaire publié, au format JSON de SurveyJS',
          params: IdParams,
          querystring: VersionQuery,
          response: {
            200: Type.Unsafe<object>({
              type: 'object',
              description: 'Questionnaire SurveyJS (pages, elements, visibleIf).',
              additionalProperties: true,
            }),
          },
        },
        config: { access: ACCESS.public },
      },
      async (request) => {
        const exported = await questionnaires.exportFile(request.user, idOf(request.params), {
          format: 'surveyjs',
          version: (request.query as { version?: number }).version,
        });
        return exported.json;
      },
    );
  };
}
