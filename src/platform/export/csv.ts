/**
 * THE CSV writer of the product: every CSV file we write goes through here (open data, response exports, campaign
 * follow-up, contacts, organisations…). Reading CSV is not here (library/formats/csv.ts parses imports).
 *
 * - Formula injection: a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return (or their full-width
 *   forms) is written with a leading apostrophe, so that a spreadsheet shows it as text instead of running it
 *   (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`). Plain numbers written as text (« -3 », « -2,5 ») are left alone.
 * - Quoting (RFC 4180): a cell holding the delimiter, a quote, CR, LF or leading/trailing spaces is quoted, quotes
 *   doubled; lines end with CRLF.
 * - Two dialects: FRENCH_OFFICE (`;`, UTF-8 byte-order mark, decimal comma, dates in Europe/Paris as JJ/MM/AAAA
 *   HH:MM) — the default, what French Excel opens in columns — and MACHINE (`,`, no byte-order mark, decimal point,
 *   dates in ISO 8601), chosen by `?separateur=virgule` (`csvDialectOf`).
 * - Streaming: `csvChunks` turns an (async) iterable of rows into text chunks of about 64 KB, so a large export never
 *   holds the whole file.
 */
import { Readable } from 'node:stream';
import { type Static, Type } from 'typebox';

/** A calendar date without time of day (`2026-03-01`): `01/03/2026` for people, as it is for programs. */
export interface CalendarDate {
  date: string;
}

/** A calendar date cell from `YYYY-MM-DD` (anything else stays text). */
export function calendarDate(iso: string | null | undefined): CalendarDate | string {
  if (!iso) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? { date: iso } : iso;
}

/**
 * A value a cell can hold (CSV here, XLSX in xlsx.ts): `Date` is an instant (written at the time of Paris for people),
 * `CalendarDate` a day.
 */
export type CsvValue = string | number | boolean | Date | CalendarDate | null | undefined;

export interface CsvDialect {
  delimiter: ',' | ';' | '\t';
  /** UTF-8 byte-order mark first (spreadsheet software reads the file as UTF-8). */
  bom: boolean;
  /** `3,5` instead of `3.5` for numbers (French spreadsheets read `3.5` as text or a date). */
  decimalComma: boolean;
  /** How `Date` cells are written: local time of Paris (`06/12/2026 09:15`) or ISO 8601 UTC. */
  dates: 'paris' | 'iso';
}

/** What French offices open in Excel and LibreOffice without an import wizard: the default of every human CSV. */
export const FRENCH_OFFICE: CsvDialect = Object.freeze({
  delimiter: ';',
  bom: true,
  decimalComma: true,
  dates: 'paris',
});

/** For programs: comma, no byte-order mark, decimal point, ISO 8601 dates. */
export const MACHINE: CsvDialect = Object.freeze({ delimiter: ',', bom: false, decimalComma: false, dates: 'iso' });

/** The `separateur` query parameter of every CSV download (documented in the OpenAPI document). */
export const CsvSeparatorQuery = Type.Object({
  separateur: Type.Optional(
    Type.Union([Type.Literal('point-virgule'), Type.Literal('virgule')], {
      description:
        'Séparateur du CSV : « point-virgule » (par défaut : point-virgule, marque d’ordre UTF-8, virgule décimale, ' +
        'dates à l’heure de Paris, pour les tableurs français) ou « virgule » (pour les programmes : virgule, sans ' +
        'marque d’ordre, point décimal, dates ISO 8601).',
    }),
  ),
});
export type CsvSeparatorQuery = Static<typeof CsvSeparatorQuery>;

/** The dialect a download asked for (`?separateur=virgule` → MACHINE, anything else → FRENCH_OFFICE). */
export function csvDialectOf(query: { separateur?: string } | undefined | null): CsvDialect {
  return query?.separateur === 'virgule' ? MACHINE : FRENCH_OFFICE;
}

/** First characters a spreadsheet may read as the start of a formula (ASCII and full-width forms). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** A number written as text (« -3 », « -2,5 », « -0.75 »): a spreadsheet reads it as a number, not a formula. */
const PLAIN_NUMBER = /^-?\d+([.,]\d+)?$/;

/** A text as a spreadsheet must show it: a leading apostrophe before anything that could start a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

const PARIS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2026-03-01T08:05:00Z` → `01/03/2026 09:05` (local time of Paris, summer time included). */
export function parisDateTime(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  const p = Object.fromEntries(PARIS.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/**
 * The time of Paris of an instant, as a Date whose UTC fields read that wall-clock time: what a spreadsheet cell (which
 * has no time zone) must hold for `09:05` to show when it was 08:05 UTC in winter.
 */
export function parisWallClock(value: string | Date): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return date;
  const p = Object.fromEntries(PARIS.formatToParts(date).map((x) => [x.type, x.value]));
  return new Date(Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, date.getUTCSeconds()));
}

/** `2026-03-01` → `01/03/2026` (a calendar date, no time zone); anything else is returned as it is. */
export function frenchDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDate;
}

/** A timestamp in a dialect's date style (Paris local time or ISO 8601), '' for none. */
export function csvTimestamp(value: string | null | undefined, dialect: CsvDialect = FRENCH_OFFICE): string {
  if (!value) return '';
  return dialect.dates === 'paris' ? parisDateTime(value) : value;
}

function text(value: CsvValue, dialect: CsvDialect): string {
  if (value == null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    const s = String(value);
    return dialect.decimalComma ? s.replace('.', ',') : s;
  }
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (value instanceof Date) return dialect.dates === 'paris' ? parisDateTime(value) : value.toISOString();
  if (typeof value === 'object') return dialect.dates === 'paris' ? frenchDate(value.date) : value.date;
  return neutraliseFormula(value);
}

/** One cell: formulas neutralised, quoted when it holds the delimiter, a quote, a line break or edge spaces. */
export function csvCell(value: CsvValue, dialect: CsvDialect = FRENCH_OFFICE): string {
  const s = text(value, dialect);
  const needsQuotes =
    s.includes('"') || s.includes(dialect.delimiter) || s.includes('\n') || s.includes('\r') || /^\s|\s$/.test(s);
  return needsQuotes ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line, CRLF-ended. */
export function csvLine(cells: readonly CsvValue[], dialect: CsvDialect = FRENCH_OFFICE): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i ? dialect.delimiter : '') + csvCell(cells[i], dialect);
  return `${line}\r\n`;
}

/** A whole (small) file as text: byte-order mark if the dialect has one, then one CRLF-ended line per row. */
export function toCsv(rows: Iterable<readonly CsvValue[]>, dialect: CsvDialect = FRENCH_OFFICE): string {
  let out = dialect.bom ? '\uFEFF' : '';
  for (const row of rows) out += csvLine(row, dialect);
  return out;
}

/** Size of the text chunks `csvChunks` yields (characters). */
const CHUNK = 64 * 1024;

/**
 * A file as text chunks of about 64 KB, rows read one at a time from a (possibly async) iterable — a store cursor
 * for large exports. The header is the first row written.
 */
export async function* csvChunks(
  header: readonly CsvValue[],
  rows: AsyncIterable<readonly CsvValue[]> | Iterable<readonly CsvValue[]>,
  dialect: CsvDialect = FRENCH_OFFICE,
): AsyncGenerator<string> {
  let buffer = (dialect.bom ? '\uFEFF' : '') + csvLine(header, dialect);
  for await (const row of rows) {
    buffer += csvLine(row, dialect);
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** `csvChunks` as a Node stream, ready for `reply.send`. */
export function csvStream(
  header: readonly CsvValue[],
  rows: AsyncIterable<readonly CsvValue[]> | Iterable<readonly CsvValue[]>,
  dialect: CsvDialect = FRENCH_OFFICE,
): Readable {
  return Readable.from(csvChunks(header, rows, dialect));
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
