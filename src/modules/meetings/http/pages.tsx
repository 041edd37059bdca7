/**
 * The meetings' pages: the network's agenda, a meeting's page (registration), the meeting form (new, edit), the
 * cancellation, registering and unregistering. Thin: the services authorise, validate and act.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { type FormBody, text, textOf } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm, LooseQuery } from '../../../platform/http/schemas.ts';
import { type AttendanceMode, formValuesOf, formValuesOfRecord, MODES, meetingPath } from '../model.ts';
import type { MeetingsServices } from '../services/index.ts';
import { RegistrationRefused } from '../services/meetings.ts';
import { AgendaPage } from '../views/agenda.tsx';
import { MeetingFormPage } from '../views/form.tsx';
import { MeetingPage } from '../views/meeting.tsx';
import { MEETING_LEADS } from './access.ts';
import { cardOf, presentMeeting } from './present.ts';

const AGENDA = { href: '/agenda', label: 'Agenda' };
const FEED = { type: 'text/calendar', href: '/agenda.ics', title: 'Agenda du réseau (iCal)' };
const EMPTY_FORM = formValuesOf({});

export function meetingRoutes({ services }: { services: MeetingsServices }): FastifyPluginAsync {
  async function showMeeting(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    errors?: Record<string, string>,
    status?: number,
  ) {
    const m = await presentMeeting(services, request.user, id);
    return reply.page(errors ? `Erreur : ${m.title}` : m.title, <MeetingPage m={m} errors={errors} />, {
      status,
      breadcrumbs: [AGENDA, { label: m.title }],
    });
  }

  return async (app) => {
    app.get(
      '/agenda',
      { schema: { querystring: LooseQuery }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const query = request.query as Record<string, unknown>;
        const groupParam = textOf(query.groupe);
        const groups = await services.groupMap();
        const groupId = /^\d{1,12}$/.test(groupParam) && groups.has(Number(groupParam)) ? Number(groupParam) : null;
        const now = services.clockIso();
        const upcoming = await services.list(request.user, { from: now, groupId });
        const past = await services.pastWithMinutes(request.user, groupId);
        const leading = request.user ? await services.leadingGroups(request.user) : [];
        const listed = [...groups.values()]
          .filter((g) => g.visibility === 'public')
          .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
        return reply.page(
          'Agenda du réseau',
          <AgendaPage
            upcoming={upcoming.map((m) => cardOf(m, groups.get(m.groupId)))}
            past={past.map(({ meeting }) => ({
              ...cardOf(meeting, groups.get(meeting.groupId)),
              minutesPath: `${meetingPath(meeting.id)}#compte-rendu`,
            }))}
            groups={listed}
            groupId={groupId}
            feedPath={groupId ? `/groupes/${groupId}/agenda.ics` : '/agenda.ics'}
            signedIn={!!request.user}
            leading={leading}
          />,
          { alternates: [FEED] },
        );
      },
    );

    app.get(
      '/reunions/:id',
      { schema: { params: IdParams }, config: { access: ACCESS.public } },
      async (request, reply) => showMeeting(request, reply, idOf(request.params)),
    );

    app.get(
      '/groupes/:id/reunions/nouvelle',
      { schema: { params: IdParams }, config: { access: MEETING_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const group = await services.meetings.group(idOf(request.params));
        await services.meetings.assertLeads(user, group.id);
        return reply.page(
          'Nouvelle réunion',
          <MeetingFormPage
            action={`/groupes/${group.id}/reunions/nouvelle`}
            heading="Nouvelle réunion"
            groupName={group.name}
            values={{ ...EMPTY_FORM, visibilite: group.visibility === 'public' ? 'public' : 'members' }}
          />,
          {
            breadcrumbs: [AGENDA, { href: group.path, label: group.name }, { label: 'Nouvelle réunion' }],
          },
        );
      },
    );

    app.post(
      '/groupes/:id/reunions/nouvelle',
      { schema: { params: IdParams, body: LooseForm }, config: { access: MEETING_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const group = await services.meetings.group(idOf(request.params));
        const values = formValuesOf(request.body as FormBody);
        try {
          const id = await services.meetings.create(user, group.id, values);
          return reply
            .flash('success', 'La réunion est enregistrée ; les invitations partent aux membres du groupe.')
            .redirect(meetingPath(id));
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          return reply.page(
            'Erreur : Nouvelle réunion',
            <MeetingFormPage
              action={`/groupes/${group.id}/reunions/nouvelle`}
              heading="Nouvelle réunion"
              groupName={group.name}
              values={values}
              errors={e.fields}
              ambiguous={Object.values(e.fields ?? {}).some((m) => m.includes('existe deux fois'))}
            />,
            {
              status: 422,
              breadcrumbs: [AGENDA, { href: group.path, label: group.name }, { label: 'Nouvelle réunion' }],
            },
          );
        }
      },
    );

    app.get(
      '/reunions/:id/modifier',
      { schema: { params: IdParams }, config: { access: MEETING_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const m = await services.meetings.meeting(idOf(request.params));
        await services.meetings.assertLeads(user, m.groupId);
        const group = await services.meetings.group(m.groupId);
        return reply.page(
          `Modifier « ${m.title} »`,
          <MeetingFormPage
            action={`${meetingPath(m.id)}/modifier`}
            heading={`Modifier « ${m.title} »`}
            groupName={group.name}
            values={formValuesOfRecord(m)}
            version={m.version}
          />,
          {
            breadcrumbs: [AGENDA, { href: meetingPath(m.id), label: m.title }, { label: 'Modifier' }],
          },
        );
      },
    );

    app.post(
      '/reunions/:id/modifier',
      { schema: { params: IdParams, body: LooseForm }, config: { access: MEETING_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const body = request.body as FormBody;
        const values = formValuesOf(body);
        const m = await services.meetings.meeting(id);
        await services.meetings.assertLeads(user, m.groupId);
        try {
          await services.meetings.update(user, id, Number(text(body, 'version')) || 0, values);
          return reply
            .flash('success', 'La réunion est modifiée ; les participants reçoivent la mise à jour pour leur agenda.')
            .redirect(meetingPath(id));
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          const group = await services.meetings.group(m.groupId);
          return reply.page(
            `Erreur : Modifier « ${m.title} »`,
            <MeetingFormPage
              action={`${meetingPath(id)}/modifier`}
              heading={`Modifier « ${m.title} »`}
              groupName={group.name}
              values={values}
              errors={Object.keys(e.fields ?? {}).length ? e.fields : { titre: e.message }}
              version={Number(text(body, 'version')) || m.version}
              ambiguous={Object.values(e.fields ?? {}).some((x) => x.includes('existe deux fois'))}
            />,
            { status: 422, breadcrumbs: [AGENDA, { href: meetingPath(id), label: m.title }, { label: 'Modifier' }] },
          );
        }
      },
    );

    app.post(
      '/reunions/:id/annuler',
      { schema: { params: IdParams, body: LooseForm }, config: { access: MEETING_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        await services.meetings.cancel(user, id);
        return reply
          .flash('success', 'La réunion est annulée ; les participants sont prévenus.')
          .redirect(meetingPath(id));
      },
    );

    app.post(
      '/reunions/:id/inscription',
      {
        schema: {
          params: IdParams,
          body: Type.Object({ mode: Type.Optional(Type.String()) }, { additionalProperties: true }),
        },
        config: { access: ACCESS.signedIn },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const mode = text(request.body as FormBody, 'mode');
        if (!(MODES as readonly string[]).includes(mode)) {
          await services.meetings.readable(user, id);
          return showMeeting(
            request,
            reply,
            id,
            { mode: 'Indiquez si vous participerez sur place ou à distance.' },
            422,
          );
        }
        try {
          const r = await services.meetings.register(user, id, mode as AttendanceMode);
          return reply
            .flash(
              'success',
              r.status === 'registered'
                ? 'Vous êtes inscrit·e. Une invitation pour votre agenda vous est envoyée par courriel.'
                : `La réunion est complète : vous êtes sur la liste d’attente, en position ${r.rank}. Vous serez prévenu·e par courriel si une place se libère.`,
            )
            .redirect(`${meetingPath(id)}#inscription`);
        } catch (e) {
          if (e instanceof RegistrationRefused) return showMeeting(request, reply, id, { mode: e.message }, 409);
          throw e;
        }
      },
    );

    app.post(
      '/reunions/:id/desinscription',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        try {
          await services.meetings.unregister(user, id);
          return reply.flash('success', 'Votre désinscription est enregistrée.').redirect(meetingPath(id));
        } catch (e) {
          if (e instanceof RegistrationRefused) return showMeeting(request, reply, id, { mode: e.message }, 409);
          throw e;
        }
      },
    );
  };
}
