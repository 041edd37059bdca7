/** The authority directory and pages: /collectivites (list, search, filters) and /collectivites/:id. */
import type { FastifyPluginAsync } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { pageRequest } from '../../../platform/http/pagination.ts';
import { IdParams, idOf, LooseQuery } from '../../../platform/http/schemas.ts';
import { PICKER_SCRIPT } from '../../../platform/ui/organisation-picker.tsx';
import { organisationTypeLabel, parseOrganisationFilter } from '../model.ts';
import { OrganisationListPage } from '../views/list.tsx';
import { OrganisationPage } from '../views/organisation.tsx';
import { LIST_CRUMB, type OrganisationsHttpDeps } from './support.ts';

export function directoryRoutes({ pages }: Pick<OrganisationsHttpDeps, 'pages'>): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/collectivites',
      { schema: { querystring: LooseQuery }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const query = request.query as Record<string, unknown>;
        const filter = parseOrganisationFilter(query);
        const { page } = pageRequest(query.page, 20);
        const model = await pages.directory(request.user, filter, page);
        const title = filter.q ? `Recherche « ${filter.q} » — Collectivités` : 'Collectivités et organismes';
        return reply.page(page > 1 ? `${title} (page ${page})` : title, <OrganisationListPage {...model} />, {
          scripts: [PICKER_SCRIPT],
        });
      },
    );

    app.get(
      '/collectivites/:id',
      { schema: { params: IdParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const model = await pages.authority(request.user, idOf(request.params));
        const org = model.organisation;
        const title = `${org.name} (${organisationTypeLabel(org.type).toLowerCase()})`;
        return reply.page(title, <OrganisationPage {...model} />, {
          breadcrumbs: [LIST_CRUMB, { label: org.name }],
        });
      },
    );
  };
}
