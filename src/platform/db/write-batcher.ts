/**
 * Group commit: small writes that arrive together (the autosaves of hundreds of people on deadline day) share one
 * transaction, hence one durable commit — one fsync of the SQLite WAL (synchronous=FULL), one commit round trip on
 * PostgreSQL — instead of one each. Every caller's promise settles only once the transaction holding its write has
 * committed: a save acknowledged to its author is durable, as anywhere else.
 *
 * Writes queued while a transaction runs go together in the next one (at most `maxBatch` per transaction). If a
 * batch fails, each of its writes is run again alone in its own transaction, so that one bad write never fails the
 * others: a write must therefore be safe to run again after a rollback (re-read what it depends on, or make its
 * update conditional, as an optimistic `where version = ?` is).
 */
import type { Db } from './database.ts';
import { withoutWaitingForDisk } from './deferred-sync.ts';
import type { WalFlusher } from './wal-flush.ts';

type Work = (trx: Db) => Promise<unknown>;

interface Pending {
  work: Work;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface WriteBatcher {
  /** Runs `work` inside a transaction shared with the writes queued alongside it; settles once committed. */
  run<T>(work: (trx: Db) => Promise<T>): Promise<T>;
}

/**
 * `wal` (SQLite database files): each transaction commits without waiting for the disk and its writers are answered
 * once an fsync of the WAL run off the event loop has completed (wal-flush.ts) — as durable as a synchronous=FULL
 * commit, without stopping every other request during the flush. Without it, the usual durable commit.
 */
export function createWriteBatcher(db: Db, options: { maxBatch?: number; wal?: WalFlusher | null } = {}): WriteBatcher {
  const maxBatch = options.maxBatch ?? 200;
  const wal = options.wal ?? null;
  const queue: Pending[] = [];
  let flushing = false;

  /** Commits `work`; with `wal`, returns once committed and `durable` once on disk. */
  async function commit<T>(work: Work): Promise<{ result: T; durable: Promise<void> }> {
    if (!wal) return { result: (await db.transaction().execute(work)) as T, durable: Promise.resolve() };
    const result = (await withoutWaitingForDisk(db, 'sqlite', work)) as T;
    return { result, durable: wal.flush() };
  }

  /** Settles the writers once their transaction is on disk (an fsync failure fails them: nothing is acknowledged). */
  function settle(items: Pending[], results: unknown[], durable: Promise<void>) {
    durable.then(
      () => {
        for (const [i, item] of items.entries()) item.resolve(results[i]);
      },
      (e) => {
        for (const item of items) item.reject(e);
      },
    );
  }

  async function alone(item: Pending) {
    try {
      const { result, durable } = await commit(item.work);
      settle([item], [result], durable);
    } catch (e) {
      item.reject(e);
    }
  }

  async function flush() {
    while (queue.length) {
      const batch = queue.splice(0, maxBatch);
      if (batch.length === 1) {
        await alone(batch[0]!);
        continue;
      }
      let committed: { result: unknown[]; durable: Promise<void> };
      try {
        committed = await commit(async (trx) => {
          const out: unknown[] = [];
          for (const item of batch) out.push(await item.work(trx));
          return out;
        });
      } catch {
        for (const item of batch) await alone(item);
        continue;
      }
      // The next batch may commit while this one is being flushed.
      settle(batch, committed.result, committed.durable);
    }
    flushing = false;
  }

  return {
    run<T>(work: (trx: Db) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (flushing) return;
        flushing = true;
        // Let the requests already read from the network reach this queue before the transaction starts.
        setImmediate(() => void flush());
      });
    },
  };
}
