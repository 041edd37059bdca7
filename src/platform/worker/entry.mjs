// Entry of the platform's worker threads (run.ts): loads the TypeScript module named by the parent (through tsx, as
// the main thread does), calls the named export with the input, and posts back its result or its error.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const module = await import(workerData.module);
  const result = await module[workerData.exportName](workerData.input);
  parentPort.postMessage({ ok: true, result });
} catch (e) {
  parentPort.postMessage({ ok: false, error: { name: e?.name, message: String(e?.message ?? e) } });
}
