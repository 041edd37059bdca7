/**
 * The groups' pages: the list (a tree), a group's page and the group form (new, edit). Membership pages are in
 * members.tsx, followed items and the digest in follows.tsx. Thin: the services authorise, validate and act.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { authorize, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { type FormBody, text } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm } from '../../../platform/http/schemas.ts';
import { flattenTree } from '../model.ts';
import type { GroupsServices } from '../services/index.ts';
import { GroupFormPage, type GroupFormValues } from '../views/forms.tsx';
import { GroupPage } from '../views/group.tsx';
import { GroupListPage } from '../views/list.tsx';
import { GROUP_LEADS } from './access.ts';

const LIST = { href: '/groupes', label: 'Groupes de travail' };

const groupInput = (body: FormBody) => ({
  name: text(body, 'nom'),
  purpose: text(body, 'objet'),
  parentId: text(body, 'parent'),
  visibility: text(body, 'visibilite'),
  version: text(body, 'version') || undefined,
});
/** The service's field names → the form's. */
const formErrors = (fields: Record<string, string> = {}) => {
  const names: Record<string, string> = { name: 'nom', purpose: 'objet', parentId: 'parent', visibility: 'visibilite' };
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [names[k] ?? k, v]));
};

export function pageRoutes({ services }: { services: GroupsServices }): FastifyPluginAsync {
  const { groups, pages } = services;

  async function parentsFor(user: CurrentUser, selfId: number | null) {
    if (!can(user, 'group.create')) return null;
    const all = await groups.visibleGroups(user);
    // A group cannot be placed under itself or one of its sub-groups.
    const below = new Set<number>();
    if (selfId !== null) {
      below.add(selfId);
      let grew = true;
      while (grew) {
        grew = false;
        for (const g of all)
          if (g.parentId !== null && below.has(g.parentId) && !below.has(g.id)) {
            below.add(g.id);
            grew = true;
          }
      }
    }
    return flattenTree(all.filter((g) => !below.has(g.id))).map(({ group, depth }) => ({
      id: group.id,
      name: group.name,
      depth,
    }));
  }

  async function renderGroupForm(
    reply: FastifyReply,
    user: CurrentUser,
    groupId: number | null,
    values: GroupFormValues,
    errors?: Record<string, string>,
  ) {
    const group = groupId ? await groups.get(groupId) : null;
    const title = group ? `Modifier « ${group.name} »` : 'Créer un groupe de travail';
    return reply.page(
      errors ? `Erreur : ${title}` : title,
      <GroupFormPage
        title={title}
        action={group ? `/groupes/${group.id}/modifier` : '/groupes/nouveau'}
        values={values}
        errors={errors}
        parents={await parentsFor(user, groupId)}
        cancel={group ? `/groupes/${group.id}` : '/groupes'}
      />,
      {
        status: errors ? 422 : undefined,
        breadcrumbs: [LIST, ...(group ? [{ href: `/groupes/${group.id}`, label: group.name }] : []), { label: title }],
      },
    );
  }

  return async (app) => {
    app.get('/groupes', { schema: {}, config: { access: ACCESS.public } }, async (request, reply) =>
      reply.page(
        'Groupes de travail',
        <GroupListPage
          groups={await pages.list(request.user)}
          canCreate={can(request.user, 'group.create')}
          signedIn={!!request.user}
        />,
      ),
    );

    app.get('/groupes/nouveau', { schema: {}, config: { access: ACCESS.coordinators } }, async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'group.create');
      return renderGroupForm(reply, user, null, { nom: '', objet: '', parent: '', visibilite: 'public' });
    });

    app.post(
      '/groupes/nouveau',
      { schema: { body: LooseForm }, config: { access: ACCESS.coordinators } },
      async (request, reply) => {
        const user = requireUser(request);
        const body = request.body as FormBody;
        try {
          const created = await groups.create(user, groupInput(body));
          return reply
            .flash('success', 'Le groupe est créé. Nommez maintenant ses pilotes dans l’annuaire des membres.')
            .redirect(`/groupes/${created}/membres`);
        } catch (e) {
          if (e instanceof ValidationError)
            return renderGroupForm(
              reply,
              user,
              null,
              {
                nom: text(body, 'nom'),
                objet: text(body, 'objet'),
                parent: text(body, 'parent'),
                visibilite: text(body, 'visibilite'),
              },
              formErrors(e.fields),
            );
          throw e;
        }
      },
    );

    app.get(
      '/groupes/:id',
      { schema: { params: IdParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const g = await pages.group(request.user, idOf(request.params));
        return reply.page(g.name, <GroupPage g={g} />, {
          breadcrumbs: [LIST, ...g.ancestors.map((a) => ({ href: a.path, label: a.name })), { label: g.name }],
        });
      },
    );

    app.get(
      '/groupes/:id/modifier',
      { schema: { params: IdParams }, config: { access: GROUP_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const group = await groups.led(user, idOf(request.params));
        return renderGroupForm(reply, user, group.id, {
          nom: group.name,
          objet: group.purpose,
          parent: group.parentId ? String(group.parentId) : '',
          visibilite: group.visibility,
          version: String(group.version),
        });
      },
    );

    app.post(
      '/groupes/:id/modifier',
      { schema: { params: IdParams, body: LooseForm }, config: { access: GROUP_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const groupId = idOf(request.params);
        const body = request.body as FormBody;
        const current = await groups.led(user, groupId);
        const input = groupInput(body);
        // Leads who may not move the group in the tree have no parent field: it stays where it is.
        if (!can(user, 'group.create')) input.parentId = current.parentId ? String(current.parentId) : '';
        try {
          await groups.update(user, groupId, input);
          return reply
            .flash('success', 'Les modifications du groupe sont enregistrées.')
            .redirect(`/groupes/${groupId}`);
        } catch (e) {
          if (e instanceof ValidationError)
            return renderGroupForm(
              reply,
              user,
              groupId,
              {
                nom: text(body, 'nom'),
                objet: text(body, 'objet'),
                parent: input.parentId,
                visibilite: text(body, 'visibilite'),
                version: text(body, 'version'),
              },
              formErrors(e.fields),
            );
          throw e;
        }
      },
    );
  };
}
