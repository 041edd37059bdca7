/**
 * Typed XLSX cells for every spreadsheet export (open data, responses…): numbers stay numbers, instants become date
 * cells at the time of Paris (`jj/mm/aaaa hh:mm`), calendar dates date cells (`jj/mm/aaaa`), text stays text — so that
 * sorting, filters and sums work in French Excel and LibreOffice. The same `CsvValue` cells as the CSV writer.
 */
import { type CsvValue, parisWallClock } from './csv.ts';

export const XLSX_DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
export const XLSX_DATE_FORMAT = 'dd/mm/yyyy';

/** A cell's value and number format for exceljs. */
export function xlsxCell(value: CsvValue): { value: string | number | boolean | Date | null; numFmt?: string } {
  if (value == null) return { value: null };
  if (value instanceof Date) return { value: parisWallClock(value), numFmt: XLSX_DATE_TIME_FORMAT };
  if (typeof value === 'object') {
    const [y, m, d] = value.date.split('-').map(Number);
    return { value: new Date(Date.UTC(y!, m! - 1, d!)), numFmt: XLSX_DATE_FORMAT };
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return { value: null };
  return { value };
}

/** Minimal shape of an exceljs row (plain and streaming workbooks alike). */
interface XlsxRow {
  getCell(column: number): { value: unknown; numFmt: string };
}

/** Writes typed cells into an exceljs row (columns from 1). */
export function fillXlsxRow(row: XlsxRow, cells: readonly CsvValue[]): void {
  cells.forEach((cell, i) => {
    const { value, numFmt } = xlsxCell(cell);
    const target = row.getCell(i + 1);
    target.value = value;
    if (numFmt) target.numFmt = numFmt;
  });
}
