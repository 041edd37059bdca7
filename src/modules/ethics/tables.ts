/**
 * The tables of responsible AI (migration 0017_ethics.ts), merged into the application's `DB` interface. Column names
 * are the real SQL names; store.ts maps rows to camelCase records with one mapper per table.
 */
import type { Defaulted, Id } from '../../platform/db/database.ts';

export interface EthicsAssessmentsTable {
  id: Id;
  use_case_id: number;
  organisation_id: number;
  kind: 'self' | 'ai_act' | 'law';
  number: number;
  status: 'draft' | 'signed';
  /** JSON of the answers (forms engine). */
  answers: Defaulted<string>;
  /** JSON: per answer key, the version that last set it. */
  revisions: Defaulted<string>;
  current_page: string | null;
  version: Defaulted<number>;
  published: Defaulted<number>;
  published_at: string | null;
  signed_at: string | null;
  signed_by: number | null;
  signed_name: string | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface EthicsNoticesTable {
  id: Id;
  use_case_id: number;
  organisation_id: number;
  number: number;
  status: 'draft' | 'published';
  /** JSON of the notice's texts. */
  content: string;
  version: Defaulted<number>;
  published_at: string | null;
  published_by: number | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    ethics_assessments: EthicsAssessmentsTable;
    ethics_notices: EthicsNoticesTable;
  }
}

/** The network's « conditions de réussite », one row per version (migration 0020_ethics_conditions.ts). */
export interface EthicsConditionsTable {
  id: Id;
  number: number;
  status: 'draft' | 'published';
  /** JSON of the introduction and the positions. */
  content: string;
  version: Defaulted<number>;
  published_at: string | null;
  published_by: number | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    ethics_conditions: EthicsConditionsTable;
  }
}
