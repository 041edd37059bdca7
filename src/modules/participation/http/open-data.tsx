/** Initiatives as open data (CSV, JSON, Atom), their statistics and their map. Public, published content only. */
import type { FastifyPluginAsync } from 'fastify';
import { ATOM_CONTENT_TYPE } from '../../../platform/export/atom.ts';
import { CSV_CONTENT_TYPE, CsvSeparatorQuery, csvDialectOf } from '../../../platform/export/csv.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import type { ParticipationServices } from '../services/index.ts';
import { MapPage, StatisticsPage } from '../views/figures.tsx';
import { FEED, LIST } from './pages.tsx';

export function openDataRoutes({ services }: { services: ParticipationServices }): FastifyPluginAsync {
  const { openData } = services;
  return async (app) => {
    app.get(
      '/initiatives/initiatives.csv',
      { schema: { querystring: CsvSeparatorQuery }, config: { access: ACCESS.public } },
      async (request, reply) =>
        reply
          .type(CSV_CONTENT_TYPE)
          .header('content-disposition', 'attachment; filename="initiatives-participation.csv"')
          .send(await openData.csv(csvDialectOf(request.query as CsvSeparatorQuery))),
    );
    app.get(
      '/initiatives/initiatives.json',
      { schema: {}, config: { access: ACCESS.public } },
      async (_request, reply) =>
        reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', 'attachment; filename="initiatives-participation.json"')
          .send(JSON.stringify(await openData.json())),
    );
    app.get('/initiatives/flux.atom', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) =>
      reply.type(ATOM_CONTENT_TYPE).send(await openData.feed()),
    );
    app.get('/initiatives/statistiques', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) =>
      reply.page(
        'Statistiques des initiatives de participation',
        <StatisticsPage {...(await services.statistics())} />,
        {
          breadcrumbs: [LIST, { label: 'Statistiques' }],
          alternates: [FEED],
        },
      ),
    );
    app.get('/initiatives/carte', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) =>
      reply.page('Carte des initiatives de participation', <MapPage data={await services.map()} />, {
        breadcrumbs: [LIST, { label: 'Carte' }],
      }),
    );
  };
}
