import type { Config } from '../config.ts';
import { type AuditLog, createAuditLog } from './audit/audit.ts';
import { createSessionStore, type SessionStore } from './auth/sessions.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Db } from './db/database.ts';
import type { DbHandle, Dialect } from './db/index.ts';
import { createEventBus, type EventBus } from './events/events.ts';
import { createHousekeeping, type Housekeeping } from './jobs/housekeeping.ts';
import { createJobQueue, type JobQueue } from './jobs/queue.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';

/**
 * Everything a module's service may use from the platform. Built once per server (or per CLI command)
 * and handed to each module factory in src/modules/index.ts.
 */
export interface Platform {
  config: Config;
  handle: DbHandle;
  db: Db;
  dialect: Dialect;
  /** The time of day: every time-based rule reads it here (tests move a manual clock). */
  clock: Clock;
  /** Cross-module effects: emitted inside a transaction, delivered to subscribers as jobs. */
  events: EventBus;
  mailer: Mailer;
  jobs: JobQueue;
  audit: AuditLog;
  sessions: SessionStore;
  /** The daily purge of finished jobs and expired sessions (a job, queued at each start). */
  housekeeping: Housekeeping;
}

export function createPlatform(config: Config, handle: DbHandle, options: { clock?: Clock } = {}): Platform {
  const clock = options.clock ?? systemClock;
  const db = handle.db as Db;
  const jobs = createJobQueue(db, handle.dialect, clock);
  const sessions = createSessionStore(db, clock);
  return {
    config,
    handle,
    db,
    dialect: handle.dialect,
    clock,
    events: createEventBus(jobs),
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: config.outboxDir }),
    jobs,
    audit: createAuditLog(db, clock),
    sessions,
    housekeeping: createHousekeeping({ jobs, sessions, clock }),
  };
}
