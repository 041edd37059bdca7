/** Open data (downloads of the published use cases, public fields only), statistics and the map. */
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { DOWNLOADS } from '../services/open-data.ts';
import { OpenDataPage, StatisticsPage } from '../views/data.tsx';
import { MapPage } from '../views/map.tsx';
import type { LibraryHttpDeps } from './common.ts';

export function openDataRoutes({ services }: LibraryHttpDeps): FastifyPluginAsync {
  const { openData, search } = services;
  return async (app) => {
    app.get('/statistiques', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) =>
      reply.page('Statistiques', <StatisticsPage stats={await search.statistics()} />),
    );

    app.get('/carte', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) =>
      reply.page('Carte', <MapPage data={await search.mapData()} />),
    );

    app.get('/donnees-ouvertes', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) => {
      const stats = await search.statistics();
      return reply.page(
        'Données ouvertes',
        <OpenDataPage downloads={openData.downloads()} fields={openData.fields()} count={stats.total} />,
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
      { schema: { params: Type.Object({ file: Type.String() }) }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const spec = DOWNLOADS[(request.params as { file: string }).file];
        if (!spec) {
          throw notFound('Ce fichier n’existe pas. Les téléchargements sont listés sur la page « Données ouvertes ».');
        }
        const file = await openData.exportFile(spec.format);
        return reply
          .type(file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('access-control-allow-origin', '*')
          .send(file.body);
      },
    );
  };
}
