/** What the census asks of a person (« Mon espace »): the open campaigns their authorities have to answer. */
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { WorkGroup } from '../../../platform/module.ts';
import { formatDate } from '../../../platform/ui/components.tsx';
import type { CampaignService } from './campaigns.ts';

const DAY = 86_400_000;

/** « à rendre avant le 12 mars 2026 (dans 3 jours) », « date limite dépassée »… */
export function deadlineWords(closesAt: string, now: Date): string {
  const days = Math.ceil((Date.parse(closesAt) - now.getTime()) / DAY);
  const date = formatDate(closesAt);
  if (days < 0) return `date limite dépassée (${date})`;
  if (days === 0) return `à rendre aujourd’hui (${date})`;
  if (days === 1) return `à rendre demain (${date})`;
  return `à rendre avant le ${date} (dans ${days} jours)`;
}

export function createWorkService(deps: { campaigns: Pick<CampaignService, 'myCampaigns'>; clock: Clock }) {
  return {
    async work(user: CurrentUser): Promise<WorkGroup[]> {
      if (user.memberships.length === 0) return [];
      const rows = (await deps.campaigns.myCampaigns(user)).filter(
        (r) => r.state === 'open' && r.response?.status !== 'submitted',
      );
      rows.sort((a, b) => a.campaign.closesAt.localeCompare(b.campaign.closesAt));
      const now = deps.clock.now();
      return [
        {
          key: 'recensements-a-remplir',
          label: 'Recensements à remplir',
          count: rows.length,
          href: '/recensements',
          urgency: 0,
          items: rows.slice(0, 5).map((r) => ({
            title: `${r.campaign.title} — ${r.organisationName}`,
            href: r.href,
            detail: `${r.response ? 'Réponse commencée, ' : ''}${deadlineWords(r.campaign.closesAt, now)}`,
            due: r.campaign.closesAt,
          })),
        },
      ];
    },
  };
}
