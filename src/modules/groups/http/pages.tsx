/**
 * The groups' pages: the list (a tree), a group's page, the group form (new, edit), the members' directory and the
 * leads' member management, join requests (ask, decide), followed items and the digest. Thin: the services
 * authorise, validate and act.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type from 'typebox';
import { authorize, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { type FormBody, text, textOf } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm, LooseQuery } from '../../../platform/http/schemas.ts';
import { type FollowKind, flattenTree } from '../model.ts';
import type { GroupsServices } from '../services/index.ts';
import { DigestPage } from '../views/digest.tsx';
import { FollowsPage } from '../views/follows.tsx';
import { GroupFormPage, type GroupFormValues, JoinFormPage } from '../views/forms.tsx';
import { GroupPage } from '../views/group.tsx';
import { GroupListPage } from '../views/list.tsx';
import { DirectoryPage, RequestsPage } from '../views/members.tsx';
import { GROUP_INSIDERS, GROUP_LEADS } from './access.ts';

const LIST = { href: '/groupes', label: 'Groupes de travail' };
const id = Type.String({ pattern: '^[1-9][0-9]{0,15}$' });
const MemberParams = Type.Object({ id, userId: id });
const RequestParams = Type.Object({ id, requestId: id });

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
  const { groups, membership, follows, digest, pages } = services;

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

  async function renderFollows(
    reply: FastifyReply,
    user: CurrentUser,
    groupId: number,
    extra: { q?: string; errors?: Record<string, string>; errorKind?: FollowKind; reference?: string } = {},
  ) {
    const group = await groups.led(user, groupId);
    const q = (extra.q ?? '').trim();
    const [followed, campaigns, found] = await Promise.all([
      follows.followed(groupId),
      follows.campaigns(),
      q ? follows.searchSheets(q) : Promise.resolve(null),
    ]);
    const title = `Ce que suit le groupe — ${group.name}`;
    return reply.page(
      extra.errors ? `Erreur : ${title}` : title,
      <FollowsPage
        group={{ name: group.name, path: `/groupes/${group.id}` }}
        followed={followed}
        kinds={follows.kinds()}
        campaigns={campaigns}
        q={q}
        found={found}
        errors={extra.errors}
        errorKind={extra.errorKind}
        reference={extra.reference}
      />,
      {
        status: extra.errors ? 422 : undefined,
        breadcrumbs: [LIST, { href: `/groupes/${group.id}`, label: group.name }, { label: 'Ce que suit le groupe' }],
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

    // ---- followed items ----
    app.get(
      '/groupes/:id/suivis',
      { schema: { params: IdParams, querystring: LooseQuery }, config: { access: GROUP_LEADS } },
      async (request, reply) =>
        renderFollows(reply, requireUser(request), idOf(request.params), {
          q: textOf((request.query as Record<string, unknown>).q),
        }),
    );

    app.post(
      '/groupes/:id/suivis',
      { schema: { params: IdParams, body: LooseForm }, config: { access: GROUP_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const groupId = idOf(request.params);
        const body = request.body as FormBody;
        try {
          const item = await follows.follow(user, groupId, {
            kind: text(body, 'kind'),
            reference: text(body, 'reference'),
          });
          return reply.flash('success', `Le groupe suit « ${item.title} ».`).redirect(`/groupes/${groupId}/suivis`);
        } catch (e) {
          if (e instanceof ValidationError)
            return renderFollows(reply, user, groupId, {
              errors: e.fields,
              errorKind: text(body, 'kind') as FollowKind,
              reference: text(body, 'reference'),
            });
          throw e;
        }
      },
    );

    app.post(
      '/groupes/:id/suivis/retirer',
      { schema: { params: IdParams, body: LooseForm }, config: { access: GROUP_LEADS } },
      async (request, reply) => {
        const user = requireUser(request);
        const groupId = idOf(request.params);
        const body = request.body as FormBody;
        await follows.unfollow(user, groupId, { kind: text(body, 'kind'), id: text(body, 'id') });
        return reply.flash('success', 'Le groupe ne suit plus cet élément.').redirect(`/groupes/${groupId}/suivis`);
      },
    );

    // ---- digest ----
    app.get(
      '/groupes/:id/synthese',
      { schema: { params: IdParams }, config: { access: GROUP_INSIDERS } },
      async (request, reply) => {
        const user = requireUser(request);
        const d = await digest.forReader(user, idOf(request.params));
        return reply.page(`Synthèse — ${d.group.name}`, <DigestPage d={d} canSend={d.canSend} />, {
          breadcrumbs: [LIST, { href: d.group.path, label: d.group.name }, { label: 'Synthèse' }],
        });
      },
    );

    app.post(
      '/groupes/:id/synthese/envoyer',
      {
        schema: { params: IdParams, body: LooseForm },
        config: { access: GROUP_LEADS, rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const groupId = idOf(request.params);
        await digest.sendToMe(user, groupId);
        return reply
          .flash('success', `La synthèse part à votre adresse (${user.email}).`)
          .redirect(`/groupes/${groupId}/synthese`);
      },
    );
  };
}
