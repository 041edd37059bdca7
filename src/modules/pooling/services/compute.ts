/**
 * Computing the pooling suggestions: a job (`pooling.compute_suggestions`) queued when the library changes or an
 * interest is recorded, debounced (every change of a 30-second window shares one job, run at the window's end),
 * reading every published sheet page by page, running the pure steps of model/similarity.ts with the event loop
 * given back every few milliseconds, and storing the groups in one transaction (the page is then a read).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Platform } from '../../../platform/platform.ts';
import {
  addSheet,
  addVector,
  computeGroups,
  createCorpus,
  DEFAULT_OPTIONS,
  finishVectors,
  type Group,
  type PoolingOptions,
  type SheetText,
  startVectors,
} from '../model/similarity.ts';
import type { PoolingPorts } from '../ports.ts';
import type { PoolingStore, StoredSheet } from '../store.ts';

export const COMPUTE_JOB = 'pooling.compute_suggestions';
/** Changes within this window share one computation, run at the window's end. */
export const DEBOUNCE_MS = 30_000;
/**
 * The library changes without an event too (imports of files, a restored backup): a watch job compares the
 * library's change counter with the one the latest computation read, every this often, and queues the computation
 * when they differ (then queues the next watch: a chain, started at each start of the site).
 */
export const WATCH_JOB = 'pooling.watch_library';
export const WATCH_EVERY_MS = 10 * 60_000;
/** The longest stretch of synchronous work between two yields to the event loop. */
const SLICE_MS = 8;

const yieldLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ComputeReport {
  sheets: number;
  groups: Group[];
  durationMs: number;
  /** The longest event-loop delay seen during the computation (ms). */
  maxStallMs: number;
  /** The longest synchronous slice of the computation itself (ms). */
  maxSliceMs: number;
}

/**
 * Reads the text fields of the published sheets, page by page in id order, into `visit` (a pure step); the texts
 * are dropped as soon as visited: titles and pages are read for the grouped sheets only, once grouped. The
 * computation reads the library twice (model/similarity.ts, steps 1 and 2).
 */
async function readSheets(
  ports: PoolingPorts,
  slice: { check(): Promise<void> },
  visit: (sheet: SheetText) => void,
): Promise<void> {
  for await (const page of ports.library.publishedSheets()) {
    for (const s of page) {
      visit({
        id: s.id,
        authorityId: s.organisationId,
        title: s.title,
        description: s.description,
        data: s.data,
        technique: s.technique,
        subThemes: s.subThemes,
        commonsCategory: s.commonsCategory,
      });
      await slice.check();
    }
    await slice.check();
  }
}

/** The groups with their sheets' titles and pages (a sheet unpublished meanwhile is left out of the display). */
async function withSheets(
  ports: PoolingPorts,
  groups: readonly Group[],
): Promise<(Group & { sheets: StoredSheet[] })[]> {
  const refs = await ports.library.refs(groups.flatMap((g) => g.useCaseIds));
  const byId = new Map(refs.map((r) => [r.id, r]));
  return groups.map((g) => ({
    ...g,
    sheets: g.useCaseIds.flatMap((id) => {
      const r = byId.get(id);
      return r ? [{ id, title: r.title, path: r.path, authorityId: r.organisationId }] : [];
    }),
  }));
}

export function createComputeService(deps: {
  platform: Platform;
  store: PoolingStore;
  ports: PoolingPorts;
  options?: Partial<PoolingOptions>;
}) {
  const { platform, store, ports } = deps;
  const options: PoolingOptions = { ...DEFAULT_OPTIONS, ...deps.options };

  /** Queues the computation at the end of the current window (at most one job per window). */
  async function schedule(trx = platform.db): Promise<void> {
    const runAt = (Math.floor(platform.clock.millis() / DEBOUNCE_MS) + 1) * DEBOUNCE_MS;
    const at = new Date(runAt);
    await platform.jobs.enqueue(COMPUTE_JOB, {}, { runAt: at, uniqueKey: `${COMPUTE_JOB}:${at.toISOString()}` }, trx);
  }

  /** Queues the computation when the library changed since the latest one (or none was made); true if queued. */
  async function scheduleIfStale(): Promise<boolean> {
    const [run, version] = await Promise.all([store.latestRun(), ports.library.changeVersion()]);
    if (run && run.libraryVersion === version) return false;
    await schedule();
    return true;
  }

  /** Queues the next watch of the library's change counter (one per period). */
  async function scheduleWatch(): Promise<void> {
    const at = new Date((Math.floor(platform.clock.millis() / WATCH_EVERY_MS) + 1) * WATCH_EVERY_MS);
    await platform.jobs.enqueue(WATCH_JOB, {}, { runAt: at, uniqueKey: `${WATCH_JOB}:${at.toISOString()}` });
  }

  /** The watch job: the computation if the library changed, then the next watch. */
  async function watch(): Promise<void> {
    await scheduleIfStale();
    await scheduleWatch();
  }

  /** Computes and stores the suggestions now. */
  async function compute(): Promise<ComputeReport> {
    const startedAt = platform.clock.iso();
    const started = performance.now();
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    let sliceStart = performance.now();
    let maxSliceMs = 0;
    const slice = {
      async check() {
        const now = performance.now();
        if (now - sliceStart < SLICE_MS) return;
        maxSliceMs = Math.max(maxSliceMs, now - sliceStart);
        await yieldLoop();
        sliceStart = performance.now();
      },
    };
    try {
      const libraryVersion = await ports.library.changeVersion();
      const interests = await store.allLinks();
      sliceStart = performance.now();
      const corpus = createCorpus();
      await readSheets(ports, slice, (sheet) => addSheet(corpus, sheet));
      const sheetCount = corpus.ids.length;
      const builder = startVectors(corpus, options);
      await readSheets(ports, slice, (sheet) => addVector(corpus, builder, sheet));
      const steps = computeGroups(corpus, finishVectors(builder), interests, options);
      let groups: Group[];
      for (;;) {
        const r = steps.next();
        if (r.done) {
          groups = r.value;
          break;
        }
        await slice.check();
      }
      maxSliceMs = Math.max(maxSliceMs, performance.now() - sliceStart);
      const stored = await withSheets(ports, groups);
      const durationMs = Math.round(performance.now() - started);
      histogram.disable();
      const maxStallMs = Math.round(histogram.max / 1e6);
      await platform.db.transaction().execute(async (trx) => {
        await store.replace(
          {
            startedAt,
            finishedAt: platform.clock.iso(),
            sheets: sheetCount,
            durationMs,
            maxStallMs,
            libraryVersion,
          },
          stored,
          trx,
        );
      });
      return { sheets: sheetCount, groups, durationMs, maxStallMs, maxSliceMs: Math.round(maxSliceMs) };
    } finally {
      histogram.disable();
    }
  }

  return { schedule, scheduleIfStale, scheduleWatch, watch, compute };
}

export type ComputeService = ReturnType<typeof createComputeService>;
