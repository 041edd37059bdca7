/** Imports: the records produced by the parsers of formats/ and consumed by the import service. */
import type { OrganisationType } from '../../organisations/index.ts';
import type { ContentKey, UseCaseContent } from '../fields.ts';
import type { CommonsCategoryCode } from '../reference.ts';

/** The organisation an imported row belongs to, as the source describes it (matched by SIRET/SIREN on import). */
export interface ImportOrganisation {
  name: string;
  siret: string | null;
  siren: string | null;
  type: OrganisationType | null;
  /** ISO 3166-1 alpha-2 code (« EU » for European bodies). */
  country: string;
  /** A body outside France: imported as an « other body » with its country. */
  foreign: boolean;
  /** The source's own category, kept for the record (PSTW « Central-Government »…). */
  sourceCategory: string | null;
}

export type ImportSource = 'interconnectes' | 'pstw';

/** One use case to create or update, keyed by a stable external key (re-importing updates, never duplicates). */
export interface ImportRecord {
  externalKey: string;
  source: ImportSource;
  /** Line of the source file where the row starts. */
  line: number;
  organisation: ImportOrganisation;
  content: UseCaseContent;
}

/** A problem in an imported file, in French, with its line and column (column null: the whole row or file). */
export interface ImportIssue {
  line: number;
  column: string | null;
  message: string;
}

export interface ImportParseResult {
  source: ImportSource;
  /** Which layout was recognised (« public » 16 columns, « full » 27 columns, « pstw »). */
  variant: string;
  /** Data rows read (empty lines excluded). */
  rows: number;
  /** The content fields the file provides: re-importing updates these and leaves the others as edited here. */
  fields: ContentKey[];
  records: ImportRecord[];
  /** Problems that prevent the import (an import with errors changes nothing). */
  errors: ImportIssue[];
  /** Values adjusted or dropped; the import can go on. */
  warnings: ImportIssue[];
}

/** Sorts issues by line, then column (the report reads top to bottom). */
export function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || (a.column ?? '').localeCompare(b.column ?? ''));
}

// ---------------------------------------------------------------------------------------------------------------
// Commons category from text (imports)
// ---------------------------------------------------------------------------------------------------------------

const COMMONS_CLUES: readonly [CommonsCategoryCode, RegExp][] = [
  [
    'conversational_assistant',
    /chat\s?-?bot|voice\s?-?bot|call\s?-?bot|virtual (assistant|agent)|conversational|digital assistant|agent conversationnel|assistant (virtuel|conversationnel)|\brag\b/i,
  ],
  [
    'aerial_shape_classification',
    /satellit|aerial|a[ée]rien|orthophoto|drone|remote sensing|t[ée]l[ée]d[ée]tection|earth observation|lidar/i,
  ],
  [
    'text_extraction',
    /\bocr\b|optical character|handwrit|text recognition|scanned (documents|forms|files)|reconnaissance (optique )?de (caract[èe]res|texte)|lecture automatique de documents/i,
  ],
  ['anomaly_detection', /anomal|fraud|irregularit|fuites?\b|leak|d[ée]gradation|conflits? d.int[ée]r[êe]t/i],
  ['forecasting', /forecast|predict|pr[ée]vision|pr[ée]di|anticip/i],
  ['optimisation', /optimi[sz]/i],
];

/**
 * A likely commons category from a use case's text (French or English) and techniques, for imported use cases that have
 * none; null when no clue is found. Aerial images need computer vision when techniques are known.
 */
export function guessCommonsCategory(text: string, techniques: readonly string[] = []): CommonsCategoryCode | null {
  for (const [code, clue] of COMMONS_CLUES) {
    if (!clue.test(text)) continue;
    if (code === 'aerial_shape_classification' && techniques.length > 0 && !techniques.includes('computer_vision')) {
      continue;
    }
    return code;
  }
  if (techniques.includes('planning_optimisation')) return 'optimisation';
  return null;
}
