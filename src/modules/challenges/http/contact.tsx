/** « Contacter l'équipe » of a challenge: a signed-in person writes to the editors of its leads. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { type FieldErrors, ValidationError } from '../../../platform/http/errors.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import { CONTACT_FORM, ContactPage } from '../../../platform/ui/contact-form.tsx';
import type { ChallengesServices } from '../services/index.ts';
import type { PresentedChallenge } from '../services/presenter.ts';
import { LIST } from './pages.tsx';

export function contactRoutes({ services }: { services: ChallengesServices }): FastifyPluginAsync {
  function page(
    reply: FastifyReply,
    c: PresentedChallenge,
    values?: { objet?: string; message?: string },
    errors?: FieldErrors,
  ) {
    const leads = c.participants.filter((p) => p.role === 'lead').map((p) => p.name);
    const names = leads.length ? leads.join(', ') : (c.statedBy?.name ?? '');
    return reply.page(
      errors ? 'Erreur — Contacter l’équipe' : 'Contacter l’équipe',
      <ContactPage
        title={c.title}
        recipients={names ? `les responsables de ${names}` : 'les responsables des organismes participants'}
        action={`${c.path}/contacter`}
        back={c.path}
        values={values}
        errors={errors}
      />,
      {
        status: errors ? 422 : undefined,
        breadcrumbs: [LIST, { href: c.path, label: c.title }, { label: 'Contacter' }],
      },
    );
  }

  return async (app) => {
    app.get(
      '/defis/:id/contacter',
      { schema: { params: IdParams }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        return page(reply, await services.challenge(user, idOf(request.params)));
      },
    );

    app.post(
      '/defis/:id/contacter',
      { schema: { params: IdParams, body: CONTACT_FORM.schema }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const { values } = CONTACT_FORM.read(request.body);
        try {
          await services.contactTeam(user, id, values);
        } catch (e) {
          if (e instanceof ValidationError) return page(reply, await services.challenge(user, id), values, e.fields);
          throw e;
        }
        return reply
          .flash('success', 'Votre message est envoyé : l’équipe vous répondra à votre adresse électronique.')
          .redirect(`/defis/${id}`);
      },
    );
  };
}
