/** Meetings in the JSON API: public meetings for everyone, members-only ones to the members of their group. */
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { parisLocalToUtc } from '../../../platform/calendar/paris-time.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { ApiErrorSchema } from '../../../platform/http/catalogue-api.ts';
import { badRequest } from '../../../platform/http/errors.ts';
import { durationOf, meetingPath } from '../model.ts';
import type { MeetingsServices } from '../services/index.ts';

const tags = ['meetings'];
const Nullable = <T extends ReturnType<typeof Type.String | typeof Type.Integer>>(s: T) => Type.Union([s, Type.Null()]);

export const MeetingSchema = Type.Object({
  id: Type.Integer(),
  url: Type.String({ description: 'Adresse de la page de la réunion' }),
  ical_url: Type.String({ description: 'La réunion au format iCalendar' }),
  title: Type.String(),
  description: Type.String(),
  group: Type.Object({ id: Type.Integer(), name: Type.String() }),
  starts_at: Type.String({ description: 'Début, instant UTC (ISO 8601)' }),
  ends_at: Type.String({ description: 'Fin, instant UTC (ISO 8601)' }),
  time_zone: Type.String({ description: 'Fuseau dans lequel la réunion est fixée : Europe/Paris' }),
  duration_minutes: Type.Integer(),
  place: Nullable(Type.String()),
  video_url: Nullable(
    Type.String({ description: 'Lien de visioconférence (réunions réservées aux membres : membres seulement)' }),
  ),
  visibility: Type.String({ description: 'public ou members' }),
  status: Type.String({ description: 'scheduled ou cancelled' }),
  capacity: Nullable(Type.Integer()),
  agenda: Type.Array(
    Type.Object({
      title: Type.String(),
      speaker: Nullable(Type.String()),
      speaker_function: Nullable(Type.String()),
      guest: Type.Boolean(),
    }),
  ),
  documents: Type.Array(
    Type.Object({ title: Type.String(), url: Type.String(), phase: Type.String({ description: 'before ou after' }) }),
  ),
});

const Query = Type.Object(
  {
    from: Type.Optional(
      Type.String({
        description: 'Début de la période (AAAA-MM-JJ, heure de Paris, inclus) ; par défaut : maintenant',
      }),
    ),
    to: Type.Optional(Type.String({ description: 'Fin de la période (AAAA-MM-JJ, heure de Paris, exclu)' })),
    group: Type.Optional(Type.String({ description: 'Identifiant d’un groupe' })),
  },
  { additionalProperties: false },
);

function dayStart(value: string | undefined, field: string): string | undefined {
  if (!value) return undefined;
  const r = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parisLocalToUtc(value, '00:00') : null;
  if (!r?.ok)
    throw badRequest('Paramètre de période invalide.', { [field]: 'Une date au format AAAA-MM-JJ est attendue.' });
  return r.utc;
}

export function apiRoutes({ services }: { services: MeetingsServices }): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/api/v1/meetings',
      {
        schema: {
          tags,
          summary: 'Réunions des groupes de travail',
          description:
            'Les réunions d’une période (`from`, `to` : dates AAAA-MM-JJ, heure de Paris ; sans `from`, à partir de maintenant), d’un groupe (`group`) ou de tous. Les visiteurs voient les réunions publiques ; les membres d’un groupe voient aussi celles qui leur sont réservées. Réunions annulées exclues. 500 au plus, par date de début.',
          querystring: Query,
          response: { 200: Type.Object({ items: Type.Array(MeetingSchema) }), 400: ApiErrorSchema },
        },
        config: { access: ACCESS.public, rateLimit: { max: 300, timeWindow: '1 minute' } },
      },
      async (request) => {
        const q = request.query as { from?: string; to?: string; group?: string };
        const from = dayStart(q.from, 'from') ?? services.clockIso();
        const to = dayStart(q.to, 'to');
        if (q.group && !/^[1-9]\d{0,11}$/.test(q.group))
          throw badRequest('Paramètre de groupe invalide.', {
            group: 'Un identifiant de groupe (nombre entier) est attendu.',
          });
        if (to && to <= from) throw badRequest('Période vide.', { to: '`to` doit suivre `from`.' });
        const groups = await services.groupMap();
        const list = (await services.list(request.user, { from, to, groupId: q.group ? Number(q.group) : null })).slice(
          0,
          500,
        );
        const base = services.baseUrl;
        return {
          items: list.map((m) => ({
            id: m.id,
            url: `${base}${meetingPath(m.id)}`,
            ical_url: `${base}${meetingPath(m.id)}/reunion.ics`,
            title: m.title,
            description: m.description,
            group: { id: m.groupId, name: groups.get(m.groupId)?.name ?? '' },
            starts_at: m.startsAt,
            ends_at: m.endsAt,
            time_zone: 'Europe/Paris',
            duration_minutes: durationOf(m),
            place: m.place,
            video_url: m.videoUrl,
            visibility: m.visibility,
            status: m.status,
            capacity: m.capacity,
            agenda: m.agenda.map((a) => ({
              title: a.title,
              speaker: a.speakerName,
              speaker_function: a.speakerFunction,
              guest: a.guest,
            })),
            documents: m.documents,
          })),
        };
      },
    );
  };
}
