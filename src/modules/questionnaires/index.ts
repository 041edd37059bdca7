/**
 * The questionnaires module: census questionnaires (built with the forms engine, published as immutable versions),
 * campaigns sent to organisations, personal invitations and reminders, responses (autosave, several agents of one
 * organisation together, submission, reopening), results, exports, and the bridge that turns AI-census responses into
 * draft use cases of the library. This file is the module's only public surface.
 */

import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { questionnaireCommands } from './cli.ts';
import { questionnairesE2ePages } from './e2e.ts';
import { answeringRoutes } from './http/answering.tsx';
import { builderRoutes } from './http/builder.tsx';
import { campaignRoutes } from './http/campaigns.tsx';
import { comparisonRoutes } from './http/comparison.tsx';
import { draftRoutes } from './http/drafts.tsx';
import { previewRoutes } from './http/preview.tsx';
import { publicRoutes } from './http/public.tsx';
import { resultsRoutes } from './http/results.tsx';
import { sectionRoutes } from './http/sections.tsx';
import { rules } from './policy.ts';
import type { QuestionnairesPorts } from './ports.ts';
import { seedDemoCampaign } from './seed.ts';
import { JOBS } from './services/context.ts';
import { createQuestionnairesServices, type QuestionnairesApi } from './services/index.ts';
import { createWorkService } from './services/work.ts';
import { createQuestionnairesStore } from './store.ts';

export {
  AI_CENSUS_KEY,
  aiCensus,
  CATALOGUE,
  type CatalogueEntry,
  PARTICIPATION_KEY,
  participation,
} from './catalogue/index.ts';
export type { ResponseSubmitted } from './events.ts';
export type { UseCaseDraftContent } from './library-mapping.ts';
export type { DirectoryOrganisation, LibraryDrafts, OrganisationDirectory, QuestionnairesPorts } from './ports.ts';
export { DEMO_CAMPAIGN_TITLE } from './seed.ts';
export { CLI_ACTOR } from './services/context.ts';
export { organisationLookup, type Respondent, type RespondentKind } from './services/respondents.ts';
export type { QuestionnairesApi };

export function createQuestionnairesModule(
  platform: Platform,
  ports: QuestionnairesPorts,
): ModuleDefinition<QuestionnairesApi> {
  const api = createQuestionnairesServices(platform, ports);
  const store = createQuestionnairesStore(platform.db, platform.clock);
  return {
    name: 'questionnaires',
    api,
    routes: [
      publicRoutes(api),
      answeringRoutes({ ...api, organisationNames: api.results.organisationNames }),
      builderRoutes(api),
      draftRoutes(api),
      sectionRoutes(api),
      previewRoutes(api),
      campaignRoutes({ ...api, organisations: ports.organisations }),
      resultsRoutes(api),
      comparisonRoutes(api),
    ],
    jobs: {
      [JOBS.sendMail]: (mail: { to: string[]; subject: string; text: string }) => platform.mailer.send(mail),
      [JOBS.sendInvitations]: (payload: { campaignId: number }) => api.invitations.sendInvitations(payload),
      [JOBS.sendReminder]: (payload: { campaignId: number; at?: string }) =>
        api.invitations.sendScheduledReminder(payload),
      [JOBS.deliverMail]: (payload: { deliveryId: number }) => api.invitations.deliver(payload),
      [JOBS.createUseCaseDraft]: (payload: { responseId: number }) => api.library.draftQueuedBeforeEvents(payload),
    },
    events: {
      'library.use_case_drafted': (payload) => api.library.onUseCaseDrafted(payload),
    },
    rules,
    navigation: [{ href: '/recensements', label: 'Recensements', order: 50 }],
    work: createWorkService({ campaigns: api.campaigns, clock: platform.clock }).work,
    hubLinks: {
      coordination: [
        {
          href: '/coordination/questionnaires',
          label: 'Questionnaires',
          description: 'Construire et publier les questionnaires de recensement, importer ou exporter (SurveyJS).',
        },
        {
          href: '/coordination/campagnes',
          label: 'Campagnes de recensement',
          description: 'Inviter les collectivités, suivre les taux de réponse, relancer, exporter les réponses.',
        },
      ],
    },
    seed: {
      reference: async ({ log }) => {
        await api.questionnaires.installCatalogue(log);
      },
      demo: async ({ log }) => {
        await seedDemoCampaign({ api, directory: ports.organisations, clock: platform.clock }, log);
      },
    },
    personalData: {
      /** The responses the person wrote or sent for an organisation (the answers belong to the organisation). */
      async export(userId) {
        const responses = await store.responsesOfUser(userId);
        return responses.map((r) => ({
          id: r.id,
          campaignId: r.campaignId,
          organisation: r.organisationName,
          status: r.status,
          lastUpdatedByYou: r.updatedBy === userId,
          submittedByYou: r.submittedBy === userId,
          submittedAt: r.submittedAt,
          receiptEmail: r.submittedBy === userId ? r.respondentEmail : null,
        }));
      },
      /** Forgets who wrote and sent responses, and the receipt address of those the person sent. */
      erase: (userId, trx) => store.forgetUser(userId, trx),
    },
    commands: questionnaireCommands(api.questionnaires),
    e2ePages: questionnairesE2ePages,
  };
}
