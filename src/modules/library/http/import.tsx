/** Importing Interconnectés or PSTW files (administrators): a multipart form, then the import's report. */
import type { FastifyPluginAsync } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { readMultipartForm, text } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { LooseQuery } from '../../../platform/http/schemas.ts';
import { assertUploadSize } from '../../../platform/http/upload-limit.ts';
import { ImportPage } from '../views/import.tsx';
import { type LibraryHttpDeps, MultipartBody } from './common.ts';

const breadcrumbs = [{ href: '/admin', label: 'Administration' }, { label: 'Importer des fiches' }];

export function importRoutes({ services }: LibraryHttpDeps): FastifyPluginAsync {
  const { imports } = services;
  return async (app) => {
    app.get('/admin/bibliotheque/import', { schema: {}, config: { access: ACCESS.admins } }, async (request, reply) => {
      imports.mayImport(requireUser(request));
      return reply.page('Importer des fiches', <ImportPage report={null} errors={null} />, { breadcrumbs });
    });

    // The pipeline reads the multipart body (the `_csrf` field with it) before the CSRF check.
    app.post(
      '/admin/bibliotheque/import',
      {
        schema: { querystring: LooseQuery, body: MultipartBody },
        config: { access: ACCESS.admins, upload: 'import' },
      },
      async (request, reply) => {
        const user = requireUser(request);
        imports.mayImport(user);
        const { form, files, tooLarge } = await readMultipartForm(request);
        assertUploadSize(request, files, tooLarge);
        const data = files[0]?.data ?? null;
        const formatText = text(form, 'format');
        const format = formatText === 'pstw' || formatText === 'interconnectes' ? formatText : null;
        const errors: Record<string, string> = {};
        if (!format) errors.format = 'Choisissez le format du fichier.';
        if (tooLarge.length) errors.file = 'Le fichier dépasse la taille autorisée.';
        else if (!data?.length) errors.file = 'Choisissez un fichier CSV à importer.';
        if (Object.keys(errors).length) {
          return reply.page('Importer des fiches', <ImportPage report={null} errors={errors} />, {
            status: 422,
            breadcrumbs,
          });
        }
        const report = await imports.importFile(user, {
          format: format!,
          data: data!,
          dryRun: text(form, 'dryRun') === '1',
          asDraft: text(form, 'asDraft') === '1',
          rehome: text(form, 'rehome') === '1',
          allowHomonyms: text(form, 'allowHomonyms') === '1',
        });
        return reply.page('Importer des fiches', <ImportPage report={report} errors={null} />, {
          status: report.errorCount ? 422 : 200,
          breadcrumbs,
        });
      },
    );
  };
}
