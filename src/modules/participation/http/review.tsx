/** The coordinators' review queue: submitted initiatives and revisions, oldest first. */
import type { FastifyPluginAsync } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import type { ParticipationServices } from '../services/index.ts';
import { InitiativeListPage } from '../views/list.tsx';

export function reviewRoutes({ services }: { services: ParticipationServices }): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/coordination/initiatives',
      { schema: {}, config: { access: ACCESS.coordinators } },
      async (request, reply) =>
        reply.page(
          'Initiatives de participation à relire',
          <InitiativeListPage
            title="Initiatives de participation à relire"
            lead="Les initiatives et révisions envoyées par les collectivités, de la plus ancienne à la plus récente. Ouvrez-en une pour la publier ou la renvoyer avec un commentaire."
            empty="Aucune initiative n’attend de relecture."
            items={await services.reviewQueue(request.user)}
          />,
          { breadcrumbs: [{ href: '/coordination', label: 'Coordination' }, { label: 'Initiatives à relire' }] },
        ),
    );
  };
}
