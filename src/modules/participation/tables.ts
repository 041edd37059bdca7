/**
 * The tables of participation (migration 0023_participation.ts), merged into the application's `DB` interface.
 * Column names are the real SQL names; store.ts maps rows to camelCase records with one mapper per table.
 */
import type { Defaulted, Id } from '../../platform/db/database.ts';

export interface InitiativesTable {
  id: Id;
  organisation_id: number;
  state: string;
  revision: string | null;
  /** JSON InitiativeContent: the published content (null until first published). */
  content: string | null;
  /** JSON InitiativeContent: the working content (draft or pending revision). */
  draft: string | null;
  review_comment: string | null;
  origin_response_id: number | null;
  version: Defaulted<number>;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  published_at: string | null;
}

export interface InitiativeVersionsTable {
  id: Id;
  initiative_id: number;
  event: string;
  content: string;
  comment: string | null;
  created_by: number | null;
  created_at: string;
}

export interface CommitmentUseCasesTable {
  commitment: string;
  use_case_id: number;
  created_by: number | null;
  created_at: string;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    initiatives: InitiativesTable;
    initiative_versions: InitiativeVersionsTable;
    commitment_use_cases: CommitmentUseCasesTable;
  }
}
