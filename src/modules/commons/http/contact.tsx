/** « Contacter l'équipe » of a commons entry: a signed-in person writes to its maintainers' editors. */
import { contactRoutes as contactRoutesOf } from '../../../platform/http/contact-routes.tsx';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import type { CommonsServices } from '../services/index.ts';

export function contactRoutes({ services }: { services: CommonsServices }) {
  return contactRoutesOf({
    route: '/communs/:id/contacter',
    params: IdParams,
    idOf,
    async target(user, id) {
      const e = await services.entry(user, id);
      const names = e.maintainers.map((m) => m.name).join(', ');
      return {
        title: e.name,
        path: e.path,
        recipients: names ? `les responsables de ${names}` : 'les responsables du commun',
        breadcrumbs: [
          { href: '/communs', label: 'Communs' },
          { href: e.path, label: e.name },
        ],
      };
    },
    send: (user, id, values) => services.contactMaintainers(user, id, values),
  });
}
