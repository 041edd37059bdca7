/** The coordinators' review queue (use cases and revisions submitted, oldest first). */
import type { FastifyPluginAsync } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { ReviewQueuePage } from '../views/pages.tsx';
import type { LibraryHttpDeps } from './common.ts';

export function reviewRoutes({ services }: LibraryHttpDeps): FastifyPluginAsync {
  const { workflow, reports } = services;
  return async (app) => {
    app.get('/coordination/fiches', { schema: {}, config: { access: ACCESS.coordinators } }, async (request, reply) => {
      const user = requireUser(request);
      const [items, open] = await Promise.all([workflow.reviewQueue(user), reports.reports(user, 'open')]);
      return reply.page('Fiches à relire', <ReviewQueuePage items={items} openReports={open.length} />, {
        breadcrumbs: [{ href: '/coordination', label: 'Coordination' }, { label: 'Fiches à relire' }],
      });
    });
  };
}
