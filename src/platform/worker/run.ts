/**
 * Heavy pure work off the event loop: `runInWorker(moduleUrl, exportName, input)` runs one exported function of a
 * module in a worker thread and resolves with its result (structured clone), so that parsing a large file never
 * stalls the requests being served meanwhile. The function must be pure (no database, no platform): its input and
 * result travel by copy. A failure in the worker rejects with an Error carrying the worker's message; a worker that
 * does not answer within `timeoutMs` is terminated.
 */
import { Worker } from 'node:worker_threads';

const ENTRY = new URL('./entry.mjs', import.meta.url);

export class WorkerTaskError extends Error {}

export function runInWorker<T>(
  module: URL,
  exportName: string,
  input: unknown,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(ENTRY, {
      workerData: { module: module.href, exportName, input },
      // The parent's loader flags are not needed: the entry registers tsx itself.
      execArgv: [],
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => finish(() => reject(new WorkerTaskError(`Tâche trop longue (${exportName}) : interrompue.`))),
      options.timeoutMs ?? 60_000,
    );
    worker.once('message', (m: { ok: true; result: T } | { ok: false; error: { message: string } }) =>
      finish(() => (m.ok ? resolve(m.result) : reject(new WorkerTaskError(m.error.message)))),
    );
    worker.once('error', (e) => finish(() => reject(e)));
    worker.once('exit', (code) =>
      finish(() => reject(new WorkerTaskError(`Le fil de calcul s’est arrêté (code ${code}) sans répondre.`))),
    );
  });
}
