/**
 * The library's reading pages: the library (search and facets), the Atom feed, a use case's page and its public
 * history (versions, comparison). Everyone may read them; the presenter decides what each reader sees.
 */

import type { FastifyPluginAsync } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import Type from 'typebox';
import { ATOM_CONTENT_TYPE } from '../../../platform/export/atom.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { HttpError } from '../../../platform/http/errors.ts';
import { LooseQuery } from '../../../platform/http/schemas.ts';
import { parseLibraryQuery } from '../services/search.ts';
import { useCaseHref } from '../views/common.tsx';
import { LibraryPage } from '../views/library.tsx';
import { ComparePage, HistoryPage, VersionPage } from '../views/pages.tsx';
import { SummaryPage } from '../views/summary.tsx';
import { UseCasePage } from '../views/use-case.tsx';
import {
  LIBRARY_CRUMB,
  type LibraryHttpDeps,
  serverTiming,
  UseCaseParams,
  UseCaseVersionParams,
  useCaseIdOf,
  versionNumberOf,
} from './common.ts';

const FEED = {
  type: 'application/atom+xml',
  href: '/bibliotheque/flux.atom',
  title: 'Fiches nouvelles et mises à jour',
};

export function pagesRoutes({ services }: LibraryHttpDeps): FastifyPluginAsync {
  const { search, reading, writing, openData } = services;
  return async (app) => {
    // The facet index is built in the background as soon as the server is ready (not before: start-up stays short).
    app.addHook('onReady', async () => {
      search.warm();
    });

    app.get(
      '/bibliotheque',
      { schema: { querystring: LooseQuery }, config: { access: ACCESS.public }, ...serverTiming },
      async (request, reply) => {
        const query = parseLibraryQuery(request.query as Record<string, unknown>);
        const title = query.q ? `Recherche « ${query.q} » — Bibliothèque` : 'Bibliothèque';
        const pageTitle = query.page > 1 ? `${title} (page ${query.page})` : title;
        const options = { alternates: [FEED] };
        const body = async () => {
          const result = await search.query(request.user, query, { correct: true });
          const logos = await services.logos.pathsFor(result.items.map((i) => i.useCase.content.logoUrl));
          const organisationFilter = query.filters.organisation;
          const organisationName =
            organisationFilter?.length === 1
              ? ((await search.query(null, { ...query, q: '', page: 1, perPage: 1 })).items[0]?.useCase.organisation
                  .name ?? null)
              : null;
          return (
            <LibraryPage
              query={query}
              result={result}
              canWrite={writing.canWrite(request.user)}
              organisationName={organisationName}
              logos={logos}
            />
          );
        };
        // Visitors who are not signed in all see the same page for the same address: its body is kept until the
        // library changes (the layout, with its per-request token, is still rendered for each request).
        if (request.user) return reply.page(pageTitle, await body(), options);
        const html = await search.forVisitors(query, async () => renderToString(await body()));
        return reply.page(pageTitle, <div class="page-body" dangerouslySetInnerHTML={{ __html: html }} />, options);
      },
    );

    app.get('/bibliotheque/flux.atom', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) =>
      reply.type(ATOM_CONTENT_TYPE).send(await openData.feed()),
    );

    app.get(
      '/bibliotheque/:ref',
      { schema: { params: UseCaseParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const data = await reading.useCasePage(request.user, useCaseIdOf(request.params));
        const title = data.useCase.content.title ?? 'Fiche';
        const logo = await services.logos.pathFor(data.useCase.content.logoUrl);
        const upkeep = await services.reviews.upkeep(data.useCase.id, data.useCase.access === 'editors');
        const commons = await services.commonsUsing(data.useCase.id);
        const voice = await services.voiceThread(
          data.useCase.id,
          request.user ?? null,
          request.query as Record<string, unknown>,
        );
        const u = data.useCase;
        const pooling = await services.poolingSection(request.user ?? null, {
          id: u.id,
          organisationId: u.organisation.id,
          published: u.state === 'published',
          title,
          path: useCaseHref(u),
        });
        return reply.page(
          title,
          <UseCasePage
            data={{
              ...data,
              logo,
              upkeep,
              commons,
              pooling,
              voice,
              linked: services.glossaryLinks(u.content),
              consultations: await services.consultationsOn(u.id),
            }}
            canEdit={data.canEdit}
          />,
          {
            breadcrumbs: [LIBRARY_CRUMB, { label: title }],
          },
        );
      },
    );

    app.get(
      '/bibliotheque/:ref/synthese',
      { schema: { params: UseCaseParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const useCase = await reading.get(request.user, useCaseIdOf(request.params));
        const title = useCase.content.title ?? 'Fiche';
        const url = `${request.protocol}://${request.host}${useCaseHref(useCase)}`;
        return reply.page(`Synthèse — ${title}`, <SummaryPage useCase={useCase} url={url} />, {
          breadcrumbs: [LIBRARY_CRUMB, { href: useCaseHref(useCase), label: title }, { label: 'Synthèse' }],
        });
      },
    );

    app.get(
      '/bibliotheque/:ref/historique',
      { schema: { params: UseCaseParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const { useCase, versions, path } = await reading.versions(request.user, useCaseIdOf(request.params));
        return reply.page(
          `Historique — ${useCase.content.title}`,
          <HistoryPage useCase={useCase} versions={versions} />,
          {
            breadcrumbs: [
              LIBRARY_CRUMB,
              { href: path, label: useCase.content.title ?? 'Fiche' },
              { label: 'Historique' },
            ],
          },
        );
      },
    );

    app.get(
      '/bibliotheque/:ref/historique/comparer',
      {
        schema: {
          params: UseCaseParams,
          querystring: Type.Object({ de: Type.Optional(Type.String()), a: Type.Optional(Type.String()) }),
        },
        config: { access: ACCESS.public },
      },
      async (request, reply) => {
        const q = request.query as { de?: string; a?: string };
        const from = Number(q.de ?? '');
        const to = Number(q.a ?? '');
        if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 1 || to < 1) {
          throw new HttpError(400, 'bad_request', 'Choisissez deux versions à comparer.');
        }
        const data = await reading.compare(request.user, useCaseIdOf(request.params), from, to);
        return reply.page(
          `Comparaison — ${data.useCase.content.title}`,
          <ComparePage useCase={data.useCase} from={data.from} to={data.to} changes={data.changes} />,
          {
            breadcrumbs: [
              LIBRARY_CRUMB,
              { href: data.path, label: data.useCase.content.title ?? 'Fiche' },
              { href: `${data.path}/historique`, label: 'Historique' },
              { label: 'Comparaison' },
            ],
          },
        );
      },
    );

    app.get(
      '/bibliotheque/:ref/historique/:number',
      { schema: { params: UseCaseVersionParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const number = versionNumberOf(request.params);
        const data = await reading.versionContent(request.user, useCaseIdOf(request.params), number);
        return reply.page(
          `Version ${number} — ${data.useCase.content.title}`,
          <VersionPage useCase={data.useCase} version={data.version} />,
          {
            breadcrumbs: [
              LIBRARY_CRUMB,
              { href: data.path, label: data.useCase.content.title ?? 'Fiche' },
              { href: `${data.path}/historique`, label: 'Historique' },
              { label: `Version ${number}` },
            ],
          },
        );
      },
    );
  };
}
