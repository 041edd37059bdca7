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

export function createWriteBatcher(db: Db, options: { maxBatch?: number } = {}): WriteBatcher {
  const maxBatch = options.maxBatch ?? 200;
  const queue: Pending[] = [];
  let flushing = false;

  async function alone(item: Pending) {
    try {
      item.resolve(await db.transaction().execute(item.work));
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
      let results: unknown[];
      try {
        results = await db.transaction().execute(async (trx) => {
          const out: unknown[] = [];
          for (const item of batch) out.push(await item.work(trx));
          return out;
        });
      } catch {
        for (const item of batch) await alone(item);
        continue;
      }
      for (const [i, item] of batch.entries()) item.resolve(results[i]);
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
