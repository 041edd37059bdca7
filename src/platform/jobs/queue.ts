import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { type Clock, systemClock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Dialect } from '../db/index.ts';

/** Each handler knows its own payload (the JSON written by `enqueue`). */
export type JobHandler = (payload: any) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one pending job per key (e.g. one reminder per invitation and date). */
  uniqueKey?: string;
  maxAttempts?: number;
  /**
   * The payload holds personal data needed only until the job is done (an address to write to): once the job has
   * succeeded, its payload is emptied, so that the jobs table does not keep it.
   */
  forgetWhenDone?: boolean;
}

/** The payload key that marks a job whose payload is emptied once done (removed before the handler sees it). */
const FORGET_KEY = '$forgetWhenDone';

/** What replaces a scrubbed name or address in a job's payload. */
export const SCRUBBED = '[donnée supprimée]';

/** `value` without the `words` (case-insensitive): list items equal to one are dropped, texts have them replaced. */
export function scrubValue(value: unknown, words: readonly string[]): unknown {
  const lower = words.map((w) => w.toLowerCase());
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let out = v;
      for (const w of words) out = out.replace(new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), SCRUBBED);
      return out;
    }
    if (Array.isArray(v)) {
      return v.filter((item) => !(typeof item === 'string' && lower.includes(item.trim().toLowerCase()))).map(walk);
    }
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value);
}

/** A job leased by this worker. */
interface LeasedJob {
  id: number;
  type: string;
  payload: string;
  attempts: number;
  max_attempts: number;
}

/** How long a worker holds a job it leased; past it, another worker may claim the job again. */
export const LEASE_MS = 5 * 60_000;

/**
 * A durable job queue in the `jobs` table. Workers take a lease on one due job at a time
 * (PostgreSQL: FOR UPDATE SKIP LOCKED, so several instances never run the same job; SQLite: one writer).
 * "Due" and every retry delay are read from `clock` (tests move a manual clock instead of waiting).
 */
export function createJobQueue(db: Db, dialect: Dialect, clock: Clock = systemClock) {
  const workerId = randomBytes(6).toString('hex');
  const inMs = (ms: number) => new Date(clock.millis() + ms).toISOString();

  async function enqueue(type: string, payload: unknown, options: EnqueueOptions = {}, trx: Db = db) {
    await trx
      .insertInto('jobs')
      .values({
        type,
        payload: JSON.stringify(
          options.forgetWhenDone ? { ...((payload ?? {}) as object), [FORGET_KEY]: true } : (payload ?? {}),
        ),
        status: 'pending',
        run_at: (options.runAt ?? clock.now()).toISOString(),
        attempts: 0,
        max_attempts: options.maxAttempts ?? 5,
        unique_key: options.uniqueKey ?? null,
        created_at: clock.iso(),
      })
      .onConflict((oc) => oc.column('unique_key').doNothing())
      .execute();
  }

  /**
   * Queues many jobs of one type in multi-row inserts (a campaign's 35,000 deliveries: a few hundred statements
   * instead of one each), inside `trx` when given. Same rules as `enqueue`: a job whose `uniqueKey` is already
   * pending or done is not queued again.
   */
  async function enqueueMany(
    type: string,
    jobs: readonly { payload: unknown; options?: EnqueueOptions }[],
    trx: Db = db,
  ): Promise<void> {
    const createdAt = clock.iso();
    const now = clock.now().toISOString();
    // 8 values per row: 500 rows stay far below the parameter limits of SQLite (32,766) and PostgreSQL (65,535).
    for (let i = 0; i < jobs.length; i += 500) {
      await trx
        .insertInto('jobs')
        .values(
          jobs.slice(i, i + 500).map(({ payload, options = {} }) => ({
            type,
            payload: JSON.stringify(
              options.forgetWhenDone ? { ...((payload ?? {}) as object), [FORGET_KEY]: true } : (payload ?? {}),
            ),
            status: 'pending',
            run_at: options.runAt ? options.runAt.toISOString() : now,
            attempts: 0,
            max_attempts: options.maxAttempts ?? 5,
            unique_key: options.uniqueKey ?? null,
            created_at: createdAt,
          })),
        )
        .onConflict((oc) => oc.column('unique_key').doNothing())
        .execute();
    }
  }

  /** Leases the next due job, or returns null. */
  async function lease(): Promise<LeasedJob | null> {
    const at = clock.iso();
    const until = inMs(LEASE_MS);
    const lock = dialect === 'postgres' ? sql`for update skip locked` : sql``;
    const result = await sql<LeasedJob>`
      update jobs set status = 'running', locked_until = ${until}, locked_by = ${workerId}, attempts = attempts + 1
      where id = (
        select id from jobs
        where (status = 'pending' and run_at <= ${at}) or (status = 'running' and locked_until < ${at})
        order by run_at, id limit 1 ${lock}
      )
      returning id, type, payload, attempts, max_attempts`.execute(db);
    const row = result.rows[0];
    return row
      ? { ...row, id: Number(row.id), attempts: Number(row.attempts), max_attempts: Number(row.max_attempts) }
      : null;
  }

  async function finish(id: number, error?: Error, attempts = 0, maxAttempts = 1, forget = false) {
    if (!error) {
      await db
        .updateTable('jobs')
        .set({ status: 'done', finished_at: clock.iso(), locked_until: null, ...(forget ? { payload: '{}' } : {}) })
        .where('id', '=', id)
        .execute();
      return;
    }
    const failedForGood = attempts >= maxAttempts;
    const retryAt = inMs(Math.min(3600_000, 2 ** attempts * 30_000));
    await db
      .updateTable('jobs')
      .set({
        status: failedForGood ? 'failed' : 'pending',
        run_at: failedForGood ? clock.iso() : retryAt,
        last_error: String(error.stack ?? error.message).slice(0, 4000),
        locked_until: null,
        finished_at: failedForGood ? clock.iso() : null,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Runs every due job now (used by the worker loop, the CLI and tests). Returns how many ran. */
  async function runDue(handlers: JobHandlers, limit = 100): Promise<number> {
    let ran = 0;
    while (ran < limit) {
      const job = await lease();
      if (!job) break;
      ran++;
      const handler = handlers[job.type];
      let forget = false;
      try {
        if (!handler) throw new Error(`aucun traitement pour les tâches « ${job.type} »`);
        const payload = JSON.parse(job.payload);
        if (payload && typeof payload === 'object' && FORGET_KEY in payload) {
          forget = payload[FORGET_KEY] === true;
          delete payload[FORGET_KEY];
        }
        await handler(payload);
        await finish(job.id, undefined, 0, 1, forget);
      } catch (e) {
        await finish(job.id, e as Error, job.attempts, job.max_attempts);
      }
    }
    return ran;
  }

  /** Polls for due jobs until stopped. */
  function startWorker(handlers: JobHandlers, pollMs = 2000, onError?: (e: unknown) => void) {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = async () => {
      if (stopped) return;
      try {
        await runDue(handlers);
      } catch (e) {
        onError?.(e);
      }
      if (!stopped) timer = setTimeout(tick, pollMs);
    };
    timer = setTimeout(tick, pollMs);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }

  async function counts(): Promise<Record<string, number>> {
    const rows = await db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /**
   * Erases a person from the jobs' payloads (account deletion, in its transaction): in every job whose payload
   * mentions one of `needles` (their address, their name), list items equal to a needle are removed and every
   * occurrence in a text is replaced. Returns how many jobs were changed.
   */
  async function scrub(needles: readonly string[], trx: Db = db): Promise<number> {
    const words = [...new Set(needles.map((n) => n.trim()).filter((n) => n.length >= 3))];
    if (!words.length) return 0;
    const like = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await trx
      .selectFrom('jobs')
      .select(['id', 'payload'])
      .where((eb) =>
        eb.or(words.map((w) => eb(sql`lower(payload)`, 'like', sql`${like(w.toLowerCase())} escape '\\'`))),
      )
      .execute();
    let changed = 0;
    for (const row of rows) {
      const payload = JSON.stringify(scrubValue(JSON.parse(row.payload), words));
      if (payload === row.payload) continue;
      await trx.updateTable('jobs').set({ payload }).where('id', '=', row.id).execute();
      changed++;
    }
    return changed;
  }

  /**
   * Deletes finished jobs: done ones finished before `doneBefore`, failed ones before `failedBefore` (ISO instants),
   * a few thousand rows per statement so that no write holds the database long. Pending and running jobs are never
   * touched. A unique key is free again once its done job is deleted: callers keep done jobs longer than any key can
   * be queued again (keys name a date, a window or an object whose state already says it was done). Returns how
   * many rows went.
   */
  async function purgeFinished(doneBefore: string, failedBefore: string, batch = 5000): Promise<number> {
    let deleted = 0;
    for (const [status, before] of [
      ['done', doneBefore],
      ['failed', failedBefore],
    ] as const) {
      for (;;) {
        const ids = db
          .selectFrom('jobs')
          .select('id')
          .where('status', '=', status)
          .where('finished_at', '<', before)
          .orderBy('id')
          .limit(batch);
        const result = await db.deleteFrom('jobs').where('id', 'in', ids).executeTakeFirst();
        const n = Number(result.numDeletedRows);
        deleted += n;
        if (n < batch) break;
      }
    }
    return deleted;
  }

  return { enqueue, enqueueMany, runDue, startWorker, counts, scrub, purgeFinished };
}
export type JobQueue = ReturnType<typeof createJobQueue>;
