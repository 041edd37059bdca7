/**
 * The groups' membership pages: the members' directory and the leads' add/remove, leaving, asking to join and the
 * requests leads decide. Thin: the services authorise, validate and act.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type from 'typebox';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { type FormBody, text } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm } from '../../../platform/http/schemas.ts';
import type { GroupsServices } from '../services/index.ts';
import { JoinFormPage } from '../views/forms.tsx';
import { DirectoryPage, RequestsPage } from '../views/members.tsx';
import { GROUP_LEADS } from './access.ts';

const LIST = { href: '/groupes', label: 'Groupes de travail' };
const id = Type.String({ pattern: '^[1-9][0-9]{0,15}$' });
const MemberParams = Type.Object({ id, userId: id });
const RequestParams = Type.Object({ id, requestId: id });

export function memberRoutes({ services }: { services: GroupsServices }): FastifyPluginAsync {
  const { groups, membership, pages } = services;

  async function renderDirectory(
    reply: FastifyReply,
    user: CurrentUser | null,
    groupId: number,
    extra: { values?: Record<string, string>; errors?: Record<string, string> } = {},
  ) {
    const d = await pages.directory(user, groupId);
    const title = `Membres — ${d.group.name}`;
    return reply.page(
      extra.errors ? `Erreur : ${title}` : title,
      <DirectoryPage d={d} values={extra.values} errors={extra.errors} />,
      {
        status: extra.errors ? 422 : undefined,
        breadcrumbs: [LIST, { href: d.group.path, label: d.group.name }, { label: 'Membres' }],
      },
    );
  }

  return async (app) => {
    // ---- members ----
    app.get(
      '/groupes/:id/membres',
      { schema: { params: IdParams }, config: { access: ACCESS.public } },
      async (request, reply) => renderDirectory(reply, request.user, idOf(request.params)),
    );

    app.post(
      '/groupes/:id/membres',
      { schema: { params: IdParams, body: LooseForm }, config: { access: GROUP_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const groupId = idOf(request.params);
        const body = request.body as FormBody;
        try {
          await membership.addMember(user, groupId, {
            email: text(body, 'email'),
            role: text(body, 'role') || 'member',
            function: text(body, 'function'),
          });
          return reply.flash('success', 'La personne fait partie du groupe.').redirect(`/groupes/${groupId}/membres`);
        } catch (e) {
          if (e instanceof ValidationError) {
            const values = { email: text(body, 'email'), role: text(body, 'role'), function: text(body, 'function') };
            return renderDirectory(reply, user, groupId, { values, errors: e.fields });
          }
          throw e;
        }
      },
    );

    app.post(
      '/groupes/:id/membres/:userId/retirer',
      { schema: { params: MemberParams, body: LooseForm }, config: { access: GROUP_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const groupId = idOf(request.params);
        try {
          await membership.removeMember(user, groupId, idOf(request.params, 'userId'));
        } catch (e) {
          if (e instanceof ValidationError) return renderDirectory(reply, user, groupId, { errors: e.fields });
          throw e;
        }
        return reply
          .flash('success', 'La personne ne fait plus partie du groupe.')
          .redirect(`/groupes/${groupId}/membres`);
      },
    );

    app.post(
      '/groupes/:id/quitter',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        const groupId = idOf(request.params);
        try {
          await membership.removeMember(user, groupId, user.id);
        } catch (e) {
          if (e instanceof ValidationError)
            return reply.flash('error', Object.values(e.fields ?? {})[0] ?? e.message).redirect(`/groupes/${groupId}`);
          throw e;
        }
        return reply.flash('success', 'Vous ne faites plus partie du groupe.').redirect(`/groupes/${groupId}`);
      },
    );

    // ---- join requests ----
    app.get(
      '/groupes/:id/rejoindre',
      { schema: { params: IdParams }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        const g = await pages.group(user, idOf(request.params));
        if (g.myRole || g.pendingSince) return reply.redirect(g.path);
        return reply.page(`Rejoindre « ${g.name} »`, <JoinFormPage group={g} message="" />, {
          breadcrumbs: [LIST, { href: g.path, label: g.name }, { label: 'Demander à rejoindre' }],
        });
      },
    );

    app.post(
      '/groupes/:id/rejoindre',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        const groupId = idOf(request.params);
        const body = request.body as FormBody;
        try {
          await membership.requestJoin(user, groupId, { message: text(body, 'message') });
          return reply
            .flash('success', 'Votre demande est envoyée aux pilotes du groupe. Vous recevrez leur réponse par e-mail.')
            .redirect(`/groupes/${groupId}`);
        } catch (e) {
          if (e instanceof ValidationError) {
            const g = await pages.group(user, groupId);
            return reply.page(
              `Erreur : Rejoindre « ${g.name} »`,
              <JoinFormPage group={g} message={text(body, 'message')} errors={e.fields} />,
              { status: 422, breadcrumbs: [LIST, { href: g.path, label: g.name }, { label: 'Demander à rejoindre' }] },
            );
          }
          throw e;
        }
      },
    );

    app.get(
      '/groupes/:id/demandes',
      { schema: { params: IdParams }, config: { access: GROUP_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const groupId = idOf(request.params);
        const requests = await membership.pendingOf(user, groupId);
        const group = await groups.get(groupId);
        return reply.page(
          `Demandes pour rejoindre — ${group.name}`,
          <RequestsPage group={{ name: group.name, path: `/groupes/${groupId}` }} requests={requests} />,
          {
            breadcrumbs: [LIST, { href: `/groupes/${groupId}`, label: group.name }, { label: 'Demandes' }],
          },
        );
      },
    );

    app.post(
      '/groupes/:id/demandes/:requestId',
      { schema: { params: RequestParams, body: LooseForm }, config: { access: GROUP_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const groupId = idOf(request.params);
        const decided = await membership.decide(
          user,
          groupId,
          idOf(request.params, 'requestId'),
          text(request.body as FormBody, 'decision'),
        );
        return reply
          .flash(
            'success',
            decided.status === 'accepted'
              ? 'Demande acceptée : la personne est membre du groupe et en est prévenue par e-mail.'
              : 'Demande refusée : la personne en est prévenue par e-mail.',
          )
          .redirect(`/groupes/${groupId}/demandes`);
      },
    );
  };
}
