/** Managing members: an authority's members page, the pending requests, decisions, roles and removals. */
import type { FastifyPluginAsync } from 'fastify';
import { isCoordinator } from '../../../platform/auth/user.ts';
import { ACCESS, type Access } from '../../../platform/http/access.ts';
import { HttpError } from '../../../platform/http/errors.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseQuery } from '../../../platform/http/schemas.ts';
import { ofName } from '../../../platform/text/french.ts';
import { isMembershipRole, type MembershipRole } from '../model.ts';
import { MembersPage, RequestsPage } from '../views/members.tsx';
import { FORMS, LIST_CRUMB, MembershipParams, type OrganisationsHttpDeps } from './support.ts';

/** Editors of any authority (their own authorities' requests), coordinators and administrators (all of them). */
const REVIEWERS: Access = ['editor', 'other_editor', 'coordinator', 'admin'];

function roleOf(value: string): MembershipRole {
  const role = value || 'member';
  if (!isMembershipRole(role))
    throw new HttpError(400, 'bad_request', 'Rôle inconnu : choisissez Membre ou Responsable.');
  return role;
}

/** The authority and the membership named in the path (the service checks that one belongs to the other). */
const inPath = (params: unknown) => ({ orgId: idOf(params), membershipId: idOf(params, 'membershipId') });

export function membersRoutes({ memberships }: Pick<OrganisationsHttpDeps, 'memberships'>): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/collectivites/:id/membres',
      { schema: { params: IdParams, querystring: LooseQuery }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const data = await memberships.members(request.user, idOf(request.params));
        const user = requireUser(request);
        const org = data.organisation;
        return reply.page(
          `Membres ${ofName(org.name)}`,
          <MembersPage {...data} currentUserId={user.id} canChangeOwnRole={isCoordinator(user)} />,
          { breadcrumbs: [LIST_CRUMB, { href: `/collectivites/${org.id}`, label: org.name }, { label: 'Membres' }] },
        );
      },
    );

    app.get(
      '/collectivites/demandes',
      { schema: { querystring: LooseQuery }, config: { access: REVIEWERS } },
      async (request, reply) => {
        const requests = await memberships.pendingRequests(request.user);
        return reply.page(
          "Demandes d'adhésion en attente",
          <RequestsPage requests={requests} currentUserId={requireUser(request).id} />,
          { breadcrumbs: [LIST_CRUMB, { label: "Demandes d'adhésion" }] },
        );
      },
    );

    app.post(
      '/collectivites/:id/membres/:membershipId/decision',
      {
        schema: { params: MembershipParams, body: FORMS.decision.schema },
        config: { access: ACCESS.authorityEditors },
      },
      async (request, reply) => {
        const { orgId, membershipId } = inPath(request.params);
        const form = FORMS.decision.read(request.body).values;
        if (form.decision !== 'accept' && form.decision !== 'refuse') {
          throw new HttpError(400, 'bad_request', 'Décision inconnue : acceptez ou refusez la demande.');
        }
        const m = await memberships.decide(request.user, membershipId, form.decision, roleOf(form.role), orgId);
        const back = form.retour === '/collectivites/demandes' ? '/collectivites/demandes' : null;
        return reply
          .flash(
            'success',
            form.decision === 'accept'
              ? `Demande acceptée : la personne est maintenant ${m.role === 'editor' ? 'responsable' : 'membre'} de la collectivité. Elle en est informée par courriel.`
              : 'Demande refusée. La personne en est informée par courriel.',
          )
          .redirect(back ?? `/collectivites/${orgId}/membres`, 303);
      },
    );

    app.post(
      '/collectivites/:id/membres/:membershipId/role',
      { schema: { params: MembershipParams, body: FORMS.role.schema }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const { orgId, membershipId } = inPath(request.params);
        const { role } = FORMS.role.read(request.body).values;
        await memberships.changeRole(request.user, membershipId, roleOf(role), orgId);
        return reply.flash('success', 'Rôle modifié.').redirect(`/collectivites/${orgId}/membres`, 303);
      },
    );

    app.post(
      '/collectivites/:id/membres/:membershipId/retrait',
      { schema: { params: MembershipParams }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const { orgId, membershipId } = inPath(request.params);
        const m = await memberships.remove(request.user, membershipId, orgId);
        if (m.userId === request.user?.id) {
          return reply
            .flash('success', 'Vous avez quitté cette collectivité.')
            .redirect(`/collectivites/${orgId}`, 303);
        }
        return reply.flash('success', 'Le membre a été retiré.').redirect(`/collectivites/${orgId}/membres`, 303);
      },
    );
  };
}
