/**
 * Streaming CSV reading for imports (RFC 4180, with the tolerance of spreadsheet files): records come out one at a
 * time while the file is read in chunks, so that memory does not grow with the file.
 *
 * Line numbers are those a text editor shows, whatever the line ends: CRLF, LF and a lone CR (old Mac files) each
 * end one line, inside quoted cells as well as between records. Empty lines are skipped. The delimiter (comma,
 * semicolon or tab) is read from the header line unless given. Problems (a quote inside an unquoted cell, text after
 * a closing quote, a quote never closed) are reported with their line, and the reader goes on when it can.
 */
import iconv from 'iconv-lite';

export interface CsvRow {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Line breaks in a run of text: CRLF, LF and a lone CR count one each. */
export function countLineBreaks(text: string): number {
  // Two native searches: most cells have no line break at all (a character loop was most of reading a quoted cell).
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}

/** Counts a character outside quotes on the header line. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/** Comma unless the first line has more semicolons (or tabs) than commas. */
export function delimiterOf(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, countOutsideQuotes(firstLine, d)] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/**
 * An incremental CSV parser: `push` text as it arrives, then take the complete records with `take`. The last
 * chunk is pushed with `final: true` (a record may end without a line break).
 */
/**
 * A field as a string of its own. A slice of the reader's buffer would keep the whole buffer (a megabyte of the file)
 * alive for as long as the field is kept: one organisation name remembered per buffer, and an import held the whole
 * file in memory (V8 makes slices of 13 characters or more point into their parent). Copying costs one pass over the
 * text; the shorter slices are copies already.
 */
function detached(field: string): string {
  return field.length < 13 ? field : ` ${field}`.slice(1);
}

export class CsvReader {
  private buf = '';
  private pos = 0;
  private line = 1;
  private final = false;
  private started = false;
  private delimiter: string | null;
  private delimiterCode = 0;
  readonly problems: CsvProblem[] = [];

  constructor(options: { delimiter?: string } = {}) {
    this.delimiter = options.delimiter ?? null;
    if (this.delimiter) this.delimiterCode = this.delimiter.charCodeAt(0);
  }

  push(text: string, final = false): void {
    if (this.pos > 0 && this.pos >= this.buf.length / 2) {
      this.buf = this.buf.slice(this.pos);
      this.pos = 0;
    }
    if (!this.started && text.length) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.buf += text;
    this.final = final;
  }

  /** The next complete record, or null when more text is needed (or the text is over). */
  take(): CsvRow | null {
    if (!this.delimiter && !this.detect()) return null;
    return this.record();
  }

  private detect(): boolean {
    const end = this.buf.search(/[\r\n]/);
    if (end === -1 && !this.final) return false;
    this.delimiter = delimiterOf(end === -1 ? this.buf : this.buf.slice(0, end));
    this.delimiterCode = this.delimiter.charCodeAt(0);
    return true;
  }

  private record(): CsvRow | null {
    const buf = this.buf;
    const n = buf.length;
    const final = this.final;
    let p = this.pos;
    let line = this.line;
    // Empty lines between records.
    while (p < n) {
      const c = buf.charCodeAt(p);
      if (c === LF) {
        line++;
        p++;
      } else if (c === CR) {
        if (p + 1 >= n && !final) return null;
        p += buf.charCodeAt(p + 1) === LF ? 2 : 1;
        line++;
      } else break;
    }
    this.pos = p;
    this.line = line;
    if (p >= n) return null;
    const start = line;
    const fields: string[] = [];
    const problems: CsvProblem[] = [];
    const d = this.delimiterCode;
    for (;;) {
      let field: string;
      if (buf.charCodeAt(p) === QUOTE) {
        p++;
        field = '';
        for (;;) {
          const q = buf.indexOf('"', p);
          if (q === -1) {
            if (!final) return null;
            problems.push({
              line: start,
              message: 'Guillemet ouvrant sans guillemet fermant : fin de fichier atteinte.',
            });
            field += buf.slice(p);
            line += countLineBreaks(buf.slice(p));
            p = n;
            break;
          }
          if (q + 1 >= n && !final) return null;
          const run = buf.slice(p, q);
          line += countLineBreaks(run);
          field += run;
          if (buf.charCodeAt(q + 1) === QUOTE) {
            field += '"';
            p = q + 2;
            continue;
          }
          p = q + 1;
          break;
        }
        if (p < n && buf.charCodeAt(p) !== d && buf.charCodeAt(p) !== LF && buf.charCodeAt(p) !== CR) {
          problems.push({ line, message: `Caractère inattendu après un champ entre guillemets : « ${buf[p]} ».` });
          const s = p;
          while (p < n && buf.charCodeAt(p) !== d && buf.charCodeAt(p) !== LF && buf.charCodeAt(p) !== CR) p++;
          if (p >= n && !final) return null;
          field += buf.slice(s, p);
        }
      } else {
        const s = p;
        let quoteInside = false;
        while (p < n) {
          const c = buf.charCodeAt(p);
          if (c === d || c === LF || c === CR) break;
          if (c === QUOTE) quoteInside = true;
          p++;
        }
        if (p >= n && !final) return null;
        if (quoteInside) problems.push({ line, message: 'Guillemet au milieu d’un champ non entouré de guillemets.' });
        field = buf.slice(s, p);
      }
      fields.push(detached(field));
      if (p >= n) break;
      const c = buf.charCodeAt(p);
      if (c === d) {
        p++;
        if (p >= n && !final) return null;
        continue;
      }
      if (c === CR) {
        if (p + 1 >= n && !final) return null;
        p += buf.charCodeAt(p + 1) === LF ? 2 : 1;
      } else p++;
      line++;
      break;
    }
    this.pos = p;
    this.line = line;
    this.problems.push(...problems);
    return { line: start, fields };
  }
}

/** Every record of a text (small files, tests), with the problems found. */
export function readCsvText(
  text: string,
  options: { delimiter?: string } = {},
): { rows: CsvRow[]; problems: CsvProblem[] } {
  const reader = new CsvReader(options);
  reader.push(text, true);
  const rows: CsvRow[] = [];
  for (let r = reader.take(); r; r = reader.take()) rows.push(r);
  return { rows, problems: reader.problems };
}

export type TextEncodingName = 'utf-8' | 'windows-1252';

/** Thrown by `decodeChunks` when bytes are not UTF-8 (the caller reads the file again as Windows-1252). */
export class NotUtf8Error extends Error {}

/** Bytes to text, chunk by chunk: UTF-8 (a byte-order mark dropped) or Windows-1252. */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array | string>,
  encoding: TextEncodingName,
): AsyncGenerator<string> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    if (encoding === 'windows-1252') {
      yield iconv.decode(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength), 'win1252');
      continue;
    }
    try {
      yield utf8.decode(chunk, { stream: true });
    } catch {
      throw new NotUtf8Error('not utf-8');
    }
  }
  if (encoding === 'utf-8') {
    try {
      const rest = utf8.decode();
      if (rest) yield rest;
    } catch {
      throw new NotUtf8Error('not utf-8');
    }
  }
}

/**
 * The records of a stream of text chunks, one at a time; problems go to `onProblem` as they are found. The
 * generator pauses between chunks, so a caller may yield to the event loop while reading a large file.
 */
export async function* csvRows(
  texts: AsyncIterable<string>,
  onProblem: (p: CsvProblem) => void,
  options: { delimiter?: string } = {},
): AsyncGenerator<CsvRow> {
  const reader = new CsvReader(options);
  const drain = function* () {
    for (let r = reader.take(); r; r = reader.take()) {
      for (const p of reader.problems.splice(0)) onProblem(p);
      yield r;
    }
    for (const p of reader.problems.splice(0)) onProblem(p);
  };
  for await (const text of texts) {
    reader.push(text, false);
    yield* drain();
  }
  reader.push('', true);
  yield* drain();
}
