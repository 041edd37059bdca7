import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isCoordinator } from '../../platform/auth/user.ts';
import { HttpError, notFound, ValidationError } from '../../platform/http/errors.ts';
import { pageCount, pageRequest } from '../../platform/http/pagination.ts';
import { requireUser } from '../../platform/http/plugin.tsx';
import {
  isMembershipRole,
  type MembershipRole,
  type OrganisationFilter,
  OrganisationJsonSchema,
  type OrganisationListQuery,
  OrganisationListQuerySchema,
  OrganisationListSchema,
  type OrganisationType,
  type OtherBodyInput,
  organisationContext,
  organisationTypeLabel,
  parseOrganisationFilter,
} from './model.ts';
import { canCreateOrganisation, canReviewRequests } from './policy.ts';
import type { OrganisationsService } from './service.ts';
import { JoinFormPage, JoinHubPage } from './views/join.tsx';
import { OrganisationListPage } from './views/list.tsx';
import { MembersPage, RequestsPage } from './views/members.tsx';
import { NewBodyPage } from './views/new-body.tsx';
import { type AuthoritySheets, OrganisationPage } from './views/organisation.tsx';
import { PICKER_SCRIPT } from './views/picker.tsx';

const LIST_CRUMB = { href: '/collectivites', label: 'Collectivités' };

/** A positive integer from a path parameter, or a 404. */
function idParam(request: FastifyRequest, name = 'id'): number {
  const text = String((request.params as Record<string, string>)[name] ?? '');
  const id = /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(id)) throw notFound();
  return id;
}

const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Authorities: list, page, join requests and members, other bodies (admin), JSON API for the picker. */
export function organisationsRoutes(deps: {
  organisations: OrganisationsService;
  /** An authority's published sheets (given by the library at wiring time; this module does not import it). */
  sheetsOf?: (organisationId: number) => Promise<AuthoritySheets>;
}): FastifyPluginAsync {
  const svc = deps.organisations;

  return async (app) => {
    // -- public pages ------------------------------------------------------------------------------------------

    app.get('/collectivites', async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const filter = parseOrganisationFilter(query);
      const pr = pageRequest(query.page, 20);
      const [{ total, rows }, maps] = await Promise.all([
        svc.list(filter, { limit: pr.perPage, offset: pr.offset }),
        svc.divisions(),
      ]);
      const title = filter.q ? `Recherche « ${filter.q} » — Collectivités` : 'Collectivités et organismes';
      return reply.page(
        pr.page > 1 ? `${title} (page ${pr.page})` : title,
        <OrganisationListPage
          filter={filter}
          rows={rows}
          total={total}
          page={pr.page}
          pageCount={pageCount(total, pr.perPage)}
          departements={maps.list.departements}
          regions={maps.list.regions}
          canCreate={canCreateOrganisation(request.user)}
          canReview={canReviewRequests(request.user)}
        />,
        { scripts: [PICKER_SCRIPT] },
      );
    });

    app.get('/collectivites/:id', async (request, reply) => {
      const data = await svc.page(request.user, idParam(request));
      const sheets = deps.sheetsOf ? await deps.sheetsOf(data.organisation.id) : null;
      const title = `${data.organisation.name} (${organisationTypeLabel(data.organisation.type).toLowerCase()})`;
      return reply.page(title, <OrganisationPage {...data} sheets={sheets} signedIn={!!request.user} />, {
        breadcrumbs: [LIST_CRUMB, { label: data.organisation.name }],
      });
    });

    // -- joining an authority ----------------------------------------------------------------------------------

    app.get('/collectivites/rejoindre', async (request, reply) => {
      const user = requireUser(request);
      const q = text((request.query as Record<string, unknown>).q)
        .trim()
        .slice(0, 200);
      const [memberships, maps] = await Promise.all([svc.membershipsOf(user), svc.divisions()]);
      let results: { organisation: any; context: string }[] | null = null;
      let total = 0;
      if (q) {
        const found = await svc.list({ q }, { limit: 30, offset: 0 });
        total = found.total;
        results = found.rows.map((o) => ({ organisation: o, context: organisationContext(o, maps) }));
      }
      return reply.page(
        q ? `Recherche « ${q} » — Rejoindre ma collectivité` : 'Rejoindre ma collectivité',
        <JoinHubPage q={q} results={results} total={total} memberships={memberships} />,
        { scripts: [PICKER_SCRIPT], breadcrumbs: [LIST_CRUMB, { label: 'Rejoindre ma collectivité' }] },
      );
    });

    async function joinForm(request: FastifyRequest, reply: FastifyReply, message?: string, errors?: any) {
      const user = requireUser(request);
      const data = await svc.page(user, idParam(request));
      const org = data.organisation;
      return reply.page(
        `Rejoindre ${org.name}`,
        <JoinFormPage
          organisation={org}
          context={data.context}
          membership={data.membership}
          message={message}
          errors={errors}
        />,
        {
          status: errors ? 422 : undefined,
          breadcrumbs: [LIST_CRUMB, { href: `/collectivites/${org.id}`, label: org.name }, { label: 'Rejoindre' }],
        },
      );
    }

    app.get('/collectivites/:id/rejoindre', async (request, reply) => joinForm(request, reply));

    app.post(
      '/collectivites/:id/rejoindre',
      { config: { rateLimit: { max: 20, timeWindow: '1 hour' } } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idParam(request);
        const message = text(body(request).message);
        try {
          const { outcome } = await svc.requestMembership(user, id, message);
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

    // -- managing members --------------------------------------------------------------------------------------

    app.get('/collectivites/:id/membres', async (request, reply) => {
      const user = requireUser(request);
      const data = await svc.members(user, idParam(request));
      const org = data.organisation;
      return reply.page(
        `Membres de ${org.name}`,
        <MembersPage {...data} currentUserId={user.id} canChangeOwnRole={isCoordinator(user)} />,
        { breadcrumbs: [LIST_CRUMB, { href: `/collectivites/${org.id}`, label: org.name }, { label: 'Membres' }] },
      );
    });

    app.get('/collectivites/demandes', async (request, reply) => {
      const user = requireUser(request);
      const requests = await svc.pendingRequests(user);
      return reply.page(
        "Demandes d'adhésion en attente",
        <RequestsPage requests={requests} currentUserId={user.id} />,
        {
          breadcrumbs: [LIST_CRUMB, { label: "Demandes d'adhésion" }],
        },
      );
    });

    /** The membership named in the path, checked to belong to the authority in the path. */
    async function membershipInPath(request: FastifyRequest) {
      const orgId = idParam(request);
      const membershipId = idParam(request, 'membershipId');
      return { orgId, membershipId };
    }

    function roleFrom(request: FastifyRequest): MembershipRole {
      const role = text(body(request).role) || 'member';
      if (!isMembershipRole(role))
        throw new HttpError(400, 'bad_request', 'Rôle inconnu : choisissez Membre ou Responsable.');
      return role;
    }

    app.post('/collectivites/:id/membres/:membershipId/decision', async (request, reply) => {
      const user = requireUser(request);
      const { orgId, membershipId } = await membershipInPath(request);
      const decision = text(body(request).decision);
      if (decision !== 'accept' && decision !== 'refuse') {
        throw new HttpError(400, 'bad_request', 'Décision inconnue : acceptez ou refusez la demande.');
      }
      const m = await svc.decide(user, membershipId, decision, roleFrom(request), orgId);
      const back = text(body(request).retour) === '/collectivites/demandes' ? '/collectivites/demandes' : null;
      return reply
        .flash(
          'success',
          decision === 'accept'
            ? `Demande acceptée : la personne est maintenant ${m.role === 'editor' ? 'responsable' : 'membre'} de la collectivité. Elle en est informée par courriel.`
            : 'Demande refusée. La personne en est informée par courriel.',
        )
        .redirect(back ?? `/collectivites/${orgId}/membres`, 303);
    });

    app.post('/collectivites/:id/membres/:membershipId/role', async (request, reply) => {
      const user = requireUser(request);
      const { orgId, membershipId } = await membershipInPath(request);
      await svc.changeRole(user, membershipId, roleFrom(request), orgId);
      return reply.flash('success', 'Rôle modifié.').redirect(`/collectivites/${orgId}/membres`, 303);
    });

    app.post('/collectivites/:id/membres/:membershipId/retrait', async (request, reply) => {
      const user = requireUser(request);
      const { orgId, membershipId } = await membershipInPath(request);
      const m = await svc.remove(user, membershipId, orgId);
      if (m.userId === user.id) {
        return reply.flash('success', 'Vous avez quitté cette collectivité.').redirect(`/collectivites/${orgId}`, 303);
      }
      return reply.flash('success', 'Le membre a été retiré.').redirect(`/collectivites/${orgId}/membres`, 303);
    });

    // -- administrators: other bodies --------------------------------------------------------------------------

    async function newBodyForm(reply: FastifyReply, values: OtherBodyInput, errors?: any) {
      const maps = await svc.divisions();
      return reply.page(
        'Ajouter un organisme',
        <NewBodyPage
          values={values}
          errors={errors}
          departements={maps.list.departements}
          regions={maps.list.regions}
        />,
        {
          status: errors ? 422 : undefined,
          breadcrumbs: [{ href: '/admin', label: 'Administration' }, { label: 'Ajouter un organisme' }],
        },
      );
    }

    app.get('/admin/collectivites/nouvelle', async (request, reply) => {
      const user = requireUser(request);
      svc.assertCanCreate(user);
      return newBodyForm(reply, {});
    });

    app.post('/admin/collectivites/nouvelle', async (request, reply) => {
      const user = requireUser(request);
      const b = body(request);
      const values: OtherBodyInput = {
        name: text(b.name),
        type: text(b.type),
        siren: text(b.siren),
        siret: text(b.siret),
        website: text(b.website),
        departementCode: text(b.departementCode),
        regionCode: text(b.regionCode),
      };
      try {
        const org = await svc.createOther(user, values);
        return reply.flash('success', `« ${org.name} » a été ajouté.`).redirect(`/collectivites/${org.id}`, 303);
      } catch (e) {
        if (e instanceof ValidationError) return newBodyForm(reply, values, e.fields);
        throw e;
      }
    });

    // -- JSON API ----------------------------------------------------------------------------------------------

    app.get(
      '/api/v1/organisations',
      {
        schema: {
          tags: ['organisations'],
          summary: 'Chercher des collectivités et organismes',
          description:
            'Recherche par début de mot dans le nom, le code postal, le code INSEE ou le SIREN (un SIRET est ramené à son SIREN). Sans `q`, liste filtrée par population décroissante.',
          querystring: OrganisationListQuerySchema,
          response: { 200: OrganisationListSchema },
        },
        config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
      },
      async (request) => {
        const query = request.query as OrganisationListQuery;
        const filter: OrganisationFilter = {};
        if (query.q?.trim()) filter.q = query.q.trim();
        if (query.type) filter.type = query.type as OrganisationType;
        if (query.region) filter.regionCode = query.region;
        if (query.departement) filter.departementCode = query.departement.toUpperCase();
        const page = query.page ?? 1;
        const perPage = query.perPage ?? 20;
        const [{ total, rows }, maps] = await Promise.all([
          svc.list(filter, { limit: perPage, offset: (page - 1) * perPage }),
          svc.divisions(),
        ]);
        return { data: rows.map((o) => svc.toJson(o, maps)), page, perPage, total };
      },
    );

    app.get(
      '/api/v1/organisations/:ref',
      {
        schema: {
          tags: ['organisations'],
          summary: 'Une collectivité ou un organisme, par identifiant ou par code stable',
          description: "`ref` : l'identifiant numérique ou le code stable (« commune:75056 », « epci:200046977 »).",
          response: { 200: OrganisationJsonSchema },
        },
      },
      async (request) => {
        const ref = String((request.params as Record<string, string>).ref ?? '');
        const org = /^[1-9][0-9]{0,15}$/.test(ref) ? await svc.get(Number(ref)) : await svc.findByCode(ref);
        if (!org) throw notFound(`Aucune collectivité ni aucun organisme n'a le code « ${ref} ».`);
        return svc.toJson(org, await svc.divisions());
      },
    );
  };
}
