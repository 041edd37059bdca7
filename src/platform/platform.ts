import type { Config } from '../config.ts';
import { type AuditLog, createAuditLog } from './audit/audit.ts';
import { createSessionStore, type SessionStore } from './auth/sessions.ts';
import type { DbHandle, Dialect } from './db/index.ts';
import { createJobQueue, type JobQueue } from './jobs/queue.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';

/**
 * Everything a module's service may use from the platform. Built once per server (or per CLI command)
 * and handed to each module factory in src/modules/index.ts.
 */
export interface Platform {
  config: Config;
  handle: DbHandle;
  db: DbHandle['db'];
  dialect: Dialect;
  mailer: Mailer;
  jobs: JobQueue;
  audit: AuditLog;
  sessions: SessionStore;
}

export function createPlatform(config: Config, handle: DbHandle): Platform {
  return {
    config,
    handle,
    db: handle.db,
    dialect: handle.dialect,
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: config.outboxDir }),
    jobs: createJobQueue(handle.db, handle.dialect),
    audit: createAuditLog(handle.db),
    sessions: createSessionStore(handle.db),
  };
}
