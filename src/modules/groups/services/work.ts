/** « Mon espace »: the join requests a lead has to decide, and the groups the person belongs to. */
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { WorkGroup } from '../../../platform/module.ts';
import { groupPath, ROLE_LABELS } from '../model.ts';
import type { GroupsServices } from './index.ts';

export function createWork(services: GroupsServices) {
  return async (user: CurrentUser): Promise<WorkGroup[]> => {
    const [requests, mine, all] = await Promise.all([
      services.membership.toDecide(user),
      services.groups.groupsOf(user.id),
      services.store.allGroups(),
    ]);
    const name = new Map(all.map((g) => [g.id, g.name]));
    return [
      {
        key: 'groups.requests',
        label: 'Demandes pour rejoindre vos groupes',
        count: requests.length,
        items: requests.slice(0, 5).map((r) => ({
          title: `${r.name} demande à rejoindre « ${name.get(r.groupId) ?? ''} »`,
          href: `${groupPath(r.groupId)}/demandes`,
          detail: r.organisationName,
        })),
        href: requests.length ? `${groupPath(requests[0]!.groupId)}/demandes` : '/groupes',
        urgency: 1,
      },
      {
        key: 'groups.mine',
        label: 'Mes groupes de travail',
        count: mine.length,
        items: mine.slice(0, 5).map((g) => ({
          title: g.name,
          href: groupPath(g.id),
          detail: ROLE_LABELS[g.role],
        })),
        href: '/groupes',
        urgency: 3,
      },
    ];
  };
}
