import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { CsvReader, countLineBreaks, csvRows, decodeChunks, NotUtf8Error, readCsvText } from './csv-reader.ts';

const lines = (text: string) => readCsvText(text).rows.map((r) => [r.line, r.fields]);

async function* inPieces<T>(items: T[]): AsyncGenerator<T> {
  for (const i of items) yield i;
}

describe('line breaks in a run of text', () => {
  it('counts CRLF, LF and a lone CR once each, wherever they are', () => {
    assert.equal(countLineBreaks(''), 0);
    assert.equal(countLineBreaks('une cellule sans retour à la ligne'), 0);
    assert.equal(countLineBreaks('a\r\nb\nc\rd'), 3);
    assert.equal(countLineBreaks('\r\r\n\n\r'), 4);
    assert.equal(countLineBreaks('fin\r'), 1);
    assert.equal(countLineBreaks('\n\n'), 2);
  });
});

describe('streaming CSV reader', () => {
  const body = (eol: string) =>
    `a,b,c${eol}1,"deux${eol}lignes",x${eol}${eol}2,"dit ""oui""",y${eol}3,"un${eol}deux${eol}trois",z${eol}4,5,6`;
  const expected = (eol: string) => [
    [1, ['a', 'b', 'c']],
    [2, ['1', `deux${eol}lignes`, 'x']],
    [5, ['2', 'dit "oui"', 'y']],
    [6, ['3', `un${eol}deux${eol}trois`, 'z']],
    [9, ['4', '5', '6']],
  ];

  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR alone (old Mac files)', '\r'],
  ] as const) {
    it(`numbers the lines as an editor does with ${name} line ends, inside quoted cells too`, () => {
      assert.deepEqual(lines(body(eol)), expected(eol));
    });
  }

  it('gives the same records whatever the chunk boundaries (one character at a time)', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `\ufeff${body(eol)}${eol}`;
      const rows: [number, string[]][] = [];
      for await (const r of csvRows(inPieces([...text]), () => {})) rows.push([r.line, r.fields]);
      assert.deepEqual(rows, expected(eol), JSON.stringify(eol));
    }
  });

  it('reports a quote inside an unquoted cell, text after a closing quote, and a quote never closed, with their lines', () => {
    assert.deepEqual(readCsvText('a,b\r1,x"y\r').problems, [
      { line: 2, message: 'Guillemet au milieu d’un champ non entouré de guillemets.' },
    ]);
    assert.deepEqual(readCsvText('a,b\r\n"1"2,3\r\n').problems, [
      { line: 2, message: 'Caractère inattendu après un champ entre guillemets : « 2 ».' },
    ]);
    const open = readCsvText('a,b\r1,2\r3,"sans fin\r\r');
    assert.deepEqual(open.problems, [
      { line: 3, message: 'Guillemet ouvrant sans guillemet fermant : fin de fichier atteinte.' },
    ]);
  });

  it('detects semicolons from the header line and keeps empty cells', () => {
    const reader = new CsvReader();
    reader.push('Nom;Projet;"a,b"\r', false);
    reader.push(';;\r', true);
    assert.deepEqual(reader.take()!.fields, ['Nom', 'Projet', 'a,b']);
    assert.deepEqual(reader.take()!.fields, ['', '', '']);
    assert.equal(reader.take(), null);
  });

  it('decodes UTF-8 split inside a character, and says when bytes are not UTF-8', async () => {
    const bytes = Buffer.from('Métropole', 'utf8');
    const parts = [bytes.subarray(0, 2), bytes.subarray(2)];
    let text = '';
    for await (const t of decodeChunks(inPieces(parts), 'utf-8')) text += t;
    assert.equal(text, 'Métropole');
    const latin = iconv.encode('Métropole – œuvre', 'win1252');
    await assert.rejects(async () => {
      for await (const _ of decodeChunks(inPieces([latin]), 'utf-8')) {
        // reading
      }
    }, NotUtf8Error);
    text = '';
    for await (const t of decodeChunks(inPieces([latin]), 'windows-1252')) text += t;
    assert.equal(text, 'Métropole – œuvre');
  });
});
