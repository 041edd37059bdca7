/** The services of working groups, built once per module from the platform and the ports. */
import type { Platform } from '../../../platform/platform.ts';
import type { GroupsPorts } from '../ports.ts';
import { createGroupsStore } from '../store.ts';
import { createGroupsService } from './groups.ts';
import { createMembershipService } from './membership.ts';

export function createGroupsServices(platform: Platform, ports: GroupsPorts) {
  const store = createGroupsStore(platform.db);
  const groups = createGroupsService({ platform, store, ports });
  const membership = createMembershipService({ platform, store, ports, groups });
  return { baseUrl: platform.config.baseUrl, clock: platform.clock, store, ports, groups, membership };
}
export type GroupsServices = ReturnType<typeof createGroupsServices>;
