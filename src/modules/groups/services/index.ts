/** The services of working groups, built once per module from the platform and the ports. */
import type { Platform } from '../../../platform/platform.ts';
import type { GroupsPorts } from '../ports.ts';
import { createGroupsStore } from '../store.ts';
import { createDigestService } from './digest.ts';
import { createFollowsService } from './follows.ts';
import { createGroupsService } from './groups.ts';
import { createMembershipService } from './membership.ts';
import { createPagesService } from './pages.ts';

export function createGroupsServices(platform: Platform, ports: GroupsPorts) {
  const store = createGroupsStore(platform.db);
  const groups = createGroupsService({ platform, store, ports });
  const membership = createMembershipService({ platform, store, ports, groups });
  const follows = createFollowsService({ platform, store, ports, groups });
  const digest = createDigestService({ platform, store, ports, groups, follows });
  const pages = createPagesService({ store, ports, groups, follows });
  return {
    pages,
    baseUrl: platform.config.baseUrl,
    clock: platform.clock,
    store,
    ports,
    groups,
    membership,
    follows,
    digest,
  };
}
export type GroupsServices = ReturnType<typeof createGroupsServices>;
