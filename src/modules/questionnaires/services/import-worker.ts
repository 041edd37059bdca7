/**
 * A large questionnaire import done whole in a worker thread on SQLite: read, validate and store, with the worker's
 * own connection to the database file. better-sqlite3 runs on the calling thread, so writing a questionnaire of
 * several megabytes from the main thread would stall every request for as long as the write (and its fsync) lasts;
 * here the main thread only waits for a message. The questionnaire and its audit entry are written in one
 * transaction (all or nothing): a worker that fails or is stopped before the commit leaves nothing behind.
 */
import { type AuditLog, createAuditLog } from '../../../platform/audit/audit.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import { openDatabase } from '../../../platform/db/index.ts';
import type { ReportEntry } from '../../forms/index.ts';
import { createQuestionnaireStore, type SerialisedForm } from '../store/questionnaires.ts';
import { type ImportFormat, readQuestionnaireFile } from './import-file.ts';

export interface WorkerImportInput {
  format: ImportFormat;
  text: string;
  /** The SQLite database (a file: the worker opens its own connection). */
  databaseUrl: string;
  /** Recorded as the author (null: the command line). */
  createdBy: number | null;
  /** The instant of the import, read from the caller's clock. */
  at: string;
}

export type WorkerImportResult =
  | { ok: true; id: number; report: ReportEntry[] }
  | { ok: false; message: string; fields: Record<string, string> };

/** The caller's instant, for every timestamp the worker writes. */
function fixedClock(at: string): Clock {
  return { iso: () => at, now: () => new Date(at), millis: () => Date.parse(at) };
}

/** Stores an imported questionnaire (validated and serialised) and its audit entry, in one transaction. */
export function storeImportedDraft(
  db: Db,
  deps: { store: Pick<ReturnType<typeof createQuestionnaireStore>, 'insertQuestionnaire'>; audit: AuditLog },
  createdBy: number | null,
  draft: SerialisedForm,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const id = await deps.store.insertQuestionnaire({ draft, createdBy }, trx);
    await deps.audit.record(
      {
        actorUserId: createdBy,
        action: 'questionnaire.created',
        subjectType: 'questionnaire',
        subjectId: id,
        details: { title: draft.title },
      },
      trx,
    );
    return id;
  });
}

/** Runs in a worker thread (platform/worker/run.ts): the import of one questionnaire file, stored. */
export async function importQuestionnaireInWorker(input: WorkerImportInput): Promise<WorkerImportResult> {
  const read = readQuestionnaireFile({ format: input.format, text: input.text });
  if (!read.ok) return read;
  const handle = openDatabase(input.databaseUrl);
  try {
    const db = handle.db as Db;
    const clock = fixedClock(input.at);
    const store = createQuestionnaireStore(db, clock);
    const audit = createAuditLog(db, clock);
    const id = await storeImportedDraft(db, { store, audit }, input.createdBy, { title: read.title, json: read.json });
    return { ok: true, id, report: read.report };
  } finally {
    await handle.close();
  }
}
