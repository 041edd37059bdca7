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
  /**
   * The key earlier versions gave the same row (Interconnectés keys used a name cut at 80 characters): a use case
   * imported under it is updated, not duplicated.
   */
  legacyKey?: string;
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

/** A row of a CSV file, with the line where it starts. */
export interface TableRow {
  line: number;
  fields: string[];
}

/** What one data row gives: a record when it has no error, and its problems. */
export interface ImportRowResult {
  record: ImportRecord | null;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

/**
 * Reads the rows of one file, one at a time (imports stream the file twice: a checking pass, then a writing pass).
 * Built from the header row; `errors` and `warnings` are the header's.
 */
export interface ImportTableReader {
  source: ImportSource;
  variant: string;
  /** The content fields the file provides. */
  fields: ContentKey[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** One data row; null for an empty row (not counted). */
  row(row: TableRow): ImportRowResult | null;
  /** After the checking pass: problems that depend on every row (the day order of a date column). */
  settle(): { errors: ImportIssue[]; warnings: ImportIssue[] };
  /** A fresh reader for the writing pass, with what the checking pass learnt (call after `settle`). */
  again(): ImportTableReader;
}

/**
 * Reads a whole table already split into rows (small files and tests) with the two passes of an import: checking every
 * row, then reading the records with what the checking pass learnt.
 */
export function readWholeTable(
  source: ImportSource,
  rows: readonly TableRow[],
  csvErrors: ImportIssue[],
  create: (header: TableRow) => ImportTableReader,
): ImportParseResult {
  const header = rows[0];
  if (!header) {
    return {
      source,
      variant: source === 'pstw' ? 'pstw' : 'inconnu',
      rows: 0,
      fields: [],
      records: [],
      errors: [{ line: 1, column: null, message: 'Le fichier est vide.' }, ...csvErrors],
      warnings: [],
    };
  }
  const reader = create(header);
  const errors = [...csvErrors, ...reader.errors];
  const warnings = [...reader.warnings];
  const result = (count: number, records: ImportRecord[]): ImportParseResult => ({
    source,
    variant: reader.variant,
    rows: count,
    fields: reader.fields,
    records,
    errors: sortIssues(errors),
    warnings: sortIssues(warnings),
  });
  if (reader.errors.length) return result(rows.length - 1, []);
  let count = 0;
  for (const row of rows.slice(1)) {
    const read = reader.row(row);
    if (!read) continue;
    count++;
    errors.push(...read.errors);
    warnings.push(...read.warnings);
  }
  const settled = reader.settle();
  errors.push(...settled.errors);
  warnings.push(...settled.warnings);
  const second = reader.again();
  const records: ImportRecord[] = [];
  for (const row of rows.slice(1)) {
    const read = second.row(row);
    if (read?.record) records.push(read.record);
  }
  return result(count, records);
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
