/**
 * What a group follows (leads) and its digest for the next meeting (members and leads), with « m'envoyer la
 * synthèse ». Thin: the services authorise, validate and act.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { type FormBody, text, textOf } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm, LooseQuery } from '../../../platform/http/schemas.ts';
import type { FollowKind } from '../model.ts';
import type { GroupsServices } from '../services/index.ts';
import { DigestPage } from '../views/digest.tsx';
import { FollowsPage } from '../views/follows.tsx';
import { GROUP_INSIDERS, GROUP_LEADS } from './access.ts';

const LIST = { href: '/groupes', label: 'Groupes de travail' };

export function followRoutes({ services }: { services: GroupsServices }): FastifyPluginAsync {
  const { groups, follows, digest } = services;

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
