/** « Contacter l'équipe » of a challenge: a signed-in person writes to the editors of its leads. */
import { contactRoutes as contactRoutesOf } from '../../../platform/http/contact-routes.tsx';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import type { ChallengesServices } from '../services/index.ts';
import { LIST } from './pages.tsx';

export function contactRoutes({ services }: { services: ChallengesServices }) {
  return contactRoutesOf({
    route: '/defis/:id/contacter',
    params: IdParams,
    idOf,
    async target(user, id) {
      const c = await services.challenge(user, id);
      const leads = c.participants.filter((p) => p.role === 'lead').map((p) => p.name);
      const names = leads.length ? leads.join(', ') : (c.statedBy?.name ?? '');
      return {
        title: c.title,
        path: c.path,
        recipients: names ? `les responsables de ${names}` : 'les responsables des organismes participants',
        breadcrumbs: [LIST, { href: c.path, label: c.title }],
      };
    },
    send: (user, id, values) => services.contactTeam(user, id, values),
  });
}
