/**
 * The typed database: one interface per table, merged into `DB`.
 *
 * The platform declares its own tables here; each module declares its tables in its `tables.ts` by augmenting `DB`
 * (declaration merging), so that the platform never imports a module and every query everywhere is typed against
 * the same `Kysely<DB>`:
 *
 *   declare module '../../platform/db/database.ts' {
 *     interface DB { use_cases: UseCasesTable }
 *   }
 *
 * Naming convention: tables and columns are snake_case in SQL and in these interfaces (Kysely sees the real column
 * names); stores map rows to camelCase domain records in one mapper per table. Conventions of the columns:
 * integer ids, ISO-8601 text timestamps, integer 0/1 booleans, JSON as text.
 */
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

/** An integer id assigned by the database. */
export type Id = Generated<number>;
/** A column with a database default: optional on insert. */
export type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface RateLimitsTable {
  key: string;
  count: number;
  reset_at: number;
}

export interface JobsTable {
  id: Id;
  type: string;
  payload: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  run_at: string;
  attempts: Defaulted<number>;
  max_attempts: Defaulted<number>;
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  unique_key: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface AuditLogTable {
  id: Id;
  at: string;
  actor_user_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: Defaulted<string>;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface SearchDocumentsTable {
  id: Id;
  kind: string;
  doc_id: number;
  /** PostgreSQL only (tsvector); absent on SQLite, where search_fts plays its part. */
  tsv: ColumnType<string, unknown, unknown>;
}

export interface SearchContentsTable {
  id: number;
  title_terms: string;
  body_terms: string;
  words: string;
}

export interface SearchFtsTable {
  rowid: number;
  title_terms: string;
  body_terms: string;
  search_fts: string;
  rank: number;
}

export interface SearchVocabularyTable {
  kind: string;
  word: string;
  folded: string;
  stem: string;
  doc_count: number;
}

export interface SearchTermsTable {
  kind: string;
  stem: string;
  doc_count: number;
}

/** Every table of the application; modules add theirs by declaration merging (see above). */
export interface DB {
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  jobs: JobsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  search_documents: SearchDocumentsTable;
  search_contents: SearchContentsTable;
  search_fts: SearchFtsTable;
  search_vocabulary: SearchVocabularyTable;
  search_terms: SearchTermsTable;
}

/** The database, or a transaction on it: what every store function takes. */
export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
