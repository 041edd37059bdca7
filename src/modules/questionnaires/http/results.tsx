/**
 * Reading the responses (coordinators): a campaign's results, its exports (CSV, XLSX, JSON, streamed), one response,
 * the files attached to responses, and the one-click draft use case from a census response.
 */
import type { FastifyPluginAsync } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { HttpError, ValidationError } from '../../../platform/http/errors.ts';
import { formFields, textOf } from '../../../platform/http/form.ts';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import type { ExportFormat } from '../../forms/index.ts';
import type { LibraryBridge } from '../services/library.ts';
import type { ResultsService } from '../services/results.ts';
import { ResponsePage } from '../views/campaigns.tsx';
import { ResultsPage } from '../views/results.tsx';
import { C_CRUMB } from './campaigns.tsx';
import { FileIdParams, ResultsQuery } from './schemas.ts';

const config = { access: ACCESS.coordinators };
const EmptyForm = formFields({});

export function resultsRoutes(deps: { results: ResultsService; library: LibraryBridge }): FastifyPluginAsync {
  const { results, library } = deps;

  return async (app) => {
    app.get(
      '/coordination/campagnes/:id/resultats',
      { schema: { params: IdParams, querystring: ResultsQuery }, config },
      async (request, reply) => {
        const query = request.query as Record<string, unknown>;
        const data = await results.results(
          request.user,
          idOf(request.params),
          {
            organisationType: textOf(query.type) || undefined,
            regionCode: textOf(query.region) || undefined,
          },
          { coordination: true },
        );
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

    // -- exports: streamed, one row per response -------------------------------------------------------------------

    for (const format of ['csv', 'json', 'xlsx'] as const satisfies readonly ExportFormat[]) {
      app.get(
        `/coordination/campagnes/:id/export.${format}`,
        { schema: { params: IdParams }, config },
        async (request, reply) => {
          const file = await results.exportFile(request.user, idOf(request.params), format, {
            onError: (e) => request.log.error({ err: e }, `export ${format}`),
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
