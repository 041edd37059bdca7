/** Administrators add a body that is not in the geographic code: /admin/collectivites/nouvelle. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { type FieldErrors, ValidationError } from '../../../platform/http/errors.ts';
import { LooseQuery } from '../../../platform/http/schemas.ts';
import type { OtherBodyInput } from '../model.ts';
import { NewBodyPage } from '../views/new-body.tsx';
import { FORMS, type OrganisationsHttpDeps } from './support.ts';

export function otherBodiesRoutes({ otherBodies }: Pick<OrganisationsHttpDeps, 'otherBodies'>): FastifyPluginAsync {
  async function form(request: FastifyRequest, reply: FastifyReply, values: OtherBodyInput, errors?: FieldErrors) {
    const maps = await otherBodies.newBodyForm(request.user);
    return reply.page(
      'Ajouter un organisme',
      <NewBodyPage values={values} errors={errors} departements={maps.list.departements} regions={maps.list.regions} />,
      {
        status: errors ? 422 : undefined,
        breadcrumbs: [{ href: '/admin', label: 'Administration' }, { label: 'Ajouter un organisme' }],
      },
    );
  }

  return async (app) => {
    app.get(
      '/admin/collectivites/nouvelle',
      { schema: { querystring: LooseQuery }, config: { access: ACCESS.admins } },
      async (request, reply) => form(request, reply, {}),
    );

    app.post(
      '/admin/collectivites/nouvelle',
      { schema: { body: FORMS.otherBody.schema }, config: { access: ACCESS.admins } },
      async (request, reply) => {
        const values: OtherBodyInput = FORMS.otherBody.read(request.body).values;
        try {
          const org = await otherBodies.create(request.user, values);
          return reply.flash('success', `« ${org.name} » a été ajouté.`).redirect(`/collectivites/${org.id}`, 303);
        } catch (e) {
          if (e instanceof ValidationError) return form(request, reply, values, e.fields);
          throw e;
        }
      },
    );
  };
}
