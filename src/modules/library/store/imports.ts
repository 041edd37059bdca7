/**
 * The recorded state of file imports, in the platform's `settings` table (key « library.import.<format>.<sha256> »):
 * written in the same transaction as each batch of use cases, so that after a crash the state says exactly which rows
 * are in the database, and the same file imported again resumes after them.
 */
import type { Db } from '../../../platform/db/database.ts';

export interface ImportState {
  status: 'running' | 'done';
  /** Data rows of the file written so far (the writing pass resumes after them). */
  position: number;
  /** Line of the file where the next batch starts (for people). */
  nextLine: number;
  created: number;
  updated: number;
  unchanged: number;
  leftInPlace: number;
  startedAt: string;
  updatedAt: string;
}

const keyOf = (format: string, sha256: string) => `library.import.${format}.${sha256}`;

export function createImportStateStore(db: Db) {
  return {
    async get(format: string, sha256: string): Promise<ImportState | null> {
      const row = await db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', keyOf(format, sha256))
        .executeTakeFirst();
      return row ? (JSON.parse(row.value) as ImportState) : null;
    },

    /** Writes the state in the caller's transaction (the one that writes the batch). */
    async save(format: string, sha256: string, state: ImportState, trx: Db): Promise<void> {
      const value = JSON.stringify(state);
      await trx
        .insertInto('settings')
        .values({ key: keyOf(format, sha256), value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}

export type ImportStateStore = ReturnType<typeof createImportStateStore>;
