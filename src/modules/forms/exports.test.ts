import assert from 'node:assert/strict';
import type { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { MACHINE } from '../../platform/export/csv.ts';
import { type Answers, answerCells, type Form, questionsJson, streamExport, unionQuestions } from './index.ts';

const form: Form = {
  title: 'Export',
  language: 'fr',
  pages: [
    {
      id: 'p1',
      title: 'Page',
      elements: [
        { id: 'nom', type: 'short_text', label: 'Nom' },
        { id: 'agents', type: 'number', label: 'Agents' },
        {
          id: 'outils',
          type: 'multiple_choice',
          label: 'Outils',
          choices: [
            { code: 'a', label: 'Alpha' },
            { code: 'b', label: 'Bêta, « deux »' },
          ],
          allowOther: true,
        },
      ],
    },
  ],
};

const responses: { id: number; answers: Answers }[] = [
  { id: 1, answers: { nom: '=SOMME(A1)', agents: 12, outils: ['a', 'other'], 'outils.other': 'Gamma' } },
  { id: 2, answers: { nom: 'Ligne\nsuivante', agents: 'douze' as unknown as number } },
];

const questions = unionQuestions([form]);
const exp = {
  header: ['réponse', ...questions.map((q) => q.label)],
  async *rows() {
    for (const r of responses) yield r;
  },
  cells: (r: (typeof responses)[number]) => [r.id, ...answerCells(questions, r.answers)],
  json: {
    head: { form: { title: form.title }, questions: questionsJson(questions) },
    listKey: 'responses',
    item: (r: (typeof responses)[number]) => ({ id: r.id, answers: r.answers }),
  },
  filenameBase: 'export-test',
};

async function bytes(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return Buffer.concat(chunks);
}

describe('streamed exports', () => {
  it('answer cells: labels, « Autre » with its text, numbers kept as numbers, raw values as typed', () => {
    assert.deepEqual(answerCells(questions, responses[0]!.answers), ['=SOMME(A1)', 12, 'Alpha ; Autre : Gamma']);
    assert.deepEqual(answerCells(questions, responses[1]!.answers), ['Ligne\nsuivante', 'douze', '']);
  });

  it('CSV for French offices by default: byte-order mark, semicolons, quoting, formulas neutralised, CRLF', async () => {
    const out = streamExport('csv', exp);
    assert.equal(out.filename, 'export-test.csv');
    assert.equal(out.contentType, 'text/csv; charset=utf-8');
    const text = (await bytes(out.body)).toString('utf8');
    assert.equal(
      text,
      '\uFEFFréponse;Nom;Agents;Outils\r\n' +
        `1;'=SOMME(A1);12;"Alpha ; Autre : Gamma"\r\n` +
        '2;"Ligne\nsuivante";douze;\r\n',
    );
  });

  it('CSV for programs on request: commas, no byte-order mark, formulas still neutralised', async () => {
    const out = streamExport('csv', exp, { csv: MACHINE });
    const text = (await bytes(out.body)).toString('utf8');
    assert.equal(
      text,
      'réponse,Nom,Agents,Outils\r\n' + `1,'=SOMME(A1),12,Alpha ; Autre : Gamma\r\n` + '2,"Ligne\nsuivante",douze,\r\n',
    );
  });

  it('JSON: the head fields in order, then one item per response', async () => {
    const out = streamExport('json', exp);
    const text = (await bytes(out.body)).toString('utf8');
    assert.ok(text.startsWith('{"form":{"title":"Export"},"questions":[{"id":"nom"'));
    assert.ok(text.endsWith('\n]}\n'));
    const doc = JSON.parse(text);
    assert.deepEqual(
      doc.responses.map((r: { id: number }) => r.id),
      [1, 2],
    );
    assert.deepEqual(
      doc.questions[2].choices,
      form.pages[0]!.elements[2]!.type === 'multiple_choice' ? form.pages[0]!.elements[2]!.choices : [],
    );
  });

  it('JSON of no response is a valid document with an empty list', async () => {
    const out = streamExport('json', { ...exp, async *rows() {} });
    assert.deepEqual(JSON.parse((await bytes(out.body)).toString('utf8')).responses, []);
  });

  it('XLSX: one worksheet, the header then one row per response, numbers as numbers', async () => {
    const out = streamExport('xlsx', exp);
    assert.equal(out.filename, 'export-test.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytes(out.body)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Réponses')!;
    assert.equal(sheet.rowCount, 3);
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['réponse', 'Nom', 'Agents', 'Outils']);
    assert.deepEqual((sheet.getRow(2).values as unknown[]).slice(1), [1, '=SOMME(A1)', 12, 'Alpha ; Autre : Gamma']);
  });

  it('XLSX typed cells: scale answers as numbers, date answers as dates, instants at the time of Paris', async () => {
    const typedForm: Form = {
      title: 'Types',
      language: 'fr',
      pages: [
        {
          id: 'p1',
          title: 'Page',
          elements: [
            { id: 'note', type: 'scale', label: 'Note', max: 5 },
            { id: 'debut', type: 'date', label: 'Début' },
          ],
        },
      ],
    };
    const qs = unionQuestions([typedForm]);
    const out = streamExport('xlsx', {
      ...exp,
      header: ['envoyée le', ...qs.map((q) => q.label)],
      async *rows() {
        yield { id: 1, answers: { note: 4, debut: '2026-03-01' } as Answers };
      },
      cells: (r: { id: number; answers: Answers }) => [new Date('2026-07-14T08:05:00Z'), ...answerCells(qs, r.answers)],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytes(out.body)) as unknown as ArrayBuffer);
    const row = workbook.getWorksheet('Réponses')!.getRow(2);
    const sent = row.getCell(1);
    assert.ok(sent.value instanceof Date);
    assert.equal((sent.value as Date).toISOString(), '2026-07-14T10:05:00.000Z', '10:05 à Paris (heure d’été)');
    assert.equal(sent.numFmt, 'dd/mm/yyyy hh:mm');
    assert.equal(row.getCell(2).value, 4);
    assert.ok(row.getCell(3).value instanceof Date);
    assert.equal(row.getCell(3).numFmt, 'dd/mm/yyyy');
  });

  it('XLSX: a failing row source ends the stream with the error, after telling onError', async () => {
    let heard: unknown;
    const out = streamExport(
      'xlsx',
      {
        ...exp,
        // biome-ignore lint/correctness/useYield: the source fails before its first row.
        async *rows() {
          throw new Error('base indisponible');
        },
      },
      { onError: (e) => (heard = e) },
    );
    await assert.rejects(bytes(out.body), /base indisponible/);
    assert.match(String(heard), /base indisponible/);
  });
});
