/**
 * The campaign dashboard at the scale of every commune: the summary (invited, reached, started, submitted, without
 * recipient, delivery failures, responses), the rates by type and région, one page of the follow-up in French order
 * with its filters, and the follow-up list as CSV (streamed).
 */
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { CsvValue } from '../../../platform/export/csv.ts';
import { organisationTypeLabel } from '../../organisations/index.ts';
import { campaignState } from '../campaigns.ts';
import { mapsToLibrary } from '../library-mapping.ts';
import { authorizeOr } from '../policy.ts';
import type { FollowUpFilter, FollowUpGroup, FollowUpRow, FollowUpStatus } from '../store/follow-up.ts';
import { campaignOrThrow, type ServiceDeps } from './context.ts';

const FOLLOW = { forbidden: 'Seuls les coordinateurs du réseau peuvent suivre les campagnes.' };
export const FOLLOW_UP_PAGE_SIZE = 50;

export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, string> = {
  not_started: 'Pas commencée',
  in_progress: 'En cours',
  submitted: 'Envoyée',
};

/** The filters of the dashboard as the query string gives them (unknown values dropped). */
export interface FollowUpQuery {
  statut?: string;
  type?: string;
  region?: string;
  reseau?: string;
  envoi?: string;
  page?: string;
}

export function followUpFilterOf(q: FollowUpQuery): FollowUpFilter {
  const status = q.statut as FollowUpStatus;
  const network = Number(q.reseau);
  return {
    ...(['not_started', 'in_progress', 'submitted'].includes(status) ? { status } : {}),
    ...(q.type && /^[a-z_-]{1,40}$/.test(q.type) ? { type: q.type } : {}),
    ...(q.region && /^[0-9]{2,3}$/.test(q.region) ? { regionCode: q.region } : {}),
    ...(Number.isSafeInteger(network) && network > 0 ? { networkId: network } : {}),
    ...(q.envoi === 'sans-destinataire' ? { delivery: 'without_recipient' as const } : {}),
    ...(q.envoi === 'echec' ? { delivery: 'failed' as const } : {}),
  };
}

export interface Rate {
  key: string;
  invited: number;
  submitted: number;
  percent: number;
}

function sum(groups: FollowUpGroup[]) {
  const total = {
    invited: 0,
    reached: 0,
    started: 0,
    submitted: 0,
    withoutRecipient: 0,
    failed: 0,
    retrying: 0,
    responses: 0,
    submittedResponses: 0,
  };
  for (const g of groups) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += g[k];
  return total;
}

function ratesBy(groups: FollowUpGroup[], key: (g: FollowUpGroup) => string): Rate[] {
  const by = new Map<string, { invited: number; submitted: number }>();
  for (const g of groups) {
    const k = key(g);
    const r = by.get(k) ?? { invited: 0, submitted: 0 };
    r.invited += g.invited;
    r.submitted += g.submitted;
    by.set(k, r);
  }
  return [...by]
    .map(([k, r]) => ({ key: k, ...r, percent: r.invited ? Math.round((r.submitted * 1000) / r.invited) / 10 : 0 }))
    .sort((a, b) => b.invited - a.invited || a.key.localeCompare(b.key, 'fr'));
}

export function createFollowUpService(deps: ServiceDeps) {
  const { store, clock, links, ports, versions } = deps;

  return {
    /** Everything the campaign dashboard shows, for one page of the follow-up and its filters. */
    async dashboard(actor: CurrentUser | null, id: number, query: FollowUpQuery = {}) {
      authorizeOr(FOLLOW, actor, 'campaign.manage');
      const campaign = await campaignOrThrow(store, id);
      const filter = followUpFilterOf(query);
      const requested = Math.max(1, Math.trunc(Number(query.page)) || 1);
      const [version, questionnaire, groups, counts, divisions, networks] = await Promise.all([
        versions.version(campaign.versionId),
        store.findQuestionnaire(campaign.questionnaireId),
        store.followUpGroups(id),
        store.countResponses(id),
        ports.organisations.divisions(),
        ports.organisations.networks(),
      ]);
      // Filtered by type or région only (or not at all): the groups' counts give the list's total.
      const byGroups = !filter.status && !filter.networkId && !filter.delivery;
      const knownTotal = byGroups
        ? groups
            .filter(
              (g) =>
                (!filter.type || g.type === filter.type) && (!filter.regionCode || g.regionCode === filter.regionCode),
            )
            .reduce((n, g) => n + g.rows, 0)
        : undefined;
      let page = await store.followUpPage(
        id,
        filter,
        { limit: FOLLOW_UP_PAGE_SIZE, offset: (requested - 1) * FOLLOW_UP_PAGE_SIZE },
        knownTotal,
      );
      const pageCount = Math.max(1, Math.ceil(page.total / FOLLOW_UP_PAGE_SIZE));
      if (requested > pageCount)
        page = await store.followUpPage(
          id,
          filter,
          { limit: FOLLOW_UP_PAGE_SIZE, offset: (pageCount - 1) * FOLLOW_UP_PAGE_SIZE },
          knownTotal,
        );
      // Groups whose invitations were all revoked count for the list's total only.
      const active = groups.filter((g) => g.invited > 0);
      const summary = sum(active);
      const allResponses = counts.reduce((s, c) => s + c.n, 0);
      const regionName = (code: string | null) => (code ? (divisions.regions.get(code) ?? code) : 'Sans région');
      return {
        campaign,
        state: campaignState(campaign, clock.now()),
        version,
        questionnaire,
        summary: { ...summary, anonymousResponses: Math.max(0, allResponses - summary.responses) },
        byType: ratesBy(active, (g) => organisationTypeLabel(g.type)),
        byRegion: ratesBy(active, (g) => regionName(g.regionCode)),
        followUp: page.rows.map((r) => ({ ...r, regionName: r.regionCode ? regionName(r.regionCode) : null })),
        total: page.total,
        page: Math.min(requested, pageCount),
        pageCount,
        filter,
        query,
        filterOptions: {
          types: [...new Set(active.map((g) => g.type))]
            .map((t) => ({ value: t, label: organisationTypeLabel(t) }))
            .sort((a, b) => a.label.localeCompare(b.label, 'fr')),
          regions: [...new Set(active.map((g) => g.regionCode).filter((c): c is string => !!c))]
            .map((c) => ({ value: c, label: regionName(c) }))
            .sort((a, b) => a.label.localeCompare(b.label, 'fr')),
          networks: networks.map((n) => ({ value: String(n.id), label: n.name })),
        },
        publicLink: links.publicLink(campaign),
        mapsToLibrary: mapsToLibrary(version.content),
        contactsPage: (organisationId: number) => ports.organisations.contactsPage(organisationId),
      };
    },

    /** The follow-up list (the dashboard's filters) as CSV rows, read a batch at a time. */
    async followUpCsv(actor: CurrentUser | null, id: number, query: FollowUpQuery = {}) {
      authorizeOr(FOLLOW, actor, 'campaign.manage');
      const campaign = await campaignOrThrow(store, id);
      const divisions = await ports.organisations.divisions();
      const filter = followUpFilterOf(query);
      const header: CsvValue[] = [
        'Collectivité',
        'Type',
        'Région',
        'Département',
        'Destinataires',
        'E-mails remis',
        'Échecs d’envoi',
        'Dernière erreur d’envoi',
        'Réponse',
        'Réponses',
        'Réponses envoyées',
        'Avancement (%)',
        'Envoyée le',
        'Rappels',
        'Lien révoqué le',
      ];
      async function* rows(): AsyncGenerator<CsvValue[]> {
        for await (const r of store.iterateFollowUp(id, filter)) yield csvRow(r);
      }
      const csvRow = (r: FollowUpRow): CsvValue[] => [
        r.organisationName,
        organisationTypeLabel(r.organisationType),
        r.regionCode ? (divisions.regions.get(r.regionCode) ?? r.regionCode) : '',
        r.departementCode ? (divisions.departements.get(r.departementCode) ?? r.departementCode) : '',
        r.recipientCount < 0 ? '' : r.recipientCount,
        r.deliveredCount,
        r.failedCount,
        r.lastError ?? '',
        FOLLOW_UP_STATUS_LABELS[r.status],
        r.responses,
        r.submittedResponses,
        r.progress,
        r.submittedAt ? new Date(r.submittedAt) : null,
        r.remindersSent,
        r.revokedAt ? new Date(r.revokedAt) : null,
      ];
      return { campaign, header, rows: rows() };
    },
  };
}
