// The cases of the field catalogue against files in the Interconnectés layouts, written once: fields.test.ts runs
// them on our fixtures (test/fixtures/interconnectes/), fields.shared.test.ts on the real files of ../shared/data.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { FIELDS, INTERCONNECTES_FULL_COLUMNS, INTERCONNECTES_PUBLIC_COLUMNS, ORGANISATION_COLUMNS } from './fields.ts';

/** Where the Interconnectés files come from: a reader of a path under the data folder, and the full model's path. */
export interface InterconnectesFilesSource {
  /** The UTF-8 text of a file, e.g. read('interconnectes/schema.json'). */
  read(path: string): string;
  /** The path of the full-model CSV (its name differs between the real folder and our fixtures). */
  fullModel: string;
}

/** Declares the cases that compare the field catalogue with the Interconnectés files of `source`. */
export function interconnectesFieldCases(source: InterconnectesFilesSource): void {
  const data = source.read;

  it('covers every field of the Interconnectés schema and of both of their files', () => {
    const schema = JSON.parse(data('interconnectes/schema.json')) as { fields: { name: string }[] };
    const names = new Set<string>();
    for (const f of FIELDS) {
      if (f.interconnectes?.schema) names.add(f.interconnectes.schema);
      if (f.interconnectes?.full) names.add(f.interconnectes.full);
    }
    for (const c of ORGANISATION_COLUMNS) {
      names.add(c.interconnectes.schema);
      names.add(c.interconnectes.full);
    }
    for (const f of schema.fields) assert.ok(names.has(f.name), `schema.json : ${f.name}`);
    const header = data('interconnectes/data.csv').split('\n')[0]!.trim().split(',');
    assert.deepEqual(header, [...INTERCONNECTES_PUBLIC_COLUMNS]);
    for (const c of INTERCONNECTES_PUBLIC_COLUMNS) assert.ok(names.has(c), c);
    const fullHeader = data(source.fullModel).split('\n')[0]!.trim().split(',');
    assert.deepEqual(fullHeader, [...INTERCONNECTES_FULL_COLUMNS]);
    for (const c of INTERCONNECTES_FULL_COLUMNS) assert.ok(names.has(c), c);
  });

  it('follows the access marks of the Interconnectés data model, with documented exceptions', () => {
    // Rows of the table in data-model.md: | NOM | CHAMP | CATEGORIE | TYPE | REQUIS | DESCRIPTION | ACCES |
    const marks = new Map<string, string>();
    for (const line of data('interconnectes/data-model.md').split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      const access = cells.at(-2);
      if (access !== 'Public' && access !== 'Restreint') continue;
      for (const cell of cells) if (/^[A-Za-z_]+$/.test(cell)) marks.set(cell.toLowerCase(), access);
    }
    assert.ok(marks.size >= 25, 'tableau lu');
    let checked = 0;
    for (const f of FIELDS) {
      const name = f.interconnectes?.schema?.toLowerCase();
      const mark = name ? marks.get(name) : undefined;
      if (!mark) continue;
      checked++;
      const expected = mark === 'Public' ? 'public' : 'members';
      if (f.access !== expected)
        assert.ok(f.accessNote, `${f.key} : ${f.access} au lieu de ${expected}, sans explication`);
    }
    assert.ok(checked >= 25, `${checked} champs comparés`);
    // The only field opened further than Interconnectés: the AI techniques.
    const opened = FIELDS.filter(
      (f) =>
        f.interconnectes?.schema &&
        marks.get(f.interconnectes.schema.toLowerCase()) === 'Restreint' &&
        f.access === 'public',
    ).map((f) => f.key);
    assert.deepEqual(opened, ['techniques']);
  });
}
