/** The coordination hub (every module's review and census tasks, with counts) and each person's « Mon espace ». */
import type { Actor } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { HubLink } from '../../../platform/module.ts';
import { authorizeHub } from '../policy.ts';
import type { PagesPorts } from '../ports.ts';

export interface CoordinationHub {
  /** Each card with the count of what waits behind it, when a module counts it. */
  links: (HubLink & { count?: number })[];
}

export function createHubService(ports: PagesPorts) {
  return {
    async coordinationHub(actor: Actor): Promise<CoordinationHub> {
      authorizeHub(actor);
      const counts = new Map((await ports.work(actor!)).map((g) => [g.href, g.count]));
      return { links: ports.coordinationLinks().map((l) => ({ ...l, count: counts.get(l.href) })) };
    },

    /** « Mon espace »: everything waiting for the person, most urgent first (any signed-in person). */
    async myWork(user: CurrentUser) {
      return { groups: await ports.work(user) };
    },
  };
}
export type HubService = ReturnType<typeof createHubService>;
