/** The coordination hub: every module's review and census tasks, in one place. */
import type { Actor } from '../../../platform/auth/authorize.ts';
import type { HubLink } from '../../../platform/module.ts';
import { authorizeHub } from '../policy.ts';
import type { PagesPorts } from '../ports.ts';

export interface CoordinationHub {
  links: HubLink[];
}

export function createHubService(ports: PagesPorts) {
  return {
    coordinationHub(actor: Actor): CoordinationHub {
      authorizeHub(actor);
      return { links: ports.coordinationLinks() };
    },
  };
}
export type HubService = ReturnType<typeof createHubService>;
