/**
 * The platform's daily housekeeping, a job like any other: finished jobs past their retention and expired sessions
 * are deleted, then the next day's run is queued (one per day, unique key). Queued at each start by the assembled
 * modules' reference seed, so that a site that was down simply runs it when it comes back.
 */

import type { SessionStore } from '../auth/sessions.ts';
import type { Clock } from '../clock.ts';
import type { JobHandlers, JobQueue } from './queue.ts';

export const HOUSEKEEPING_JOB = 'platform.housekeeping';
/** Done jobs are kept this long (to see what ran, and so that no unique key can be queued again sooner). */
export const DONE_JOBS_KEPT_DAYS = 30;
/** Failed jobs are kept longer: someone may still need their error to understand what went wrong. */
export const FAILED_JOBS_KEPT_DAYS = 180;
const RUN_AT = 'T03:30:00.000Z';
const DAY_MS = 86_400_000;

export function createHousekeeping(deps: { jobs: JobQueue; sessions: SessionStore; clock: Clock }) {
  const { jobs, sessions, clock } = deps;
  const daysAgo = (days: number) => new Date(clock.millis() - days * DAY_MS).toISOString();

  async function schedule(day: string): Promise<void> {
    await jobs.enqueue(
      HOUSEKEEPING_JOB,
      {},
      { runAt: new Date(`${day}${RUN_AT}`), uniqueKey: `${HOUSEKEEPING_JOB}:${day}` },
    );
  }

  /** Deletes what has outlived its retention; returns how many jobs went. Then queues tomorrow's run. */
  async function run(): Promise<number> {
    const purged = await jobs.purgeFinished(daysAgo(DONE_JOBS_KEPT_DAYS), daysAgo(FAILED_JOBS_KEPT_DAYS));
    await sessions.purgeExpired();
    await schedule(new Date(clock.millis() + DAY_MS).toISOString().slice(0, 10));
    return purged;
  }

  return {
    run,
    /** Today's run (at start-up): it then queues the next day's. */
    scheduleToday: () => schedule(clock.iso().slice(0, 10)),
    jobHandlers: (): JobHandlers => ({ [HOUSEKEEPING_JOB]: async () => void (await run()) }),
  };
}
export type Housekeeping = ReturnType<typeof createHousekeeping>;
