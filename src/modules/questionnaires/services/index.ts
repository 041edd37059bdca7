/**
 * The questionnaires services, one per capability, built from explicit dependencies. Together they are the
 * module's api (index.ts).
 */
import { dialectOf, sqlitePath } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { QuestionnairesPorts } from '../ports.ts';
import { createQuestionnairesStore } from '../store.ts';
import { createCampaignService } from './campaigns.ts';
import { createComparisonService } from './comparison.ts';
import type { ServiceDeps } from './context.ts';
import { createDelivery } from './delivery.ts';
import { createInvitationService } from './invitations.ts';
import { createLibraryBridge } from './library.ts';
import { createLinks } from './links.ts';
import { createQuestionnaireService } from './questionnaires.ts';
import { createRespondentService } from './respondents.ts';
import { createResponseService } from './responses.ts';
import { createResultsService } from './results.ts';
import { createResultsAggregates } from './results-aggregates.ts';
import { createVersionReader } from './versions.ts';

/** The database URL when it names a SQLite file (which another thread can open), else null. */
function sqliteFileUrl(url: string | undefined): string | null {
  if (!url || dialectOf(url) !== 'sqlite') return null;
  const path = sqlitePath(url);
  return path === ':memory:' || path.startsWith('file::memory:') ? null : url;
}

export function createQuestionnairesServices(
  platform: Pick<Platform, 'db' | 'handle' | 'clock' | 'audit' | 'jobs' | 'events' | 'config' | 'mailer'>,
  ports: QuestionnairesPorts,
) {
  const store = createQuestionnairesStore(platform.db, platform.clock);
  const deps: ServiceDeps = {
    db: platform.db,
    store,
    clock: platform.clock,
    audit: platform.audit,
    jobs: platform.jobs,
    events: platform.events,
    ports,
    links: createLinks(platform.config),
    versions: createVersionReader(store),
    aggregates: createResultsAggregates({ db: platform.db, store }),
    mailer: platform.mailer,
    mailsPerMinute: platform.config.campaignMailsPerMinute ?? 600,
    workerDatabaseUrl: sqliteFileUrl(platform.config.databaseUrl),
    answersFile: platform.handle.dialect === 'sqlite' ? sqliteFileUrl(platform.handle.url) : null,
  };
  const delivery = createDelivery(deps);
  const results = createResultsService(deps);
  return {
    /** Building, publishing, import/export, catalogue, public API. */
    questionnaires: createQuestionnaireService(deps),
    /** Creation, settings, closing, version, dashboard, « Mes recensements ». */
    campaigns: createCampaignService(deps, delivery),
    /** Personal links, revocation, renewal, announcements and reminders. */
    invitations: createInvitationService(deps, delivery),
    /** Opening a campaign as a respondent (link, account, public link). */
    respondents: createRespondentService(deps),
    /** Saving pages, autosave, files, submission, reopening. */
    responses: createResponseService(deps),
    /** Results, public results, one response, exports. */
    results,
    /** Two campaigns' results side by side. */
    comparison: createComparisonService(deps, results),
    /** Census responses → draft use cases of the library. */
    library: createLibraryBridge(deps),
    /** Campaigns as other modules follow them (working groups): titles and progress counts, no answers. */
    census: {
      async campaigns(ids?: readonly number[]) {
        const all = await store.listCampaigns();
        return all
          .filter((c) => !ids || ids.includes(c.id))
          .map((c) => ({ id: c.id, title: c.title, path: `/coordination/campagnes/${c.id}`, opensAt: c.opensAt }));
      },
      /** Invited (active invitations), started and submitted counts of each campaign. */
      async progress(ids: readonly number[]) {
        const out = [];
        for (const c of await this.campaigns(ids)) {
          const groups = await store.followUpGroups(c.id);
          const total = (k: 'invited' | 'started' | 'submitted') => groups.reduce((n, g) => n + g[k], 0);
          out.push({ ...c, invited: total('invited'), started: total('started'), submitted: total('submitted') });
        }
        return out;
      },
    },
  };
}

export type QuestionnairesApi = ReturnType<typeof createQuestionnairesServices>;
