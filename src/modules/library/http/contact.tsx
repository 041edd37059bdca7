/** « Contacter l'équipe » of a published sheet: a signed-in person writes to its authority's editors. */
import { contactRoutes as contactRoutesOf } from '../../../platform/http/contact-routes.tsx';
import { notFound } from '../../../platform/http/errors.ts';
import { useCasePath } from '../services/context.ts';
import { LIBRARY_CRUMB, type LibraryHttpDeps, UseCaseParams, useCaseIdOf } from './common.ts';

export function contactRoutes({ services }: LibraryHttpDeps) {
  return contactRoutesOf({
    route: '/bibliotheque/:ref/contacter',
    params: UseCaseParams,
    idOf: useCaseIdOf,
    async target(user, id) {
      const useCase = await services.reading.get(user, id);
      if (useCase.state !== 'published') throw notFound('Seules les fiches publiées ont une équipe à contacter.');
      const title = useCase.content.title ?? 'Fiche';
      const path = useCasePath(useCase);
      return {
        title,
        path,
        recipients: `les responsables de la fiche (${useCase.organisation.name})`,
        breadcrumbs: [LIBRARY_CRUMB, { href: path, label: title }],
      };
    },
    send: (user, id, values) => services.contactAuthority(user, id, values),
  });
}
