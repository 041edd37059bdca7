/** Open data (downloads of the published use cases, public fields only), statistics and the map. */
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { CsvSeparatorQuery, csvDialectOf } from '../../../platform/export/csv.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { DOWNLOADS } from '../services/open-data.ts';
import { OpenDataPage } from '../views/data.tsx';
import { MapPage } from '../views/map.tsx';
import { StatisticsPage } from '../views/statistics.tsx';
import type { LibraryHttpDeps } from './common.ts';
import { INVENTORY_DOWNLOADS } from './inventory.ts';

export function openDataRoutes({ services }: LibraryHttpDeps): FastifyPluginAsync {
  const { openData, search, reading } = services;
  return async (app) => {
    app.get('/statistiques', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) =>
      reply.page(
        'Statistiques',
        <StatisticsPage stats={await search.statistics()} months={await reading.publicationMonths()} />,
      ),
    );

    app.get('/carte', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) =>
      reply.page('Carte', <MapPage data={await search.mapData()} />),
    );

    app.get('/donnees-ouvertes', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) => {
      // The count is the Interconnectés file's own: what the page announces is what the file holds.
      const report = await openData.interconnectesReport();
      return reply.page(
        'Données ouvertes',
        <OpenDataPage
          downloads={[...openData.downloads(), ...INVENTORY_DOWNLOADS]}
          fields={openData.fields()}
          report={report}
        />,
        {
          alternates: [
            {
              type: 'application/atom+xml',
              href: '/bibliotheque/flux.atom',
              title: 'Fiches nouvelles et mises à jour',
            },
          ],
        },
      );
    });

    app.get(
      '/donnees-ouvertes/:file',
      {
        schema: {
          tags: ['use-cases'],
          summary: 'Téléchargement des fiches publiées (données ouvertes)',
          description:
            'Fichiers listés sur /donnees-ouvertes : bibliotheque-ia.csv (tableur français par défaut ; ' +
            '`separateur=virgule` pour les programmes), bibliotheque-ia-interconnectes.csv (format des Interconnectés, ' +
            'virgule), bibliotheque-ia-interconnectes-rapport.json, bibliotheque-ia.json, bibliotheque-ia.xlsx, ' +
            'bibliotheque-ia-ats.json.',
          params: Type.Object({ file: Type.String() }),
          querystring: CsvSeparatorQuery,
        },
        config: { access: ACCESS.public },
      },
      async (request, reply) => {
        const spec = DOWNLOADS[(request.params as { file: string }).file];
        if (!spec) {
          throw notFound('Ce fichier n’existe pas. Les téléchargements sont listés sur la page « Données ouvertes ».');
        }
        reply.header('access-control-allow-origin', '*');
        if (spec.format === 'interconnectes-report') {
          return reply.type('application/json; charset=utf-8').send(await openData.interconnectesReport());
        }
        const file = await openData.exportFile(spec.format, csvDialectOf(request.query as CsvSeparatorQuery));
        if (file.report) {
          reply.header('x-export-rows', String(file.report.written));
          reply.header('x-export-published', String(file.report.published));
        }
        return reply
          .type(file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .send(file.body);
      },
    );
  };
}
