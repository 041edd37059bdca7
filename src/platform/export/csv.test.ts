// The one CSV writer: formulas neutralised, RFC 4180 quoting, the French-office and machine dialects, streaming.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CsvSeparatorQuery,
  csvCell,
  csvChunks,
  csvDialectOf,
  csvLine,
  FRENCH_OFFICE,
  frenchDate,
  MACHINE,
  neutraliseFormula,
  parisDateTime,
  toCsv,
} from './csv.ts';
import { INJECTION_CORPUS } from './test-support.ts';

/** A small RFC 4180 reader for the test (platform code cannot use the library's reader). */
function parseCsv(input: string, options: { delimiter?: string } = {}) {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const delimiter = options.delimiter ?? (text.split('\r\n')[0]!.includes(';') ? ';' : ',');
  const records: { fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      fields.push(field);
      records.push({ fields });
      fields = [];
      field = '';
      i++;
    } else field += c;
  }
  return { delimiter, records };
}

test('every cell of the injection corpus starts with an apostrophe, whichever dialect', () => {
  for (const dialect of [FRENCH_OFFICE, MACHINE]) {
    for (const hostile of INJECTION_CORPUS) {
      const line = csvLine([hostile], dialect);
      const parsed = parseCsv(line, { delimiter: dialect.delimiter });
      assert.equal(parsed.records[0]!.fields[0], `'${hostile}`, `${JSON.stringify(hostile)} in ${dialect.delimiter}`);
    }
  }
});

test('numbers, and numbers written as text, are not neutralised', () => {
  assert.equal(neutraliseFormula('-3'), '-3');
  assert.equal(neutraliseFormula('-2,5'), '-2,5');
  assert.equal(csvCell(-3), '-3');
  assert.equal(csvCell(-2.5, FRENCH_OFFICE), '-2,5');
  assert.equal(csvCell(-2.5, MACHINE), '-2.5');
  assert.equal(neutraliseFormula('Rennes = ville'), 'Rennes = ville');
  assert.equal(neutraliseFormula('+33 6 12 34 56 78'), "'+33 6 12 34 56 78");
});

test('quotes a cell holding the delimiter, a quote, a line break or edge spaces, and nothing else', () => {
  assert.equal(csvCell('Rennes'), 'Rennes');
  assert.equal(csvCell('Ateliers ; débats', FRENCH_OFFICE), '"Ateliers ; débats"');
  assert.equal(csvCell('Ateliers ; débats', MACHINE), 'Ateliers ; débats');
  assert.equal(csvCell('Nantes, Angers', MACHINE), '"Nantes, Angers"');
  assert.equal(csvCell('Nantes, Angers', FRENCH_OFFICE), 'Nantes, Angers');
  assert.equal(csvCell('dit "oui"'), '"dit ""oui"""');
  assert.equal(csvCell('deux\nlignes'), '"deux\nlignes"');
  assert.equal(csvCell(' espace'), '" espace"');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(undefined), '');
  assert.equal(csvCell(true), 'Oui');
});

test('a file written then read gives back the same cells (round trip through the reader)', () => {
  const rows = [
    ['Nom', 'Valeur'],
    ['a;b,c', 'dit "oui"\r\net « non »'],
    ['', ' x '],
  ];
  for (const dialect of [FRENCH_OFFICE, MACHINE]) {
    const parsed = parseCsv(toCsv(rows, dialect));
    assert.equal(parsed.delimiter, dialect.delimiter);
    assert.deepEqual(
      parsed.records.map((r) => r.fields),
      rows,
    );
  }
});

test('the French-office dialect starts with a byte-order mark and uses semicolons; the machine one does not', () => {
  assert.equal(toCsv([['a', 'b']]), '\uFEFFa;b\r\n');
  assert.equal(toCsv([['a', 'b']], MACHINE), 'a,b\r\n');
  assert.equal(csvDialectOf({ separateur: 'virgule' }), MACHINE);
  assert.equal(csvDialectOf({ separateur: 'point-virgule' }), FRENCH_OFFICE);
  assert.equal(csvDialectOf({}), FRENCH_OFFICE);
  assert.ok(CsvSeparatorQuery.properties.separateur);
});

test('dates are written at the time of Paris (summer and winter) for people, in ISO 8601 for programs', () => {
  assert.equal(parisDateTime('2026-03-01T08:05:00Z'), '01/03/2026 09:05');
  assert.equal(parisDateTime('2026-07-14T22:30:00Z'), '15/07/2026 00:30');
  assert.equal(frenchDate('2026-03-01'), '01/03/2026');
  const d = new Date('2026-07-14T22:30:00Z');
  assert.equal(csvCell(d, FRENCH_OFFICE), '15/07/2026 00:30');
  assert.equal(csvCell(d, MACHINE), '2026-07-14T22:30:00.000Z');
});

test('streams rows from an async iterable in chunks, the header first, nothing lost between chunks', async () => {
  async function* rows() {
    for (let i = 0; i < 5000; i++) yield [i, `=ligne ${i}`, 'x'.repeat(30)];
  }
  const chunks: string[] = [];
  for await (const c of csvChunks(['n', 'texte', 'remplissage'], rows())) chunks.push(c);
  assert.ok(chunks.length > 1, 'several chunks');
  const parsed = parseCsv(chunks.join(''));
  assert.equal(parsed.records.length, 5001);
  assert.deepEqual(parsed.records[0]!.fields, ['n', 'texte', 'remplissage']);
  assert.deepEqual(parsed.records[4000]!.fields.slice(0, 2), ['3999', "'=ligne 3999"]);
});
