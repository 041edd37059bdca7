/** An authority's API tokens: its « responsables » and the administrators create, list and revoke them. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { notFound, ValidationError } from '../../../platform/http/errors.ts';
import { choiceField, type FormBody, formFields, text, textField } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm } from '../../../platform/http/schemas.ts';
import { DEFAULT_TOKEN_LIFETIME_DAYS, TOKEN_LIFETIMES } from '../services/tokens.ts';
import { TokensPage } from '../views/tokens.tsx';
import { LIBRARY_CRUMB, type LibraryHttpDeps } from './common.ts';

/** The authority, in the query string: `?organisation=12`. */
const OrganisationQuery = Type.Object({ organisation: Type.Optional(Type.String()) });

const LIFETIME_CHOICES = TOKEN_LIFETIMES.map((l) => String(l.days));
const TokenForm = formFields({
  name: textField('Nom du jeton', { trim: false }),
  duree: choiceField('Durée de validité', LIFETIME_CHOICES),
});

function organisationOf(request: FastifyRequest): number {
  const v = (request.query as { organisation?: string }).organisation ?? '';
  if (!/^[1-9][0-9]{0,15}$/.test(v)) throw notFound();
  return Number(v);
}

export function tokensRoutes({ services }: LibraryHttpDeps): FastifyPluginAsync {
  const { tokens, writing } = services;

  async function tokensPage(
    request: FastifyRequest,
    reply: FastifyReply,
    created: string | null,
    errors: Record<string, string> | null,
    values?: { name?: string; duree?: string },
  ) {
    const user = requireUser(request);
    const organisationId = organisationOf(request);
    const list = await tokens.tokens(user, organisationId);
    const { organisations } = await writing.writableFor({ ...user, role: 'user' });
    const name = organisations.find((o) => o.id === organisationId)?.name ?? `Collectivité n° ${organisationId}`;
    return reply.page(
      'Jetons d’API',
      <TokensPage
        organisation={{ id: organisationId, name }}
        tokens={list}
        created={created}
        errors={errors}
        values={values}
      />,
      {
        status: errors ? 422 : 200,
        breadcrumbs: [
          LIBRARY_CRUMB,
          { href: '/bibliotheque/mes-fiches', label: 'Mes fiches' },
          { label: 'Jetons d’API' },
        ],
      },
    );
  }

  return async (app) => {
    app.get(
      '/bibliotheque/jetons',
      { schema: { querystring: OrganisationQuery }, config: { access: ACCESS.authorityEditorsAndAdmins } },
      (request, reply) => tokensPage(request, reply, null, null),
    );

    app.post(
      '/bibliotheque/jetons',
      {
        schema: { querystring: OrganisationQuery, body: TokenForm.schema },
        config: { access: ACCESS.authorityEditorsAndAdmins, rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const form = TokenForm.read(request.body);
        const typed = { name: text(request.body as FormBody, 'name'), duree: text(request.body as FormBody, 'duree') };
        if (Object.keys(form.errors).length) return tokensPage(request, reply, null, form.errors, typed);
        try {
          const token = await tokens.createToken(
            user,
            organisationOf(request),
            form.values.name,
            Number(form.values.duree ?? DEFAULT_TOKEN_LIFETIME_DAYS),
          );
          return tokensPage(request, reply, token, null);
        } catch (e) {
          if (e instanceof ValidationError) return tokensPage(request, reply, null, e.fields ?? {}, typed);
          throw e;
        }
      },
    );

    app.post(
      '/bibliotheque/jetons/:id/revoquer',
      {
        schema: { params: IdParams, querystring: OrganisationQuery, body: LooseForm },
        config: { access: ACCESS.authorityEditorsAndAdmins },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const organisationId = organisationOf(request);
        await tokens.revokeToken(user, organisationId, idOf(request.params));
        return reply
          .flash('success', 'Le jeton est révoqué.')
          .redirect(`/bibliotheque/jetons?organisation=${organisationId}`);
      },
    );
  };
}
