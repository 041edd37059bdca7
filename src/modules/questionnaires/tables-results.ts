/**
 * The results counters of the questionnaires module (src/migrations/0010_results_aggregates.ts), merged into the
 * typed `DB`: per campaign and breakdown, one counter per question and cell; the free texts; what each counted
 * response contributed; the versions the counters were built with. Campaigns gain `results_min_cell`.
 */
import type { Defaulted, Id } from '../../platform/db/database.ts';

export interface ResultsCellsTable {
  campaign_id: number;
  /** '' when the response has none (anonymous). */
  organisation_type: string;
  region_code: string;
  /** '' for the counters of responses (`v:<version id>`) and authorities (`o:<organisation id>`). */
  question_id: string;
  cell: string;
  count: number;
}

export interface ResultsTextsTable {
  id: Id;
  campaign_id: number;
  response_id: number;
  organisation_type: string;
  region_code: string;
  question_id: string;
  kind: 't' | 'o';
  value: string;
}

export interface ResultsCountedTable {
  response_id: number;
  campaign_id: number;
  version_id: number;
  organisation_id: number | null;
  organisation_type: string;
  region_code: string;
  /** JSON: the answers as counted. */
  answers: string;
}

export interface ResultsStateTable {
  campaign_id: number;
  /** JSON array of the version ids whose questions the counters use. */
  versions: string;
  built_at: string;
}

declare module './tables.ts' {
  interface CampaignsTable {
    /** Smallest number of responses a breakdown of the public results may show (default 5). */
    results_min_cell: Defaulted<number>;
  }
}

declare module '../../platform/db/database.ts' {
  interface DB {
    results_cells: ResultsCellsTable;
    results_texts: ResultsTextsTable;
    results_counted: ResultsCountedTable;
    results_state: ResultsStateTable;
  }
}
