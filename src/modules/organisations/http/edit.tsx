/** An authority's edit page (/collectivites/:id/modifier): SIRET, contact e-mail, website, logo, with its history. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { ConflictError, type FieldErrors, ValidationError } from '../../../platform/http/errors.ts';
import { formFields, textField } from '../../../platform/http/form.ts';
import { IdParams, idOf, LooseQuery } from '../../../platform/http/schemas.ts';
import type { OrganisationFields } from '../model-contacts.ts';
import { type EditValues, OrganisationEditPage } from '../views/edit.tsx';
import { LIST_CRUMB, type OrganisationsHttpDeps } from './support.ts';

const EDIT_FORM = formFields({
  siret: textField('SIRET du siège'),
  contactEmail: textField('Adresse électronique de contact'),
  website: textField('Site web'),
  logoUrl: textField('Adresse du logo'),
  version: textField('Version'),
});

export function editRoutes({ profile }: Pick<OrganisationsHttpDeps, 'profile'>): FastifyPluginAsync {
  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    input?: {
      values: EditValues;
      version: number;
      errors?: FieldErrors;
      conflict?: OrganisationFields;
      status: number;
    },
  ) {
    const view = await profile.profile(request.user, idOf(request.params));
    const org = view.organisation;
    return reply.page(
      `Modifier la fiche — ${org.name}`,
      <OrganisationEditPage
        organisation={org}
        values={input?.values ?? view.fields}
        version={input?.conflict ? view.version : (input?.version ?? view.version)}
        history={view.history}
        errors={input?.errors}
        conflict={input?.conflict ?? null}
      />,
      {
        status: input?.status,
        breadcrumbs: [LIST_CRUMB, { href: `/collectivites/${org.id}`, label: org.name }, { label: 'Modifier' }],
      },
    );
  }

  return async (app) => {
    app.get(
      '/collectivites/:id/modifier',
      { schema: { params: IdParams, querystring: LooseQuery }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => page(request, reply),
    );

    app.post(
      '/collectivites/:id/modifier',
      { schema: { params: IdParams, body: EDIT_FORM.schema }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const organisationId = idOf(request.params);
        const { version: versionText, ...values } = EDIT_FORM.read(request.body).values;
        const version = Number(versionText) || 0;
        try {
          const { changed } = await profile.edit(request.user, organisationId, version, values);
          return reply
            .flash('success', changed.length ? 'Fiche enregistrée.' : 'Aucune modification à enregistrer.')
            .redirect(`/collectivites/${organisationId}`, 303);
        } catch (e) {
          if (e instanceof ValidationError)
            return page(request, reply, { values, version, errors: e.fields, status: 422 });
          if (e instanceof ConflictError) {
            const conflict = e.details as OrganisationFields;
            return page(request, reply, { values, version, conflict, status: 409 });
          }
          throw e;
        }
      },
    );
  };
}
