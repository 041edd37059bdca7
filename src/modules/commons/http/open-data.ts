/** Commons as open data: CSV (French spreadsheet by default, `separateur=virgule` for programs), JSON, Atom. */
import type { FastifyPluginAsync } from 'fastify';
import { ATOM_CONTENT_TYPE } from '../../../platform/export/atom.ts';
import { CSV_CONTENT_TYPE, CsvSeparatorQuery, csvDialectOf } from '../../../platform/export/csv.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import type { CommonsServices } from '../services/index.ts';

export function openDataRoutes({ services }: { services: CommonsServices }): FastifyPluginAsync {
  const { openData } = services;
  return async (app) => {
    app.get(
      '/communs/communs.csv',
      { schema: { querystring: CsvSeparatorQuery }, config: { access: ACCESS.public } },
      async (request, reply) =>
        reply
          .type(CSV_CONTENT_TYPE)
          .header('content-disposition', 'attachment; filename="communs.csv"')
          .send(await openData.csv(csvDialectOf(request.query as CsvSeparatorQuery))),
    );
    app.get('/communs/communs.json', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) =>
      reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="communs.json"')
        .send(JSON.stringify(await openData.json())),
    );
    app.get('/communs/flux.atom', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) =>
      reply.type(ATOM_CONTENT_TYPE).send(await openData.feed()),
    );
  };
}
