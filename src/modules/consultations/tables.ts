/**
 * The tables of consultations (migration 0025_consultations.ts), merged into the application's `DB` interface.
 * Column names are the real SQL names; store.ts maps rows to camelCase records with one mapper per table.
 */
import type { Defaulted, Id } from '../../platform/db/database.ts';

export interface ConsultationsTable {
  id: Id;
  organisation_id: number;
  use_case_id: number;
  title: string;
  introduction: Defaulted<string>;
  /** JSON of the forms engine's `Form`. */
  form: string;
  opens_at: string;
  closes_at: string;
  mode: string;
  min_cell: Defaulted<number>;
  synthesis: string | null;
  changes: string | null;
  synthesis_published_at: string | null;
  version: Defaulted<number>;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ConsultationAnswersTable {
  id: Id;
  consultation_id: number;
  user_id: number | null;
  /** JSON of the forms engine's `Answers`. */
  answers: string;
  browser_token: string | null;
  address_hash: string | null;
  created_at: string;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    consultations: ConsultationsTable;
    consultation_answers: ConsultationAnswersTable;
  }
}
