/**
 * The tables of pooling (migration 0022_pooling.ts), merged into the application's `DB` interface. Column names are
 * the real SQL names; store.ts maps rows to camelCase records with one mapper per table.
 */
import type { Defaulted, Id } from '../../platform/db/database.ts';

export interface PoolingRunsTable {
  id: Id;
  started_at: string;
  finished_at: string;
  sheets: number;
  groups: number;
  duration_ms: number;
  max_stall_ms: number;
  library_version: number;
}

export interface PoolingSuggestionsTable {
  id: Id;
  run_id: number;
  /** The group's smallest sheet id. */
  group_id: number;
  rank: number;
  label: string;
  /** JSON array of the label's words. */
  terms: Defaulted<string>;
  score_milli: number;
  use_case_ids: Defaulted<string>;
  authority_ids: Defaulted<string>;
  interested_authority_ids: Defaulted<string>;
  /** JSON array of { id, title, path, authorityId }. */
  sheets: Defaulted<string>;
}

export interface PoolingInterestsTable {
  id: Id;
  use_case_id: number;
  organisation_id: number;
  sheet_organisation_id: number;
  user_id: number | null;
  note: string | null;
  created_at: string;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    pooling_runs: PoolingRunsTable;
    pooling_suggestions: PoolingSuggestionsTable;
    pooling_interests: PoolingInterestsTable;
  }
}
