/**
 * Streamed exports of responses: CSV (the product's one writer, src/platform/export/csv.ts: formulas neutralised, by
 * default the French-office dialect — `;`, byte-order mark, decimal comma — or the machine one), XLSX (exceljs,
 * loaded on first use, written row by row) and JSON (one document, one list item per response, written as the rows
 * come). Memory stays flat whatever the number of responses: rows are read once, in order, from the consumer's
 * iterator (a store cursor) and written as they come.
 *
 * The consumer describes its export (columns, how a row becomes cells and a JSON item, what the JSON document holds
 * besides the list); `answerCells` and `questionsJson` give the engine's part of it (one column per question of the
 * union of the versions, see `unionQuestions`).
 */
import { PassThrough, Readable } from 'node:stream';
import {
  type CsvDialect,
  type CsvValue,
  calendarDate,
  FRENCH_OFFICE,
  csvChunks as writeCsvChunks,
} from '../../platform/export/csv.ts';
import { fillXlsxRow } from '../../platform/export/xlsx.ts';
import type { Answers, Question } from './model.ts';
import { cellText } from './results.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

/** A cell: text, number, instant (`Date`) or calendar date — typed in XLSX, written per dialect in CSV. */
export type Cell = CsvValue;

/** What a consumer exports: rows of its own type `R`, read once by whichever writer runs. */
export interface ResponsesExport<R> {
  /** Column titles (CSV, XLSX). */
  header: string[];
  /** The rows, in order; called once per export. */
  rows(): AsyncIterable<R>;
  /** A row as cells (CSV, XLSX): the consumer's columns, then usually `answerCells(questions, answers)`. */
  cells(row: R): Cell[];
  /** The JSON document: its fields before the list (in order), the list's key, and one list item per row. */
  json: { head: Record<string, unknown>; listKey: string; item(row: R): unknown };
  /** File name without extension (`campagne-12-reponses`). */
  filenameBase: string;
  /** XLSX worksheet name (default « Réponses »). */
  sheetName?: string;
}

/**
 * One cell per question: numbers and scale answers stay numbers, dates are calendar dates (typed cells in XLSX, the
 * dialect's date style in CSV), everything else text with labels.
 */
export function answerCells(questions: readonly Question[], answers: Answers): Cell[] {
  return questions.map((q) => {
    const v = answers[q.id];
    if ((q.type === 'number' || q.type === 'scale') && typeof v === 'number') return v;
    if (q.type === 'date' && typeof v === 'string') return calendarDate(v);
    return cellText(q, answers);
  });
}

/**
 * One column title per question for CSV and XLSX: its label, preceded by the titles of the groups it lies in
 * (`groups`, see `sectionTitles`: « Données › Quelles sources ? »), so that two questions with the same label in two
 * groups stay told apart in a spreadsheet.
 */
export function answerHeader(questions: readonly Question[], groups: Record<string, string> = {}): string[] {
  return questions.map((q) => (groups[q.id] ? `${groups[q.id]} › ${q.label}` : q.label));
}

/**
 * The questions as the JSON export describes them: id, type, label, the group they lie in (section titles, from
 * `groups`, see `sectionTitles`) and, for choice questions, the choices.
 */
export function questionsJson(questions: readonly Question[], groups: Record<string, string> = {}): unknown[] {
  return questions.map((q) => ({
    id: q.id,
    type: q.type,
    label: q.label,
    ...(groups[q.id] ? { group: groups[q.id] } : {}),
    ...('choices' in q ? { choices: q.choices } : {}),
  }));
}

/** CSV text, chunk by chunk (the platform writer): byte-order mark and header, then one CRLF-ended line per row. */
export function csvChunks(
  header: readonly Cell[],
  rows: AsyncIterable<readonly Cell[]>,
  dialect: CsvDialect = FRENCH_OFFICE,
): AsyncGenerator<string> {
  return writeCsvChunks(header, rows, dialect);
}

/** A JSON document `{ ...head, [listKey]: [items] }`, chunk by chunk (one item per line). */
export async function* jsonChunks(
  head: Record<string, unknown>,
  listKey: string,
  items: AsyncIterable<unknown>,
): AsyncGenerator<string> {
  yield `{${Object.entries(head)
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)},`)
    .join('')}${JSON.stringify(listKey)}:[`;
  let first = true;
  for await (const item of items) {
    yield `${first ? '' : ','}\n${JSON.stringify(item)}`;
    first = false;
  }
  yield '\n]}\n';
}

/**
 * An XLSX workbook with one worksheet, written to the returned stream as rows come (exceljs is loaded on first use).
 * A failure destroys the stream with the error (the response ends) after `onError` heard it.
 */
export function xlsxStream(
  header: readonly Cell[],
  rows: AsyncIterable<readonly Cell[]>,
  options: { sheetName?: string; onError?: (e: unknown) => void } = {},
): Readable {
  const out = new PassThrough();
  (async () => {
    const { default: ExcelJS } = await import('exceljs');
    // Styles on: date cells need their number format (jj/mm/aaaa).
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(options.sheetName ?? 'Réponses');
    const head = sheet.addRow([]);
    fillXlsxRow(head, header);
    head.font = { bold: true };
    head.commit();
    for await (const cells of rows) {
      const row = sheet.addRow([]);
      fillXlsxRow(row, cells);
      row.commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((e) => {
    options.onError?.(e);
    out.destroy(e as Error);
  });
  return out;
}

async function* mapRows<R, T>(rows: AsyncIterable<R>, f: (row: R) => T): AsyncGenerator<T> {
  for await (const row of rows) yield f(row);
}

/**
 * The export in one format, ready to send: `reply.type(contentType).header('content-disposition',
 * `attachment; filename="${filename}"`).send(body)`.
 */
export function streamExport<R>(
  format: ExportFormat,
  exp: ResponsesExport<R>,
  options: { onError?: (e: unknown) => void; csv?: CsvDialect } = {},
): { contentType: string; filename: string; body: Readable } {
  const filename = `${exp.filenameBase}.${format}`;
  const contentType = EXPORT_CONTENT_TYPES[format];
  switch (format) {
    case 'csv':
      return {
        contentType,
        filename,
        body: Readable.from(
          csvChunks(
            exp.header,
            mapRows(exp.rows(), (r) => exp.cells(r)),
            options.csv,
          ),
        ),
      };
    case 'json':
      return {
        contentType,
        filename,
        body: Readable.from(
          jsonChunks(
            exp.json.head,
            exp.json.listKey,
            mapRows(exp.rows(), (r) => exp.json.item(r)),
          ),
        ),
      };
    case 'xlsx':
      return {
        contentType,
        filename,
        body: xlsxStream(
          exp.header,
          mapRows(exp.rows(), (r) => exp.cells(r)),
          {
            sheetName: exp.sheetName,
            onError: options.onError,
          },
        ),
      };
  }
}
