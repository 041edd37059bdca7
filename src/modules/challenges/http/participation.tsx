/** Joining and leaving a challenge: the join form (organisation, role, what it brings) and the leave button. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type from 'typebox';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { type FieldErrors, ValidationError } from '../../../platform/http/errors.ts';
import { type FormBody, text } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm } from '../../../platform/http/schemas.ts';
import { roleLabel } from '../model.ts';
import type { ChallengesServices } from '../services/index.ts';
import { JoinPage } from '../views/join.tsx';
import { EDITORS_ANYWHERE, LIST } from './pages.tsx';

const LeaveForm = Type.Object(
  { organisme: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }) },
  { additionalProperties: true },
);

export function participationRoutes({ services }: { services: ChallengesServices }): FastifyPluginAsync {
  const { participation, writing } = services;

  async function page(
    reply: FastifyReply,
    user: CurrentUser,
    id: number,
    values?: Record<string, string>,
    errors?: FieldErrors,
  ) {
    const c = await services.challenge(user, id);
    const options = await participation.joinOptions(user, await writing.get(id));
    return reply.page(
      errors ? `Erreur : rejoindre le défi` : 'Rejoindre le défi',
      <JoinPage c={c} own={options.own} mayNameOthers={options.mayNameOthers} values={values} errors={errors} />,
      {
        status: errors ? 422 : undefined,
        breadcrumbs: [LIST, { href: c.path, label: c.title }, { label: 'Rejoindre' }],
      },
    );
  }

  return async (app) => {
    app.get(
      '/defis/:id/participer',
      { schema: { params: IdParams }, config: { access: EDITORS_ANYWHERE } },
      async (request, reply) => {
        const user = requireUser(request);
        participation.assertMayJoinSome(user);
        return page(reply, user, idOf(request.params));
      },
    );

    app.post(
      '/defis/:id/participer',
      { schema: { params: IdParams, body: LooseForm }, config: { access: EDITORS_ANYWHERE } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const body = request.body as FormBody;
        try {
          const joined = await participation.join(user, id, body);
          return reply
            .flash(
              'success',
              `${joined.organisation.name} participe au défi (${roleLabel(joined.role).toLowerCase()}).`,
            )
            .redirect(`/defis/${id}`);
        } catch (e) {
          if (e instanceof ValidationError) {
            const values = Object.fromEntries(
              ['organisme', 'autre_organisme', 'role', 'apport'].map((k) => [k, text(body, k)]),
            );
            return page(reply, user, id, values, e.fields);
          }
          throw e;
        }
      },
    );

    app.post(
      '/defis/:id/quitter',
      { schema: { params: IdParams, body: LeaveForm }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const organisationId = Number((request.body as { organisme: string }).organisme);
        try {
          const org = await participation.leave(user, id, organisationId);
          return reply.flash('success', `${org.name} ne participe plus au défi.`).redirect(`/defis/${id}`);
        } catch (e) {
          if (e instanceof ValidationError)
            return reply.flash('error', Object.values(e.fields ?? {}).join(' ')).redirect(`/defis/${id}`);
          throw e;
        }
      },
    );
  };
}
