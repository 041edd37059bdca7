/** Sheets' logos, as the server fetched and checked them (services/logos.ts): content-addressed, cached for good. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { notFound } from '../../../platform/http/errors.ts';
import type { LibraryHttpDeps } from './common.ts';

const LogoParams = Type.Object({ file: Type.String({ pattern: '^[0-9a-f]{64}\\.(png|jpg|webp)$' }) });

export function logosRoutes({ services }: LibraryHttpDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/bibliotheque/logos/:file',
      { schema: { params: LogoParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const logo = await services.logos.read((request.params as { file: string }).file);
        if (!logo) throw notFound('Ce logo n’existe pas.');
        return reply
          .type(logo.type)
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('x-content-type-options', 'nosniff')
          .send(logo.data);
      },
    );
  };
}
