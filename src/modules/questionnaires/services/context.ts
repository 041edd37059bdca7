/**
 * What the questionnaires services share: their explicit dependencies (store, platform pieces, ports) and a few
 * helpers (lookups that throw the French 404, the actor recorded in the audit log, job names, mail).
 */

import type { AuditLog } from '../../../platform/audit/audit.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { EventBus } from '../../../platform/events/events.ts';
import { notFound } from '../../../platform/http/errors.ts';
import type { JobQueue } from '../../../platform/jobs/queue.ts';
import type { Mailer } from '../../../platform/mail/mailer.ts';
import type { Issue } from '../../forms/index.ts';
import type { QuestionnairesPorts } from '../ports.ts';
import type { Campaign, QuestionnaireRecord } from '../records.ts';
import type { QuestionnairesStore } from '../store.ts';
import type { Links } from './links.ts';
import type { ResultsAggregates } from './results-aggregates.ts';
import type { VersionReader } from './versions.ts';

export interface ServiceDeps {
  db: Db;
  store: QuestionnairesStore;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  events: EventBus;
  ports: QuestionnairesPorts;
  links: Links;
  versions: VersionReader;
  /** Results counters: `sync(responseId, trx)` in the transaction of every change of a response. */
  aggregates: ResultsAggregates;
  mailer: Pick<Mailer, 'send'>;
  /** Census mails sent per minute at most (configuration). */
  mailsPerMinute: number;
  /**
   * The SQLite database file a worker thread may open to store a large import off the event loop; null on
   * PostgreSQL (its writes do not block the event loop) and for an in-memory database.
   */
  workerDatabaseUrl: string | null;
  /**
   * The SQLite database file the answers are written to (its WAL flushed off the event loop after each group
   * commit: write-batcher.ts); null on PostgreSQL and for an in-memory database.
   */
  answersFile: string | null;
}

/** Background jobs of the module (`questionnaires.<verb>_<object>`). */
export const JOBS = {
  sendMail: 'questionnaires.send_mail',
  sendInvitations: 'questionnaires.send_invitations',
  sendReminder: 'questionnaires.send_reminder',
  /** One invitation or reminder to one recipient (idempotent: its delivery row). */
  deliverMail: 'questionnaires.deliver_mail',
  /** Former automatic drafts (before events): kept so that jobs queued before the upgrade still run. */
  createUseCaseDraft: 'questionnaires.create_use_case_draft',
} as const;

/** An invitation link stays valid this long after the campaign closes (to read one's answers). */
export const INVITATION_GRACE_DAYS = 30;

/** The command line acts as an administrator that is nobody in particular: recorded as « no user » in the audit log. */
export const CLI_ACTOR: CurrentUser = { id: 0, email: '', name: 'Ligne de commande', role: 'admin', memberships: [] };

/** The user recorded in the audit log (null for the command line and the system). */
export const who = (actor: CurrentUser | null | undefined): number | null => (actor && actor.id > 0 ? actor.id : null);

const validId = (id: number) => Number.isSafeInteger(id) && id > 0;

export async function questionnaireOrThrow(store: QuestionnairesStore, id: number): Promise<QuestionnaireRecord> {
  const q = validId(id) ? await store.findQuestionnaire(id) : null;
  if (!q || q.archivedAt) throw notFound("Ce questionnaire n'existe pas (ou plus).");
  return q;
}

export async function campaignOrThrow(store: QuestionnairesStore, id: number): Promise<Campaign> {
  const c = validId(id) ? await store.findCampaign(id) : null;
  if (!c) throw notFound("Cette campagne n'existe pas (ou plus).");
  return c;
}

/** Structural issues of a questionnaire as form field errors (path → first message). */
export function issuesToFields(issues: Issue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of issues) fields[i.path || 'questionnaire'] ??= i.message;
  return fields;
}

/** Queues a mail (sent by the job worker), inside `trx` when given. */
export function queueMail(
  jobs: JobQueue,
  to: string | string[],
  subject: string,
  text: string,
  trx?: Db,
): Promise<void> {
  const list = (Array.isArray(to) ? to : [to]).filter(Boolean);
  if (!list.length) return Promise.resolve();
  return jobs.enqueue(JOBS.sendMail, { to: list, subject, text }, {}, trx);
}
