/** « Contacter l'équipe » of a commons entry: a signed-in person writes to its maintainers' editors. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { type FieldErrors, ValidationError } from '../../../platform/http/errors.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import { CONTACT_FORM, ContactPage } from '../../../platform/ui/contact-form.tsx';
import type { CommonsServices } from '../services/index.ts';
import type { PresentedEntry } from '../services/presenter.ts';

export function contactRoutes({ services }: { services: CommonsServices }): FastifyPluginAsync {
  function page(
    reply: FastifyReply,
    e: PresentedEntry,
    values?: { objet?: string; message?: string },
    errors?: FieldErrors,
  ) {
    const names = e.maintainers.map((m) => m.name).join(', ');
    return reply.page(
      errors ? 'Erreur — Contacter l’équipe' : 'Contacter l’équipe',
      <ContactPage
        title={e.name}
        recipients={names ? `les responsables de ${names}` : 'les responsables du commun'}
        action={`${e.path}/contacter`}
        back={e.path}
        values={values}
        errors={errors}
      />,
      {
        status: errors ? 422 : undefined,
        breadcrumbs: [{ href: '/communs', label: 'Communs' }, { href: e.path, label: e.name }, { label: 'Contacter' }],
      },
    );
  }

  return async (app) => {
    app.get(
      '/communs/:id/contacter',
      { schema: { params: IdParams }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        return page(reply, await services.entry(user, idOf(request.params)));
      },
    );

    app.post(
      '/communs/:id/contacter',
      { schema: { params: IdParams, body: CONTACT_FORM.schema }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const { values } = CONTACT_FORM.read(request.body);
        try {
          await services.contactMaintainers(user, id, values);
        } catch (e) {
          if (e instanceof ValidationError) return page(reply, await services.entry(user, id), values, e.fields);
          throw e;
        }
        return reply
          .flash('success', 'Votre message est envoyé : l’équipe vous répondra à votre adresse électronique.')
          .redirect(`/communs/${id}`);
      },
    );
  };
}
