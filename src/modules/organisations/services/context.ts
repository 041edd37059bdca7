/**
 * What the organisations services share: the platform pieces they use, the two stores, the ports. Built once by
 * index.ts; each service takes what it needs from it (no state is shared between services).
 */
import type { AuditLog } from '../../../platform/audit/audit.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Dialect } from '../../../platform/db/index.ts';
import type { EventBus } from '../../../platform/events/events.ts';
import type { JobQueue } from '../../../platform/jobs/queue.ts';
import type { OrganisationsPorts } from '../ports.ts';
import type { ContactsStore } from '../store/contacts.ts';
import type { MembershipsStore } from '../store/memberships.ts';
import type { NetworksStore } from '../store/networks.ts';
import type { OrganisationsStore } from '../store/organisations.ts';
import type { ProfilesStore } from '../store/profiles.ts';

/** Job type that sends this module's mail (durable: enqueued in the same transaction as the act). */
export const MAIL_JOB = 'organisations.send_mail';

export interface OrganisationsContext {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  events: EventBus;
  /** The site's address without a trailing slash, for links in mail. */
  baseUrl: string;
  organisations: OrganisationsStore;
  memberships: MembershipsStore;
  contacts: ContactsStore;
  networks: NetworksStore;
  profiles: ProfilesStore;
  ports: OrganisationsPorts;
}

/** Enqueues a message in the caller's transaction (sent by the `organisations.send_mail` job). */
export function mail(context: OrganisationsContext, to: string | string[], subject: string, text: string, trx: Db) {
  return context.jobs.enqueue(MAIL_JOB, { to, subject, text }, {}, trx);
}
