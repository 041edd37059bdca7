/** The administration of the platform: /admin (dashboard), users, audit log, mail outbox. Administrators only. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { text } from '../../../platform/http/form.ts';
import { IdParams, idOf, LooseForm } from '../../../platform/http/schemas.ts';
import type { HubLink } from '../../../platform/module.ts';
import { AdminDashboard, AuditPage, OutboxMessagePage, OutboxPage, UserPage, UsersPage } from '../views/admin.tsx';
import { type AccountsRouteDeps, ADMIN_CRUMBS, FORMS, NoQuery, orForm, textQuery } from './support.tsx';

/** The dashboard's own entries, around the other modules' (`adminLinks`). */
const USERS_LINK: HubLink = {
  href: '/admin/utilisateurs',
  label: 'Utilisateurs',
  description: 'Rechercher un compte, changer son rôle, le désactiver.',
};
const TRAILING_LINKS: HubLink[] = [
  { href: '/admin/journal', label: 'Journal des actions', description: 'Qui a changé quoi, et quand.' },
  {
    href: '/admin/courriels',
    label: 'Courriels envoyés',
    description: 'Les messages de la boîte d’envoi locale, quand aucun serveur SMTP n’est configuré.',
  },
];

const OutboxIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 300 }) });

export function adminRoutes(deps: Pick<AccountsRouteDeps, 'administration' | 'adminLinks'>): FastifyPluginAsync {
  const { administration } = deps;
  const admins = { access: ACCESS.admins };

  const userPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    errors?: Record<string, string>,
    role?: string,
  ) => {
    const { user, authorities } = await administration.getUser(request.user, id);
    return reply.page(
      user.name || user.email,
      <UserPage
        user={user}
        authorities={authorities}
        isSelf={request.user?.id === user.id}
        errors={errors}
        role={role}
      />,
      {
        status: errors ? 422 : undefined,
        breadcrumbs: ADMIN_CRUMBS(
          { href: '/admin/utilisateurs', label: 'Utilisateurs' },
          { label: user.name || user.email },
        ),
      },
    );
  };

  return async (app) => {
    app.get('/admin', { schema: { querystring: NoQuery }, config: admins }, async (request, reply) => {
      const summary = await administration.adminSummary(request.user);
      const links = [USERS_LINK, ...deps.adminLinks(), ...TRAILING_LINKS];
      return reply.page('Administration', <AdminDashboard {...summary} links={links} />, {
        breadcrumbs: [{ href: '/', label: 'Accueil' }, { label: 'Administration' }],
      });
    });

    app.get(
      '/admin/utilisateurs',
      { schema: { querystring: textQuery('q', 'page') }, config: admins },
      async (request, reply) => {
        const query = request.query as Record<string, unknown>;
        const list = await administration.listUsers(request.user, { q: text(query, 'q'), page: text(query, 'page') });
        return reply.page('Utilisateurs', <UsersPage {...list} />, {
          breadcrumbs: ADMIN_CRUMBS({ label: 'Utilisateurs' }),
        });
      },
    );

    app.get('/admin/utilisateurs/:id', { schema: { params: IdParams }, config: admins }, async (request, reply) =>
      userPage(request, reply, idOf(request.params)),
    );

    app.post(
      '/admin/utilisateurs/:id/role',
      { schema: { params: IdParams, body: FORMS.role.schema }, config: admins },
      async (request, reply) => {
        const id = idOf(request.params);
        const { role } = FORMS.role.read(request.body).values;
        const result = await orForm(
          () => administration.changeRole(request.user, id, role),
          (errors) => userPage(request, reply, id, errors, role),
        );
        if (!result.ok) return result.reply;
        return reply.flash('success', 'Le rôle est enregistré.').redirect(`/admin/utilisateurs/${id}`, 303);
      },
    );

    for (const [path, disable] of [
      ['desactiver', true],
      ['reactiver', false],
    ] as const) {
      app.post(
        `/admin/utilisateurs/:id/${path}`,
        { schema: { params: IdParams, body: LooseForm }, config: admins },
        async (request, reply) => {
          const id = idOf(request.params);
          try {
            await administration.setDisabled(request.user, id, disable);
          } catch (e) {
            if (e instanceof ValidationError) return userPage(request, reply, id, e.fields);
            throw e;
          }
          return reply
            .flash(
              'success',
              disable ? 'Le compte est désactivé ; ses sessions sont fermées.' : 'Le compte est réactivé.',
            )
            .redirect(`/admin/utilisateurs/${id}`, 303);
        },
      );
    }

    app.get(
      '/admin/journal',
      { schema: { querystring: textQuery('page') }, config: admins },
      async (request, reply) => {
        const page = text(request.query as Record<string, unknown>, 'page');
        const log = await administration.auditLog(request.user, { page });
        return reply.page('Journal des actions', <AuditPage {...log} />, {
          breadcrumbs: ADMIN_CRUMBS({ label: 'Journal des actions' }),
        });
      },
    );

    app.get(
      '/admin/courriels',
      { schema: { querystring: textQuery('page') }, config: admins },
      async (request, reply) => {
        const page = text(request.query as Record<string, unknown>, 'page');
        const outbox = administration.outbox(request.user, { page });
        return reply.page('Courriels envoyés', <OutboxPage {...outbox} />, {
          breadcrumbs: ADMIN_CRUMBS({ label: 'Courriels envoyés' }),
        });
      },
    );

    app.get('/admin/courriels/:id', { schema: { params: OutboxIdParams }, config: admins }, async (request, reply) => {
      const message = administration.outboxMessage(request.user, (request.params as { id: string }).id);
      return reply.page(message.subject, <OutboxMessagePage message={message} />, {
        breadcrumbs: ADMIN_CRUMBS({ href: '/admin/courriels', label: 'Courriels envoyés' }, { label: message.subject }),
      });
    });
  };
}
