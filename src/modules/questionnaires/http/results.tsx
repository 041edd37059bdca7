/**
 * Reading the responses (coordinators): a campaign's results, its exports (CSV, XLSX, JSON, streamed), one response,
 * the files attached to responses, and the one-click draft use case from a census response.
 */

import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { CsvSeparatorQuery, csvDialectOf } from '../../../platform/export/csv.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { HttpError, ValidationError } from '../../../platform/http/errors.ts';
import { formFields, integerField } from '../../../platform/http/form.ts';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import type { ExportFormat, QuestionResult } from '../../forms/index.ts';
import type { LibraryBridge } from '../services/library.ts';
import type { ResultsService } from '../services/results.ts';
import { ResponsePage } from '../views/campaigns.tsx';
import { ResultsPage } from '../views/results.tsx';
import { C_CRUMB } from './campaigns.tsx';
import { FileIdParams, ResultsQuery, resultsFilterOf } from './schemas.ts';

const config = { access: ACCESS.coordinators };
const EmptyForm = formFields({});
const MinCellForm = formFields({
  minCell: integerField('Nombre minimum de répondants', { required: true, min: 1, max: 1000 }),
});

/** One question's results in the public JSON: the engine's result without the question's whole definition. */
const jsonResult = ({ question, ...rest }: QuestionResult) => ({
  question: { id: question.id, type: question.type, label: question.label },
  ...rest,
});

export function resultsRoutes(deps: { results: ResultsService; library: LibraryBridge }): FastifyPluginAsync {
  const { results, library } = deps;

  return async (app) => {
    app.get(
      '/coordination/campagnes/:id/resultats',
      { schema: { params: IdParams, querystring: ResultsQuery }, config },
      async (request, reply) => {
        const query = request.query as Record<string, unknown>;
        const data = await results.results(request.user, idOf(request.params), resultsFilterOf(query), {
          coordination: true,
        });
        return reply.page(
          `Résultats — ${data.campaign.title}`,
          <ResultsPage {...data} basePath={`/coordination/campagnes/${data.campaign.id}/resultats`} coordination />,
          {
            breadcrumbs: [
              C_CRUMB,
              { href: `/coordination/campagnes/${data.campaign.id}`, label: data.campaign.title },
              { label: 'Résultats' },
            ],
          },
        );
      },
    );

    app.post(
      '/coordination/campagnes/:id/resultats/seuil',
      { schema: { params: IdParams, body: MinCellForm.schema }, config },
      async (request, reply) => {
        const id = idOf(request.params);
        try {
          // The service authorises first, then refuses a missing or wrong number with the form reader's message.
          const { values, errors } = MinCellForm.read(request.body);
          await results.setMinCell(request.user, id, values.minCell ?? Number.NaN, errors.minCell);
          reply.flash('success', `Seuil de publication enregistré : ${values.minCell} répondants au moins.`);
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          reply.flash('error', Object.values(e.fields ?? {}).join(' ') || e.message);
        }
        return reply.redirect(`/coordination/campagnes/${id}/resultats`);
      },
    );

    // Public results as data: the same small-number protection and free-text rule as the public page.
    app.get(
      '/api/v1/campaigns/:id/results',
      {
        schema: {
          tags: ['questionnaires'],
          summary: "Résultats publics d'une campagne (sans ensemble de moins de N répondants)",
          params: IdParams,
          querystring: ResultsQuery,
          response: {
            200: Type.Unsafe<object>({
              type: 'object',
              description:
                'Résultats par question ; `withheld` quand le filtre regroupe trop peu de répondants (`results` est alors null).',
              additionalProperties: true,
            }),
          },
        },
        config: { access: ACCESS.public },
      },
      async (request) => {
        const query = request.query as Record<string, unknown>;
        const data = await results.results(request.user, idOf(request.params), resultsFilterOf(query));
        return {
          campaign: { id: data.campaign.id, title: data.campaign.title, state: data.state },
          filter: data.filter,
          minRespondents: data.minCell,
          withheld: data.withheld,
          counts: data.counts,
          results: data.results?.questions.map(jsonResult) ?? null,
          breakdown: data.breakdown,
        };
      },
    );

    // -- exports: streamed, one row per response -------------------------------------------------------------------

    for (const format of ['csv', 'json', 'xlsx'] as const satisfies readonly ExportFormat[]) {
      app.get(
        `/coordination/campagnes/:id/export.${format}`,
        { schema: { params: IdParams, querystring: CsvSeparatorQuery }, config },
        async (request, reply) => {
          const file = await results.exportFile(request.user, idOf(request.params), format, {
            onError: (e) => request.log.error({ err: e }, `export ${format}`),
            csv: csvDialectOf(request.query as CsvSeparatorQuery),
          });
          return reply
            .type(file.contentType)
            .header('content-disposition', `attachment; filename="${file.filename}"`)
            .send(file.body);
        },
      );
    }

    // -- responses ------------------------------------------------------------------------------------------------

    app.get('/coordination/reponses/:id', { schema: { params: IdParams }, config }, async (request, reply) => {
      const data = await results.response(request.user, idOf(request.params));
      return reply.page(
        `Réponse de ${data.response.organisationName ?? 'répondant anonyme'}`,
        <ResponsePage {...data} />,
        {
          breadcrumbs: [
            C_CRUMB,
            { href: `/coordination/campagnes/${data.campaign.id}`, label: data.campaign.title },
            { label: data.response.organisationName ?? 'Réponse anonyme' },
          ],
        },
      );
    });

    app.post(
      '/coordination/reponses/:id/fiche',
      { schema: { params: IdParams, body: EmptyForm.schema }, config },
      async (request, reply) => {
        try {
          const created = await library.createDraft(request.user, idOf(request.params));
          const skipped = created.skipped;
          reply.flash(
            'success',
            created.created
              ? `Fiche brouillon créée dans la bibliothèque${skipped.length ? ` (${skipped.length} réponse(s) non reprise(s) : ${skipped.map((s) => s.message).join(' ')})` : ''}.`
              : 'Cette réponse a déjà sa fiche.',
          );
          return reply.redirect(created.url);
        } catch (e) {
          if (e instanceof ValidationError || (e instanceof HttpError && e.status === 503)) {
            reply.flash(
              'error',
              e instanceof ValidationError ? Object.values(e.fields ?? {}).join(' ') || e.message : e.message,
            );
            return reply.redirect(`/coordination/reponses/${idOf(request.params)}`);
          }
          throw e;
        }
      },
    );

    app.post(
      '/coordination/reponses/:id/initiative',
      { schema: { params: IdParams, body: EmptyForm.schema }, config },
      async (request, reply) => {
        try {
          const created = await library.createInitiative(request.user, idOf(request.params));
          reply.flash(
            'success',
            created.created
              ? 'Initiative de participation créée en brouillon : la collectivité peut la compléter.'
              : 'Cette réponse a déjà son initiative.',
          );
          return reply.redirect(created.url);
        } catch (e) {
          if (e instanceof ValidationError) {
            reply.flash('error', Object.values(e.fields ?? {}).join(' ') || e.message);
            return reply.redirect(`/coordination/reponses/${idOf(request.params)}`);
          }
          throw e;
        }
      },
    );

    app.get('/coordination/fichiers/:fileId', { schema: { params: FileIdParams }, config }, async (request, reply) => {
      const file = await results.file(request.user, (request.params as { fileId: string }).fileId);
      return reply
        .type(file.type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    });
  };
}
