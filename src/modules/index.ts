// MODULE LIST v2
/**
 * The module list: the one place where modules are wired together. Each module is built by its `index.ts` factory
 * from the platform and its ports (other modules' `api`, read lazily where two modules need each other); adding a
 * module is one line here plus its migration. Everything else (routes, jobs, events, rules, navigation, hub links,
 * seed, RGPD, commands, browser page checks) is collected from the definitions by assemble.ts.

 */

import { openApiRoutes } from '../platform/http/openapi.tsx';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { createAccountsModule } from './accounts/index.ts';
import { assembleModules } from './assemble.ts';
import { challengesPortsOf, createChallengesModule } from './challenges/index.ts';
import { commonsPortsOf, createCommonsModule } from './commons/index.ts';
import { consultationsPortsOf, createConsultationsModule } from './consultations/index.ts';
import { createEthicsModule, ethicsPortsOf } from './ethics/index.ts';
import { createFormsModule } from './forms/index.ts';
import { createGroupsModule, groupsPortsOf } from './groups/index.ts';
import { createLibraryModule, decodeText, libraryPortsOf, parseCsv } from './library/index.ts';
import { createMeetingsModule } from './meetings/index.ts';
import { createOrganisationsModule, type OrganisationsApi, organisationTypeLabel } from './organisations/index.ts';
import { createPagesModule } from './pages/index.ts';
import { createParticipationModule, participationPortsOf } from './participation/index.ts';
import { createPoolingModule, poolingPortsOf } from './pooling/index.ts';
import { createQuestionnairesModule, type OrganisationDirectory, organisationLookup } from './questionnaires/index.ts';
import { createVoiceModule, voicePortsOf } from './voice/index.ts';

export function createModules(platform: Platform) {
  // Modules are declared with `let` so that ports can reach a module built after them (lazy cycles).
  let organisationsDef: ModuleDefinition<OrganisationsApi>;

  // ---- pages ----
  const pagesDef = createPagesModule(platform, {
    coordinationLinks: () => assembled.hubLinks.coordination,
    work: (user) => assembled.work(user),
    recentUseCases: (limit) => library.api.recentUseCases(limit),
  });
  const pages: ModuleDefinition = {
    ...pagesDef,
    // The OpenAPI document (platform) is registered first, so that it describes every module's API routes.
    routes: [openApiRoutes({ baseUrl: platform.config.baseUrl }), ...(pagesDef.routes ?? [])],
  };

  // ---- accounts ----
  const accounts = createAccountsModule(platform, {
    authoritiesOf: (userId) => organisationsDef.api.authoritiesOf(userId),
    activeMembershipsOf: (userId) => organisationsDef.api.activeRolesOfUser(userId),
    personalData: () => assembled.personalData.filter((p) => p.module !== 'accounts'),
    adminLinks: () => assembled.hubLinks.admin,
    organisationIdByCode: async (code) => (await organisationsDef.api.findByCode(code))?.id ?? null,
    setMembership: (actor, input) => organisationsDef.api.setMembership(actor, input),
  });
  const accountsService = accounts.api;

  // ---- organisations ----
  organisationsDef = createOrganisationsModule(platform, {
    people: {
      findUsers: (ids) => accountsService.findUsers(ids),
      findCoordinators: () => accountsService.findCoordinators(),
    },
    csv: { read: (input) => parseCsv(decodeText(input)) },
    library: { useCasesOf: (id) => library.api.useCasesOf(id) },
    sheets: {
      version: () => library.api.changeVersion(),
      publishedByOrganisation: () => library.api.publishedCounts(),
    },
  });
  const organisationsService = organisationsDef.api;

  // ---- the organisations directory as questionnaires and the forms engine see it ----
  const directory: OrganisationDirectory = {
    findByIds: (ids) => organisationsService.findByIds(ids),
    findBySiren: (siren) => organisationsService.findBySiren(siren),
    list: (filter, page) => organisationsService.list(filter as Parameters<typeof organisationsService.list>[0], page),
    contactEmails: (ids) => organisationsService.contactEmails(ids),
    contactAddresses: async (ids) =>
      new Map([...(await organisationsService.contactsOf(ids))].map(([id, cs]) => [id, cs.map((c) => c.email)])),
    networks: async () => (await organisationsService.networks()).map((n) => ({ id: n.id, name: n.name })),
    networkMemberIds: (id) => organisationsService.networkMemberIds(id),
    contactsPage: (id) => `/collectivites/${id}/contacts`,
    divisions: () => organisationsService.divisions(),
    regions: async () => (await organisationsService.divisions()).list.regions,
  };

  // ---- forms (the engine: no routes of its own; consumers store and serve their forms) ----
  const forms = createFormsModule(platform, { organisations: organisationLookup(directory) });

  // ---- library ----
  const library = createLibraryModule(platform, {
    ...libraryPortsOf(organisationsService, accountsService),
    ethics: { statusOf: (ids) => ethics.api.sheetStatus(ids), versionQuery: () => ethics.api.statusVersionQuery() },
    // Responsible AI adds each published version of a transparency notice to the library's Atom feed.
    feed: { entries: (limit) => ethics.api.feedEntries(limit) },
    // The commons entries that use a sheet, listed on its page.
    commons: { usingSheet: (id) => commons.api.usingSheet(id) },
    // The glossary of AI terms (pages module): its words are linked in the sheet's texts.
    glossary: { link: (text, seen) => pagesDef.api.glossary.link(text, seen) },
    // The citizens' consultations on a sheet, listed on its page.
    consultations: { ofSheet: (id) => consultations.api.ofSheet(id) },
    // « Mutualisation » (« Nous faisons pareil ») on a published sheet's page.
    pooling: { sheetSection: (actor, sheet) => pooling.api.sheetSection(actor, sheet) },
    // The « Contributions citoyennes » of a published sheet, shown on its page.
    voice: { threadView: (kind, id, user, query) => voice.api.threadView(kind, id, user, query) },
  });

  // ---- questionnaires ----
  const questionnaires = createQuestionnairesModule(platform, {
    organisations: directory,
    library: { createDraft: (input) => library.api.createDraft(input) },
    // A participation census response becomes a draft initiative in one click.
    participation: {
      mapsToInitiative: (form) => participation.api.mapsToInitiative(form),
      initiativeOfResponse: (id) => participation.api.initiativeOfResponse(id),
      draftFromCensus: (input) => participation.api.draftFromCensus(input),
    },
  });

  // ---- responsible AI (assessments of the library's sheets) ----
  const ethics = createEthicsModule(
    platform,
    ethicsPortsOf(
      () => library.api,
      () => organisationsService,
    ),
  );

  // ---- commons (« Communs »: shared code, data, models, methods) ----
  const commons = createCommonsModule(
    platform,
    commonsPortsOf(
      () => organisationsService,
      () => library.api,
      organisationTypeLabel,
      () => challenges.api,
    ),
  );

  // ---- challenges (« Défis »: needs that authorities and State labs take on together, towards a commons entry) ----
  const challenges = createChallengesModule(
    platform,
    challengesPortsOf(
      () => organisationsService,
      () => library.api,
      () => commons.api,
      organisationTypeLabel,
    ),
  );

  // ---- working groups (« groupes de travail »: commission, groups, members, join requests, digest) ----
  const groups = createGroupsModule(
    platform,
    groupsPortsOf(
      {
        accounts: () => accountsService,
        organisations: () => organisationsService,
        library: () => library.api,
        questionnaires: () => questionnaires.api,
        challenges: () => challenges.api,
        participation: () => participation.api,
        meetings: () => meetings.api,
      },
      organisationTypeLabel,
    ),
  );

  // ---- meetings of the working groups (registration, calendar invitations, minutes, actions, agenda) ----
  const meetings = createMeetingsModule(platform, {
    groups: groups.api,
    people: { findUsers: (ids) => accountsService.findUsers(ids) },
  });

  // ---- consultations before deployment (on the library's sheets) ----
  const consultations = createConsultationsModule(
    platform,
    consultationsPortsOf(
      () => library.api,
      () => organisationsService,
      { link: (text) => pagesDef.api.glossary.link(text) },
    ),
  );

  // ---- pooling (« Mutualisation »: suggestions computed from the library, « Nous faisons pareil ») ----
  const pooling = createPoolingModule(
    platform,
    poolingPortsOf(
      () => library.api,
      () => organisationsService,
      () => accountsService,
      () => challenges.api,
    ),
  );

  // ---- citizens' voice (« Contributions citoyennes » on published sheets and initiatives, moderation) ----
  const voice = createVoiceModule(
    platform,
    voicePortsOf(
      () => library.api,
      () => organisationsService,
      () => accountsService,
      () => participation.api,
    ),
  );

  // ---- participation (initiatives de participation, the Manifesto's commitments) ----
  const participation = createParticipationModule(platform, {
    ...participationPortsOf(
      () => organisationsService,
      () => library.api,
      () => accountsService,
      organisationTypeLabel,
    ),
    voice: { threadView: (kind, id, user, query) => voice.api.threadView(kind, id, user, query) },
  });

  // ---- the module list (its order: hub links, navigation ties, seed steps within a stage, route registration) ----
  const definitions: ModuleDefinition<any>[] = [
    pages,
    accounts,
    forms,
    library,
    questionnaires,
    ethics,
    commons,
    participation,
    challenges,
    pooling,
    groups,
    meetings,
    consultations,
    voice,
    organisationsDef,
  ];
  const assembled = assembleModules(platform, definitions);
  return {
    ...assembled,
    /** Each module's api by name (kept for the tests and commands written before the module list). */
    services: Object.fromEntries(definitions.map((d) => [d.name, d.api])) as {
      accounts: typeof accountsService;
      organisations: typeof organisationsService;
      library: typeof library.api;
      questionnaires: typeof questionnaires.api;
      [name: string]: any;
    },
  };
}
export type Modules = ReturnType<typeof createModules>;
