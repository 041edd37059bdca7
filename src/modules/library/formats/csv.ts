/**
 * CSV reading and writing (RFC 4180), small and strict, with line numbers.
 *
 * Reading keeps the line where each record starts (records may span several lines inside quotes), detects the
 * delimiter (comma or semicolon, as French spreadsheets write) from the header, strips a UTF-8 byte-order mark and
 * reports malformed quoting with its line. Writing goes through the product's one CSV writer
 * (src/platform/export/csv.ts).
 */
import iconv from 'iconv-lite';
import { MACHINE, toCsv as writeCsv } from '../../../platform/export/csv.ts';

/** Bytes to text: UTF-8 (with or without byte-order mark), else Windows-1252 (spreadsheets saved « CSV Windows »). */
export function decodeText(input: string | Uint8Array): string {
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return iconv.decode(Buffer.from(input), 'win1252');
  }
}

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

export interface CsvParseError {
  line: number;
  message: string;
}

export interface CsvParseResult {
  delimiter: string;
  records: CsvRecord[];
  errors: CsvParseError[];
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** Counts a character outside quotes on the first (header) line. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/** Comma unless the header line has more semicolons (or tabs) than commas. */
export function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const header = end === -1 ? text : text.slice(0, end);
  const counts = [',', ';', '\t'].map((d) => [d, countOutsideQuotes(header, d)] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/**
 * Parses CSV text. Empty lines are skipped. Errors (a quote in the middle of an unquoted field, an unterminated
 * quoted field) are reported with the line of the record and do not stop the parse when the reader can go on.
 */
export function parseCsv(input: string, options: { delimiter?: string } = {}): CsvParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const records: CsvRecord[] = [];
  const errors: CsvParseError[] = [];
  const n = text.length;
  const delimiterCode = delimiter.charCodeAt(0);
  let i = 0;
  let line = 1;
  while (i < n) {
    // Skip empty lines between records.
    if (text[i] === '\n') {
      line++;
      i++;
      continue;
    }
    if (text[i] === '\r') {
      i++;
      continue;
    }
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let done = false;
    while (!done) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        // Quoted field: copied a run at a time (up to the next quote), not a character at a time.
        i++;
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          const end = q === -1 ? n : q;
          const run = text.slice(i, end);
          line += countNewlines(run);
          field += run;
          i = end;
          if (q === -1) break;
          if (text.charCodeAt(q + 1) === QUOTE) {
            field += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          errors.push({
            line: startLine,
            message: 'Guillemet ouvrant sans guillemet fermant : fin de fichier atteinte.',
          });
          fields.push(field);
          records.push({ line: startLine, fields });
          return { delimiter, records, errors };
        }
        // After a closing quote: delimiter, end of line or end of file.
        if (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
          errors.push({ line, message: `Caractère inattendu après un champ entre guillemets : « ${text[i]} ».` });
          const start = i;
          while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
          field += text.slice(start, i);
        }
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delimiterCode || c === LF || c === CR) break;
          if (c === QUOTE) {
            errors.push({ line, message: 'Guillemet au milieu d’un champ non entouré de guillemets.' });
          }
          i++;
        }
        field = text.slice(start, i);
      }
      fields.push(field);
      field = '';
      if (i >= n) done = true;
      else if (text[i] === delimiter) i++;
      else {
        if (text[i] === '\r') i++;
        if (text[i] === '\n') {
          i++;
          line++;
        }
        done = true;
      }
    }
    records.push({ line: startLine, fields });
  }
  return { delimiter, records, errors };
}

/**
 * Writes rows as CSV through the product's one writer (src/platform/export/csv.ts: formulas neutralised, RFC 4180
 * quoting, CRLF), in the machine dialect by default (comma, no byte-order mark, decimal point) — the dialect of the
 * interchange files this folder writes. `bom` prepends a UTF-8 byte-order mark.
 */
export function toCsv(
  rows: readonly (readonly (string | number | null | undefined)[])[],
  options: { delimiter?: ',' | ';'; bom?: boolean } = {},
): string {
  return writeCsv(rows, { ...MACHINE, delimiter: options.delimiter ?? ',', bom: options.bom ?? false });
}
