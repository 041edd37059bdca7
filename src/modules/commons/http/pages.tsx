/**
 * The commons pages: the catalogue (search and facets), an entry's page, the entry form (new, edit) and posting
 * news. Thin: the services authorise, validate and act.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { catalogueQuery } from '../../../platform/http/catalogue-query.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { type FormBody, text } from '../../../platform/http/form.ts';
import { pageCount } from '../../../platform/http/pagination.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm, LooseQuery } from '../../../platform/http/schemas.ts';
import type { CommonsServices } from '../services/index.ts';
import { type CommonsFacet, type CommonsOrder, FACET_PARAMS } from '../services/search.ts';
import { formValuesOf } from '../services/writing.ts';
import { EntryPage } from '../views/entry.tsx';
import { EntryFormPage } from '../views/form.tsx';
import { CommonsListPage } from '../views/list.tsx';

const PER_PAGE = 20;
const LIST = { href: '/communs', label: 'Communs' };
const FEED = { type: 'application/atom+xml', href: '/communs/flux.atom', title: 'Communs et actualités (Atom)' };

/** The list's query string (platform/http/catalogue-query.ts). */
export const LIST_QUERY = catalogueQuery<CommonsFacet, CommonsOrder>(FACET_PARAMS, { nom: 'name', date: 'updated' });
export const readListQuery = LIST_QUERY.read;

export function pageRoutes({ services }: { services: CommonsServices }): FastifyPluginAsync {
  const { writing, present, search } = services;

  async function renderForm(
    reply: FastifyReply,
    user: CurrentUser,
    id: number | null,
    extra: { values?: FormBody; errors?: Record<string, string>; status?: number } = {},
  ) {
    const entry = id ? await services.entry(user, id) : null;
    const title = entry ? `Modifier « ${entry.name} »` : 'Décrire un commun';
    return reply.page(
      extra.errors ? `Erreur : ${title}` : title,
      <EntryFormPage
        action={entry ? `${entry.path}/modifier` : '/communs/nouveau'}
        entry={entry}
        values={extra.values ? formValuesOf(extra.values) : null}
        errors={extra.errors}
        ownAuthorities={await services.ownAuthorities(user)}
      />,
      {
        status: extra.status,
        breadcrumbs: [LIST, ...(entry ? [{ href: entry.path, label: entry.name }] : []), { label: title }],
      },
    );
  }

  return async (app) => {
    app.get(
      '/communs',
      { schema: { querystring: LooseQuery }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const query = readListQuery(request.query as Record<string, unknown>);
        const result = await search.search({ ...query, perPage: PER_PAGE });
        const entries = await present(request.user, await services.store.findByIds(result.ids));
        const { sortParam, pageHref } = LIST_QUERY.links('/communs', query, result.searched);
        return reply.page(
          'Communs',
          <CommonsListPage
            q={result.searched}
            sort={sortParam}
            total={result.total}
            page={result.page}
            pageCount={pageCount(result.total, PER_PAGE)}
            facets={result.facets}
            entries={entries}
            suggestion={result.suggestion}
            correctedFrom={result.correctedFrom}
            canCreate={can(request.user, 'commons.create')}
            pageHref={pageHref}
          />,
          { alternates: [FEED] },
        );
      },
    );

    app.get('/communs/nouveau', { schema: {}, config: { access: ACCESS.networkMembers } }, async (request, reply) => {
      const user = requireUser(request);
      services.assertMayCreate(user);
      return renderForm(reply, user, null);
    });

    app.post(
      '/communs/nouveau',
      { schema: { body: LooseForm }, config: { access: ACCESS.networkMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        const body = request.body as FormBody;
        try {
          const id = await writing.createFromForm(user, body);
          return reply.flash('success', 'Le commun est enregistré.').redirect(`/communs/${id}`);
        } catch (e) {
          if (e instanceof ValidationError)
            return renderForm(reply, user, null, { values: body, errors: e.fields, status: 422 });
          throw e;
        }
      },
    );

    app.get(
      '/communs/:id',
      { schema: { params: IdParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const e = await services.entry(request.user, idOf(request.params));
        return reply.page(e.name, <EntryPage e={e} />, {
          breadcrumbs: [LIST, { label: e.name }],
          alternates: [FEED],
        });
      },
    );

    app.get(
      '/communs/:id/modifier',
      { schema: { params: IdParams }, config: { access: ACCESS.authorityMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        await writing.editable(user, idOf(request.params));
        return renderForm(reply, user, idOf(request.params));
      },
    );

    app.post(
      '/communs/:id/modifier',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.authorityMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const body = request.body as FormBody;
        try {
          await writing.updateFromForm(user, id, body);
          return reply.flash('success', 'Les modifications du commun sont enregistrées.').redirect(`/communs/${id}`);
        } catch (e) {
          if (e instanceof ValidationError)
            return renderForm(reply, user, id, { values: body, errors: e.fields, status: 422 });
          throw e;
        }
      },
    );

    app.post(
      '/communs/:id/actualites',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.authorityMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const body = request.body as FormBody;
        try {
          await writing.addNews(user, id, body);
          return reply.flash('success', 'L’actualité est publiée.').redirect(`/communs/${id}`);
        } catch (e) {
          if (e instanceof ValidationError) {
            const entry = await services.entry(user, id);
            const values = {
              date: text(body, 'date'),
              titre: text(body, 'titre'),
              texte: text(body, 'texte'),
              publication: text(body, 'publication'),
            };
            return reply.page(
              `Erreur : ${entry.name}`,
              <EntryPage e={entry} newsErrors={e.fields} newsValues={values} />,
              {
                status: 422,
                breadcrumbs: [LIST, { label: entry.name }],
              },
            );
          }
          throw e;
        }
      },
    );
  };
}
