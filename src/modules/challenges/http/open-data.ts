/**
 * Challenges as open data: CSV (French spreadsheet by default, `separateur=virgule` for programs), JSON, the Atom feed
 * of their news and stage changes, and each challenge's calendar of milestones (iCalendar).
 */
import type { FastifyPluginAsync } from 'fastify';
import { ATOM_CONTENT_TYPE } from '../../../platform/export/atom.ts';
import { CSV_CONTENT_TYPE, CsvSeparatorQuery, csvDialectOf } from '../../../platform/export/csv.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import type { ChallengesServices } from '../services/index.ts';

export function openDataRoutes({ services }: { services: ChallengesServices }): FastifyPluginAsync {
  const { openData } = services;
  return async (app) => {
    app.get(
      '/defis/defis.csv',
      { schema: { querystring: CsvSeparatorQuery }, config: { access: ACCESS.public } },
      async (request, reply) =>
        reply
          .type(CSV_CONTENT_TYPE)
          .header('content-disposition', 'attachment; filename="defis.csv"')
          .send(await openData.csv(csvDialectOf(request.query as CsvSeparatorQuery))),
    );
    app.get('/defis/defis.json', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) =>
      reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="defis.json"')
        .send(JSON.stringify(await openData.json())),
    );
    app.get('/defis/flux.atom', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) =>
      reply.type(ATOM_CONTENT_TYPE).send(await openData.feed()),
    );
    app.get(
      '/defis/:id/calendrier.ics',
      { schema: { params: IdParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const id = idOf(request.params);
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', `inline; filename="defi-${id}.ics"`)
          .send(await openData.calendar(id));
      },
    );
  };
}
