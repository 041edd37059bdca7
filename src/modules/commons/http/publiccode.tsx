/** Creating or refreshing a commons entry from a publiccode.yml file (upload or paste), then the report. */
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { list, readMultipartForm, text } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import type { CommonsServices } from '../services/index.ts';
import { PubliccodeFormPage, PubliccodeReportPage } from '../views/publiccode.tsx';

const TITLE = 'Importer un fichier publiccode.yml';
const breadcrumbs = [{ href: '/communs', label: 'Communs' }, { label: TITLE }];
/** A multipart (file) or urlencoded (pasted text) form, read by readMultipartForm. */
const ImportBody = Type.Union([Type.Null(), Type.Record(Type.String(), Type.Unknown())], {
  description: 'Formulaire multipart/form-data (fichier « fichier ») ou urlencoded (texte « contenu »)',
});

export function publiccodeRoutes({ services }: { services: CommonsServices }): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/communs/importer-publiccode',
      { schema: {}, config: { access: ACCESS.networkMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        services.assertMayCreate(user);
        return reply.page(TITLE, <PubliccodeFormPage ownAuthorities={await services.ownAuthorities(user)} />, {
          breadcrumbs,
        });
      },
    );

    app.post(
      '/communs/importer-publiccode',
      { schema: { body: ImportBody }, config: { access: ACCESS.networkMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        services.assertMayCreate(user);
        const { form, files, tooLarge } = await readMultipartForm(request);
        const file = files.find((f) => f.field === 'fichier' && f.data.length > 0);
        const pasted = text(form, 'contenu');
        try {
          if (tooLarge.length)
            throw new ValidationError({ fichier: 'Le fichier publiccode.yml dépasse la taille autorisée (1 Mo).' });
          if (!file && !pasted.trim())
            throw new ValidationError({ contenu: 'Choisissez un fichier publiccode.yml ou collez son contenu.' });
          const result = await services.publiccode.import(user, {
            data: file ? file.data : pasted,
            maintainers: () => services.writing.maintainersOf(user, form),
          });
          return reply.page(
            result.created ? 'Commun créé depuis publiccode.yml' : 'Commun mis à jour depuis publiccode.yml',
            <PubliccodeReportPage result={result} path={`/communs/${result.id}`} />,
            { breadcrumbs },
          );
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          return reply.page(
            `Erreur : ${TITLE}`,
            <PubliccodeFormPage
              errors={e.fields}
              values={{
                contenu: file ? '' : pasted,
                mainteneurs: list(form, 'mainteneurs'),
                autres_mainteneurs: text(form, 'autres_mainteneurs'),
              }}
              ownAuthorities={await services.ownAuthorities(user)}
            />,
            { status: 422, breadcrumbs },
          );
        }
      },
    );
  };
}
