/**
 * After the meeting: attendance, the minutes editor and their history, actions (added by leads, their status changed
 * by their owner or the leads), and « Mon agenda » (the private calendar address, the actions one owns).
 */
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { type FormBody, list, text } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm } from '../../../platform/http/schemas.ts';
import { isOverdue, meetingPath } from '../model.ts';
import type { MeetingsServices } from '../services/index.ts';
import { MinutesEditorPage, MinutesHistoryPage, MyCalendarPage } from '../views/minutes.tsx';
import { ACTION_UPDATERS, MEETING_LEADS } from './access.ts';

const AGENDA = { href: '/agenda', label: 'Agenda' };

export function afterRoutes({ services }: { services: MeetingsServices }): FastifyPluginAsync {
  const { meetings, after, store, calendar } = services;

  async function editor(meetingId: number) {
    const m = await meetings.meeting(meetingId);
    const revisions = await store.minutes(meetingId);
    const members = (await services.membersOf(m.groupId)).map((p) => ({ userId: p.userId, name: p.name }));
    return { m, latest: revisions[0] ?? null, members, decisions: await store.decisions(meetingId) };
  }

  async function myCalendar(userId: number, newUrl: string | null) {
    const actions = await store.openActionsOfOwner(userId);
    const now = services.clockIso();
    return (
      <MyCalendarPage
        token={await store.activeToken(userId)}
        newUrl={newUrl}
        actions={actions.map((a) => ({ ...a, overdue: isOverdue(a, now), meetingPath: meetingPath(a.meetingId) }))}
      />
    );
  }

  return async (app) => {
    app.post(
      '/reunions/:id/presences',
      { schema: { params: IdParams, body: LooseForm }, config: { access: MEETING_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const present = new Set(
          list(request.body as FormBody, 'present')
            .map(Number)
            .filter(Number.isInteger),
        );
        await after.setAttendance(user, id, present);
        return reply.flash('success', 'Les présences sont enregistrées.').redirect(`${meetingPath(id)}#presences`);
      },
    );

    app.get(
      '/reunions/:id/compte-rendu',
      { schema: { params: IdParams }, config: { access: MEETING_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const { m, latest, members, decisions } = await editor(id);
        await meetings.assertLeads(user, m.groupId);
        return reply.page(
          `Compte rendu : ${m.title}`,
          <MinutesEditorPage
            meeting={{ title: m.title, path: meetingPath(id) }}
            base={latest?.revision ?? 0}
            values={{
              texte: latest?.body ?? '',
              publication: latest?.publication ?? 'draft',
              decisions: decisions.join('\n'),
            }}
            members={members}
          />,
          { breadcrumbs: [AGENDA, { href: meetingPath(id), label: m.title }, { label: 'Compte rendu' }] },
        );
      },
    );

    app.post(
      '/reunions/:id/compte-rendu',
      { schema: { params: IdParams, body: LooseForm }, config: { access: MEETING_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const body = request.body as FormBody;
        const values = {
          texte: text(body, 'texte'),
          publication: text(body, 'publication'),
          decisions: text(body, 'decisions'),
        };
        try {
          await after.saveMinutes(user, id, {
            base: Number(text(body, 'base')) || 0,
            body: values.texte,
            publication: values.publication,
            decisions: values.decisions.split('\n'),
          });
          return reply
            .flash('success', 'Le compte rendu est enregistré (nouvelle version).')
            .redirect(`${meetingPath(id)}#compte-rendu`);
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          const { m, members } = await editor(id);
          return reply.page(
            `Erreur : Compte rendu : ${m.title}`,
            <MinutesEditorPage
              meeting={{ title: m.title, path: meetingPath(id) }}
              base={Number(text(body, 'base')) || 0}
              values={values}
              errors={e.fields}
              members={members}
            />,
            {
              status: 422,
              breadcrumbs: [AGENDA, { href: meetingPath(id), label: m.title }, { label: 'Compte rendu' }],
            },
          );
        }
      },
    );

    app.get(
      '/reunions/:id/compte-rendu/historique',
      { schema: { params: IdParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const id = idOf(request.params);
        const { meeting: m, inside } = await meetings.readable(request.user, id);
        const { revisions } = await after.minutesFor(request.user, id, m.groupId, inside);
        const authors = await meetings.people(revisions.map((r) => r.authorId).filter((x): x is number => x != null));
        return reply.page(
          `Historique du compte rendu : ${m.title}`,
          <MinutesHistoryPage
            meeting={{ title: m.title, path: meetingPath(id) }}
            revisions={revisions.map((r) => ({
              ...r,
              authorName: r.authorId != null ? (authors.get(r.authorId)?.name ?? null) : null,
            }))}
          />,
          { breadcrumbs: [AGENDA, { href: meetingPath(id), label: m.title }, { label: 'Historique du compte rendu' }] },
        );
      },
    );

    app.post(
      '/reunions/:id/actions',
      { schema: { params: IdParams, body: LooseForm }, config: { access: MEETING_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const body = request.body as FormBody;
        const actionValues = {
          action_titre: text(body, 'action_titre'),
          action_responsable: text(body, 'action_responsable'),
          action_echeance: text(body, 'action_echeance'),
        };
        try {
          const actionId = await after.addAction(user, id, {
            title: actionValues.action_titre,
            ownerId: actionValues.action_responsable,
            dueDate: actionValues.action_echeance,
          });
          return reply.flash('success', 'L’action est ajoutée.').redirect(`${meetingPath(id)}#action-${actionId}`);
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          const { m, latest, members, decisions } = await editor(id);
          return reply.page(
            `Erreur : Compte rendu : ${m.title}`,
            <MinutesEditorPage
              meeting={{ title: m.title, path: meetingPath(id) }}
              base={latest?.revision ?? 0}
              values={{
                texte: latest?.body ?? '',
                publication: latest?.publication ?? 'draft',
                decisions: decisions.join('\n'),
              }}
              actionValues={actionValues}
              actionErrors={e.fields}
              members={members}
            />,
            {
              status: 422,
              breadcrumbs: [AGENDA, { href: meetingPath(id), label: m.title }, { label: 'Compte rendu' }],
            },
          );
        }
      },
    );

    app.post(
      '/reunions/actions/:id/etat',
      {
        schema: {
          params: IdParams,
          body: Type.Object(
            { statut: Type.Optional(Type.String()), version: Type.Optional(Type.String()) },
            { additionalProperties: true },
          ),
        },
        config: { access: ACTION_UPDATERS },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const body = request.body as FormBody;
        const a = await after.setActionStatus(
          user,
          idOf(request.params),
          Number(text(body, 'version')) || 0,
          text(body, 'statut'),
        );
        return reply
          .flash('success', 'L’état de l’action est mis à jour.')
          .redirect(`${meetingPath(a.meetingId)}#action-${a.id}`);
      },
    );

    app.get('/mon-agenda', { schema: {}, config: { access: ACCESS.signedIn } }, async (request, reply) => {
      const user = requireUser(request);
      return reply.page('Mon agenda', await myCalendar(user.id, null), {
        breadcrumbs: [AGENDA, { label: 'Mon agenda' }],
      });
    });

    app.post(
      '/mon-agenda/jeton',
      { schema: { body: LooseForm }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        const token = await calendar.newToken(user.id);
        reply.header('cache-control', 'no-store');
        return reply.page('Mon agenda', await myCalendar(user.id, calendar.personalFeedUrl(token)), {
          breadcrumbs: [AGENDA, { label: 'Mon agenda' }],
        });
      },
    );

    app.post(
      '/mon-agenda/jeton/revoquer',
      { schema: { body: LooseForm }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        await calendar.revokeToken(user.id);
        return reply
          .flash('success', 'L’adresse de votre calendrier personnel est révoquée : elle ne fonctionne plus.')
          .redirect('/mon-agenda');
      },
    );
  };
}
