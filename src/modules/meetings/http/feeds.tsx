/**
 * Calendar feeds (RFC 5545, METHOD:PUBLISH): the network's public meetings, a group's meetings, one meeting
 * (« Ajouter à mon agenda »), and a person's private feed behind a revocable token — a wrong or revoked token is a
 * 404 that does not say whether such a feed exists.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import type { MeetingsServices } from '../services/index.ts';

const TokenParams = Type.Object({ token: Type.String({ maxLength: 200 }) });

function ics(reply: FastifyReply, body: string, filename: string, cache = 'public, max-age=300') {
  return reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', cache)
    .send(body);
}

export function feedRoutes({ services }: { services: MeetingsServices }): FastifyPluginAsync {
  const { calendar, meetings } = services;
  return async (app) => {
    app.get('/agenda.ics', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) =>
      ics(reply, await calendar.publicFeed(), 'agenda.ics'),
    );

    app.get(
      '/groupes/:id/agenda.ics',
      { schema: { params: IdParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const body = await calendar.groupFeed(request.user, idOf(request.params));
        if (body == null) throw notFound();
        return ics(
          reply,
          body,
          `groupe-${idOf(request.params)}.ics`,
          request.user ? 'private, no-store' : 'public, max-age=300',
        );
      },
    );

    app.get(
      '/reunions/:id/reunion.ics',
      { schema: { params: IdParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const { meeting } = await meetings.readable(request.user, idOf(request.params));
        return ics(
          reply,
          await calendar.single(meeting),
          `reunion-${meeting.id}.ics`,
          meeting.visibility === 'public' ? 'public, max-age=300' : 'private, no-store',
        );
      },
    );

    app.get(
      '/agenda/personnel/:token/agenda.ics',
      { schema: { params: TokenParams }, config: { access: ACCESS.link } },
      async (request, reply) => {
        const body = await calendar.personalFeed((request.params as { token: string }).token);
        if (body == null) throw notFound();
        return ics(reply, body, 'mes-reunions.ics', 'private, no-store');
      },
    );
  };
}
