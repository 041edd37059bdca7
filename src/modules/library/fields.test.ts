// The field catalogue of a use case: keys, labels, access levels and the columns of the exchange formats.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureText } from '../../../test/helpers/fixtures.ts';
import {
  emptyContent,
  FIELDS,
  INTERCONNECTES_FULL_COLUMNS,
  INTERCONNECTES_PUBLIC_COLUMNS,
  ORGANISATION_COLUMNS,
  openDataFieldDocumentation,
} from './fields.ts';
import { referenceList } from './reference.ts';

// Our files in the Interconnectés layouts (test/fixtures/interconnectes/: their headers, their schema's field names,
// their access table); the same cases on their real files: fields.shared.test.ts.
const data = (path: string) => fixtureText(path);
const schema = JSON.parse(data('interconnectes/schema.json')) as { fields: { name: string }[] };

/** The attributes of the Eurocities Algorithmic Transparency Standard, data schema v0.3.1. */
const ATS_ATTRIBUTES = new Set([
  'standard_version',
  'uuid',
  'lang',
  'publication_date',
  'last_change_date',
  'revision_date',
  'revision_note',
  'keywords',
  'name',
  'organization',
  'department',
  'country',
  'contact_email',
  'contact_phone',
  'contact_name',
  'description_short',
  'website',
  'status',
  'remark',
  'decision_making_process',
  'domain',
  'area',
  'goal',
  'impact',
  'risks',
  'risk_category',
  'proportionality',
  'lawful_basis',
  'documentation',
  'training_data',
  'source_data',
  'data_bias',
  'connected_data_sources',
  'DPIA_description',
  'DPIA_url',
  'description',
  'algorithm_type',
  'methods_and_models',
  'performance',
  'alternatives_considered',
  'product_information',
  'codebase_url',
  'product_page',
  'AIA_description',
  'AIA_url',
  'type',
  'monitoring',
  'human_intervention',
  'objection_procedure',
  'rollback',
]);

describe('field catalogue', () => {
  it('describes every content key exactly once', () => {
    const keys = FIELDS.map((f) => f.key);
    assert.equal(new Set(keys).size, keys.length);
    assert.deepEqual([...keys].sort(), Object.keys(emptyContent()).sort());
  });

  it('gives every field a French label, a type and, for coded fields, an existing list', () => {
    for (const f of FIELDS) {
      assert.ok(f.label.length > 2, f.key);
      if (f.type === 'code' || f.type === 'codes') assert.ok(f.list && referenceList(f.list), f.key);
      if (f.required === 'always') assert.ok(f.requiredMessage, `${f.key} : message d’erreur`);
    }
  });

  it('covers every field of the Interconnectés schema and of both of their files', () => {
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
    const fullHeader = data('interconnectes/full-model.csv').split('\n')[0]!.trim().split(',');
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

  it('keeps personal and internal information restricted', () => {
    const access = (key: string) => FIELDS.find((f) => f.key === key)!.access;
    assert.equal(access('contactEmail'), 'members');
    assert.equal(access('contactName'), 'members');
    assert.equal(access('internalNotes'), 'editors');
    assert.equal(access('budgetDetails'), 'editors');
    assert.equal(access('title'), 'public');
    assert.equal(access('objectionProcedure'), 'public');
  });

  it('names only attributes of the Eurocities transparency standard', () => {
    for (const f of FIELDS) if (f.ats) assert.ok(ATS_ATTRIBUTES.has(f.ats), `${f.key} -> ${f.ats}`);
    for (const c of ORGANISATION_COLUMNS) if (c.ats) assert.ok(ATS_ATTRIBUTES.has(c.ats), c.key);
  });

  it('documents the open-data fields: public ones only, with their Interconnectés column', () => {
    const doc = openDataFieldDocumentation();
    assert.ok(doc.every((d) => d.access === 'public'));
    assert.ok(!doc.some((d) => d.key === 'internalNotes' || d.key === 'contactEmail'));
    for (const column of INTERCONNECTES_PUBLIC_COLUMNS) {
      assert.ok(
        doc.some((d) => d.interconnectesColumn === column),
        `colonne ${column} documentée`,
      );
    }
  });
});
