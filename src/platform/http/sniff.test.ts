import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sniff, uploadProblem } from './sniff.ts';

const hex = (h: string) => Buffer.from(h, 'hex');
const file = (filename: string, mimetype: string, data: Buffer | string) => ({
  filename,
  mimetype,
  data: Buffer.isBuffer(data) ? data : Buffer.from(data),
});

test('the kind of a file is read from its first bytes', () => {
  assert.equal(sniff(hex('504b0304140000000800')), 'zip');
  assert.equal(sniff(hex('d0cf11e0a1b11ae10000')), 'ole');
  assert.equal(sniff(Buffer.from('%PDF-1.7\n')), 'pdf');
  assert.equal(sniff(hex('89504e470d0a1a0a0000')), 'png');
  assert.equal(sniff(hex('ffd8ffe000104a464946')), 'jpeg');
  assert.equal(sniff(Buffer.from('GIF89a')), 'gif');
  assert.equal(sniff(Buffer.concat([Buffer.from('RIFF'), hex('00000000'), Buffer.from('WEBPVP8 ')])), 'webp');
  assert.equal(sniff(Buffer.from('\ufeff  {"pages": []}')), 'json');
  assert.equal(sniff(Buffer.from('<?xml version="1.0"?><document/>')), 'xml');
  assert.equal(sniff(Buffer.from('siren;contact\n213502388;a@b.fr\n')), 'text');
  assert.equal(sniff(Buffer.from('s\u0000i\u0000r\u0000e\u0000n\u0000')), 'binary');
});

test('a file is accepted when its content matches its name, else refused with a French reason', () => {
  assert.equal(uploadProblem(file('liste.csv', 'text/csv', 'siren\n213502388\n')), null);
  // Windows declares CSV files as Excel: the name decides.
  assert.equal(uploadProblem(file('liste.csv', 'application/vnd.ms-excel', 'siren\n')), null);
  assert.equal(uploadProblem(file('q.json', 'application/octet-stream', '{"title":"Q"}')), null);
  assert.equal(uploadProblem(file('enquete.lss', 'application/octet-stream', '<?xml version="1.0"?><x/>')), null);
  assert.equal(uploadProblem(file('fiches.xlsx', 'application/octet-stream', hex('504b030414000000'))), null);
  // No claim that can be checked: left to the route.
  assert.equal(uploadProblem(file('notes', 'application/octet-stream', hex('00010203'))), null);
  assert.match(
    uploadProblem(file('fiches.xlsx', 'text/csv', 'siren\n')) ?? '',
    /annoncé comme une archive .* son contenu est du texte/,
  );
  assert.match(uploadProblem(file('photo.png', 'image/png', '<svg onload="x()">')) ?? '', /ne correspond pas/);
  assert.match(uploadProblem(file('liste.csv', 'text/csv', hex('89504e470d0a1a0a'))) ?? '', /une image PNG/);
  assert.match(uploadProblem(file('liste.csv', 'text/csv', 'a\u0000b')) ?? '', /caractères nuls/);
});
