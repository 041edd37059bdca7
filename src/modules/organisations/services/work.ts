/** What the directory asks of a person (« Mon espace »): join requests to decide, for those who decide them. */
import { can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { WorkGroup } from '../../../platform/module.ts';
import type { MembershipsService } from './memberships.ts';

export function createWorkService(memberships: Pick<MembershipsService, 'pendingRequests'>) {
  return {
    async work(user: CurrentUser): Promise<WorkGroup[]> {
      if (!can(user, 'membership.review')) return [];
      const requests = await memberships.pendingRequests(user);
      requests.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
      return [
        {
          key: 'demandes-adhesion',
          label: 'Demandes d’adhésion à examiner',
          count: requests.length,
          href: '/collectivites/demandes',
          urgency: 1,
          items: requests.slice(0, 5).map((r) => ({
            title: `${r.user?.name || r.user?.email || 'Une personne'} · ${r.organisation.name}`,
            href: '/collectivites/demandes',
            detail: r.message || null,
          })),
        },
      ];
    },
  };
}
