/** The Manifesto page, and linking a library sheet to a commitment (or unlinking it). */
import type { FastifyPluginAsync } from 'fastify';
import type { Actor } from '../../../platform/auth/authorize.ts';
import { can } from '../../../platform/auth/authorize.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { type FormBody, text } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { LooseForm } from '../../../platform/http/schemas.ts';
import type { ParticipationServices } from '../services/index.ts';
import { ManifestoPage } from '../views/manifesto.tsx';

export function manifestoRoutes({ services }: { services: ParticipationServices }): FastifyPluginAsync {
  const { manifesto } = services;
  async function view(actor: Actor, extra: { values?: Record<string, string>; errors?: Record<string, string> } = {}) {
    const data = await manifesto.page(actor);
    return (
      <ManifestoPage
        title={manifesto.manifesto.title}
        source={manifesto.manifesto.source}
        commitments={data.commitments}
        initiativeTotal={data.initiativeTotal}
        canLink={can(actor, 'initiative.create')}
        values={extra.values}
        errors={extra.errors}
      />
    );
  }

  return async (app) => {
    app.get('/manifeste', { schema: {}, config: { access: ACCESS.public } }, async (request, reply) =>
      reply.page('Le Manifeste en pratique', await view(request.user), {
        breadcrumbs: [{ href: '/initiatives', label: 'Initiatives de participation' }, { label: 'Manifeste' }],
      }),
    );

    app.post(
      '/manifeste/fiches',
      { schema: { body: LooseForm }, config: { access: ACCESS.authorityMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        const body = request.body as FormBody;
        try {
          const done = await manifesto.link(user, body);
          return reply
            .flash(
              'success',
              done.created
                ? `La fiche « ${done.title} » est reliée à l’engagement ${done.commitment.number}.`
                : `La fiche « ${done.title} » était déjà reliée à l’engagement ${done.commitment.number}.`,
            )
            .redirect(`/manifeste#engagement-${done.commitment.number}`);
        } catch (e) {
          if (e instanceof ValidationError)
            return reply.page(
              'Erreur : le Manifeste en pratique',
              await view(user, {
                values: { fiche: text(body, 'fiche'), engagement: text(body, 'engagement') },
                errors: e.fields,
              }),
              { status: 422 },
            );
          throw e;
        }
      },
    );

    app.post(
      '/manifeste/fiches/retirer',
      { schema: { body: LooseForm }, config: { access: ACCESS.authorityMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        await manifesto.unlink(user, request.body as FormBody);
        return reply.flash('success', 'Le lien entre la fiche et l’engagement est retiré.').redirect('/manifeste');
      },
    );
  };
}
