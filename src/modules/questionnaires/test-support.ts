/**
 * Test support for the questionnaires module (imported by tests only): its services on a test database with stub
 * ports (no other module), and the actors the tests act as.
 */
import { join } from 'node:path';
import type { TestAgent, TestApp } from '../../../test/helpers/app.ts';
import type { TestDatabase } from '../../../test/helpers/databases.ts';
import { type MultipartFile, multipartBody } from '../../../test/helpers/multipart.ts';
import { loadConfig } from '../../config.ts';
import { registerRules } from '../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import { createPlatform } from '../../platform/platform.ts';
import { rules } from './policy.ts';
import type { OrganisationDirectory, QuestionnairesPorts } from './ports.ts';
import { createQuestionnairesServices, type QuestionnairesApi } from './services/index.ts';

/** A directory that knows no organisation (tests that need none). */
export const emptyDirectory: OrganisationDirectory = {
  findByIds: async () => [],
  findBySiren: async () => [],
  list: async () => ({ total: 0, rows: [] }),
  contactEmails: async () => new Map(),
  contactAddresses: async () => new Map(),
  networks: async () => [],
  networkMemberIds: async () => [],
  contactsPage: (id) => `/collectivites/${id}/contacts`,
  divisions: async () => ({ departements: new Map(), regions: new Map() }),
  regions: async () => [],
};

/** The module's services on a test database (rules registered), with `ports` (default: no organisation). */
export function servicesOn(database: TestDatabase, ports: Partial<QuestionnairesPorts> = {}) {
  registerRules(rules);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    DATA_DIR: database.dir,
    OUTBOX_DIR: join(database.dir, 'outbox'),
    BASE_URL: 'http://localhost:3000',
  });
  const platform = createPlatform(config, database, { clock: database.clock });
  return { platform, api: createQuestionnairesServices(platform, { organisations: emptyDirectory, ...ports }) };
}

export const coordinatorActor = (id = 0): CurrentUser => ({
  id,
  email: 'coord@reseau.fr',
  name: 'Coord',
  role: 'coordinator',
  memberships: [],
});

export const userActor = (id = 99): CurrentUser => ({ id, email: 'a@b.fr', name: 'A', role: 'user', memberships: [] });

// ---- HTTP tests -------------------------------------------------------------------------------------------------

/** Posts a multipart form with the agent's cookies and CSRF token (the hidden `_csrf` field, as the pages do). */
export async function postMultipart(
  app: TestApp,
  agent: TestAgent,
  url: string,
  fields: Record<string, string | string[]>,
  files: MultipartFile[] = [],
) {
  if (!agent.csrfToken) await agent.get('/');
  const { payload, contentType } = multipartBody({ _csrf: agent.csrfToken, ...fields }, files);
  return app.server.app.inject({
    method: 'POST',
    url,
    headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
    payload,
  });
}

/** Runs every due job: mails, campaign announcements, event deliveries. */
export async function runJobs(app: TestApp) {
  for (let i = 0; i < 5; i++) if (!(await app.server.runJobs())) break;
}

/** The redirect target of a response. */
export const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');

/** The module's api on a test application. */
export const questionnairesOf = (app: TestApp) => app.server.modules.api('questionnaires') as QuestionnairesApi;

/**
 * A campaign reached by its public link only (no target, no reminder), open from `opensAt` to `closesAt`
 * (milliseconds): the input of `campaigns.create`.
 */
export function publicCampaignInput(
  questionnaireId: number,
  title: string,
  opensAt: number,
  closesAt: number,
  options: { resultsPublic?: boolean } = {},
): Parameters<QuestionnairesApi['campaigns']['create']>[1] {
  return {
    questionnaireId,
    title,
    description: '',
    opensAt: new Date(opensAt).toISOString(),
    closesAt: new Date(closesAt).toISOString(),
    targets: { types: [], regions: [], departements: [], organisationIds: [], sirens: [] },
    sirenList: '',
    publicLink: true,
    resultsPublic: options.resultsPublic ?? false,
    libraryAuto: false,
    reminderDays: [],
  };
}
