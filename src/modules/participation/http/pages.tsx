/**
 * The initiatives' pages: the catalogue (search and facets), the initiatives in progress, an initiative's page and
 * history, the form (new, edit) and the workflow acts. Thin: the services authorise, validate and act.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { catalogueQuery } from '../../../platform/http/catalogue-query.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { type FormBody, list, text } from '../../../platform/http/form.ts';
import { pageCount } from '../../../platform/http/pagination.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm, LooseQuery } from '../../../platform/http/schemas.ts';
import { emptyContent } from '../model.ts';
import type { ParticipationServices } from '../services/index.ts';
import { FACET_PARAMS, type InitiativeFacet, type InitiativeOrder } from '../services/search.ts';
import { workingContent } from '../store.ts';
import { type FormValues, formValuesOf, InitiativeFormPage } from '../views/form.tsx';
import { HistoryPage, InitiativePage } from '../views/initiative.tsx';
import { InitiativeListPage, InitiativesListPage } from '../views/list.tsx';
import type { Action } from '../workflow.ts';

const PER_PAGE = 20;
export const LIST = { href: '/initiatives', label: 'Initiatives de participation' };
export const FEED = {
  type: 'application/atom+xml',
  href: '/initiatives/flux.atom',
  title: 'Initiatives de participation (Atom)',
};
const ACTIONS: readonly Exclude<Action, 'save'>[] = [
  'submit',
  'withdraw',
  'return',
  'publish',
  'unpublish',
  'discard_revision',
];

/** The list's query string (platform/http/catalogue-query.ts). */
export const LIST_QUERY = catalogueQuery<InitiativeFacet, InitiativeOrder>(FACET_PARAMS, {
  titre: 'title',
  date: 'date',
});
export const readListQuery = LIST_QUERY.read;

/** The form's values as typed, to show it again with its errors. */
function typed(body: FormBody): FormValues {
  const values: FormValues = {};
  for (const [k, v] of Object.entries(body))
    if (!k.startsWith('_')) values[k] = Array.isArray(v) ? v.map(String) : String(v ?? '');
  for (const name of ['sujets', 'publics', 'engagements']) values[name] = list(body, name);
  return values;
}

export function pageRoutes({ services }: { services: ParticipationServices }): FastifyPluginAsync {
  const { writing } = services;

  async function renderForm(
    reply: FastifyReply,
    user: CurrentUser,
    id: number | null,
    extra: { body?: FormBody; errors?: Record<string, string>; status?: number } = {},
  ) {
    const record = id ? await writing.editable(user, id) : null;
    const title = record
      ? `Modifier « ${workingContent(record).title || 'initiative sans titre'} »`
      : 'Décrire une initiative de participation';
    const values = extra.body ? typed(extra.body) : formValuesOf(record ? workingContent(record) : emptyContent());
    return reply.page(
      extra.errors ? `Erreur : ${title}` : title,
      <InitiativeFormPage
        action={record ? `/initiatives/${record.id}/modifier` : '/initiatives/nouvelle'}
        title={title}
        values={values}
        errors={extra.errors}
        version={record?.version ?? null}
        authorities={record ? null : await services.ownAuthorities(user)}
        revision={record?.state === 'published'}
      />,
      {
        status: extra.status,
        breadcrumbs: [
          LIST,
          ...(record
            ? [{ href: `/initiatives/${record.id}`, label: workingContent(record).title || 'Initiative' }]
            : []),
          { label: title },
        ],
      },
    );
  }

  return async (app) => {
    app.get(
      '/initiatives',
      { schema: { querystring: LooseQuery }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const query = readListQuery(request.query as Record<string, unknown>);
        const result = await services.search.search({ ...query, perPage: PER_PAGE });
        const items = await services.present(null, await services.store.findByIds(result.ids));
        const { params, sortParam, pageHref } = LIST_QUERY.links('/initiatives', query, result.searched);
        const user = request.user;
        const without = new URLSearchParams(params);
        without.delete(FACET_PARAMS.organisation);
        const authorities = await services.authorityNames(query.filters.organisation ?? []);
        return reply.page(
          'Initiatives de participation',
          <InitiativesListPage
            q={result.searched}
            sort={sortParam}
            total={result.total}
            page={result.page}
            pageCount={pageCount(result.total, PER_PAGE)}
            facets={result.facets}
            items={items}
            suggestion={result.suggestion}
            correctedFrom={result.correctedFrom}
            canCreate={can(user, 'initiative.create')}
            hasInProgress={!!user && can(user, 'initiative.create')}
            authorityFilter={authorities.length ? { names: authorities, clearHref: `/initiatives?${without}` } : null}
            pageHref={pageHref}
          />,
          { alternates: [FEED] },
        );
      },
    );

    app.get(
      '/initiatives/en-cours',
      { schema: {}, config: { access: ACCESS.networkMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        services.writing.assertMayCreate(user);
        return reply.page(
          'Initiatives en cours',
          <InitiativeListPage
            title="Initiatives en cours"
            lead="Les brouillons, les initiatives en relecture ou renvoyées avec un commentaire, les révisions et les initiatives retirées de la publication de vos collectivités."
            empty="Aucune initiative en cours : tout ce que vous avez écrit est publié."
            items={await services.inProgress(user)}
          />,
          { breadcrumbs: [LIST, { label: 'En cours' }] },
        );
      },
    );

    app.get(
      '/initiatives/nouvelle',
      { schema: {}, config: { access: ACCESS.networkMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        services.writing.assertMayCreate(user);
        return renderForm(reply, user, null);
      },
    );

    app.post(
      '/initiatives/nouvelle',
      { schema: { body: LooseForm }, config: { access: ACCESS.networkMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        const body = request.body as FormBody;
        try {
          const id = await writing.create(user, await services.organisationOf(body), body);
          const submitted = text(body, '_etape') === 'submit';
          return reply
            .flash(
              'success',
              submitted ? 'L’initiative est enregistrée et envoyée en relecture.' : 'Le brouillon est enregistré.',
            )
            .redirect(`/initiatives/${id}`);
        } catch (e) {
          if (e instanceof ValidationError)
            return renderForm(reply, user, null, { body, errors: e.fields, status: 422 });
          throw e;
        }
      },
    );

    app.get(
      '/initiatives/:id',
      { schema: { params: IdParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const p = await services.initiative(request.user, idOf(request.params));
        const voice = await services.voiceThread(p.id, request.user ?? null, request.query as Record<string, unknown>);
        return reply.page(p.content.title || 'Initiative', <InitiativePage p={p} voice={voice} />, {
          breadcrumbs: [LIST, { label: p.content.title || 'Initiative' }],
          alternates: [FEED],
        });
      },
    );

    app.get(
      '/initiatives/:id/historique',
      { schema: { params: IdParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const { initiative, versions } = await services.history(request.user, idOf(request.params));
        return reply.page(
          `Historique : ${initiative.content.title}`,
          <HistoryPage p={initiative} versions={versions} />,
          {
            breadcrumbs: [
              LIST,
              { href: initiative.path, label: initiative.content.title || 'Initiative' },
              { label: 'Historique' },
            ],
          },
        );
      },
    );

    app.get(
      '/initiatives/:id/modifier',
      { schema: { params: IdParams }, config: { access: ACCESS.authorityMembers } },
      async (request, reply) => renderForm(reply, requireUser(request), idOf(request.params)),
    );

    app.post(
      '/initiatives/:id/modifier',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.authorityMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const body = request.body as FormBody;
        try {
          const saved = await writing.save(user, id, body);
          return reply
            .flash(
              'success',
              saved.state === 'submitted' || saved.revision === 'submitted'
                ? 'L’initiative est envoyée en relecture.'
                : 'Les modifications sont enregistrées.',
            )
            .redirect(`/initiatives/${id}`);
        } catch (e) {
          if (e instanceof ValidationError) return renderForm(reply, user, id, { body, errors: e.fields, status: 422 });
          throw e;
        }
      },
    );

    app.post(
      '/initiatives/:id/action',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.authorityMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const body = request.body as FormBody;
        const action = text(body, 'action') as Exclude<Action, 'save'>;
        try {
          if (!ACTIONS.includes(action)) throw new ValidationError({ action: 'Action inconnue.' });
          await writing.act(user, id, action, {
            version: Number(text(body, 'version')) || 0,
            comment: text(body, 'commentaire'),
          });
          return reply.flash('success', DONE[action]).redirect(`/initiatives/${id}`);
        } catch (e) {
          if (e instanceof ValidationError) {
            const p = await services.initiative(user, id);
            if (e.fields?.commentaire || e.fields?.action)
              return reply.page(`Erreur : ${p.content.title}`, <InitiativePage p={p} errors={e.fields} />, {
                status: 422,
                breadcrumbs: [LIST, { label: p.content.title || 'Initiative' }],
              });
            // Incomplete: the form shows what is missing on its fields.
            return renderForm(reply, user, id, { errors: e.fields, status: 422 });
          }
          throw e;
        }
      },
    );
  };
}

const DONE: Record<Exclude<Action, 'save'>, string> = {
  submit: 'L’initiative est envoyée en relecture.',
  withdraw: 'L’initiative est reprise : elle n’est plus en relecture.',
  return: 'L’initiative est renvoyée avec votre commentaire.',
  publish: 'L’initiative est publiée.',
  unpublish: 'L’initiative est retirée de la publication.',
  discard_revision: 'La révision est abandonnée : la version publiée reste en place.',
};
