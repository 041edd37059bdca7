/** The services of participation, built once per module from the platform and the ports. */
import type { Actor } from '../../../platform/auth/authorize.ts';
import { authorize, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { placeOf } from '../../../platform/geo/places.ts';
import { notFound, ValidationError } from '../../../platform/http/errors.ts';
import { type FormBody, text } from '../../../platform/http/form.ts';
import type { WorkGroup } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createSearchIndex } from '../../../platform/search/index.ts';
import type { Answers, Form } from '../../forms/index.ts';
import { initiativeFromCensus, mapsToInitiative } from '../census.ts';
import type { ParticipationPorts } from '../ports.ts';
import { createParticipationStore, workingContent } from '../store.ts';
import { createManifestoService } from './manifesto.ts';
import { createOpenDataService } from './open-data.ts';
import { createPresenter, initiativePath, type PresentedInitiative } from './presenter.ts';
import { createSearchService } from './search.ts';
import { createWritingService } from './writing.ts';

const SHOWN = 5;

/** What a census response brings to the one-click draft (questionnaires' port). */
export interface CensusDraftInput {
  responseId: number;
  organisationId: number;
  form: Form;
  answers: Answers;
  actorUserId: number | null;
  /** Where the draft comes from, for the initiative's history (« Participation 2026, réponse n° 12 »). */
  source: string;
}

export function createParticipationServices(platform: Platform, ports: ParticipationPorts) {
  const store = createParticipationStore(platform.db);
  const index = createSearchIndex(platform.db, platform.dialect);
  const search = createSearchService({ platform, store, ports, search: index });
  const writing = createWritingService({ platform, store, ports, search: index, touched: search.touched });
  const present = createPresenter(ports);
  const openData = createOpenDataService({ platform, search, present });
  const manifesto = createManifestoService({ platform, store, ports, search, present });

  return {
    baseUrl: platform.config.baseUrl,
    /** The « Contributions citoyennes » section of a published initiative's page (voice port), or null. */
    voiceThread: (id: number, user: CurrentUser | null, query: Record<string, unknown>) =>
      ports.voice?.threadView('initiative', id, user, query) ?? Promise.resolve(null),
    store,
    search,
    writing,
    present,
    openData,
    manifesto,

    /** One initiative as `actor` may see it: writers see their working content, others the published one (404). */
    async initiative(actor: Actor, id: number): Promise<PresentedInitiative> {
      const record = await writing.get(id);
      const [p] = await present(actor, [record], 'auto');
      if (!p) throw notFound('Cette initiative est introuvable.');
      return p;
    },
    /** The published version of an initiative (404 when it is not published). */
    async published(id: number): Promise<PresentedInitiative> {
      const record = await writing.get(id);
      const [p] = await present(null, [record]);
      if (!p) throw notFound('Cette initiative est introuvable.');
      return p;
    },
    /** The history of an initiative, for those who may write it, or its published acts for everyone. */
    async history(actor: Actor, id: number) {
      const initiative = await this.initiative(actor, id);
      const versions = await store.versionsOf(id);
      const shown = initiative.canWrite ? versions : versions.filter((v) => v.event === 'published');
      return { initiative, versions: shown };
    },
    /** The authorities `user` may describe an initiative for (their own), by name. */
    async ownAuthorities(user: CurrentUser) {
      const ids = user.memberships.map((m) => m.organisationId);
      if (!ids.length) return [];
      const found = await ports.organisations.findByIds(ids);
      return found.map((o) => ({ id: o.id, name: o.name })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    },
    /** The authority a new initiative is for: a member's choice among theirs, or a coordinator's code. */
    async organisationOf(body: FormBody): Promise<number | null> {
      const chosen = Number(text(body, 'organisation'));
      if (Number.isSafeInteger(chosen) && chosen > 0) return chosen;
      const code = text(body, 'organisation_code').trim();
      if (!code) return null;
      const found = await ports.organisations.findByCode(code);
      if (!found)
        throw new ValidationError({
          organisation_code: `Collectivité : « ${code.slice(0, 60)} » ne correspond à aucun code connu (par exemple commune:44109).`,
        });
      return found.id;
    },
    /** The names of these authorities (a filter of the catalogue), by name. */
    async authorityNames(ids: readonly string[]): Promise<string[]> {
      const numbers = ids.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
      if (!numbers.length) return [];
      return (await ports.organisations.findByIds(numbers)).map((o) => o.name).sort((a, b) => a.localeCompare(b, 'fr'));
    },
    /** The initiatives in progress the actor writes (drafts, reviews, revisions, withdrawn), or all for coordinators. */
    async inProgress(actor: CurrentUser): Promise<PresentedInitiative[]> {
      const ids = can(actor, 'initiative.review') ? null : actor.memberships.map((m) => m.organisationId);
      return present(actor, await store.inProgress(ids), 'auto');
    },
    /** The coordinators' review queue. */
    async reviewQueue(actor: Actor): Promise<PresentedInitiative[]> {
      authorize(actor, 'initiative.review');
      return present(actor, await store.awaitingReview(), 'auto');
    },
    /** « Mon espace »: drafts to finish and returned initiatives for writers, reviews for coordinators. */
    async work(user: CurrentUser): Promise<WorkGroup[]> {
      const groups: WorkGroup[] = [];
      if (user.memberships.length) {
        const mine = await store.inProgress(user.memberships.map((m) => m.organisationId));
        const item = (r: (typeof mine)[number]) => ({
          title: workingContent(r).title || 'Initiative sans titre',
          href: initiativePath(r.id),
          detail: r.reviewComment,
        });
        const returned = mine.filter((r) => r.state === 'returned' || r.revision === 'returned');
        groups.push({
          key: 'initiatives-renvoyees',
          label: 'Initiatives renvoyées avec un commentaire',
          count: returned.length,
          href: '/initiatives/en-cours',
          urgency: 1,
          items: returned.slice(0, SHOWN).map(item),
        });
        const drafts = mine.filter((r) => r.state === 'draft' || r.state === 'withdrawn' || r.revision === 'draft');
        groups.push({
          key: 'initiatives-brouillons',
          label: 'Initiatives de participation à terminer',
          count: drafts.length,
          href: '/initiatives/en-cours',
          urgency: 3,
          items: drafts.slice(0, SHOWN).map((r) => ({ ...item(r), detail: null })),
        });
      }
      if (can(user, 'initiative.review')) {
        const waiting = await store.awaitingReview();
        groups.push({
          key: 'initiatives-a-relire',
          label: 'Initiatives de participation à relire',
          count: waiting.length,
          href: '/coordination/initiatives',
          urgency: 1,
          items: waiting.slice(0, SHOWN).map((r) => ({
            title: workingContent(r).title || 'Initiative sans titre',
            href: initiativePath(r.id),
            detail: r.revision ? 'Révision d’une initiative publiée' : null,
          })),
        });
      }
      return groups;
    },

    /** Statistics: counts by format, topic, public, région, year, authority type (published initiatives). */
    async statistics() {
      const { total, facets } = await search.counts();
      const participants = (await search.all()).reduce((s, r) => s + (r.published?.participants ?? 0), 0);
      return { total, participants, facets };
    },
    /** The map: counts by région and département, and each authority placed (platform/geo). */
    async map() {
      const { total, counts } = await search.counts();
      const divisions = await ports.organisations.divisions();
      const ids = [...counts.organisation.keys()].map(Number);
      const orgs = await ports.organisations.findByIds(ids);
      const authorities = [];
      for (const o of orgs) {
        const count = counts.organisation.get(String(o.id)) ?? 0;
        const place =
          o.latitude != null && o.longitude != null
            ? { latitude: o.latitude, longitude: o.longitude }
            : placeOf({
                type: o.type,
                inseeCode: o.inseeCode ?? o.siren,
                departementCode: o.departementCode,
                regionCode: o.regionCode,
              });
        if (count && place)
          authorities.push({ id: o.id, name: o.name, count, latitude: place.latitude, longitude: place.longitude });
      }
      return { total, regions: counts.region, departements: counts.departement, divisions, authorities };
    },

    // ---- questionnaires' port: a participation census response becomes a draft initiative ----
    mapsToInitiative,
    async initiativeOfResponse(responseId: number) {
      const r = await store.findByOrigin(responseId);
      return r ? { id: r.id, url: initiativePath(r.id) } : null;
    },
    /** Creates the draft initiative of a census response (once: a second call returns the first). */
    async draftFromCensus(input: CensusDraftInput) {
      const existing = await store.findByOrigin(input.responseId);
      if (existing) return { id: existing.id, url: initiativePath(existing.id), created: false };
      const content = initiativeFromCensus(input.form, input.answers);
      const id = await writing.insertDraft(input.actorUserId, input.organisationId, content, {
        event: 'drafted_from_census',
        comment: input.source,
        originResponseId: input.responseId,
      });
      return { id, url: initiativePath(id), created: true };
    },

    /** `ParticipationApi.findPublished`. */
    async findPublished(id: number) {
      const record = Number.isSafeInteger(id) && id > 0 ? await store.find(id) : null;
      if (record?.state !== 'published' || !record.published) return null;
      return { id, title: record.published.title, organisationId: record.organisationId, path: initiativePath(id) };
    },
    /** `ParticipationApi.recentSince`. */
    async recentSince(iso: string) {
      return (await store.publishedSince(iso)).map((r) => ({
        id: r.id,
        title: r.published!.title,
        path: initiativePath(r.id),
        date: r.publishedAt!,
        organisationId: r.organisationId,
      }));
    },
  };
}
export type ParticipationServices = ReturnType<typeof createParticipationServices>;
