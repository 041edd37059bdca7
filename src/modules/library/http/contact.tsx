/** « Contacter l'équipe » of a published sheet: a signed-in person writes to its authority's editors. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { type FieldErrors, notFound, ValidationError } from '../../../platform/http/errors.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { CONTACT_FORM, ContactPage } from '../../../platform/ui/contact-form.tsx';
import { useCasePath } from '../services/context.ts';
import { LIBRARY_CRUMB, type LibraryHttpDeps, UseCaseParams, useCaseIdOf } from './common.ts';

export function contactRoutes({ services }: LibraryHttpDeps): FastifyPluginAsync {
  const { reading } = services;

  async function page(
    reply: FastifyReply,
    user: CurrentUser,
    id: number,
    values?: { objet?: string; message?: string },
    errors?: FieldErrors,
  ) {
    const useCase = await reading.get(user, id);
    if (useCase.state !== 'published') throw notFound('Seules les fiches publiées ont une équipe à contacter.');
    const title = useCase.content.title ?? 'Fiche';
    const path = useCasePath(useCase);
    return reply.page(
      errors ? 'Erreur — Contacter l’équipe' : 'Contacter l’équipe',
      <ContactPage
        title={title}
        recipients={`les responsables de la fiche (${useCase.organisation.name})`}
        action={`${path}/contacter`}
        back={path}
        values={values}
        errors={errors}
      />,
      {
        status: errors ? 422 : undefined,
        breadcrumbs: [LIBRARY_CRUMB, { href: path, label: title }, { label: 'Contacter' }],
      },
    );
  }

  return async (app) => {
    app.get(
      '/bibliotheque/:ref/contacter',
      { schema: { params: UseCaseParams }, config: { access: ACCESS.signedIn } },
      async (request, reply) => page(reply, requireUser(request), useCaseIdOf(request.params)),
    );

    app.post(
      '/bibliotheque/:ref/contacter',
      { schema: { params: UseCaseParams, body: CONTACT_FORM.schema }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = useCaseIdOf(request.params);
        const { values } = CONTACT_FORM.read(request.body);
        try {
          await services.contactAuthority(user, id, values);
        } catch (e) {
          if (e instanceof ValidationError) return page(reply, user, id, values, e.fields);
          throw e;
        }
        const useCase = await reading.get(user, id);
        return reply
          .flash('success', 'Votre message est envoyé : l’équipe vous répondra à votre adresse électronique.')
          .redirect(useCasePath(useCase));
      },
    );
  };
}
