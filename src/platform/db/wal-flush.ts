/**
 * Group commit on SQLite without blocking the event loop: a batch of small writes commits with synchronous=NORMAL
 * (deferred-sync.ts: written to the WAL, not flushed, in microseconds), then its writers wait for an fsync of the WAL
 * run on the libuv thread pool. better-sqlite3 runs a synchronous=FULL commit's fsync on the JavaScript thread: under
 * disk contention that was tens of milliseconds per commit during which no request was read or answered.
 *
 * `flush()` resolves once an fsync STARTED AFTER the call has completed: every commit made before the call is then on
 * disk, exactly as if it had been committed with synchronous=FULL. Calls made while an fsync runs share the next one.
 */
import { open } from 'node:fs/promises';

export interface WalFlusher {
  flush(): Promise<void>;
}

/** `databasePath`: the SQLite database file (its WAL is `<path>-wal`). */
export function walFlusher(databasePath: string): WalFlusher {
  const walPath = `${databasePath}-wal`;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;

  /** fsync of the WAL (opened for the call: no descriptor kept), or of the database file when there is no WAL. */
  async function sync() {
    const file = await open(walPath, 'r').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return open(databasePath, 'r');
      throw e;
    });
    try {
      await file.sync();
    } finally {
      await file.close();
    }
  }

  function flush(): Promise<void> {
    if (!running) {
      running = sync().finally(() => {
        running = null;
      });
      return running;
    }
    // An fsync is under way, perhaps started before the caller's commit: the next one starts when it ends.
    next ??= running
      .catch(() => {})
      .then(() => {
        next = null;
        return flush();
      });
    return next;
  }

  return { flush };
}
