/** Joining an authority: « Rejoindre ma collectivité » (search without JavaScript) and the join request form. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { type FieldErrors, ValidationError } from '../../../platform/http/errors.ts';
import { text } from '../../../platform/http/form.ts';
import { IdParams, idOf, LooseQuery } from '../../../platform/http/schemas.ts';
import { PICKER_SCRIPT } from '../../../platform/ui/organisation-picker.tsx';
import { JoinFormPage, JoinHubPage } from '../views/join.tsx';
import { FORMS, LIST_CRUMB, type OrganisationsHttpDeps } from './support.ts';

export function joinRoutes({
  pages,
  memberships,
}: Pick<OrganisationsHttpDeps, 'pages' | 'memberships'>): FastifyPluginAsync {
  async function joinForm(request: FastifyRequest, reply: FastifyReply, message?: string, errors?: FieldErrors) {
    const model = await pages.joinForm(request.user, idOf(request.params));
    const org = model.organisation;
    return reply.page(`Rejoindre ${org.name}`, <JoinFormPage {...model} message={message} errors={errors} />, {
      status: errors ? 422 : undefined,
      breadcrumbs: [LIST_CRUMB, { href: `/collectivites/${org.id}`, label: org.name }, { label: 'Rejoindre' }],
    });
  }

  return async (app) => {
    app.get(
      '/collectivites/rejoindre',
      { schema: { querystring: LooseQuery }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const q = text(request.query as Record<string, unknown>, 'q')
          .trim()
          .slice(0, 200);
        const model = await pages.joinHub(request.user, q);
        return reply.page(
          q ? `Recherche « ${q} » — Rejoindre ma collectivité` : 'Rejoindre ma collectivité',
          <JoinHubPage {...model} />,
          { scripts: [PICKER_SCRIPT], breadcrumbs: [LIST_CRUMB, { label: 'Rejoindre ma collectivité' }] },
        );
      },
    );

    app.get(
      '/collectivites/:id/rejoindre',
      { schema: { params: IdParams }, config: { access: ACCESS.signedIn } },
      async (request, reply) => joinForm(request, reply),
    );

    app.post(
      '/collectivites/:id/rejoindre',
      {
        schema: { params: IdParams, body: FORMS.join.schema },
        config: { access: ACCESS.signedIn, rateLimit: { max: 20, timeWindow: '1 hour' } },
      },
      async (request, reply) => {
        const id = idOf(request.params);
        const { message } = FORMS.join.read(request.body).values;
        try {
          const { outcome } = await memberships.request(request.user, id, message);
          const flash =
            outcome === 'requested'
              ? "Votre demande a été envoyée. Vous recevrez un courriel dès qu'elle sera acceptée ou refusée."
              : outcome === 'already_pending'
                ? 'Vous avez déjà une demande en attente pour cette collectivité.'
                : 'Vous êtes déjà membre de cette collectivité.';
          return reply.flash(outcome === 'requested' ? 'success' : 'info', flash).redirect(`/collectivites/${id}`, 303);
        } catch (e) {
          if (e instanceof ValidationError) return joinForm(request, reply, message, e.fields);
          throw e;
        }
      },
    );
  };
}
