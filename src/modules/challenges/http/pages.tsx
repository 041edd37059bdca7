/**
 * The challenges pages: the catalogue (search and facets), a challenge's page, the challenge form (new, edit), moving
 * its stage and posting news. Thin: the services authorise, validate and act.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { can } from '../../../platform/auth/authorize.ts';
import { type CurrentUser, isCoordinator } from '../../../platform/auth/user.ts';
import { ACCESS, type Access } from '../../../platform/http/access.ts';
import { catalogueQuery } from '../../../platform/http/catalogue-query.ts';
import { type FieldErrors, ValidationError } from '../../../platform/http/errors.ts';
import { type FormBody, text } from '../../../platform/http/form.ts';
import { pageCount } from '../../../platform/http/pagination.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm, LooseQuery } from '../../../platform/http/schemas.ts';
import { PICKER_SCRIPT } from '../../../platform/ui/organisation-picker.tsx';
import { stageLabel } from '../model.ts';
import type { ChallengesServices } from '../services/index.ts';
import { type ChallengeFacet, type ChallengeOrder, FACET_PARAMS } from '../services/search.ts';
import { formValuesOf } from '../services/writing.ts';
import { ChallengePage } from '../views/challenge.tsx';
import { ChallengeFormPage } from '../views/form.tsx';
import { ChallengesListPage } from '../views/list.tsx';

const PER_PAGE = 20;
export const LIST = { href: '/defis', label: 'Défis' };
export const FEED = { type: 'application/atom+xml', href: '/defis/flux.atom', title: 'Actualités des défis (Atom)' };
/** Editors of any organisation, coordinators and administrators: who states a challenge or registers a body. */
export const EDITORS_ANYWHERE: Access = ['editor', 'other_editor', 'coordinator', 'admin'];

/** The list's query string (platform/http/catalogue-query.ts). */
export const LIST_QUERY = catalogueQuery<ChallengeFacet, ChallengeOrder>(FACET_PARAMS, {
  titre: 'title',
  date: 'updated',
});
export const readListQuery = LIST_QUERY.read;

export function pageRoutes({ services }: { services: ChallengesServices }): FastifyPluginAsync {
  const { writing, present, search, participation } = services;

  async function renderForm(
    reply: FastifyReply,
    user: CurrentUser,
    id: number | null,
    extra: { values?: FormBody; errors?: Record<string, string>; status?: number } = {},
  ) {
    const c = id ? await services.challenge(user, id) : null;
    const title = c ? `Modifier « ${c.title} »` : 'Ouvrir un défi';
    return reply.page(
      extra.errors ? `Erreur : ${title}` : title,
      <ChallengeFormPage
        action={c ? `${c.path}/modifier` : '/defis/nouveau'}
        challenge={c}
        values={extra.values ? formValuesOf(extra.values) : null}
        errors={extra.errors}
        authorities={await services.editedAuthorities(user)}
        mayStateForNetwork={isCoordinator(user)}
      />,
      {
        status: extra.status,
        scripts: !c && isCoordinator(user) ? [PICKER_SCRIPT] : undefined,
        breadcrumbs: [LIST, ...(c ? [{ href: c.path, label: c.title }] : []), { label: title }],
      },
    );
  }

  /** A challenge's page, with the errors of one of its forms (stage, news) when there are some. */
  async function renderChallenge(
    reply: FastifyReply,
    user: CurrentUser | null,
    id: number,
    form?: { name: 'stage' | 'news'; errors: FieldErrors; values: Record<string, string> },
  ) {
    const c = await services.challenge(user, id);
    return reply.page(
      form ? `Erreur : ${c.title}` : c.title,
      <ChallengePage
        c={c}
        signedIn={!!user}
        leavable={participation.leavable(user, await writing.get(id))}
        form={form}
      />,
      { status: form ? 422 : undefined, breadcrumbs: [LIST, { label: c.title }], alternates: [FEED] },
    );
  }

  return async (app) => {
    app.get(
      '/defis',
      { schema: { querystring: LooseQuery }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const query = readListQuery(request.query as Record<string, unknown>);
        const result = await search.search({ ...query, perPage: PER_PAGE });
        const challenges = await present(request.user, await services.store.findByIds(result.ids));
        const { sortParam, pageHref } = LIST_QUERY.links('/defis', query, result.searched);
        return reply.page(
          'Défis',
          <ChallengesListPage
            q={result.searched}
            sort={sortParam}
            total={result.total}
            page={result.page}
            pageCount={pageCount(result.total, PER_PAGE)}
            facets={result.facets}
            challenges={challenges}
            suggestion={result.suggestion}
            correctedFrom={result.correctedFrom}
            canCreate={
              !!request.user &&
              (can(request.user, 'challenge.create', { organisationId: null }) ||
                request.user.memberships.some((m) => m.role === 'editor'))
            }
            pageHref={pageHref}
          />,
          { alternates: [FEED] },
        );
      },
    );

    app.get('/defis/nouveau', { schema: {}, config: { access: EDITORS_ANYWHERE } }, async (request, reply) => {
      const user = requireUser(request);
      participation.assertMayJoinSome(user);
      return renderForm(reply, user, null);
    });

    app.post(
      '/defis/nouveau',
      { schema: { body: LooseForm }, config: { access: EDITORS_ANYWHERE } },
      async (request, reply) => {
        const user = requireUser(request);
        participation.assertMayJoinSome(user);
        const body = request.body as FormBody;
        try {
          const id = await writing.createFromForm(user, body);
          return reply
            .flash('success', 'Le défi est ouvert : il est à l’étape « Appel à intérêt ».')
            .redirect(`/defis/${id}`);
        } catch (e) {
          if (e instanceof ValidationError)
            return renderForm(reply, user, null, { values: body, errors: e.fields, status: 422 });
          throw e;
        }
      },
    );

    app.get('/defis/:id', { schema: { params: IdParams }, config: { access: ACCESS.public } }, async (request, reply) =>
      renderChallenge(reply, request.user, idOf(request.params)),
    );

    app.get(
      '/defis/:id/modifier',
      { schema: { params: IdParams }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const user = requireUser(request);
        await writing.editable(user, idOf(request.params));
        return renderForm(reply, user, idOf(request.params));
      },
    );

    app.post(
      '/defis/:id/modifier',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const body = request.body as FormBody;
        try {
          await writing.updateFromForm(user, id, body);
          return reply.flash('success', 'Les modifications du défi sont enregistrées.').redirect(`/defis/${id}`);
        } catch (e) {
          if (e instanceof ValidationError)
            return renderForm(reply, user, id, { values: body, errors: e.fields, status: 422 });
          throw e;
        }
      },
    );

    app.post(
      '/defis/:id/etape',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const body = request.body as FormBody;
        try {
          const stage = await writing.changeStage(user, id, body);
          return reply
            .flash('success', `Le défi passe à l’étape « ${stageLabel(stage)} » ; les participants en sont avertis.`)
            .redirect(`/defis/${id}`);
        } catch (e) {
          if (e instanceof ValidationError)
            return renderChallenge(reply, user, id, {
              name: 'stage',
              errors: e.fields ?? {},
              values: { etape: text(body, 'etape'), motif: text(body, 'motif'), commun: text(body, 'commun') },
            });
          throw e;
        }
      },
    );

    app.post(
      '/defis/:id/actualites',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const body = request.body as FormBody;
        try {
          await writing.addNews(user, id, body);
          return reply
            .flash('success', 'L’actualité est publiée ; les participants la reçoivent par courriel.')
            .redirect(`/defis/${id}`);
        } catch (e) {
          if (e instanceof ValidationError)
            return renderChallenge(reply, user, id, {
              name: 'news',
              errors: e.fields ?? {},
              values: { titre: text(body, 'titre'), texte: text(body, 'texte') },
            });
          throw e;
        }
      },
    );
  };
}
