/**
 * Networks of authorities: their list and pages (everyone), managing members and importing them (the site's
 * coordinators and the network's own), naming coordinators (the site's coordinators).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { type FieldErrors, ValidationError } from '../../../platform/http/errors.ts';
import { formFields, textField } from '../../../platform/http/form.ts';
import { pageCount } from '../../../platform/http/pagination.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseQuery, MultipartForm } from '../../../platform/http/schemas.ts';
import { NetworkImportPage, NetworkPage, NetworksPage } from '../views/networks.tsx';
import { type OrganisationsHttpDeps, readCsvUpload } from './support.ts';

const PER_PAGE = 50;
const NETWORKS_CRUMB = { href: '/reseaux', label: 'Réseaux' };

const MemberParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }),
  organisationId: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }),
});
const CoordinatorParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }),
  userId: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }),
});
const PageQuery = Type.Object(
  { page: Type.Optional(Type.String({ description: 'page de la liste des membres (à partir de 1)' })) },
  { additionalProperties: true },
);

const MEMBER_FORM = formFields({ ref: textField('SIREN, SIRET ou code INSEE') });
const APPOINT_FORM = formFields({ userId: textField('Coordinateur') });

export function networksRoutes({
  networks,
  imports,
}: Pick<OrganisationsHttpDeps, 'networks' | 'imports'>): FastifyPluginAsync {
  async function networkPage(
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldErrors,
    values?: { ref?: string },
  ) {
    const networkId = idOf(request.params);
    const asked = Number((request.query as { page?: string } | undefined)?.page);
    const page = Number.isSafeInteger(asked) && asked > 0 ? asked : 1;
    const model = await networks.page(request.user, networkId, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
    const candidates = model.canAppoint ? await networks.candidates() : [];
    const taken = new Set(model.coordinators.map((p) => p.id));
    return reply.page(
      model.network.name,
      <NetworkPage
        {...model}
        page={page}
        pageCount={pageCount(model.members.total, PER_PAGE)}
        candidates={candidates.filter((p) => !taken.has(p.id) && !p.disabled)}
        errors={errors}
        values={values}
      />,
      { status: errors ? 422 : undefined, breadcrumbs: [NETWORKS_CRUMB, { label: model.network.name }] },
    );
  }

  async function importPage(request: FastifyRequest, reply: FastifyReply, user: CurrentUser) {
    const networkId = idOf(request.params);
    const network = await networks.networkOf(networkId);
    await networks.requireManager(user, networkId);
    const crumbs = [NETWORKS_CRUMB, { href: `/reseaux/${network.id}`, label: network.name }, { label: 'Importer' }];
    if (request.method === 'GET') {
      return reply.page(
        `Importer les membres — ${network.name}`,
        <NetworkImportPage network={network} report={null} />,
        {
          breadcrumbs: crumbs,
        },
      );
    }
    const upload = await readCsvUpload(request);
    if (!upload.ok) {
      return reply.page(
        `Importer les membres — ${network.name}`,
        <NetworkImportPage network={network} report={null} errors={{ file: upload.error }} />,
        { status: 422, breadcrumbs: crumbs },
      );
    }
    const report = await imports.importMembers(user, networkId, upload.data, {
      dryRun: upload.dryRun,
      fileName: upload.fileName,
    });
    return reply.page(
      `Importer les membres — ${network.name}`,
      <NetworkImportPage network={network} report={report} />,
      { status: report.errors.length ? 422 : 200, breadcrumbs: crumbs },
    );
  }

  return async (app) => {
    app.get('/reseaux', { schema: { querystring: LooseQuery }, config: { access: ACCESS.public } }, async (_r, reply) =>
      reply.page('Réseaux de collectivités', <NetworksPage networks={await networks.list()} />, {
        breadcrumbs: [{ label: 'Réseaux' }],
      }),
    );

    app.get(
      '/reseaux/:id',
      { schema: { params: IdParams, querystring: PageQuery }, config: { access: ACCESS.public } },
      async (request, reply) => networkPage(request, reply),
    );

    app.post(
      '/reseaux/:id/membres',
      { schema: { params: IdParams, body: MEMBER_FORM.schema }, config: { access: ACCESS.coordinators } },
      async (request, reply) => {
        const user = requireUser(request);
        const networkId = idOf(request.params);
        const { ref } = MEMBER_FORM.read(request.body).values;
        try {
          await networks.requireManager(user, networkId);
          const org = await imports.findAuthority(ref);
          const added = await networks.addMember(user, networkId, org.id);
          return reply
            .flash('success', added ? `${org.name} ajouté au réseau.` : `${org.name} était déjà membre du réseau.`)
            .redirect(`/reseaux/${networkId}#membres`, 303);
        } catch (e) {
          if (e instanceof ValidationError) return networkPage(request, reply, e.fields, { ref });
          throw e;
        }
      },
    );

    app.post(
      '/reseaux/:id/membres/:organisationId/retirer',
      { schema: { params: MemberParams }, config: { access: ACCESS.coordinators } },
      async (request, reply) => {
        const networkId = idOf(request.params);
        await networks.removeMember(request.user, networkId, idOf(request.params, 'organisationId'));
        return reply.flash('success', 'Membre retiré du réseau.').redirect(`/reseaux/${networkId}#membres`, 303);
      },
    );

    app.get(
      '/reseaux/:id/import',
      { schema: { params: IdParams, querystring: LooseQuery }, config: { access: ACCESS.coordinators } },
      async (request, reply) => importPage(request, reply, requireUser(request)),
    );

    // The pipeline reads the multipart body (the `_csrf` field with it) before the CSRF check.
    app.post(
      '/reseaux/:id/import',
      {
        schema: { params: IdParams, querystring: LooseQuery, body: MultipartForm },
        config: { access: ACCESS.coordinators, upload: 'contacts' },
      },
      async (request, reply) => importPage(request, reply, requireUser(request)),
    );

    app.post(
      '/reseaux/:id/coordinateurs',
      { schema: { params: IdParams, body: APPOINT_FORM.schema }, config: { access: ACCESS.coordinators } },
      async (request, reply) => {
        const networkId = idOf(request.params);
        const userId = Number(APPOINT_FORM.read(request.body).values.userId);
        try {
          await networks.appoint(request.user, networkId, Number.isSafeInteger(userId) ? userId : 0);
        } catch (e) {
          if (e instanceof ValidationError) return networkPage(request, reply, e.fields);
          throw e;
        }
        return reply.flash('success', 'Coordinateur nommé.').redirect(`/reseaux/${networkId}`, 303);
      },
    );

    app.post(
      '/reseaux/:id/coordinateurs/:userId/retirer',
      { schema: { params: CoordinatorParams }, config: { access: ACCESS.coordinators } },
      async (request, reply) => {
        const networkId = idOf(request.params);
        await networks.dismiss(request.user, networkId, idOf(request.params, 'userId'));
        return reply.flash('success', 'Coordinateur retiré.').redirect(`/reseaux/${networkId}`, 303);
      },
    );
  };
}
