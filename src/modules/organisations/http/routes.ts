/** Every route of the organisations module, as the plugins the module definition hands to the server. */
import type { FastifyPluginAsync } from 'fastify';
import { apiRoutes } from './api.ts';
import { contactsRoutes } from './contacts.tsx';
import { directoryRoutes } from './directory.tsx';
import { editRoutes } from './edit.tsx';
import { joinRoutes } from './join.tsx';
import { membersRoutes } from './members.tsx';
import { networksRoutes } from './networks.tsx';
import { otherBodiesRoutes } from './other-bodies.tsx';
import type { OrganisationsHttpDeps } from './support.ts';

export type { OrganisationsHttpDeps } from './support.ts';

export function organisationsRoutes(deps: OrganisationsHttpDeps): FastifyPluginAsync[] {
  return [
    directoryRoutes(deps),
    joinRoutes(deps),
    membersRoutes(deps),
    otherBodiesRoutes(deps),
    apiRoutes(deps),
    contactsRoutes(deps),
    networksRoutes(deps),
    editRoutes(deps),
  ];
}
