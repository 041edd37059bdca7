/** Creating or refreshing a commons entry from a publiccode.yml file (upload or paste). */
import type { FastifyPluginAsync } from 'fastify';
import type { CommonsServices } from '../services/index.ts';

export function publiccodeRoutes(_deps: { services: CommonsServices }): FastifyPluginAsync {
  return async () => {};
}
