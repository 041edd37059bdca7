/** The services of challenges, built once per module from the platform and the ports. */
import type { Actor } from '../../../platform/auth/authorize.ts';
import { type CurrentUser, isCoordinator } from '../../../platform/auth/user.ts';
import type { WorkGroup } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createSearchIndex } from '../../../platform/search/index.ts';
import { challengePath, frenchDate, isOpenToJoin } from '../model.ts';
import type { ChallengesPorts } from '../ports.ts';
import { createChallengesStore } from '../store.ts';
import { createMailService } from './mail.ts';
import { createOpenDataService } from './open-data.ts';
import { createParticipationService } from './participation.ts';
import { createPresenter, type PresentedChallenge } from './presenter.ts';
import { createSearchService } from './search.ts';
import { createWritingService, parisDay } from './writing.ts';

export function createChallengesServices(platform: Platform, ports: ChallengesPorts) {
  const store = createChallengesStore(platform.db);
  const index = createSearchIndex(platform.db, platform.dialect);
  const today = () => parisDay(platform.clock.now());
  const search = createSearchService({ platform, store, ports, search: index });
  const mail = createMailService({ platform, ports });
  const writing = createWritingService({ platform, store, ports, search: index, mail, touched: search.touched });
  const participation = createParticipationService({
    platform,
    store,
    ports,
    writing,
    mail,
    touched: search.touched,
  });
  const present = createPresenter(ports, today);
  const openData = createOpenDataService({ platform, store, search, present });
  return {
    baseUrl: platform.config.baseUrl,
    platform,
    store,
    search,
    writing,
    participation,
    present,
    openData,
    mail,
    today,
    /** One challenge as `actor` may see it (404 when absent), with its news. */
    async challenge(actor: Actor, id: number): Promise<PresentedChallenge> {
      const record = await writing.get(id);
      return (await present(actor, [record], (i) => store.newsOf(i)))[0]!;
    },
    /** The authorities `user` is an editor of (offered as « porté par »), by name. */
    async editedAuthorities(user: CurrentUser) {
      const ids = user.memberships.filter((m) => m.role === 'editor').map((m) => m.organisationId);
      if (!ids.length) return [];
      const found = await ports.organisations.findByIds(ids);
      return found
        .filter((o) => !ports.organisations.isPartner(o.type))
        .map((o) => ({ id: o.id, name: o.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    },
    /** « Contacter l'équipe »: to the editors of the leads (or of the stating authority); coordinators' challenges
     * without a lead reach the partners' and contributors' editors. */
    async contactTeam(actor: Actor, id: number, input: { objet?: string; message?: string; site_web?: string }) {
      const c = await writing.get(id);
      const leads = c.participants.filter((p) => p.role === 'lead').map((p) => p.organisationId);
      const organisationIds = leads.length
        ? leads
        : c.statedByOrganisationId
          ? [c.statedByOrganisationId]
          : c.participants.map((p) => p.organisationId);
      return ports.organisations.contactEditors(
        actor,
        { kind: 'challenge', id, title: c.title, path: challengePath(id), organisationIds },
        input,
      );
    },
    /** Challenges still open to join that came from, or list, any of these sheets. */
    async openForUseCases(useCaseIds: number[]) {
      const records = await store.findByIds(await store.listingSheets(useCaseIds));
      return records
        .filter((r) => isOpenToJoin(r, today()))
        .map((r) => ({ id: r.id, title: r.title, path: challengePath(r.id), stage: r.stage as string }));
    },
    /** News posted since `sinceIso`, newest first (the working groups' digest). */
    async recentNews(sinceIso: string) {
      const news = await store.latestNews(sinceIso, 500);
      const titles = new Map(
        (await store.findByIds([...new Set(news.map((n) => n.challengeId))])).map((r) => [r.id, r.title]),
      );
      return news.map((n) => ({
        challengeId: n.challengeId,
        title: titles.get(n.challengeId) ?? '',
        path: `${challengePath(n.challengeId)}#actualite-${n.id}`,
        date: n.postedAt,
        text: n.body ? `${n.title} — ${n.body}` : n.title,
      }));
    },
    /** The published challenge a commons entry came from (the commons page says « Issu du défi … »). */
    async originOf(commonsId: number) {
      const found = await store.originOf(commonsId);
      return found ? { ...found, path: challengePath(found.id) } : null;
    },
    /** « Mon espace »: the challenges the user's organisations take part in, and those they are invited to join. */
    async work(user: CurrentUser): Promise<WorkGroup[]> {
      const orgIds = user.memberships.map((m) => m.organisationId);
      const records = await store.findByIds(await store.ofOrganisations(orgIds));
      const mine = new Set(orgIds);
      const taking = records.filter(
        (r) => r.participants.some((p) => mine.has(p.organisationId)) && r.stage !== 'abandoned',
      );
      const invited = records.filter(
        (r) =>
          isOpenToJoin(r, today()) &&
          r.invitedIds.some((id) => mine.has(id) && !r.participants.some((p) => p.organisationId === id)),
      );
      const groups: WorkGroup[] = [];
      if (invited.length && (isCoordinator(user) || user.memberships.some((m) => m.role === 'editor')))
        groups.push({
          key: 'challenges.invited',
          label: 'Défis auxquels votre collectivité est invitée',
          count: invited.length,
          items: invited.slice(0, 5).map((r) => ({
            title: r.title,
            href: `${challengePath(r.id)}/participer`,
            detail: r.joinDeadline ? `Inscriptions jusqu’au ${frenchDate(r.joinDeadline)}` : 'Inscriptions ouvertes',
            due: r.joinDeadline ? `${r.joinDeadline}T23:59:59Z` : null,
          })),
          href: '/defis?inscriptions=ouvertes',
          urgency: 1,
        });
      if (taking.length)
        groups.push({
          key: 'challenges.taking_part',
          label: 'Défis auxquels votre collectivité participe',
          count: taking.length,
          items: taking.slice(0, 5).map((r) => ({ title: r.title, href: challengePath(r.id), detail: null })),
          href: '/defis',
          urgency: 3,
        });
      return groups;
    },
  };
}
export type ChallengesServices = ReturnType<typeof createChallengesServices>;
