/**
 * Imports of Interconnectés and PSTW files (an administrator's act, or the command line).
 *
 * The file is streamed twice, never held whole: a checking pass reads every row (errors and warnings with their
 * line, the day order of date columns, the bodies the file names, which are then matched to organisations), and
 * nothing is written if it found an error; then a writing pass reads the rows again in batches. Each batch is planned
 * from reads (a dry run stops there, so it reports exactly what the real run does) and written in one short
 * transaction (about 50 ms: the batch size adapts) that also records the import's state (`store/imports.ts`: rows
 * written, counts). Between batches the event loop is free, and other writers wait at most one batch.
 *
 * Crash safety: an import is all-or-nothing per batch, with its state recorded in the batch's transaction. After a
 * crash (kill -9) the database holds whole batches and a state « running » saying how many rows are in; importing the
 * same file again resumes after them (and re-importing a finished file changes nothing: keys are stable).
 * Batches commit without waiting for the disk (platform/db/deferred-sync.ts: a power loss may take the last batches
 * back, whole, with the state that counts them); the final transaction, which records the import as done, does wait,
 * and makes every batch durable with it. One flush per batch was most of an import's time on a busy machine.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../../platform/auth/authorize.ts';
import { withoutWaitingForDisk } from '../../../platform/db/deferred-sync.ts';
import { followBulkWrite } from '../../../platform/db/statistics.ts';
import { SEARCH_TABLES, VocabularyChanges } from '../../../platform/search/index.ts';
import type { ContentKey } from '../fields.ts';
import { csvRows, decodeChunks, NotUtf8Error, type TextEncodingName } from '../formats/csv-reader.ts';
import { createInterconnectesReader } from '../formats/interconnectes-reader.ts';
import { createPstwReader } from '../formats/pstw.ts';
import {
  type ImportIssue,
  type ImportRecord,
  type ImportTableReader,
  type OrganisationSummary,
  sortIssues,
  type TableRow,
} from '../model.ts';
import { authorizeOr } from '../policy.ts';
import { createImportStateStore, type ImportState } from '../store/imports.ts';
import type { LibraryContext } from './context.ts';
import { createImportBatches, type LeftInPlace } from './import-batch.ts';
import { type FileBody, orgKey, type Resolution, resolveOrganisations } from './import-organisations.ts';
import type { LibrarySearch } from './search.ts';

export { writtenRecord } from './import-batch.ts';

export type ImportFormat = 'interconnectes' | 'pstw';

/** The tables an import writes (their statistics are refreshed as they grow). */
const IMPORTED_TABLES = ['use_cases', 'use_case_versions', ...SEARCH_TABLES];

/**
 * Batches: one short transaction each. The size adapts so that a transaction lasts about `targetMs` (other
 * writers, and on SQLite every query of the process, wait at most that long), between these bounds. New sheets show
 * in the library every `showEveryMs` and at the end, not at each batch: each time they show, the servers' catalogues
 * load them (a request arriving meanwhile waits for that load) and the pages served then compute their results
 * again. Four times a second: a load then holds a few hundred sheets. Measured beside a server with visitors at
 * 100,000 sheets (bench/library-import.ts): visitors' p99 133 ms every 250 ms; at 20,000 sheets, 107–119 ms every
 * 250 ms against 217–230 ms every second, for the same import speed.
 */
export const IMPORT_BATCH = { first: 200, min: 100, max: 2000, targetMs: 50, showEveryMs: 250 } as const;
/** Issues and names kept in a report (the counts are always whole). */
const REPORT_LIMIT = 1000;

export interface ImportReport {
  format: ImportFormat;
  variant: string;
  dryRun: boolean;
  rows: number;
  /** Use cases created, updated, unchanged (a dry run: that would be; the same counts as the real run). */
  created: number;
  updated: number;
  unchanged: number;
  organisationsCreated: number;
  organisationsMatched: number;
  /** Bodies created (dry run: that would be), by name, with the first line naming them. */
  newOrganisations: { line: number; name: string }[];
  /** Bodies found by their name because the file's identifier was missing or failed its check digit. */
  approximateMatches: { line: number; name: string; matchedName: string; reason: string }[];
  /** Authorities that took the SIRET the file gives (they had none). */
  siretsKept: number;
  /** Use cases left with their authority although the file names another one (see `rehome`). */
  leftInPlace: LeftInPlace[];
  leftInPlaceCount: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  errorCount: number;
  warningCount: number;
  /** Rows an interrupted import of the same file had written: this one went on after them. */
  resumedAfter: number;
  ms: number;
}

export interface ImportInput {
  format: ImportFormat;
  /** The file, whole (uploads, tests)… */
  data?: string | Uint8Array;
  /** …or a way to open it as a stream (the command line): it is read twice. */
  open?: () => AsyncIterable<Uint8Array | string>;
  dryRun?: boolean;
  asDraft?: boolean;
  /** Move existing use cases to the authority the file names (off by default: they stay, and the report says so). */
  rehome?: boolean;
  /** Create a body even when another one has the same name in the same département (off by default). */
  allowHomonyms?: boolean;
}

const CHUNK = 1 << 20;

function opener(input: ImportInput): () => AsyncIterable<Uint8Array | string> {
  if (input.open) return input.open;
  const data = input.data ?? '';
  return async function* () {
    for (let i = 0; i < data.length; i += CHUNK) {
      yield typeof data === 'string' ? data.slice(i, i + CHUNK) : data.subarray(i, i + CHUNK);
    }
  };
}

const yieldLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Work between two yields of the event loop while rows are read (pages served meanwhile wait at most that long). */
const SLICE_MS = 10;

/** Lets the event loop go once `SLICE_MS` of work have run since it last did (reading and checking rows). */
function createPacer() {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < SLICE_MS) return;
    await yieldLoop();
    last = performance.now();
  };
}

/**
 * How long a batch's transaction kept the process busy (its search documents are analysed before it, the event loop
 * let go meanwhile): its processor time, or its wall-clock time when shorter. On a loaded
 * machine the wall clock counts the time other processes had the processor, and batches sized by it shrink to their
 * minimum, where the fixed cost of each batch (its commit, the vocabulary of its words) dominates.
 */
function busyMs(startedAt: number, cpu: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(cpu);
  return Math.min(performance.now() - startedAt, (used.user + used.system) / 1000);
}

const createReader = (format: ImportFormat, header: TableRow): ImportTableReader =>
  format === 'pstw' ? createPstwReader(header) : createInterconnectesReader(header);

/** Problems, counted whole and kept up to the report's limit. */
class Issues {
  readonly list: ImportIssue[] = [];
  count = 0;
  add(issues: readonly ImportIssue[]): void {
    for (const i of issues) {
      this.count++;
      if (this.list.length < REPORT_LIMIT) this.list.push(i);
    }
  }
}

interface Checked {
  encoding: TextEncodingName;
  sha256: string;
  reader: ImportTableReader | null;
  rows: number;
  errors: Issues;
  warnings: Issues;
  bodies: Map<string, FileBody>;
}

/** The checking pass, in one encoding. */
async function checkWith(
  format: ImportFormat,
  open: () => AsyncIterable<Uint8Array | string>,
  encoding: TextEncodingName,
): Promise<Checked> {
  const hash = createHash('sha256');
  const hashed = async function* () {
    for await (const chunk of open()) {
      hash.update(chunk);
      yield chunk;
    }
  };
  const errors = new Issues();
  const warnings = new Issues();
  const bodies = new Map<string, FileBody>();
  let reader: ImportTableReader | null = null;
  let headerFailed = false;
  let rows = 0;
  const problems = (p: { line: number; message: string }) =>
    errors.add([{ line: p.line, column: null, message: p.message }]);
  const delimiter = format === 'pstw' ? { delimiter: ',' } : {};
  const pace = createPacer();
  for await (const row of csvRows(decodeChunks(hashed(), encoding), problems, delimiter)) {
    if (!reader) {
      reader = createReader(format, row);
      errors.add(reader.errors);
      warnings.add(reader.warnings);
      headerFailed = reader.errors.length > 0;
      continue;
    }
    if (headerFailed) {
      rows++;
      continue;
    }
    const read = reader.row(row);
    if (!read) continue;
    rows++;
    errors.add(read.errors);
    warnings.add(read.warnings);
    const record = read.record;
    if (record) {
      const key = orgKey(record.organisation);
      if (!bodies.has(key)) {
        bodies.set(key, {
          org: record.organisation,
          line: record.line,
          latitude: record.content.latitude ?? null,
          longitude: record.content.longitude ?? null,
        });
      }
    }
    await pace();
  }
  if (!reader) errors.add([{ line: 1, column: null, message: 'Le fichier est vide.' }]);
  else if (!headerFailed) {
    const settled = reader.settle();
    errors.add(settled.errors);
    warnings.add(settled.warnings);
  }
  return { encoding, sha256: hash.digest('hex'), reader, rows, errors, warnings, bodies };
}

/** The checking pass: UTF-8, or Windows-1252 when the bytes are not UTF-8 (spreadsheets, the PSTW file). */
async function check(format: ImportFormat, open: () => AsyncIterable<Uint8Array | string>): Promise<Checked> {
  try {
    return await checkWith(format, open, 'utf-8');
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    return checkWith(format, open, 'windows-1252');
  }
}

export function createImportService(ctx: LibraryContext & { search: LibrarySearch }) {
  const { platform, ports, store } = ctx;
  const { db, audit, clock } = platform;
  const batches = createImportBatches(ctx);
  const states = createImportStateStore(db);

  /** The writing pass (a dry run plans every batch and writes nothing). */
  async function writeAll(
    actor: Actor,
    input: ImportInput,
    checked: Checked,
    resolutions: Map<string, Resolution>,
    report: ImportReport,
  ): Promise<void> {
    const dryRun = !!input.dryRun;
    const state = input.asDraft ? 'draft' : 'published';
    const options = { fields: new Set<ContentKey>(checked.reader!.fields), state, rehome: !!input.rehome } as const;
    // The writing pass's reader; the checking one (every key of the file, for duplicates) is let go.
    const reader = checked.reader!.again();
    checked.reader = null;
    const previous = dryRun ? null : await states.get(input.format, checked.sha256);
    const resumeAt = previous?.status === 'running' ? previous.position : 0;
    const progress: ImportState = {
      status: 'running',
      position: resumeAt,
      nextLine: 1,
      created: resumeAt ? previous!.created : 0,
      updated: resumeAt ? previous!.updated : 0,
      unchanged: resumeAt ? previous!.unchanged : 0,
      leftInPlace: resumeAt ? previous!.leftInPlace : 0,
      startedAt: resumeAt ? previous!.startedAt : clock.iso(),
      updatedAt: clock.iso(),
    };
    report.resumedAfter = resumeAt;
    const claimed = new Set<number>();
    const createdIds = new Map<string, number>();
    const keptSirets = new Set<string>();
    const summaries = new Map<number, OrganisationSummary>();
    let batch: ImportRecord[] = [];
    // The vocabulary of « did you mean » is counted when new sheets show (not at each batch: the same common words
    // were counted again every time). A failure applies what was gathered; only a crash (kill -9, power loss) may
    // leave out the words of the last second's sheets, which stay searchable (their documents are whole).
    const vocabulary = new VocabularyChanges();
    let position = 0;
    let size: number = dryRun ? IMPORT_BATCH.max : IMPORT_BATCH.first;
    let shownAt = performance.now();
    let hidden = false;
    // The planner's statistics of the tables it writes follow them as they grow: every process reading the library
    // plans from them, the servers beside the import first.
    const wrote = dryRun
      ? null
      : await followBulkWrite(db, IMPORTED_TABLES, async () =>
          Object.values(await store.countByState()).reduce((a, b) => a + b, 0),
        );

    const flush = async (nextLine: number, last = false) => {
      const plan = await batches.plan(batch, resolutions, options, claimed);
      progress.created += plan.created;
      progress.updated += plan.updated;
      progress.unchanged += plan.unchanged;
      progress.leftInPlace += plan.leftInPlace.length;
      for (const l of plan.leftInPlace) if (report.leftInPlace.length < REPORT_LIMIT) report.leftInPlace.push(l);
      if (!dryRun) {
        await batches.loadSummaries(plan, summaries);
        // Analysed before the transaction (the event loop let go meanwhile): the transaction only writes.
        await batches.prepare(plan, state, summaries, pace);
        const began = performance.now();
        const cpu = process.cpuUsage();
        progress.position = position;
        progress.nextLine = nextLine;
        progress.updatedAt = clock.iso();
        const show = last || performance.now() - shownAt >= IMPORT_BATCH.showEveryMs;
        const gathered = new VocabularyChanges();
        const done = await withoutWaitingForDisk(db, platform.dialect, async (trx) => {
          const applied = await batches.apply(
            plan,
            { actor, state, createdIds, keptSirets, summaries, show, hidden, vocabulary: gathered },
            trx,
          );
          if (show) await ctx.search.applyVocabulary(new VocabularyChanges().add(vocabulary).add(gathered), trx);
          await states.save(input.format, checked.sha256, progress, trx);
          return applied;
        });
        // Committed: the batch's vocabulary is counted (shown) or waits for the next showing.
        if (show) vocabulary.clear();
        else vocabulary.add(gathered);
        const took = busyMs(began, cpu);
        if (took > IMPORT_BATCH.targetMs * 1.5) size = Math.max(IMPORT_BATCH.min, Math.floor(size / 2));
        else if (took < IMPORT_BATCH.targetMs / 2) size = Math.min(IMPORT_BATCH.max, size * 2);
        if (show) shownAt = performance.now();
        hidden = !show && (hidden || plan.created > 0);
        for (const [code, id] of done.createdBodies) createdIds.set(code, id);
        for (const s of done.siretsKept) keptSirets.add(s);
        await wrote!(plan.created + plan.updated, last);
      }
      batch = [];
      await yieldLoop();
    };

    let header = true;
    const pace = createPacer();
    const delimiter = input.format === 'pstw' ? { delimiter: ',' } : {};
    try {
      for await (const row of csvRows(decodeChunks(opener(input)(), checked.encoding), () => {}, delimiter)) {
        if (header) {
          header = false;
          continue;
        }
        const read = reader.row(row);
        if (!read) continue;
        if (position < resumeAt) {
          position++;
          continue;
        }
        if (batch.length >= size) await flush(row.line);
        position++;
        if (read.record) batch.push(read.record);
        // Reading a large batch is work too: the event loop is let go every few milliseconds.
        await pace();
      }
      await flush(Number.MAX_SAFE_INTEGER, true);
    } catch (e) {
      // The batches written keep their vocabulary.
      if (!vocabulary.empty) await db.transaction().execute((trx) => ctx.search.applyVocabulary(vocabulary, trx));
      throw e;
    }
    report.created = progress.created;
    report.updated = progress.updated;
    report.unchanged = progress.unchanged;
    report.leftInPlaceCount = progress.leftInPlace;
    report.siretsKept = dryRun ? [...resolutions.values()].filter((r) => r.keepSiret).length : keptSirets.size;
    if (dryRun) return;
    await db.transaction().execute(async (trx) => {
      await states.save(input.format, checked.sha256, { ...progress, status: 'done', updatedAt: clock.iso() }, trx);
      await audit.record(
        {
          actorUserId: actor?.id ?? null,
          action: 'use_case.imported',
          subjectType: 'import',
          subjectId: input.format,
          details: {
            rows: report.rows,
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
            leftInPlace: report.leftInPlaceCount,
            organisationsCreated: report.organisationsCreated,
            resumedAfter: resumeAt,
          },
        },
        trx,
      );
    });
  }

  /**
   * Imports an Interconnectés or PSTW file. An administrator's act (or the command line: `system`, actor null).
   * Nothing is written when the file has errors; `dryRun` only reports, with the counts the real run gives.
   */
  async function importFile(
    actor: Actor,
    input: ImportInput,
    options: { system?: boolean } = {},
  ): Promise<ImportReport> {
    if (!options.system) authorizeOr('Seuls les administrateurs importent des fiches.', actor, 'use_case.import');
    const started = performance.now();
    const checked = await check(input.format, opener(input));
    const report: ImportReport = {
      format: input.format,
      variant: checked.reader?.variant ?? (input.format === 'pstw' ? 'pstw' : 'inconnu'),
      dryRun: !!input.dryRun,
      rows: checked.rows,
      created: 0,
      updated: 0,
      unchanged: 0,
      organisationsCreated: 0,
      organisationsMatched: 0,
      newOrganisations: [],
      approximateMatches: [],
      siretsKept: 0,
      leftInPlace: [],
      leftInPlaceCount: 0,
      errors: [],
      warnings: [],
      errorCount: 0,
      warningCount: 0,
      resumedAfter: 0,
      ms: 0,
    };
    const finish = () => {
      report.errors = sortIssues(checked.errors.list);
      report.warnings = sortIssues(checked.warnings.list);
      report.errorCount = checked.errors.count;
      report.warningCount = checked.warnings.count;
      report.ms = Math.round(performance.now() - started);
      return report;
    };
    if (checked.errors.count) return finish();
    const resolved = await resolveOrganisations(checked.bodies, ports.organisations, {
      allowHomonyms: !!input.allowHomonyms,
    });
    // The bodies as the file names them are resolved: the writing pass needs only the resolutions.
    checked.bodies.clear();
    checked.errors.add(resolved.errors);
    for (const r of [...resolved.byKey.values()].sort((a, b) => a.line - b.line)) {
      if (r.kind === 'create') {
        report.organisationsCreated++;
        if (report.newOrganisations.length < REPORT_LIMIT)
          report.newOrganisations.push({ line: r.line, name: r.org.name });
      } else report.organisationsMatched++;
      if ((r.kind === 'approximate' || r.kind === 'same-as-created') && r.matchedName !== undefined) {
        if (report.approximateMatches.length < REPORT_LIMIT) {
          report.approximateMatches.push({
            line: r.line,
            name: r.org.name,
            matchedName: r.matchedName,
            reason: r.reason ?? '',
          });
        }
      }
    }
    if (checked.errors.count) return finish();
    await writeAll(actor, input, checked, resolved.byKey, report);
    return finish();
  }

  return {
    importFile,
    /** Throws unless the person may import (the import page). */
    mayImport(actor: Actor): void {
      authorizeOr('Seuls les administrateurs importent des fiches.', actor, 'use_case.import');
    },
    reindexAll: ctx.search.rebuild,
  };
}

export type ImportService = ReturnType<typeof createImportService>;
